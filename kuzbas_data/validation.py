"""Checks that the schema cannot express, run over every table together.

data/datapackage.json already fixes types, required cells, controlled lists, id patterns,
unique ids and foreign keys (and `frictionless validate` checks them); the rules here add
what a historian needs: a quote occurs in its source, a figure occurs in its quote, bounds
and dates are consistent, and every conflict group holds competing versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .datapackage import evidence_tables, read_table, resource
from .errors import DataError
from .evidence import VERSION_FIELDS
from .texts import normalise_space, text_of, texts_root

ID_COLUMN = {"sources": "source_id", "measures": "measure_id", "claims": "claim_id", "events": "event_id",
             "places": "place_id", "people": "person_id", "periods": "periodisation_id",
             "person_names": "person_id", "nationality_evidence": "nationality"}
# Dates outside the colony's years need a reason: a context figure, a biography, or a note.
WINDOW = (pd.Timestamp("1917-01-01"), pd.Timestamp("1932-12-31"))


@dataclass
class Report:
    """What validation found: the problems, and the checks it could not run (and why)."""

    problems: list[DataError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def load_tables(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every evidence table, typed; from ``data_dir`` (an edited copy of data/) when given."""
    tables = {}
    for name in evidence_tables():
        content = (Path(data_dir) / resource(name)["path"]).read_bytes() if data_dir else None
        tables[name] = read_table(name, content=content)
    return tables


def check(*, data_dir: Path | None = None, texts: Path | None = None) -> Report:
    """Run every rule and return a :class:`Report` (nothing is raised for bad rows).

    Parameters
    ----------
    data_dir
        A folder with edited copies of the CSV files; by default the package's own data.
    texts
        The folder that holds ``sources/`` and ``research/``; by default found by
        :func:`kuzbas_data.texts.texts_root`. Without it the quote rule is skipped.
    """
    report = Report()
    try:
        tables = load_tables(data_dir)
    except DataError as err:  # a table that breaks its schema cannot be cross-checked
        report.problems.append(err)
        return report
    root = texts if texts is not None else texts_root()
    for rule in RULES:
        report.problems.extend(rule(tables))
    if root is None:
        report.skipped.append("quotes were not checked against the source texts: set KUZBAS_SOURCES "
                              "to the folder of the five documents")
    else:
        report.problems.extend(quotes_occur_in_their_sources(tables, Path(root)))
    return report


def validate(*, data_dir: Path | None = None, texts: Path | None = None) -> Report:
    """Run every rule; raise :class:`DataError` listing all problems, else return the report.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> kd.validate().problems
    []
    """
    report = check(data_dir=data_dir, texts=texts)
    if report.problems:
        first = report.problems[0]
        listing = "\n".join(f"  {p}" for p in report.problems)
        raise DataError(first.file, f"{len(report.problems)} problem(s):\n{listing}\n",
                        "fix each as it says, then run `python -m kuzbas_data validate` again",
                        row=None) from None
    return report


# --- helpers ---------------------------------------------------------------------------

def _rows(tables, name: str) -> Iterator[tuple[int, str, pd.Series]]:
    """(spreadsheet row, row label, row) for each row; the header is row 1."""
    frame = tables[name]
    key = ID_COLUMN[name]
    for i, row in frame.iterrows():
        yield i + 2, f"{key} '{row[key]}'", row


def _problem(name, row, label, column, problem, fix) -> DataError:
    return DataError("data/" + resource(name)["path"], problem, fix, row=row, column=column, row_id=label)


def _present(value) -> bool:
    return not pd.isna(value)


# --- rules ---------------------------------------------------------------------------

def references_exist(tables) -> Iterator[DataError]:
    """Every id that points to another table names a row there."""
    known = {t: set(tables[t][ID_COLUMN[t]].dropna()) for t in ("sources", "measures", "places", "people")}
    links = [("claims", "source_id", "sources"), ("claims", "measure_id", "measures"), ("claims", "place_id", "places"),
             ("claims", "person_id", "people"), ("events", "source_id", "sources"),
             ("events", "place_id", "places"), ("events", "person_ids", "people"),
             ("periods", "source_id", "sources"), ("places", "source_id", "sources"),
             ("person_names", "person_id", "people"), ("person_names", "source_id", "sources"),
             ("nationality_evidence", "source_id", "sources")]
    for name, column, target in links:
        for row, label, r in _rows(tables, name):
            if not _present(r[column]):
                continue
            for ref in str(r[column]).split(";"):
                if ref not in known[target]:
                    yield _problem(name, row, label, column,
                                   f"'{ref}' is not in data/{resource(target)['path']}",
                                   "add it there or correct the id")


def units_fit_their_measure(tables) -> Iterator[DataError]:
    """A claim's unit is one its measure takes; a vague amount with no unit fits any measure."""
    family = {m: set(str(units).split()) for m, units in zip(tables["measures"]["measure_id"],
                                                              tables["measures"]["unit_family"])}
    for row, label, r in _rows(tables, "claims"):
        allowed = family.get(r["measure_id"])
        if allowed is None or not _present(r["unit"]) or r["unit"] in allowed:
            continue  # an unknown measure is reported by references_exist
        yield _problem("claims", row, label, "unit",
                       f"unit '{r['unit']}' is not one that measure '{r['measure_id']}' takes "
                       f"({', '.join(sorted(allowed))})",
                       "correct the unit or the measure_id, or add the unit to the measure's unit_family "
                       "in data/measures.csv if the measure really takes it")


def measures_are_used_and_known_units(tables) -> Iterator[DataError]:
    """Every measure of the codebook is used by a claim, and names only units the claims' schema knows."""
    used = set(tables["claims"]["measure_id"].dropna())
    units = set(tables["claims"]["unit"].cat.categories)
    for row, label, r in _rows(tables, "measures"):
        if r["measure_id"] not in used:
            yield _problem("measures", row, label, "measure_id", "no claim uses this measure",
                           "give a claim this measure_id in data/claims.csv, or delete the row")
        for unit in str(r["unit_family"]).split():
            if unit not in units:
                yield _problem("measures", row, label, "unit_family", f"'{unit}' is not a unit of claims.unit",
                               "use a unit code from the unit field of claims in data/datapackage.json")


def figures_occur_in_quotes(tables) -> Iterator[DataError]:
    """value_text is part of the quote, and each number appears in it unless notes explain."""
    for row, label, r in _rows(tables, "claims"):
        quote = normalise_space(r["quote"])
        if normalise_space(r["value_text"]) not in quote:
            yield _problem("claims", row, label, "value_text", "the value_text is not part of the quote",
                           "copy the figure's wording exactly from the quote")
        readings = _number_readings(quote)
        for column in ("value", "value_low", "value_high"):
            if _present(r[column]) and not _present(r["notes"]) and _number(r[column]) not in readings:
                yield _problem("claims", row, label, column,
                               f"{_number(r[column])} does not appear in the quote",
                               "correct the value, or say in notes how it was read from the words")


def _number(x: float) -> str:
    return f"{x:.10f}".rstrip("0").rstrip(".")


def _number_readings(quote: str) -> set[str]:
    """The numbers a quote contains, read with and without thousands separators."""
    plain = re.sub(r"(?<=\d)[,\s\u00a0](?=\d{3}\b)", "", quote)
    decimal_comma = re.sub(r"(?<=\d),(?=\d)", ".", quote)
    found = set()
    for text in (quote, plain, decimal_comma):
        found |= {_number(float(n)) for n in re.findall(r"\d+(?:\.\d+)?", text)}
    return found


def bounds_fit_status(tables) -> Iterator[DataError]:
    """value_low <= value <= value_high, and the cells filled match the status."""
    need = {"recorded": {"value"}, "approximate": {"value"}, "inferred": {"value"},
            "implausible": {"value"}, "at_most": {"value", "value_high"},
            "at_least": {"value", "value_low"}, "range": {"value_low", "value_high"}, "vague": set()}
    for row, label, r in _rows(tables, "claims"):
        v, lo, hi = r["value"], r["value_low"], r["value_high"]
        filled = {c for c in ("value", "value_low", "value_high") if _present(r[c])}
        status = r["status"]
        if filled != need[status]:
            yield _problem("claims", row, label, "status",
                           f"status '{status}' expects {sorted(need[status]) or 'no figures'}, "
                           f"but {sorted(filled) or 'none'} are filled",
                           "fill the cells the status needs, or correct the status")
        elif (_present(lo) and _present(v) and lo > v) or (_present(hi) and _present(v) and v > hi) \
                or (_present(lo) and _present(hi) and lo > hi):
            yield _problem("claims", row, label, "value_low",
                           f"the bounds are out of order ({lo} <= {v} <= {hi} fails)",
                           "swap or correct them")
        if status != "vague" and not _present(r["unit"]):
            yield _problem("claims", row, label, "unit", "a figure without a unit",
                           "give the unit from the controlled list")


def dates_are_consistent(tables) -> Iterator[DataError]:
    """Start and end together, in order, matching the precision, and inside the window or noted."""
    specs = [("claims", "period_start", "period_end", "topic"),
             ("events", "date_start", "date_end", "category"),
             ("periods", "start_date", "end_date", None)]
    for name, start, end, kind in specs:
        for row, label, r in _rows(tables, name):
            s, e = r[start], r[end]
            if _present(s) != _present(e):
                yield _problem(name, row, label, end if _present(s) else start,
                               "only one end of the period is given",
                               "give both dates (equal for a single day), or neither")
                continue
            if not _present(s):
                if r["date_precision"] != "undated":
                    yield _problem(name, row, label, "date_precision",
                                   f"no dates but precision '{r['date_precision']}'",
                                   "give the dates, or set date_precision to undated")
                continue
            if r["date_precision"] == "undated":
                yield _problem(name, row, label, "date_precision", "dates given but precision 'undated'",
                               "set the precision the source's wording allows")
            if e < s:
                yield _problem(name, row, label, end, f"ends ({e.date()}) before it starts ({s.date()})",
                               "swap or correct the dates")
            outside = s < WINDOW[0] or e > WINDOW[1]
            excused = kind is None or r[kind] in ("context", "biography") or _present(r["notes"])
            if outside and not excused:
                yield _problem(name, row, label, start,
                               f"{s.date()}–{e.date()} lies outside the colony's years "
                               f"{WINDOW[0].year}–{WINDOW[1].year}",
                               "correct the date, or say in notes why it is right")


def conflict_groups_have_rivals(tables) -> Iterator[DataError]:
    """A conflict group ties at least two versions together: rows of one source repeating
    the same figure or dates are one version (evidence.VERSION_FIELDS), not a dispute."""
    for name in ("claims", "events"):
        table = tables[name]
        sizes = table["conflict_group"].value_counts()
        versions = table.drop_duplicates(["conflict_group", *VERSION_FIELDS[name]])["conflict_group"].value_counts()
        for row, label, r in _rows(tables, name):
            group = r["conflict_group"]
            if _present(group) and versions[group] < 2:
                repeats = f": its {sizes[group]} rows repeat one source's statement" if sizes[group] > 1 else ""
                yield _problem(name, row, label, "conflict_group",
                               f"conflict group '{group}' has no other version{repeats}",
                               "give the competing row the same group, or empty the cell")


def ids_are_unique_across_claims_and_events(tables) -> Iterator[DataError]:
    """A claim and an event never share an id, so that kd.cite(id) and source lines are unambiguous."""
    claim_ids = set(tables["claims"]["claim_id"])
    for row, label, r in _rows(tables, "events"):
        if r["event_id"] in claim_ids:
            yield _problem("events", row, label, "event_id", f"'{r['event_id']}' is also a claim_id in data/claims.csv",
                           "give the event its own id (e.g. add a word saying what happened)")


def names_occur_in_quotes(tables) -> Iterator[DataError]:
    """Each spelling in person_names occurs in its quote."""
    for row, label, r in _rows(tables, "person_names"):
        if normalise_space(r["name_as_written"]) not in normalise_space(r["quote"]):
            yield _problem("person_names", row, label, "name_as_written",
                           f"'{r['name_as_written']}' is not in the quote",
                           "copy the spelling exactly from the quote")


def quotes_occur_in_their_sources(tables, root: Path) -> Iterator[DataError]:
    """Every quote occurs verbatim (whitespace aside) in its source's transcription."""
    files = tables["sources"].set_index("source_id")["text_file"]
    for name in ("claims", "events", "periods", "places", "person_names", "nationality_evidence"):
        for row, label, r in _rows(tables, name):
            text_file = files.get(r["source_id"])
            if not _present(text_file):
                continue
            path = root / str(text_file)
            if not path.is_file():
                yield _problem(name, row, label, "source_id", f"the source text {path} is missing",
                               "restore the shared folder, or point KUZBAS_SOURCES at it")
                continue
            if normalise_space(r["quote"]) not in text_of(root, str(text_file)):
                yield _problem(name, row, label, "quote", f"the quote is not in {text_file}",
                               "copy it again exactly from the source (only whitespace may differ)")


RULES: list[Callable] = [references_exist, units_fit_their_measure, measures_are_used_and_known_units,
                         figures_occur_in_quotes, bounds_fit_status,
                         dates_are_consistent, conflict_groups_have_rivals, names_occur_in_quotes,
                         ids_are_unique_across_claims_and_events]
