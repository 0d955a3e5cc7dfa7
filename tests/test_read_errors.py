"""Bad input gets an error that names file, row, column and fix; nothing is coerced."""

from __future__ import annotations

import pytest

import kuzbas_data as kd
from conftest import REPO

GOOD = (REPO / "data" / "sources.csv").read_text(encoding="utf-8")
HEADER, FIRST, *REST = GOOD.splitlines()


def _with_first_row(row: str) -> str:
    return "\n".join([HEADER, row, *REST]) + "\n"


def _replace_cell(line: str, column: str, value: str) -> str:
    import csv, io
    cells = next(csv.reader([line]))
    cells[HEADER.split(",").index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def test_the_packaged_file_reads_cleanly():
    assert len(kd.read_table("sources", content=GOOD)) == len(REST) + 1


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("year", "two thousand", "data/sources.csv, row 2 (source_id 'loc2000'), column 'year': 'two thousand' "
                             "is not a whole number — write a whole number like 1923, or leave it empty"),
    ("year", "1850", "column 'year': 1850 is below the minimum 1900 — correct the value"),
    ("kind", "blog", "column 'kind': 'blog' is not one of the allowed values"),
    ("title", "", "column 'title': the cell is empty but the field is required — fill it in"),
    ("source_id", "Loc 2000", "column 'source_id': 'Loc 2000' does not match the pattern"),
    ("author", " Library of Congress", "column 'author': ' Library of Congress' has spaces at its start or end"),
])
def test_a_bad_cell_is_named_with_its_fix(column, value, expected):
    with pytest.raises(kd.DataError) as err:
        kd.read_table("sources", content=_with_first_row(_replace_cell(FIRST, column, value)))
    assert expected in str(err.value)
    assert err.value.row == 2 and err.value.column == column


def test_a_duplicate_id_is_refused():
    text = "\n".join([HEADER, FIRST, FIRST, *REST]) + "\n"
    with pytest.raises(kd.DataError, match=r"row 3, column 'source_id': the id 'loc2000' is used twice"):
        kd.read_table("sources", content=text)
