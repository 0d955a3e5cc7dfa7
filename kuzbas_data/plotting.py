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

from .dates import period_label  # re-exported: charts label periods with it
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
    _inline_figures_as_laid_out()


def _inline_figures_as_laid_out() -> None:
    """In a notebook, show each figure at its own size instead of cropping it tight.

    Jupyter's inline backend saves figures with ``bbox_inches="tight"``, which draws every
    figure twice (once to find the crop). Constrained layout already keeps every title,
    label and source line inside the figure, so the crop only costs time (about 45 % of a
    figure's rendering here; see benchmarks/run.py). Outside IPython this does nothing.
    """
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # matplotlib without Jupyter: plain savefig is already untrimmed
        return
    if get_ipython() is not None:
        set_matplotlib_formats("png", bbox_inches=None)


def short_source(source_id: str, table: pd.DataFrame | None = None) -> str:
    """The source's citation label, e.g. 'Yamanouchi 2025'."""
    table = table if table is not None else sources()
    return str(table.set_index("source_id").at[source_id, "citation_label"])


def sources_of(ids: Iterable[str]) -> list[str]:
    """The source ids behind a set of claim, event or source ids, in first-seen order."""
    ids = list(ids)
    c, e = claims(), events()
    lookup = {**dict(zip(c["claim_id"], c["source_id"])),
              **dict(zip(e["event_id"], e["source_id"])),
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


# --- figures drawn as their sources word them --------------------------------------------

#: An "about" figure: the recorded marker, hollow.
HOLLOW = {**RECORDED, "markerfacecolor": "white", "markeredgewidth": 1.6}
#: The sign a figure of each status is written with ("≤ 400", "≥ 650", "≈ 750").
STATUS_SIGN = {"at_most": "≤ ", "at_least": "≥ ", "approximate": "≈ "}
#: A dating no longer than this is drawn as a point at its middle; a longer one as a bar.
POINT_SPAN = pd.Timedelta(days=31)


def stated_text(figure: float, status: str, value_text: str | None = None) -> str:
    """A figure with the sign of its status, and the source's wording when it differs.

    Examples
    --------
    >>> stated_text(400, "at_most", "four hundred")
    '≤ 400  “four hundred”'
    >>> stated_text(566, "recorded", "566")
    '566'
    """
    text = f"{STATUS_SIGN.get(status, '')}{figure:,.0f}"
    if value_text is not None and value_text != f"{figure:.0f}":
        text += f"  “{value_text}”"
    return text


def draw_stated(ax: plt.Axes, y: float, figure, status: str, *, value_text: str | None = None,
                color: str = INK, xmax: float, words: bool = True, fontsize: float = 8) -> plt.Axes:
    """Draw one figure on a horizontal value axis the way its source words it.

    A filled dot for a figure as stated (recorded, inferred, implausible); a hollow dot for
    "about"; a bar from 0 with a cap at the bound for "at most"; a paler bar from the bound
    onwards for "at least"; the source's words in italics when it gives no number; an arrow at
    the right edge, with the figure written, for a figure beyond ``xmax``.

    Parameters
    ----------
    ax
        Axes with the value on x, starting at 0.
    y
        The row.
    figure
        The value, or the bound for at_most / at_least; NA when the source gives no number.
    status
        The claim's status (claims.status).
    value_text
        The figure as worded, written beside the marker (see :func:`stated_text`).
    color, xmax, words, fontsize
        Colour of marker, bar and text; right end of the axis; whether to write the figure.
    """
    if pd.isna(figure):
        ax.text(xmax * 0.005, y, f"no figure: “{value_text}”", va="center", fontsize=fontsize,
                style="italic", color=color)
        return ax
    text = stated_text(figure, status, value_text)
    if figure > xmax:
        ax.plot(xmax * 0.99, y, marker=">", color=color, markersize=9, linestyle="none",
                markerfacecolor="white" if status == "approximate" else color, markeredgewidth=1.6)
        if words:
            ax.text(xmax * 0.97, y, text + " (off the scale)", ha="right", va="center", fontsize=fontsize, color=color)
        return ax
    if status in ("at_most", "at_least"):
        low, high = (0, figure) if status == "at_most" else (figure, xmax)
        draw_range(ax, y, low, high, color=color, horizontal=True, linewidth=5,
                   alpha=0.35 if status == "at_most" else 0.2)
        ax.plot(figure, y, marker="|", color=color, markersize=14, markeredgewidth=2.2, linestyle="none")
    else:
        ax.plot(figure, y, color=color, **(HOLLOW if status == "approximate" else RECORDED))
    if words:
        dy = -0.42 if status == "at_least" else 0  # above the open-ended bar
        ax.text(figure + xmax * 0.012, y + dy, text, va="center", fontsize=fontsize, color=color)
    return ax


def status_handles(color: str = INK) -> list:
    """Legend entries for :func:`draw_stated`: as stated, "about", "at most" / "at least"."""
    from matplotlib.lines import Line2D
    return [Line2D([], [], color=color, label="figure as stated", **RECORDED),
            Line2D([], [], color=color, label="“about”", **HOLLOW),
            Line2D([], [], color=color, marker="|", markersize=12, markeredgewidth=2, linewidth=4, alpha=0.6,
                   label="“at most” (bar from 0) / “at least” (bar onwards)")]


def draw_dated(ax: plt.Axes, start, end, value: float, *, color: str = OKABE_ITO[0], status: str = "recorded",
               basis: str = "recorded", text: str | None = None, linewidth: float = 5,
               arrow_points: float = 16) -> plt.Axes:
    """Draw one value dated to the days ``start``..``end`` on a date axis, never at an invented date.

    A dating of a month or less is a marker at its middle; a longer one a bar over every day the
    wording allows. Converted or derived values use the :data:`DERIVED` marker. A bound
    (at_most / at_least) gets an arrow into its open side, in ``color`` (never the theme's white).
    """
    end = end + pd.Timedelta(days=1)
    style = DERIVED if basis in ("converted", "derived") else RECORDED
    if end - start <= POINT_SPAN:
        xs = [start + (end - start) / 2]
        ax.plot(xs, [value], color=color, **style)
    else:
        xs = [start, end]
        ax.hlines(value, start, end, color=color, linewidth=linewidth, alpha=0.75)
    if status in ("at_most", "at_least"):
        dy = -arrow_points if status == "at_most" else arrow_points
        for x in xs:
            ax.annotate("", xy=(x, value), xytext=(0, dy), textcoords="offset points",
                        arrowprops={"arrowstyle": "<-", "color": color, "lw": 1.2})
    if text:
        ax.annotate(text, xy=(xs[-1], value), xytext=(5, 0), textcoords="offset points", ha="left",
                    va="center", fontsize=8, color=INK)
    return ax


# --- periods, the colony's span, a second unit ------------------------------------------------


def colony_span() -> tuple[pd.Timestamp, pd.Timestamp]:
    """The colony's life as the key events date it: from the first key event to the last."""
    keys = key_events()
    return keys["date_start"].iloc[0], keys["date_start"].iloc[-1]


def shade_colony(ax: plt.Axes, *, alpha: float = 0.10) -> plt.Axes:
    """Shade the colony's life (:func:`colony_span`) on a date axis, behind everything else."""
    ax.axvspan(*colony_span(), color=INK, alpha=alpha, linewidth=0, zorder=0)
    return ax


def secondary_unit_axis(ax: plt.Axes, to_other, label: str, *, location: str = "right"):
    """An axis showing the same values in another unit (e.g. poods on the left, kg on the right).

    Draw in the source's own unit; this axis only rescales. ``to_other`` must be a factor
    (linear through zero), such as :func:`kuzbas_data.units.poods_to_kg`. Returns the new axis.
    """
    k = float(to_other(1.0))
    secondary = ax.secondary_yaxis(location, functions=(lambda v: v * k, lambda v: v / k))
    secondary.set_ylabel(label)
    return secondary
