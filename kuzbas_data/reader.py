"""What a reader of the book sees: tables in words, findings as sentences, the data behind a chart.

A notebook computes with raw frames; what it *shows* a reader goes through one of these display
objects, so every chapter words its tables, numbers and sources the same way:

- :func:`table`: a frame as a table for readers (headers in words with units, dates and periods
  as the project words them, thousands separators, no index, each row's source as its citation
  label beside the quote's id), bounded to the text column;
- :func:`findings`: computed findings as a short list of sentences;
- :func:`key_figures`: the box of key figures a chapter opens with;
- :func:`chart_data`: the link, under a chart, to a CSV of the rows it draws and the ids of the
  quotes behind them (the book writes the file at build time, see :mod:`kuzbas_data.book`).

Each object renders as HTML (the book, JupyterLab) and as plain text (a terminal, nbval), from
the same values; none needs IPython.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import pandas as pd

from .dates import period_label
from .datapackage import descriptor
from .evidence import claims, conflicts, events, sources

#: Columns that hold the id of a quoted row (claim or event) or of a source.
ID_COLUMNS = ("claim_ids", "claim_id", "event_id", "event_ids", "row_id", "source_ids", "source_id")
MISSING = "–"  # an empty cell: the source gives no figure; never a zero
#: Columns that hold ids of the evidence browser's entries: shown as code, linked in the book.
LINKED_COLUMNS = ("conflict_group", "place_id", "person_id")
#: Columns of controlled words (the schema's enums) shown as words: 'web_essay' -> 'web essay'.
CODED_COLUMNS = ("kind", "status", "basis", "date_precision", "year_basis", "category", "evidence_kind",
                 "topic", "table", "unit_family")
PERIOD_PARTS = ("period_start", "period_end")


# --- words for columns, units and values ---------------------------------------------------------

@cache
def field_titles() -> dict[str, str]:
    """The title in words of every field of every table, as the schema (datapackage.json) gives it."""
    titles: dict[str, str] = {}
    for res in descriptor()["resources"]:
        for field in res["schema"]["fields"]:
            if field.get("title"):
                titles.setdefault(field["name"], field["title"])
    return titles


def unit_words(unit) -> str:
    """A unit code as words: 'tonnes_per_month' -> 'tonnes per month'."""
    return MISSING if _missing(unit) else str(unit).replace("_", " ")


def number_text(value, decimals: int | None = None) -> str:
    """A number for a reader: thousands separators, no '.0' on a whole number.

    Without ``decimals`` a fraction keeps up to four decimals with trailing zeros dropped
    (27.60123 -> '27.6012'), so a stated figure is never shortened further than that.
    """
    if _missing(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = float(value)
    if decimals is not None:
        return f"{number:,.{decimals}f}"
    if number.is_integer():
        return f"{number:,.0f}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def date_text(value) -> str:
    """A date as the book words it: '21 Oct 1921'."""
    return MISSING if _missing(value) else period_label(value, value, "day")


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


@cache
def _labels() -> dict[str, str]:
    """The citation label of each source, and of the source behind each claim and event id."""
    src = sources()
    label = dict(zip(src["source_id"], src["citation_label"]))
    out = dict(label)
    for table, key in ((claims(), "claim_id"), (events(), "event_id")):
        out.update({i: label[s] for i, s in zip(table[key], table["source_id"])})
    return out


def citation_label(row_id: str) -> str:
    """The citation label of a source, or of the source a claim or event id quotes."""
    try:
        return _labels()[row_id]
    except KeyError:
        raise KeyError(f"{row_id!r} is not a source_id, claim_id or event_id in data/; check the spelling, "
                       "or list ids with kd.sources(), kd.claims(), kd.events()") from None


def split_ids(cell) -> list[str]:
    """The ids in a cell of an id column ('a; b' holds two); an empty cell holds none."""
    if _missing(cell):
        return []
    return [part.strip() for part in str(cell).split(";") if part.strip()]


# --- a table for readers ------------------------------------------------------------------------

class ReaderTable:
    """A table worded for readers; ``.frame`` holds the worded cells as text, ``.ids`` each row's ids."""

    def __init__(self, frame: pd.DataFrame, ids: list[list[str]], numeric: set[str], caption: str | None,
                 code: set[str] = frozenset()):
        self.frame, self.ids, self.numeric, self.caption, self.code = frame, ids, numeric, caption, code

    def __repr__(self) -> str:
        head = f"{self.caption}\n" if self.caption else ""
        return head + self.frame.to_string(index=False)

    def _repr_html_(self) -> str:
        cols = list(self.frame.columns)
        head = "".join(f'<th{_num(c in self.numeric)}>{html.escape(c)}</th>' for c in cols)
        body = "".join("<tr>" + "".join(f"<td{_num(c in self.numeric)}>{_cell_html(c, v, c in self.code)}</td>"
                                        for c, v in zip(cols, row)) + "</tr>"
                       for row in self.frame.itertuples(index=False))
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (f'<div class="kd-table" style="max-width:100%;overflow-x:auto">'
                f'<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def _num(numeric: bool) -> str:
    return ' class="kd-num"' if numeric else ""


SOURCE_HEADER = "source (quote id)"


def _cell_html(column: str, text: str, code: bool = False) -> str:
    """A cell as HTML; ids are code, which the book links to their entries (kuzbas_data.browser)."""
    if code and text != MISSING:
        return f"<code>{html.escape(text)}</code>"
    if column != SOURCE_HEADER or text == MISSING:
        return html.escape(text)
    parts = []
    for entry in text.split("; "):
        label, _, row_id = entry.rpartition(" ")
        parts.append(f'{html.escape(label)} <code class="kd-qid">{html.escape(row_id)}</code>')
    return "<br>".join(parts)


def table(frame: pd.DataFrame, labels: Mapping[str, str] | Sequence[str] | None = None, *,
          caption: str | None = None, decimals: Mapping[str, int] | None = None) -> ReaderTable:
    """A frame as a table for readers of the book.

    Parameters
    ----------
    frame
        Any frame; a named index (a pivot's) becomes leading columns, an unnamed one is dropped.
    labels
        The columns to show, in order: a list of names, or a mapping from name to the header a
        reader sees. Unnamed headers come from the schema's field titles, else the name itself
        (a column already named in words). ``"period"`` words ``period_start``/``period_end``
        (with ``date_precision``) as one dating. An id column (``claim_ids``, ``event_id``,
        ``source_id`` ...) shows each row's source as its citation label with the quote's id.
        When a shown ``value`` column has one ``unit`` throughout, the unit joins its header.
    caption
        A line over the table saying what it shows.
    decimals
        Fixed decimals for some numeric columns (default: up to four, trailing zeros dropped).
    """
    frame = frame if isinstance(frame.index, pd.RangeIndex) or frame.index.names == [None] else frame.reset_index()
    frame = frame.reset_index(drop=True)
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" · ".join(str(p) for p in c if str(p)) for c in frame.columns]
    else:
        frame.columns = [str(c) for c in frame.columns]  # a crosstab's years are headers too
    names = list(labels) if labels is not None else list(frame.columns)
    given = {k: v for k, v in labels.items() if v} if isinstance(labels, Mapping) else {}
    missing = [n for n in names if n not in frame.columns and not (n == "period" and _has_period(frame))]
    if missing:
        raise KeyError(f"reader.table: no column {missing} in the frame (it has {list(frame.columns)}); "
                       "name columns the frame holds, or 'period' for period_start/period_end")
    decimals = dict(decimals or {})
    units = _single_unit(frame, names)
    for unit_col, value_col in (("unit", "value"), ("unit_original", "value_original")):
        if value_col in units and unit_col in names and unit_col not in given:
            names.remove(unit_col)  # one unit throughout: it joins the value's header instead
    worded, numeric, code, row_ids = {}, set(), set(), [[] for _ in range(len(frame))]
    for name in names:
        header = given.get(name) or ("date or period" if name == "period" else _title(name))
        if name == "period" and "period" not in frame.columns:
            cells = [period_label(s, e, p) for s, e, p in zip(
                frame["period_start"], frame["period_end"],
                frame["date_precision"] if "date_precision" in frame else [None] * len(frame))]
        elif name in ID_COLUMNS:
            header = given.get(name) or SOURCE_HEADER
            ids = [split_ids(v) for v in frame[name]]
            for k, i in enumerate(ids):
                row_ids[k] += i
            cells = ["; ".join(f"{citation_label(i)} {i}" for i in row) or MISSING for row in ids]
        else:
            col = frame[name]
            if name in ("unit", "unit_original"):
                cells = [unit_words(v) for v in col]
            elif pd.api.types.is_datetime64_any_dtype(col):
                cells = [date_text(v) for v in col]
            elif pd.api.types.is_bool_dtype(col):
                cells = [number_text(v) for v in col]
            elif pd.api.types.is_numeric_dtype(col) and "year" in name:
                cells = [MISSING if _missing(v) else f"{int(v)}" for v in col]  # 1921, not 1,921
            elif pd.api.types.is_numeric_dtype(col):
                cells = [number_text(v, decimals.get(name)) for v in col]
            elif name in CODED_COLUMNS:
                cells = [MISSING if _missing(v) else str(v).replace("_", " ") for v in col]
            else:
                cells = [MISSING if _missing(v) else str(v) for v in col]
            if name in units and name not in given:
                header = f"{header} ({unit_words(units[name])})"
            if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
                numeric.add(header)
        if name in LINKED_COLUMNS:
            code.add(header)
        if header in worded:
            raise ValueError(f"reader.table: two columns would both be headed {header!r}; give one a label")
        worded[header] = cells
    shown = pd.DataFrame(worded, dtype="object")
    return ReaderTable(shown, row_ids, numeric, caption, code)


def _title(name: str) -> str:
    return field_titles().get(name, name)


def _has_period(frame: pd.DataFrame) -> bool:
    return all(p in frame.columns for p in PERIOD_PARTS)


def _single_unit(frame: pd.DataFrame, names: list[str]) -> dict[str, str]:
    """The value columns whose rows all share one unit (``unit`` for value, bounds; likewise original)."""
    out = {}
    for unit_col, value_cols in (("unit", ("value", "value_low", "value_high")),
                                 ("unit_original", ("value_original", "value_original_low", "value_original_high"))):
        if unit_col in frame and frame[unit_col].nunique(dropna=True) == 1 and frame[unit_col].notna().all():
            out |= {v: frame[unit_col].iloc[0] for v in value_cols if v in names}
    return out


# --- findings and key figures -------------------------------------------------------------------

class Findings:
    """Computed findings as a list of sentences (Markdown in the book, lines in a terminal)."""

    def __init__(self, lines: list[str], title: str | None):
        self.lines, self.title = lines, title

    def __repr__(self) -> str:
        return "\n".join(([self.title] if self.title else []) + [f"- {line}" for line in self.lines])

    def _repr_markdown_(self) -> str:
        head = f"**{_md_escape(self.title)}**\n\n" if self.title else ""
        return head + "\n".join(f"- {_md_escape(line)}" for line in self.lines) + "\n"


def _md_escape(text: str) -> str:
    """Text shown as itself in Markdown: '$', '*', '_', '<' and the like are not markup."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>#$|~" else ch for ch in text)


def findings(lines: Iterable[str], title: str | None = None) -> Findings:
    """Show computed findings as sentences, one per line; each is computed, never typed."""
    lines = [str(line) for line in lines]
    if not lines:
        raise ValueError("reader.findings: no findings to show")
    return Findings(lines, title)


class KeyFigures:
    """The box of key figures at the head of a chapter: figure, what it is, the quotes' ids."""

    def __init__(self, items: list[tuple[str, str, list[str]]]):
        self.items = items

    def __repr__(self) -> str:
        return "Key figures\n" + "\n".join(f"- {fig}: {what}" + (f" [{', '.join(ids)}]" if ids else "")
                                            for fig, what, ids in self.items)

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<div class="kd-key"><span class="kd-key-figure">{html.escape(fig)}</span> '
            f'<span class="kd-key-what">{html.escape(what)}</span>{_key_ids(ids)}</div>'
            for fig, what, ids in self.items)
        return f'<aside class="kd-key-figures"><p class="kd-key-title">Key figures</p>{rows}</aside>'


def _key_ids(ids: list[str]) -> str:
    """The ids behind a key figure; more than a few open on demand."""
    if not ids:
        return ""
    codes = " ".join(f"<code>{html.escape(i)}</code>" for i in ids)
    if len(ids) > 4:
        codes = f"<details><summary>{len(ids)} quotes</summary>{codes}</details>"
    return f' <span class="kd-key-ids">{codes}</span>'


def key_figures(items: Iterable[tuple[str, str, Iterable[str]]]) -> KeyFigures:
    """The chapter's key figures: (figure as text, what it is in words, ids of the quotes behind it)."""
    items = [(str(fig), str(what), [i for cell in ids for i in split_ids(cell)]) for fig, what, ids in items]
    groups = set(conflicts()["conflict_group"])
    for _, _, ids in items:
        for i in ids:
            if i not in groups:
                citation_label(i)  # an unknown id fails here, with the fix
    return KeyFigures(items)


# --- the data behind a chart --------------------------------------------------------------------

CSV_MIME = "text/csv"
FOLD_IDS = 12  # more quote ids than this under a chart are folded


class ChartData:
    """The rows a chart draws, as CSV, with the ids of the quotes behind them."""

    def __init__(self, csv: str, filename: str, n_rows: int, ids: list[str]):
        self.csv, self.filename, self.n_rows, self.ids = csv, filename, n_rows, ids

    def __repr__(self) -> str:
        return (f"Data behind this chart: {self.filename} ({self.n_rows} rows)\n"
                f"Quotes: {', '.join(self.ids) if self.ids else 'none'}")

    def _repr_html_(self) -> str:
        quotes = " ".join(f"<code>{html.escape(i)}</code>" for i in self.ids) or "none"
        if len(self.ids) > FOLD_IDS:  # a long list of ids would bury the page; it opens on demand
            quotes = f"<details><summary>{len(self.ids)} quotes</summary>{quotes}</details>"
        return (f'<div class="kd-chart-data">Data behind this chart: <a class="kd-chart-csv" '
                f'href="figure-data/{html.escape(self.filename)}" download>{html.escape(self.filename)}</a> '
                f'({self.n_rows} rows). Quotes: {quotes}</div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {CSV_MIME: self.csv, "text/html": self._repr_html_(), "text/plain": repr(self)}
        return data, {CSV_MIME: {"filename": self.filename}}


def chart_data(rows: pd.DataFrame, name: str) -> ChartData:
    """The link to the data a chart draws: exactly ``rows``, with their ids, values, units and sources.

    Call it right after the chart, with the frame the chart drew (concatenate the frames of a
    chart drawn from several). The CSV travels in the notebook's output and the book writes it to
    ``figure-data/<name>.csv`` beside the page at each build. ``name`` must be unique in its folder
    of notebooks; a test checks it.
    """
    if not name or any(ch in name for ch in "/\\ ") or name.endswith(".csv"):
        raise ValueError(f"chart_data: name {name!r} must be a short slug such as '02-mines-output' "
                         "(no spaces, slashes or '.csv')")
    id_cols = [c for c in ID_COLUMNS if c in rows.columns and c not in ("source_ids", "source_id")]
    if not id_cols:  # rows without quote ids: a place is its own entry (gazetteer); else the source is the id
        id_cols = [c for c in ("place_id", "source_id") if c in rows.columns][:1]
    if not id_cols:
        raise ValueError(f"chart_data({name!r}): the rows have no id column ({', '.join(ID_COLUMNS[:4])}); "
                         "keep the claim or event ids in the frame the chart draws, so every point is traceable")
    out = rows.reset_index(drop=isinstance(rows.index, pd.RangeIndex) or rows.index.names == [None]).copy()
    ids = list(dict.fromkeys(i for c in id_cols for cell in out[c] for i in split_ids(cell)))
    if "source_ids" not in out and "source_id" not in out:  # every row names its source
        out["source_ids"] = ["; ".join(dict.fromkeys(_source_of(i) for c in id_cols for i in split_ids(r[c])))
                             for _, r in out.iterrows()]
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return ChartData(buffer.getvalue(), f"{name}.csv", len(out), ids)


@cache
def _place_sources() -> dict[str, str]:
    from .evidence import places
    return dict(zip(places()["place_id"], places()["source_id"]))


@cache
def _sources_by_id() -> dict[str, str]:
    out = {s: s for s in sources()["source_id"]}
    for table, key in ((claims(), "claim_id"), (events(), "event_id")):
        out.update(zip(table[key], table["source_id"]))
    return out


def _source_of(row_id: str) -> str:
    if row_id in _place_sources():
        return _place_sources()[row_id]
    try:
        return _sources_by_id()[row_id]
    except KeyError:
        raise KeyError(f"chart_data: {row_id!r} is not a claim, event or source id in data/") from None
