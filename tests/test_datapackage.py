"""data/datapackage.json is the one schema: Frictionless accepts it and the loaders follow it."""

from __future__ import annotations

import pandas as pd
import pytest
from frictionless import validate

import kuzbas_data as kd
from conftest import REPO


def test_frictionless_validates_the_data_package():
    report = validate(REPO / "data" / "datapackage.json")
    problems = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    assert report.valid, "\n".join(problems[:20])


@pytest.mark.parametrize("name", kd.table_names())
def test_loader_types_follow_the_schema(name):
    frame = kd.read_table(name)
    fields = kd.datapackage.resource(name)["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    expected = {"string": "string", "integer": "Int64", "number": "Float64", "date": "datetime64[s]"}
    for field in fields:
        dtype = frame[field["name"]].dtype
        if "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
            assert list(dtype.categories) == field["constraints"]["enum"]
        else:
            assert str(dtype) == expected[field["type"]], field["name"]


@pytest.mark.parametrize("name", kd.table_names())
def test_every_row_of_the_file_is_loaded(name):
    path = REPO / "data" / kd.datapackage.resource(name)["path"]
    import csv
    with path.open(encoding="utf-8", newline="") as f:
        n_rows = sum(1 for _ in csv.reader(f)) - 1
    assert len(kd.read_table(name)) == n_rows


def test_the_five_documents_are_registered():
    sources = kd.sources().set_index("source_id")
    five = sources[sources["text_file"].str.startswith("sources/", na=False)]
    assert len(five) == 5
    assert five.loc["yamanouchi2025", "address"] == "https://doi.org/10.15017/7390867"


def test_source_texts_named_in_the_register_exist(texts_root):
    files = kd.sources()["text_file"].dropna().unique()
    missing = [f for f in files if not (texts_root / f).is_file()]
    assert not missing, f"not found under {texts_root}: {missing}"


def test_a_field_name_has_one_title_in_every_table():
    # Reader tables take a column's header from its field title by name (reader.field_titles),
    # so two tables that name a field alike must title it alike.
    from collections import defaultdict
    from kuzbas_data.datapackage import descriptor
    titles = defaultdict(set)
    for res in descriptor()["resources"]:
        for field in res["schema"]["fields"]:
            titles[field["name"]].add(field.get("title"))
    assert {name: t for name, t in titles.items() if len(t) > 1} == {}
