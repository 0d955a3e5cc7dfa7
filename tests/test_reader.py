"""What readers of the book see: reader tables, findings, key figures, the data behind charts, the fold rule."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import book, reader, series


@pytest.fixture(scope="module")
def mines() -> pd.DataFrame:
    coal = series.coal_output()
    return coal[coal["kind"].eq("colony mine")].sort_values(["entity", "period_start"])


def test_numbers_read_as_written_whole_numbers_without_point_zero():
    assert reader.number_text(1728.0) == "1,728"
    assert reader.number_text(27.60123) == "27.6012"
    assert reader.number_text(0.5) == "0.5"
    assert reader.number_text(1234.5, decimals=2) == "1,234.50"
    assert reader.number_text(float("nan")) == reader.number_text(pd.NA) == reader.MISSING


def test_every_field_of_the_schema_has_a_title_in_words():
    untitled = [(r["name"], f["name"]) for r in kd.descriptor()["resources"] for f in r["schema"]["fields"]
                if not f.get("title")]
    assert not untitled
    assert all("_" not in t for t in reader.field_titles().values())


def test_a_reader_table_words_headers_units_periods_and_sources(mines):
    t = reader.table(mines, ["entity", "period", "value", "unit", "basis", "claim_ids"])
    cols = list(t.frame.columns)
    assert "unit" not in cols and f"figure ({mines['unit'].iloc[0].replace('_', ' ')})" in cols
    assert not any("_" in c for c in cols)
    assert not t.frame.apply(lambda c: c.str.endswith(".0")).any().any()
    first = mines.iloc[0]
    assert t.frame["date or period"].iloc[0] == kd.dates.period_label(
        first["period_start"], first["period_end"], first["date_precision"])
    label = kd.sources().set_index("source_id").at[first["source_ids"], "citation_label"]
    assert t.frame[reader.SOURCE_HEADER].iloc[0] == f"{label} {first['claim_ids']}"
    page = t._repr_html_()
    assert "<th>" in page and f'<code class="kd-qid">{first["claim_ids"]}</code>' in page and "overflow-x:auto" in page
    assert t.ids[0] == [first["claim_ids"]]


def test_a_reader_table_escapes_markup_and_names_a_missing_column(mines):
    t = reader.table(pd.DataFrame({"quote": ['<b>"bold"</b> & co']}))
    assert "&lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co" in t._repr_html_()
    with pytest.raises(KeyError, match="no column \\['valu'\\]"):
        reader.table(mines, ["valu"])


def test_a_row_id_that_does_not_exist_fails_with_the_fix():
    with pytest.raises(KeyError, match="not a source_id, claim_id or event_id"):
        reader.table(pd.DataFrame({"claim_ids": ["no_such_claim"]}))


def test_findings_are_markdown_that_shows_dollars_and_stars_as_text():
    shown = reader.findings(["$300 a head", "a *star*"])
    assert shown._repr_markdown_() == "- \\$300 a head\n- a \\*star\\*\n"
    assert repr(shown) == "- $300 a head\n- a *star*"
    with pytest.raises(ValueError):
        reader.findings([])


def test_key_figures_check_their_ids():
    box = reader.key_figures([("402", "claims", ["exh_farm_area"])])
    assert "<code>exh_farm_area</code>" in box._repr_html_()
    with pytest.raises(KeyError):
        reader.key_figures([("1", "x", ["no_such_id"])])


def test_chart_data_carries_exactly_the_rows_drawn(mines):
    data, meta = reader.chart_data(mines, "test-mines")._repr_mimebundle_()
    back = pd.read_csv(__import__("io").StringIO(data[reader.CSV_MIME]))
    assert len(back) == len(mines) and list(back["claim_ids"]) == list(mines["claim_ids"])
    assert meta[reader.CSV_MIME]["filename"] == "test-mines.csv"
    assert 'href="figure-data/test-mines.csv"' in data["text/html"]
    with pytest.raises(ValueError, match="no id column"):
        reader.chart_data(mines.drop(columns=["claim_ids"]), "x")
    with pytest.raises(ValueError, match="slug"):
        reader.chart_data(mines, "two words")


def test_the_fold_rule_folds_chapters_whole_and_seminars_setup_only():
    code = {"cell_type": "code", "metadata": {}, "source": "x = 1"}
    solution = {"cell_type": "code", "metadata": {"tags": ["solution", "hide-cell"]}, "source": ""}
    assert book.fold_rule("notebooks/02-coal.ipynb", 5, code)
    assert book.fold_rule("notebooks/seminar/01-x.ipynb", 0, code)
    assert not book.fold_rule("notebooks/seminar/01-x.ipynb", 1, code)
    assert not book.fold_rule("notebooks/seminar/01-x.ipynb", 2, solution)
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# t"}, code, dict(code)]}
    folded = json.loads(book.fold_code("notebooks/02-coal.ipynb", json.dumps(nb)))
    assert [c["metadata"].get("tags") for c in folded["cells"]] == [None, ["hide-input"], ["hide-input"]]


def test_chart_data_files_are_written_beside_their_pages(tmp_path, mines):
    data, meta = reader.chart_data(mines, "m")._repr_mimebundle_()
    out = {"output_type": "display_data", "data": data, "metadata": meta}
    nb = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "outputs": [out]}]}
    (tmp_path / "notebooks" / "seminar").mkdir(parents=True)
    for name in ("notebooks/a.ipynb", "notebooks/seminar/b.ipynb"):
        (tmp_path / name).write_text(json.dumps(nb), encoding="utf-8")
    written = book.write_chart_data([tmp_path / "notebooks/a.ipynb", tmp_path / "notebooks/seminar/b.ipynb"],
                                    tmp_path, tmp_path / "out")
    assert [p.relative_to(tmp_path / "out").as_posix() for p in written] == [
        "notebooks/figure-data/m.csv", "notebooks/seminar/figure-data/m.csv"]
    assert written[0].read_text(encoding="utf-8") == data[reader.CSV_MIME]
    nb["cells"][0]["outputs"].append(out)
    (tmp_path / "notebooks/a.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ValueError, match="share the data file name"):
        book.chart_data_files(tmp_path / "notebooks/a.ipynb")
