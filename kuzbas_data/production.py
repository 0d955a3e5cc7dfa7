"""Coal output and productivity: how chapter 02 draws series rows and compares the mine with the trust.

Every chart of the chapter draws the rows of a series the same way (:func:`plot_rows`), and its
long-axis charts end the same way (:func:`finish_log_chart`); the mine-against-trust table is
one reshaping (:func:`mine_against_trust`). They live here so that a chapter cell does one thing.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from . import plotting
from .dates import period_labels
from .reader import unit_words

#: An economic year (1 October to 30 September) is drawn as a square.
ECONOMIC = {"marker": "s", "markersize": 7}


def mid(rows: pd.DataFrame) -> pd.Series:
    """The middle of each row's period: where a figure for a month, a year or an economic year is drawn."""
    return rows["period_start"] + (rows["period_end"] - rows["period_start"]) / 2


def plot_rows(ax: plt.Axes, rows: pd.DataFrame, color, label: str | None = None, span: bool = True) -> plt.Axes:
    """Draw series rows at the middle of their periods; return the axes.

    Filled marker: recorded; hollow diamond: converted or derived; square: an economic year;
    a thin line spans the period; a translucent bar spans value_low..value_high where a row has
    no single value, and joins the versions of a disputed figure; an arrow marks 'at least'.
    Undated rows are not drawn: a chart has no place for them.
    """
    rows = rows[rows["period_start"].notna()]
    for k, (_, r) in enumerate(rows.iterrows()):
        x = r["period_start"] + (r["period_end"] - r["period_start"]) / 2
        style = dict(plotting.DERIVED if r["basis"] == "converted" else plotting.RECORDED)
        if r["year_basis"] == "economic":
            style |= ECONOMIC
        if span and pd.notna(r["value"]):
            ax.plot([r["period_start"], r["period_end"]], [r["value"]] * 2, color=color, lw=1.2, alpha=0.6)
        if pd.isna(r["value"]):
            plotting.draw_range(ax, x, r["value_low"], r["value_high"], color=color)
            continue
        ax.plot(x, r["value"], color=color, label=label if k == 0 else None, **style)
        if r["status"] == "at_least":
            ax.annotate("", xy=(x, r["value"] * 1.35), xytext=(x, r["value"] * 1.05),
                        arrowprops={"arrowstyle": "->", "color": plotting.INK, "linewidth": 0.8})
    for _, g in rows.dropna(subset=["conflict_group"]).groupby("conflict_group"):
        if len(g) > 1:
            plotting.draw_range(ax, mid(g).min(), g["value"].min(), g["value"].max(), color=color)
    return ax


def style_key() -> list[Line2D]:
    """Legend entries that explain the markers of :func:`plot_rows`."""
    return [Line2D([], [], color=plotting.INK, label="recorded", **plotting.RECORDED),
            Line2D([], [], color=plotting.INK, label="converted or derived", **plotting.DERIVED),
            Line2D([], [], color=plotting.INK, label="economic year (Oct–Sep)", linestyle="none", **ECONOMIC),
            Line2D([], [], color=plotting.INK, lw=6, alpha=0.35, label="range or competing versions")]


def events_note(keys: pd.DataFrame | None = None) -> str:
    """The note that names the key events, unlabelled on a long axis."""
    keys = plotting.key_events() if keys is None else keys
    return "Dotted lines: key events (" + "; ".join(keys["label"]) + "). Grey band: the colony's life."


def finish_log_chart(ax: plt.Axes, fig: plt.Figure, ids, note: str,
                     ticks=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)) -> plt.Axes:
    """Key events without labels (too close on a long axis), log scale, legend beside, source line."""
    keys = plotting.key_events()
    plotting.mark_events(ax, text=False)
    ax.set_yscale("log")
    lo, hi = ax.get_ylim()
    ax.set_yticks([t for t in ticks if lo <= t <= hi], [f"{t:g}" for t in ticks if lo <= t <= hi])
    ax.minorticks_off()
    ax.set_ylim(lo, hi)
    handles, labels = ax.get_legend_handles_labels()
    key = style_key()
    ax.legend(handles + key, labels + [h.get_label() for h in key], loc="upper left",
              bbox_to_anchor=(1.01, 1), fontsize=8, frameon=True)
    plotting.source_line(fig, [*ids, *keys["event_id"]], prefix="Figures from", note=f"{note} {events_note(keys)}")
    return ax


def base_year(measure: str) -> int:
    """The base year a growth claim's measure names ('coal output relative to 1917' -> 1917)."""
    found = re.search(r"\b(1[89]\d\d)$", measure)
    if found is None:
        raise ValueError(f"{measure!r} names no base year at its end ('... relative to 1913')")
    return int(found.group(1))


def with_period(rows: pd.DataFrame, column: str = "period") -> pd.DataFrame:
    """The rows with their dating as the project words it (dates.period_label)."""
    return rows.assign(**{column: period_labels(rows)})


def mine_against_trust(prod: pd.DataFrame) -> pd.DataFrame:
    """Makurina's pairs, mine beside trust, per kind (output per shift, cost) and period.

    Values in the source's unit and in metric, and the mine-over-trust ratio in both; the
    ratio is the same in both units since one factor converts both figures.
    """
    pair = with_period(prod[prod["unit_original"].isin(["poods_per_shift", "kopecks_per_pood"])], "years")
    pair = pair.assign(who=pair["entity"].map(lambda e: "trust" if "trust" in e else "mine"))
    wide = pair.pivot_table(index=["kind", "years"], columns="who", values=["value_original", "value"],
                            aggfunc="first")
    return pd.DataFrame({
        "source unit": pair.groupby(["kind", "years"])["unit_original"].first().map(unit_words),
        "mine (source unit)": wide[("value_original", "mine")],
        "trust (source unit)": wide[("value_original", "trust")],
        "metric unit": pair.groupby(["kind", "years"])["unit"].first().map(unit_words),
        "mine (metric)": wide[("value", "mine")], "trust (metric)": wide[("value", "trust")],
        "mine / trust": wide[("value_original", "mine")] / wide[("value_original", "trust")],
    })
