"""The workforce: head counts of kinds that must not be mixed, and the shares they imply (chapter 03).

A count of foreigners *present* at a date, *arrived* over a span and *ever* come are different
quantities; these helpers select, word and draw them without merging them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import plotting
from .dates import period_label


def value_label(row) -> str:
    """The figure of a count as a chart writes it: '≤ 400', '≈ 8,000', '2,307' (plotting.stated_text)."""
    return plotting.stated_text(row["number"], row["status"])


def middle(start, end) -> pd.Timestamp:
    """Where plotting.draw_dated puts a value dated to a month or less: the middle of its days."""
    return start + (end + pd.Timedelta(days=1) - start) / 2


def share(part, total):
    """``part`` as a percentage of ``total``."""
    return 100 * part / total


def span_label(rows: pd.DataFrame) -> str:
    """The span of the rows' datings as text: 'Oct 1922', 'Feb–Jul 1923', '1922–1923'."""
    precision = rows["date_precision"].iloc[0] if len(rows) == 1 else "range"
    return period_label(rows["period_start"].min(), rows["period_end"].max(), precision)


def counts_with_numbers(workforce: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """The head counts (not changes), each with one number to draw: the value, else the bound given."""
    counts = workforce[workforce["kind"].ne("change")].astype(
        {"date_precision": "string", "status": "string", "basis": "string"})
    return counts.assign(number=counts["value"].fillna(counts["value_high"]).fillna(counts["value_low"]),
                         source=counts["source_ids"].map(labels))


def foreigners(counts: pd.DataFrame, kind: str, **match) -> pd.DataFrame:
    """Counts of one kind for the whole colony that give a number, narrowed by column=value pairs."""
    rows = counts[counts["kind"].eq(kind) & counts["number"].notna() & counts["entity"].eq("AIC Kuzbass")]
    for col, value in match.items():
        rows = rows[rows[col].eq(value)]
    return rows


def claims_text(rows: pd.DataFrame) -> str:
    """'(1 claim)', '(3 claims)'."""
    return f"({len(rows)} claim{'s' if len(rows) > 1 else ''})"


def bound_or_points(ax: plt.Axes, y, values, colour, *, at_most: bool = False, style=plotting.RECORDED,
                    text: str = "") -> plt.Axes:
    """One row of a dot chart: points, a bar over several versions, or a bar from 0 for an 'at most'."""
    values = pd.Series(values, dtype=float)
    if at_most:
        plotting.draw_range(ax, y, 0, values.max(), color=colour, horizontal=True, linewidth=10, alpha=0.3)
        ax.plot([values.max()], [y], color=colour, marker="|", markersize=14, mew=2, linestyle="none")
    else:
        if values.nunique() > 1:
            plotting.draw_range(ax, y, values.min(), values.max(), color=colour, horizontal=True, linewidth=10,
                                alpha=0.3)
        ax.plot(values, [y] * len(values), color=colour, **style)
    ax.annotate(text, xy=(values.max(), y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8,
                color=plotting.INK)
    return ax
