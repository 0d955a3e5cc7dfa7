"""Each validation rule catches a deliberately broken copy of the data, with a named fix."""

from __future__ import annotations

import csv
import shutil

import pytest

import kuzbas_data as kd
from conftest import REPO


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def edit(folder, table, key, row_id, column, value):
    """Set one cell of one row in the copy, keeping everything else as it was."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    (hit,) = [r for r in rows if r[key] == row_id]
    hit[column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows.index(hit) + 2  # spreadsheet row


def messages(folder, texts=None):
    return [str(p) for p in kd.check(data_dir=folder, texts=texts).problems]


def test_the_packaged_data_has_no_problems(texts_root):
    report = kd.check(texts=texts_root)
    assert report.problems == [] and report.skipped == []


def test_validate_raises_listing_every_problem(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "source_id", "nowhere")
    with pytest.raises(kd.DataError, match=r"1 problem\(s\):\n  data/claims.csv, row \d+"):
        kd.validate(data_dir=data_copy)


def test_unknown_source(data_copy):
    row = edit(data_copy, "claims", "claim_id", "exh_farm_area", "source_id", "wiki")
    assert (f"data/claims.csv, row {row} (claim_id 'exh_farm_area'), column 'source_id': "
            "'wiki' is not in data/sources.csv — add it there or correct the id") in messages(data_copy)


def test_dangling_person_in_an_event(data_copy):
    row = edit(data_copy, "events", "event_id", "exh_first_party_arrived_kemerovo_1922_05_25",
               "person_ids", "rutgers;nobody")
    assert any(m.startswith(f"data/events.csv, row {row}") and "'nobody' is not in data/people.csv" in m
               for m in messages(data_copy))


def test_value_text_not_in_quote(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "value_text", "9,544")
    assert any("column 'value_text': the value_text is not part of the quote" in m for m in messages(data_copy))


def test_value_not_in_quote_without_a_note(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "value", "9545")
    assert any("column 'value': 9545 does not appear in the quote — correct the value, or say in notes"
               in m for m in messages(data_copy))


def test_bounds_out_of_order(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "value_high", "9000")
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "status", "at_most")
    assert any("(claim_id 'exh_farm_area'), column 'value_low': the bounds are out of order" in m
               for m in messages(data_copy))


def test_status_needs_its_cells(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "status", "range")
    assert any("status 'range' expects ['value_high', 'value_low'], but ['value'] are filled" in m
               for m in messages(data_copy))


def test_period_ends_before_it_starts(data_copy):
    edit(data_copy, "events", "event_id", "exh_first_party_arrived_kemerovo_1922_05_25", "date_end", "1922-05-01")
    assert any("column 'date_end': ends (1922-05-01) before it starts (1922-05-25)" in m
               for m in messages(data_copy))


def test_date_outside_the_window_needs_a_note(data_copy):
    edit(data_copy, "events", "event_id", "exh_first_party_arrived_kemerovo_1922_05_25", "date_start", "1892-05-25")
    assert any("1892-05-25–1922-05-25 lies outside the colony's years 1917–1932" in m
               for m in messages(data_copy))


def test_a_conflict_group_of_one(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "conflict_group", "farm_area_alone")
    assert any("conflict group 'farm_area_alone' has no other version — give the competing row" in m
               for m in messages(data_copy))


def test_spelling_not_in_its_quote(data_copy):
    path = data_copy / "person_names.csv"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    broken = first.replace(first.split(",")[1], "Rutgerz", 1)
    path.write_text(text.replace(first, broken, 1), encoding="utf-8")
    assert any("data/person_names.csv, row 2" in m and "'Rutgerz' is not in the quote" in m
               for m in messages(data_copy))


def test_quote_not_in_its_source(data_copy, texts_root):
    row = edit(data_copy, "claims", "claim_id", "exh_farm_area", "quote", "9544 ha of land were given to the farm.")
    assert (f"data/claims.csv, row {row} (claim_id 'exh_farm_area'), column 'quote': the quote is not in "
            "sources/001_71decc6cbf7216d5.txt — copy it again exactly from the source (only whitespace may differ)"
            ) in messages(data_copy, texts_root)


def test_quote_rule_is_reported_as_skipped_without_texts(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("KUZBAS_SOURCES", str(tmp_path / "absent"))
    report = kd.check(data_dir=data_copy)
    assert report.problems == []
    assert report.skipped == ["quotes were not checked against the source texts: set KUZBAS_SOURCES "
                              "to the folder of the five documents"]


def test_a_missing_source_text_is_a_problem(data_copy, tmp_path):
    empty = tmp_path / "empty_shared"
    empty.mkdir()
    assert any("column 'source_id': the source text" in m and "is missing" in m
               for m in messages(data_copy, empty))


def test_schema_breaks_are_reported_before_cross_checks(data_copy):
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "value", "9544 ha")
    (problem,) = messages(data_copy)
    assert problem.startswith("data/claims.csv, row ") and "column 'value': '9544 ha' is not a plain decimal" in problem


def test_command_line_reports_problems(data_copy, capsys):
    from kuzbas_data.__main__ import main
    edit(data_copy, "claims", "claim_id", "exh_farm_area", "unit", "")
    assert main(["validate", str(data_copy)]) == 1
    assert "column 'unit': a figure without a unit" in capsys.readouterr().out
