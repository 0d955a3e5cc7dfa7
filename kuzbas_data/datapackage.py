"""Find the data files and read them with the types that data/datapackage.json declares.

data/datapackage.json (Frictionless Data Package) is the single description of every
table; this module reads it and never keeps a second schema. Files are found with
importlib.resources, so the package works from a checkout, an editable install or a wheel,
from any working directory. Nothing is read at import time.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import pandas as pd

from .errors import DataError

DESCRIPTOR = "datapackage.json"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def data_root() -> Traversable:
    """The folder that holds datapackage.json and the CSV files."""
    return files("kuzbas_data.data")


@functools.cache
def descriptor() -> dict[str, Any]:
    """The parsed data/datapackage.json."""
    return json.loads(data_root().joinpath(DESCRIPTOR).read_text(encoding="utf-8"))


def resource(name: str) -> dict[str, Any]:
    """The descriptor of one table, by its resource name."""
    for res in descriptor()["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in descriptor()["resources"])
    raise KeyError(f"no table {name!r} in data/{DESCRIPTOR}; known tables: {known}")


def table_names() -> list[str]:
    """Names of every table described in data/datapackage.json, in its order."""
    return [r["name"] for r in descriptor()["resources"]]


def evidence_tables() -> list[str]:
    """The hand-curated evidence tables (everything not under data/series/)."""
    return [r["name"] for r in descriptor()["resources"] if not r["path"].startswith("series/")]


def series_tables() -> list[str]:
    """The derived series, written by ``python -m kuzbas_data series`` to data/series/."""
    return [r["name"] for r in descriptor()["resources"] if r["path"].startswith("series/")]


def read_table(name: str, *, content: str | bytes | None = None) -> pd.DataFrame:
    """Read one table, check it against its schema, and return it typed.

    Parameters
    ----------
    name
        Resource name in data/datapackage.json, e.g. ``"sources"``.
    content
        CSV text or bytes to read instead of the packaged file (to check an edited copy).

    Raises
    ------
    DataError
        Naming file, row, column and fix, when the file cannot be decoded or parsed, its
        header differs from the schema, or a cell breaks its field's type or constraints.
        Nothing is dropped or coerced silently.
    """
    if content is None:  # the packaged files do not change while the package is loaded
        return _packaged(name).copy()
    return _read(name, content)


@functools.cache
def _packaged(name: str) -> pd.DataFrame:
    return _read(name, data_root().joinpath(resource(name)["path"]).read_bytes())


def clear_cache() -> None:
    """Forget the tables read so far (after editing data/ in a running session)."""
    _packaged.cache_clear()
    descriptor.cache_clear()


def _read(name: str, content: str | bytes) -> pd.DataFrame:
    res = resource(name)
    label = "data/" + res["path"]
    text = _decode(content, label) if isinstance(content, bytes) else content
    fields = res["schema"]["fields"]
    header, records = _parse(text, label, [f["name"] for f in fields])
    key = _primary_key(res)
    columns = {}
    for i, field in enumerate(fields):
        cells = [(row, cells[i]) for row, cells in records]
        columns[field["name"]] = _convert(cells, field, label, records, header, key)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(records)))
    _check_unique(frame, res, label, records)
    return frame


def _decode(raw: bytes, label: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise DataError(label, f"byte {raw[err.start]:#04x} is not valid UTF-8",
                        "save the file as UTF-8 (in a spreadsheet: 'CSV UTF-8')", row=row) from None
    return text.removeprefix("\ufeff")


def _parse(text: str, label: str, expected: list[str]):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(label, "the file is empty", "restore it from git") from None
    except csv.Error as err:
        raise DataError(label, f"the header cannot be parsed ({err})", "restore it from git", row=1) from None
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        problem = f"the header {header} differs from the schema"
        if missing or extra:
            problem += f" (missing {missing}, unexpected {extra})"
        raise DataError(label, problem,
                        f"rename or reorder the columns to {expected}, or change data/{DESCRIPTOR} first",
                        row=1)
    records = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise DataError(label, f"the row cannot be parsed ({err}); the file may be truncated "
                            "or a quote left open", "close the quote or restore the row from git",
                            row=start) from None
        if not cells:
            continue
        if any("\n" in c or "\r" in c for c in cells):
            raise DataError(label, "a cell spans several lines, which hides rows from spreadsheet "
                            "row numbers", "join the cell's text into one line", row=start)
        if len(cells) != len(expected):
            raise DataError(label, f"the row has {len(cells)} cells, the header {len(expected)}; "
                            "the file may be truncated or a comma left unquoted",
                            "quote cells that contain commas, or restore the row from git", row=start)
        records.append((start, cells))
    return header, records


def _primary_key(res: dict[str, Any]) -> str | None:
    key = res["schema"].get("primaryKey")
    if isinstance(key, list):
        return key[0] if len(key) == 1 else None
    return key


def _row_id(records, header, key, index) -> str | None:
    if key is None:
        return None
    return f"{key} '{records[index][1][header.index(key)]}'"


def _convert(cells, field, label, records, header, key) -> pd.Series:
    name, ftype = field["name"], field.get("type", "string")
    cons = field.get("constraints", {})
    values = []
    for index, (row, cell) in enumerate(cells):
        def fail(problem: str, fix: str):
            raise DataError(label, problem, fix, row=row, column=name,
                            row_id=_row_id(records, header, key, index))
        if cell != cell.strip():
            fail(f"{cell!r} has spaces at its start or end", "remove them")
        if cell == "":
            if cons.get("required"):
                fail("the cell is empty but the field is required", "fill it in")
            values.append(None)
            continue
        value = _parse_cell(cell, ftype, fail)
        if "enum" in cons and cell not in cons["enum"]:
            fail(f"{cell!r} is not one of the allowed values {cons['enum']}",
                 f"use one of them, or add it to the field's enum in data/{DESCRIPTOR}")
        if "minimum" in cons and value < _parse_cell(str(cons["minimum"]), ftype, fail):
            fail(f"{cell} is below the minimum {cons['minimum']}", "correct the value")
        if "maximum" in cons and value > _parse_cell(str(cons["maximum"]), ftype, fail):
            fail(f"{cell} is above the maximum {cons['maximum']}", "correct the value")
        if "pattern" in cons and not re.fullmatch(cons["pattern"], cell):
            fail(f"{cell!r} does not match the pattern {cons['pattern']}",
                 "use lower-case letters, digits and underscores as the schema asks")
        if "maxLength" in cons and len(cell) > cons["maxLength"]:
            fail(f"the cell has {len(cell)} characters, more than {cons['maxLength']}", "shorten it")
        values.append(value)
    return _as_series(values, field)


def _parse_cell(cell: str, ftype: str, fail):
    try:
        if ftype in ("integer", "year"):
            if not cell.lstrip("+-").isdigit():  # int() would take 1_000; other CSV readers would not
                raise ValueError
            return int(cell)
        if ftype == "number":
            if not NUMBER.fullmatch(cell):  # no inf, nan or spelled-out forms
                raise ValueError
            return float(cell)
        if ftype == "date":
            if not ISO_DATE.fullmatch(cell):
                raise ValueError
            return dt.date.fromisoformat(cell)
    except ValueError:
        hint = {"integer": "a whole number like 1923", "year": "a year like 1923",
                "number": "a plain decimal like 1250.5 (no thousands separator, no unit)",
                "date": "an ISO date like 1923-09-30"}[ftype]
        fail(f"{cell!r} is not {hint.split(' like')[0]}", f"write {hint}, or leave it empty")
    return cell


def _as_series(values: list, field: dict[str, Any]) -> pd.Series:
    ftype = field.get("type", "string")
    enum = field.get("constraints", {}).get("enum")
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=enum, ordered=True))
    if ftype in ("integer", "year"):
        return pd.Series(values, dtype="Int64")
    if ftype == "number":
        return pd.Series(values, dtype="Float64")
    if ftype == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[s]")
    return pd.Series(values, dtype="string")


def _check_unique(frame: pd.DataFrame, res: dict[str, Any], label: str, records) -> None:
    key = res["schema"].get("primaryKey")
    if not key:
        return
    cols = [key] if isinstance(key, str) else list(key)
    dup = frame.duplicated(subset=cols, keep="first")
    if dup.any():
        index = int(dup.to_numpy().nonzero()[0][0])
        value = ", ".join(str(frame.at[index, c]) for c in cols)
        raise DataError(label, f"the id '{value}' is used twice (primary key {cols})",
                        "give each row its own id", row=records[index][0], column=cols[0])
