"""Bad data: corrupted copies of the tables fail with file, row, column and fix; nothing is written.

Each case corrupts one cell (or the file) of a copy of data/ in one way a user editing the
CSV files might, and asserts the problem that validation reports: which file, which
spreadsheet row (the header is row 1), which column, and the fix it names.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

import kuzbas_data as kd
from conftest import REPO

ARRIVAL = "exh_first_party_arrived_kemerovo_1922_05_25"


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def regroup(folder: Path, table: str, row_ids: list[str], group: str) -> int:
    """Put several rows into one conflict group; return the first one's spreadsheet row."""
    return min(edit(folder, table, row_id, "conflict_group", group) for row_id in row_ids)


def edit(folder: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row whose first column is ``row_id``; return its spreadsheet row."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    (index,) = [i for i, r in enumerate(rows) if r[0] == row_id]
    rows[index][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return index + 1


def duplicate_row(folder, table, row_id):
    path = folder / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith(row_id + ",")]
    path.write_text("".join(lines + [lines[index]]), encoding="utf-8")
    return len(lines) + 1


def rename_column(folder, table, old, new):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return 1


def truncate(folder, table):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    cut = text[: len(text) - 120]
    path.write_text(cut, encoding="utf-8")
    return cut.count("\n") + 1


def latin1_cell(folder, table, row_id):
    path = folder / f"{table}.csv"
    raw = path.read_bytes()
    start = raw.index(("\n" + row_id + ",").encode()) + 1
    row = raw[:start].count(b"\n") + 1
    path.write_bytes(raw[:start] + raw[start:].replace(b"Kemerovo", b"Kemer\xf6vo", 1))
    return row


# (case, corrupt(folder) -> row, file, column, words of the problem, words of the fix)
CASES = [
    ("unknown source", lambda d: edit(d, "claims", "exh_farm_area", "source_id", "wiki"),
     "data/claims.csv", "source_id", "'wiki' is not in data/sources.csv", "add it there or correct the id"),
    ("duplicate id", lambda d: duplicate_row(d, "claims", "exh_farm_area"),
     "data/claims.csv", "claim_id", "the id 'exh_farm_area' is used twice", "give each row its own id"),
    ("missing quote", lambda d: edit(d, "claims", "exh_farm_area", "quote", ""),
     "data/claims.csv", "quote", "the cell is empty but the field is required", "fill it in"),
    ("value outside its range", lambda d: (edit(d, "claims", "exh_farm_area", "status", "at_most"),
                                           edit(d, "claims", "exh_farm_area", "value_high", "9000"))[1],
     "data/claims.csv", "value_low", "the bounds are out of order", "swap or correct them"),
    ("unknown unit", lambda d: edit(d, "claims", "exh_farm_area", "unit", "hectares"),
     "data/claims.csv", "unit", "'hectares' is not one of the allowed values", "add it to the field's enum"),
    ("malformed date", lambda d: edit(d, "events", ARRIVAL, "date_start", "25.V.1922"),
     "data/events.csv", "date_start", "'25.V.1922' is not an ISO date", "write an ISO date like 1923-09-30"),
    ("period end before start", lambda d: edit(d, "events", ARRIVAL, "date_end", "1922-05-01"),
     "data/events.csv", "date_end", "ends (1922-05-01) before it starts (1922-05-25)", "swap or correct the dates"),
    ("dangling place", lambda d: edit(d, "events", ARRIVAL, "place_id", "atlantis"),
     "data/events.csv", "place_id", "'atlantis' is not in data/places.csv", "add it there or correct the id"),
    ("dangling person", lambda d: edit(d, "events", ARRIVAL, "person_ids", "rutgers;nobody"),
     "data/events.csv", "person_ids", "'nobody' is not in data/people.csv", "add it there or correct the id"),
    ("broken conflict group", lambda d: edit(d, "claims", "exh_farm_area", "conflict_group", "farm_area_alone"),
     "data/claims.csv", "conflict_group", "conflict group 'farm_area_alone' has no other version",
     "give the competing row the same group"),
    ("one source repeating itself", lambda d: regroup(d, "events", ["yam_aic_liquidated_1927_01_01",
                                                                   "yam_tbl_liquidation_1927_01_01"], "echo"),
     "data/events.csv", "conflict_group", "conflict group 'echo' has no other version: its 2 rows repeat one source",
     "give the competing row the same group"),
    ("non-numeric value", lambda d: edit(d, "claims", "exh_farm_area", "value", "9544 ha"),
     "data/claims.csv", "value", "'9544 ha' is not a plain decimal", "no thousands separator, no unit"),
    ("wrong column name", lambda d: rename_column(d, "claims", "value_text", "value_txt"),
     "data/claims.csv", None, "(missing ['value_text'], unexpected ['value_txt'])", "rename or reorder the columns"),
    ("truncated file", lambda d: truncate(d, "claims"),
     "data/claims.csv", None, "the file may be truncated", "restore the row from git"),
    ("wrong encoding", lambda d: latin1_cell(d, "places", "kemerovo"),
     "data/places.csv", None, "is not valid UTF-8", "save the file as UTF-8"),
    ("figure not in its quote", lambda d: edit(d, "claims", "exh_farm_area", "value", "9545"),
     "data/claims.csv", "value", "9545 does not appear in the quote", "say in notes how it was read"),
    ("wording not in its quote", lambda d: edit(d, "claims", "exh_farm_area", "value_text", "9,544"),
     "data/claims.csv", "value_text", "the value_text is not part of the quote", "copy the figure's wording"),
    ("status without its cells", lambda d: edit(d, "claims", "exh_farm_area", "status", "range"),
     "data/claims.csv", "status", "status 'range' expects ['value_high', 'value_low']", "fill the cells the status needs"),
    ("date outside the colony's years", lambda d: edit(d, "events", ARRIVAL, "date_start", "1892-05-25"),
     "data/events.csv", "date_start", "lies outside the colony's years 1917–1932", "say in notes why it is right"),
    ("event id that is also a claim id", lambda d: edit(d, "events", ARRIVAL, "event_id", "exh_farm_area"),
     "data/events.csv", "event_id", "'exh_farm_area' is also a claim_id in data/claims.csv", "give the event its own id"),
    ("unknown measure", lambda d: edit(d, "claims", "exh_farm_area", "measure_id", "farm_size"),
     "data/claims.csv", "measure_id", "'farm_size' is not in data/measures.csv", "add it there or correct the id"),
    ("unit outside its measure's family", lambda d: edit(d, "claims", "exh_farm_area", "unit", "km"),
     "data/claims.csv", "unit", "unit 'km' is not one that measure 'area' takes (ha, thousand_ha)",
     "add the unit to the measure's unit_family in data/measures.csv"),
    ("measure no claim uses", lambda d: edit(d, "measures", "temperature", "measure_id", "air_temperature"),
     "data/measures.csv", "measure_id", "no claim uses this measure", "give a claim this measure_id"),
    ("measure with an unknown unit", lambda d: edit(d, "measures", "weight", "unit_family", "kg stone"),
     "data/measures.csv", "unit_family", "'stone' is not a unit of claims.unit", "use a unit code"),
    ("spelling not in its quote", lambda d: edit(d, "person_names", "kutkin", "name_as_written", "Kutkinn"),
     "data/person_names.csv", "name_as_written", "'Kutkinn' is not in the quote", "copy the spelling exactly"),
]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.csv"))}


def test_the_packaged_data_has_no_problems(texts_root):
    report = kd.check(texts=texts_root)
    assert report.problems == [] and report.skipped == []


@pytest.mark.parametrize(("case", "corrupt", "file", "column", "problem", "fix"), CASES, ids=[c[0] for c in CASES])
def test_corruption_is_named_with_file_row_column_and_fix(data_copy, case, corrupt, file, column, problem, fix):
    row = corrupt(data_copy)
    before, packaged = _digest(data_copy), _digest(REPO / "data")
    problems = kd.check(data_dir=data_copy).problems
    hits = [p for p in problems if p.file == file and p.column == column and problem in p.problem and fix in p.fix]
    assert hits, f"{case}: expected {file} {column} '{problem}', got {[str(p) for p in problems][:5]}"
    assert hits[0].row == row and str(hits[0]).startswith(f"{file}, row {row}")
    assert _digest(data_copy) == before and _digest(REPO / "data") == packaged  # validation writes nothing


def test_quote_not_in_its_source(data_copy, texts_root):
    row = edit(data_copy, "claims", "exh_farm_area", "quote", "9544 ha of land were given to the farm.")
    assert (f"data/claims.csv, row {row} (claim_id 'exh_farm_area'), column 'quote': the quote is not in "
            "sources/001_71decc6cbf7216d5.txt — copy it again exactly from the source (only whitespace may differ)"
            ) in [str(p) for p in kd.check(data_dir=data_copy, texts=texts_root).problems]


def test_validate_raises_listing_every_problem(data_copy):
    edit(data_copy, "claims", "exh_farm_area", "source_id", "nowhere")
    edit(data_copy, "events", ARRIVAL, "place_id", "atlantis")
    with pytest.raises(kd.DataError, match=r"2 problem\(s\):\n  data/claims.csv, row \d+.*\n  data/events.csv"):
        kd.validate(data_dir=data_copy)


def test_quote_rule_is_reported_as_skipped_without_texts(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("KUZBAS_SOURCES", str(tmp_path / "absent"))
    report = kd.check(data_dir=data_copy)
    assert report.problems == []
    assert report.skipped == ["quotes were not checked against the source texts: set KUZBAS_SOURCES "
                              "to the folder of the five documents"]


def test_a_missing_source_text_is_a_problem(data_copy, tmp_path):
    empty = tmp_path / "empty_shared"
    empty.mkdir()
    assert any(p.column == "source_id" and "is missing" in p.problem
               for p in kd.check(data_dir=data_copy, texts=empty).problems)


def test_command_line_reports_problems(data_copy, capsys):
    from kuzbas_data.__main__ import main
    edit(data_copy, "claims", "exh_farm_area", "unit", "")
    assert main(["validate", str(data_copy)]) == 1
    assert "column 'unit': a figure without a unit" in capsys.readouterr().out


def test_series_are_not_written_when_the_evidence_is_bad(tmp_path, monkeypatch):
    from kuzbas_data import series, validation
    out = tmp_path / "series"
    broken = kd.check(data_dir=None)
    broken.problems.append(kd.DataError("data/claims.csv", "a planted problem", "none", row=2, column="value"))
    monkeypatch.setattr(validation, "check", lambda **_: broken)
    with pytest.raises(kd.DataError, match="a planted problem"):
        series.write_all(out)
    assert not out.exists() or not any(out.iterdir())
