"""One house style for every chart, and the parts every chart of history needs.

Colours are the Okabe-Ito palette (safe for the common forms of colour blindness). Helpers
take an ``ax`` (or a figure) and return it, so they compose.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .evidence import claims, events, sources

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
INK = "#333333"  # text, arrows and rules: explicit, since the theme would make arrows white


def use_house_style() -> None:
    """Set the project's seaborn theme, palette and figure defaults."""
    sns.set_theme(context="notebook", style="whitegrid", palette=OKABE_ITO)
    mpl.rcParams.update({
        "figure.figsize": (9, 4.8), "figure.dpi": 96, "savefig.dpi": 96,
        "axes.titlesize": 13, "axes.titleweight": "bold", "axes.titlelocation": "left",
        "axes.labelcolor": INK, "text.color": INK, "xtick.color": INK, "ytick.color": INK,
        "figure.constrained_layout.use": True, "svg.hashsalt": "kuzbas",
    })


def short_source(source_id: str, table: pd.DataFrame | None = None) -> str:
    """The source's citation label, e.g. 'Yamanouchi 2025'."""
    table = table if table is not None else sources()
    return str(table.set_index("source_id").at[source_id, "citation_label"])


def sources_of(ids: Iterable[str]) -> list[str]:
    """The source ids behind a set of claim, event or source ids, in first-seen order."""
    ids = list(ids)
    lookup = {**dict(zip(claims()["claim_id"], claims()["source_id"])),
              **dict(zip(events()["event_id"], events()["source_id"])),
              **{s: s for s in sources()["source_id"]}}
    unknown = [i for i in ids if i not in lookup]
    if unknown:
        raise KeyError(f"not a claim, event or source id: {unknown[:5]}")
    return list(dict.fromkeys(lookup[i] for i in ids))


def source_line(fig: plt.Figure, ids: Iterable[str], *, prefix: str = "Sources", note: str = "") -> plt.Figure:
    """Write a source line under the figure naming the sources behind ``ids``."""
    table = sources()
    names = "; ".join(short_source(s, table) for s in sources_of(ids))
    text = f"{prefix}: {names}." + (f" {note}" if note else "") + " Data: kuzbas_data."
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", wrap=True)
    return fig


# --- time axes ---------------------------------------------------------------------------

RECORDED = {"marker": "o", "linestyle": "none", "markersize": 7}
DERIVED = {"marker": "D", "linestyle": "none", "markersize": 6, "markerfacecolor": "white"}


def key_events() -> pd.DataFrame:
    """The events the project marks on every time axis: rows of the events table with a key_label."""
    ev = events()
    ev = ev[ev["key_label"].notna()].sort_values("date_start")
    return ev[["event_id", "date_start", "date_end", "source_id", "key_label"]].rename(
        columns={"key_label": "label"}).reset_index(drop=True)


def mark_events(ax: plt.Axes, marks: pd.DataFrame | None = None, *, text: bool = True,
                y: float = 0.98, fontsize: float = 8) -> plt.Axes:
    """Draw each event as a dotted vertical line (a shaded band when dated to a span).

    ``marks`` needs ``date_start``, ``date_end`` and ``label`` columns (default:
    :func:`key_events`). Works on axes whose x values are dates.
    """
    marks = key_events() if marks is None else marks
    for _, m in marks.iterrows():
        start, end = m["date_start"], m["date_end"]
        if pd.isna(start):
            continue
        if end > start + pd.Timedelta(days=1):
            ax.axvspan(start, end, color=INK, alpha=0.08, linewidth=0)
        ax.axvline(start, color=INK, linestyle=":", linewidth=1)
        if text:
            ax.text(start, y, f" {m['label']}", transform=ax.get_xaxis_transform(), rotation=90,
                    va="top", ha="right", fontsize=fontsize, color=INK)
    return ax


def draw_range(ax: plt.Axes, x, low, high, *, color: str = OKABE_ITO[0], label: str | None = None,
               horizontal: bool = False, linewidth: float = 6, alpha: float = 0.35) -> plt.Axes:
    """Draw [low, high] as a thick translucent bar at position x (a disputed or converted value)."""
    if horizontal:
        ax.hlines(x, low, high, color=color, linewidth=linewidth, alpha=alpha, label=label)
    else:
        ax.vlines(x, low, high, color=color, linewidth=linewidth, alpha=alpha, label=label)
    return ax


def annotate(ax: plt.Axes, text: str, xy, xytext, **kwargs) -> plt.Axes:
    """An annotation with an arrow in the house ink colour (never the theme's white)."""
    ax.annotate(text, xy=xy, xytext=xytext, fontsize=kwargs.pop("fontsize", 8), color=INK,
                arrowprops={"arrowstyle": "->", "color": INK, "linewidth": 0.8}, **kwargs)
    return ax
