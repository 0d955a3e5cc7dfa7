"""The colony's chronology as tables ready to plot: events, disputed dates, periodisations.

Every function reads the evidence through the package's loaders and returns a new DataFrame;
nothing is typed in by hand. Dates stay as the sources give them: an event dated to a month
keeps the whole month (``date_start`` to ``date_end``), and every version of a disputed date
is kept.

Two day counts are used:

- ``span_days`` (one dating): days from ``date_start`` to ``date_end`` inclusive, so a
  day-precise event spans 1 day and an event dated to December spans 31.
- ``spread_days`` (several datings): days from the earliest to the latest possible day, so
  versions that all name the same day have a spread of 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .dates import period_label
from .evidence import conflict_groups, conflicts, events, periods, sources

if TYPE_CHECKING:  # the drawing helpers import matplotlib only when called
    import matplotlib.pyplot as plt

PARALLEL_MARK = "○"  # Yamanouchi's table marks the New York (AOC) track with ○, not a number


def _with_labels(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with a ``citation_label`` column read from the source register."""
    s = sources()
    labels = dict(zip(s["source_id"], s["citation_label"]))
    return table.assign(citation_label=table["source_id"].map(labels).astype("string"))


def _span_days(start: pd.Series, end: pd.Series) -> pd.Series:
    return ((end - start).dt.days + 1).astype("Int64")


def timeline(start=None, end=None) -> pd.DataFrame:
    """Dated events, one row per version of an event, ready to plot on a date axis.

    Parameters
    ----------
    start, end : str or Timestamp, optional
        A window: keep only events whose dated span overlaps [``start``, ``end``] (an event
        dated 1918-1921 overlaps a window that opens in 1919).

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event``, ``category``, ``date_start``, ``date_end``,
        ``date_precision``, ``span_days`` (1 for a day-precise event), ``source_id``,
        ``citation_label``, ``conflict_group`` and ``key_label``; sorted by ``date_start``
        then ``event_id``, with a fresh index.

        Undated events cannot be drawn and are left out, but counted: ``attrs["undated"]``
        is their number (:func:`undated_events` lists them) and ``attrs["outside"]`` the
        number of dated events outside the window (0 without a window).

    Examples
    --------
    >>> t = timeline()
    >>> bool(t["date_start"].is_monotonic_increasing), t.attrs["undated"] > 0
    (True, True)
    """
    ev = events()
    dated = ev[ev["date_start"].notna()]
    keep = pd.Series(True, index=dated.index)
    if start is not None:
        keep &= dated["date_end"] >= pd.Timestamp(start)
    if end is not None:
        keep &= dated["date_start"] <= pd.Timestamp(end)
    out = _with_labels(dated[keep]).assign(span_days=lambda t: _span_days(t["date_start"], t["date_end"]))
    cols = ["event_id", "event", "category", "date_start", "date_end", "date_precision", "span_days",
            "source_id", "citation_label", "conflict_group", "key_label"]
    out = out[cols].sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)
    out.attrs = {"undated": len(ev) - len(dated), "outside": int((~keep).sum())}
    return out


def undated_events() -> pd.DataFrame:
    """The events no source dates (left out of :func:`timeline`), sorted by ``event_id``.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``event``, ``category``, ``source_id``, ``citation_label``,
        ``conflict_group`` and ``notes`` (which often says what the event came after or before).
    """
    ev = events()
    ev = _with_labels(ev[ev["date_start"].isna()])
    cols = ["event_id", "event", "category", "source_id", "citation_label", "conflict_group", "notes"]
    return ev[cols].sort_values("event_id").reset_index(drop=True)


def lanes(start: pd.Series, end: pd.Series, gap_days: float = 0, by: pd.Series | None = None) -> pd.Series:
    """Stack intervals into lanes so that no two in one lane touch (to draw them apart).

    Intervals are taken in order of start (then end, then position); each goes into the
    lowest-numbered lane whose last interval ended more than ``gap_days`` before it starts.

    Parameters
    ----------
    start, end : pandas.Series of datetime64
        First and last day of each interval (same index).
    gap_days : float, default 0
        Room to leave between neighbours in a lane, in days (e.g. the width of a marker).
    by : pandas.Series, optional
        Groups (e.g. the event category), each stacked separately from lane 0.

    Returns
    -------
    pandas.Series of int
        The lane of each interval (0, 1, 2, ...), on the index of ``start``.

    Examples
    --------
    >>> s = pd.to_datetime(pd.Series(["1922-01-01", "1922-01-10", "1922-03-01"]))
    >>> e = pd.to_datetime(pd.Series(["1922-01-31", "1922-01-10", "1922-03-01"]))
    >>> lanes(s, e).tolist()
    [0, 1, 0]
    """
    group = pd.Series(0, index=start.index) if by is None else by.astype("string").fillna("")
    order = pd.DataFrame({"group": group, "start": start, "end": end, "pos": range(len(start))},
                         index=start.index).sort_values(["start", "end", "pos"], kind="stable")
    gap = pd.Timedelta(days=gap_days)
    busy_until: dict[object, list[pd.Timestamp]] = {}
    lane = {}
    for idx, row in order.iterrows():
        busy = busy_until.setdefault(row["group"], [])
        free = [k for k, until in enumerate(busy) if row["start"] > until + gap]
        lane[idx] = free[0] if free else len(busy)
        if free:
            busy[free[0]] = row["end"]
        else:
            busy.append(row["end"])
    return pd.Series([lane[i] for i in start.index], index=start.index, dtype="int64")


def _conflicting_events() -> pd.DataFrame:
    ev = events()
    return _with_labels(ev[ev["conflict_group"].notna()])


def disputed_versions() -> pd.DataFrame:
    """The distinct datings within each conflict group of the events table.

    Rows of one group that give exactly the same span (same ``date_start`` and ``date_end``)
    are one dating; the undated rows of a group form a dating of their own.

    Returns
    -------
    pandas.DataFrame
        ``conflict_group``, ``date_start``, ``date_end``, ``dating`` (the span in words, see
        :func:`kuzbas_data.dates.period_label`), ``date_precision`` (of its rows, "; "-joined if they differ),
        ``span_days``, ``rows`` (event rows giving this dating),
        ``sources`` (distinct sources among them), ``source_labels`` (their citation labels,
        "; "-joined alphabetically) and ``event_ids`` ("; "-joined); sorted by group, then
        start and end (undated last).
    """
    grouped = _conflicting_events().groupby(["conflict_group", "date_start", "date_end"], dropna=False)
    out = grouped.agg(date_precision=("date_precision", lambda s: "; ".join(sorted(set(s.astype(str))))),
                      rows=("event_id", "size"), sources=("source_id", "nunique"),
                      source_labels=("citation_label", lambda s: "; ".join(sorted(set(s)))),
                      event_ids=("event_id", lambda s: "; ".join(sorted(s)))).reset_index()
    out["span_days"] = _span_days(out["date_start"], out["date_end"])
    out["dating"] = [period_label(a, b) for a, b in zip(out["date_start"], out["date_end"])]
    out = out.astype({"conflict_group": "string", "dating": "string", "date_precision": "string",
                      "source_labels": "string",
                      "event_ids": "string", "rows": "int64", "sources": "int64"})
    cols = ["conflict_group", "date_start", "date_end", "dating", "date_precision", "span_days", "rows",
            "sources", "source_labels", "event_ids"]
    return out[cols].sort_values(["conflict_group", "date_start", "date_end"], na_position="last",
                                 kind="stable").reset_index(drop=True)


def group_versions(group: str) -> pd.DataFrame:
    """Every version of one conflict group of the events: its dating, what it says, the note on it.

    One row per event row (a source that gives the date twice appears twice), in the order of
    :func:`kuzbas_data.conflicts`; ``row_id`` is the event's id.
    """
    cf = conflicts()
    versions = cf[cf["conflict_group"].eq(group) & cf["table"].eq("events")]
    if versions.empty:
        raise KeyError(f"{group!r} is no conflict group of the events; list them with tl.disputed_dates()")
    dating = [period_label(a, b) for a, b in zip(versions["date_start"], versions["date_end"])]
    return versions.assign(dating=dating)[["conflict_group", "dating", "subject", "notes", "row_id"]]


def disputed_dates() -> pd.DataFrame:
    """One row per conflict group of the events table: how far its versions' dates spread.

    Returns
    -------
    pandas.DataFrame
        ``conflict_group``; ``earliest`` (the earliest ``date_start`` of any version) and
        ``latest`` (the latest ``date_end``); ``spread_days`` (days from earliest to latest:
        0 when every version names the same day); ``versions`` (distinct datings per source:
        a source that gives the same dates in several rows counts once), ``rows`` (event rows in
        the group), ``undated`` (rows without a date), ``sources`` (distinct sources) and
        ``source_labels`` (their citation labels, "; "-joined in order of each source's
        earliest version, alphabetically among equals, sources with only undated versions
        last). Sorted by ``earliest``, then group.

    Examples
    --------
    >>> d = disputed_dates().set_index("conflict_group")
    >>> int(d.at["coke_plant_opening_date", "spread_days"])
    0
    """
    ev = _conflicting_events()
    ordered = ev.sort_values(["date_start", "citation_label"], na_position="last", kind="stable")
    labels = ordered.groupby("conflict_group")["citation_label"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    out = ev.groupby("conflict_group").agg(
        earliest=("date_start", "min"), latest=("date_end", "max"), rows=("event_id", "size"),
        undated=("date_start", lambda s: int(s.isna().sum())), sources=("source_id", "nunique"))
    out["versions"] = conflict_groups().set_index("conflict_group")["versions"]
    out["spread_days"] = (out["latest"] - out["earliest"]).dt.days.astype("Int64")
    out["source_labels"] = labels.astype("string")
    out = out.reset_index().astype({"conflict_group": "string", "versions": "int64", "rows": "int64",
                                    "undated": "int64", "sources": "int64"})
    cols = ["conflict_group", "earliest", "latest", "spread_days", "versions", "rows", "undated", "sources",
            "source_labels"]
    return out[cols].sort_values(["earliest", "conflict_group"], kind="stable").reset_index(drop=True)


def periodisations() -> pd.DataFrame:
    """The periodisations of the colony, tidy for drawing side by side on one date axis.

    Returns
    -------
    pandas.DataFrame
        One row per period: ``row`` (0, 1, 2, ... in the sort order: a y position),
        ``periodisation_id``, ``author`` (e.g. 'Galkina'), ``period_no``, ``mark`` (the sign
        the source's table puts before the period: a circled number, or ○), ``track``
        ('main', or 'parallel' for the periods marked ○: Yamanouchi's New York (AOC) track),
        ``label``, ``start_date``, ``end_date``, ``date_precision``, ``span_days``
        (inclusive), ``characterisation``, ``source_id``, ``citation_label`` and ``notes``;
        sorted by periodisation, main track before parallel, then start date.
    """
    p = _with_labels(periods())
    p["author"] = p["periodisation_id"].str.title()
    p["mark"] = p["quote"].str.slice(0, 1)
    p["track"] = p["mark"].eq(PARALLEL_MARK).map({True: "parallel", False: "main"}).astype("string")
    p["span_days"] = _span_days(p["start_date"], p["end_date"])
    p = p.sort_values(["periodisation_id", "track", "start_date", "period_no"], kind="stable")
    p = p.reset_index(drop=True)
    p["row"] = range(len(p))
    cols = ["row", "periodisation_id", "author", "period_no", "mark", "track", "label", "start_date",
            "end_date", "date_precision", "span_days", "characterisation", "source_id",
            "citation_label", "notes"]
    return p[cols]


def fit_labels(ax: plt.Axes, labels) -> plt.Axes:
    """Keep labels written beside intervals on a date axis inside the axes.

    Each label is a ``(text, start, end)`` triple: a :class:`matplotlib.text.Text` drawn with
    ``ha="left"`` a little after ``end``. A label that runs past the right edge of the axes
    moves to the same distance before ``start`` (``ha="right"``); one that fits on neither side
    goes inside the interval, on a white ground, if the interval is long enough; otherwise it
    is broken onto two lines at its middle "; " and put on the side with more room. Call it
    after everything else is drawn (it draws the figure once to measure the text), and give
    the texts ``set_in_layout(False)`` so that moving them does not change the layout.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes with dates on x.
    labels : iterable of (Text, Timestamp, Timestamp)
        Each label with the first and last x of the interval it names.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.
    """
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)

    def x_display(x):
        return ax.transData.transform((ax.convert_xunits(x), 0))[0]

    for text, start, end in labels:
        gap = text.get_position()[0] - end
        width = text.get_window_extent(renderer).width
        room_right = box.x1 - x_display(end + gap)
        room_left = x_display(start - gap) - box.x0
        if width <= room_right:
            continue
        if width <= room_left:
            text.set_x(start - gap)
            text.set_horizontalalignment("right")
        elif width <= x_display(end) - x_display(start) - 2 * (x_display(start + gap) - x_display(start)):
            text.set_x(start + gap)
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.5})
        else:
            parts = text.get_text().split("; ")
            half = (len(parts) + 1) // 2
            text.set_text("; ".join(parts[:half]) + ";\n" + "; ".join(parts[half:]))
            if room_left > room_right:
                text.set_x(start - gap)
                text.set_horizontalalignment("right")
    return ax


def key_event_figure(height: float, start, end, *, width: float = 10.5,
                     strip: float = 1.5) -> tuple[plt.Figure, plt.Axes, plt.Axes]:
    """A figure for a date axis: a strip naming the key events above the chart's own axes.

    The key events (:func:`kuzbas_data.plotting.key_events`) between ``start`` and ``end``
    are drawn with :func:`kuzbas_data.plotting.mark_events` on both axes, with their labels
    in the strip only, so that the labels never cover the data.

    Parameters
    ----------
    height : float
        Height of the chart's axes, in inches (the strip comes on top).
    start, end : str or Timestamp
        The date axis's limits.
    width : float, default 10.5
        Figure width, in inches.
    strip : float, default 1.5
        Height of the label strip, in inches.

    Returns
    -------
    (figure, strip_axes, axes)
        Put the title on ``strip_axes`` and draw on ``axes``; both share the date axis.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    import matplotlib.pyplot as plt

    from . import plotting
    fig, (top, ax) = plt.subplots(2, 1, figsize=(width, height + strip), sharex=True,
                                  height_ratios=[strip, height])
    marks = plotting.key_events()
    marks = marks[(marks["date_start"] >= start) & (marks["date_start"] <= end)]
    plotting.mark_events(top, marks, text=True)
    plotting.mark_events(ax, marks, text=False)
    top.set_yticks([])
    top.grid(False)
    for side in ("left", "right", "bottom"):
        top.spines[side].set_visible(False)
    top.tick_params(axis="x", bottom=False, labelbottom=False)
    ax.set_xlim(start, end)
    return fig, top, ax
