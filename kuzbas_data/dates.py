"""Datings as short text, for tables, labels and prose; no plotting library needed."""

from __future__ import annotations

import pandas as pd

from .units import economic_year_label


def period_label(start, end, precision: str | None = None) -> str:
    """A dating as short text.

    With the row's ``date_precision``: '12 Oct 1921' (day), 'Nov 1925' (month), '1927/28'
    (economic year), '1922–1923' (whole years), 'Mar–Apr 1923' (other spans). Without it, the
    wording follows the span alone: a single day, whole months or whole years as such, anything
    else to the day ('1 Nov – 2 Dec 1926'). No date gives 'undated'.

    Examples
    --------
    >>> period_label(pd.Timestamp("1923-03-01"), pd.Timestamp("1923-04-30"), "range")
    'Mar–Apr 1923'
    >>> period_label(pd.Timestamp("1927-10-01"), pd.Timestamp("1928-09-30"), "economic_year")
    '1927/28'
    >>> period_label(pd.Timestamp("1926-11-01"), pd.Timestamp("1926-12-02"))
    '1 Nov – 2 Dec 1926'
    """
    if pd.isna(start) or pd.isna(end):
        return "undated"
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if precision is None:
        return _span_label(start, end)
    if precision == "economic_year":
        return economic_year_label(start.year)
    if precision == "day":
        return _day(start)
    if precision == "month":
        return f"{start:%b %Y}"
    whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if start.year == end.year:
        return f"{start.year}" if whole_years else f"{start:%b}–{end:%b %Y}"
    return f"{start.year}–{end.year}" if whole_years else f"{start:%b %Y}–{end:%b %Y}"


def period_labels(rows) -> list[str]:
    """:func:`period_label` of every row of a frame with ``period_start``, ``period_end`` and ``date_precision``."""
    return [period_label(s, e, p) for s, e, p in zip(rows["period_start"], rows["period_end"], rows["date_precision"])]


def _span_label(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A dating worded from its span alone (see :func:`period_label`)."""
    if start == end:
        return _day(start)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if start.day == 1 and end.is_month_end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%b %Y}"
        if start.year == end.year:
            return f"{start:%b}–{end:%b %Y}"
        return f"{start:%b %Y} – {end:%b %Y}"
    if start.year == end.year:
        return f"{_day(start, year=False)} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def _day(d: pd.Timestamp, year: bool = True) -> str:
    return f"{d.day} {d:%b}" + (f" {d.year}" if year else "")
