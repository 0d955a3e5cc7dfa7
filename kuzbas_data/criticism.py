"""Source criticism in numbers: where the sources agree, which figures to doubt, how far each
source stands from what it reports.

Every function reads the evidence through the loaders (:func:`kuzbas_data.conflicts`,
:func:`kuzbas_data.claims`, :func:`kuzbas_data.events`, :func:`kuzbas_data.sources`) and returns
a plain DataFrame sorted so that its output does not depend on the order of the CSV rows.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

import pandas as pd

from .dates import period_label
from .evidence import claims, conflicts as _conflicts, events, sources
from .units import base_unit  # a unit word split into base unit and scale ("thousand_ha": ha, 1000)

# Phrases by which a claim's notes say that something its figure rests on (unit, period, date,
# base) is not stated or unclear. "source wording not given" concerns the quote, not the figure.
UNSTATED_BASIS = (r"(?<!wording )\bnot (?:stated|given)\b|\bno dates?\b|\bdoes not say\b|\bunclear\b"
                  r"|\bambiguous\b|\bpresum(?:ed|ably)\b|\bassumed\b|\bno base year\b")


def rounding_step(value: float) -> float:
    """The place of a stated figure's last non-zero digit: ``750`` gives 10, ``753`` gives 1,
    ``16.38`` gives 0.01, ``60000`` gives 10000 (and ``0`` gives 1)."""
    if value == 0:
        return 1.0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(Decimal(1).scaleb(exponent))


def claim_intervals(conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The numbers each competing claim allows, in a base unit common to its group.

    Parameters
    ----------
    conflicts : pandas.DataFrame, optional
        A table shaped like :func:`kuzbas_data.conflicts` (default: that table).

    Returns
    -------
    pandas.DataFrame
        The claim rows of ``conflicts`` with ``base_unit``, ``scale`` (factor from the stated
        unit to ``base_unit``) and ``low`` / ``high`` (Float64, in ``base_unit``; -inf / inf on
        an open side; NA when the claim gives no figure).

    Notes
    -----
    A claim with a bound (``value_low`` or ``value_high``: a range, "at least", "at most")
    allows ``[value_low, value_high]``, open on the side without a bound. A claim with only a
    ``value`` allows the numbers that round to it at its last non-zero digit
    (:func:`rounding_step`): "753" allows [752.5, 753.5], "about 750" [745, 755], "10 thousand"
    [5, 15] thousand. A claim without a figure (status vague) allows nothing comparable.
    """
    c = _conflicts() if conflicts is None else conflicts
    c = c[c["table"] == "claims"].copy()
    split = [base_unit(u) for u in c["unit"]]
    c["base_unit"] = pd.array([b for b, _ in split], dtype="string")
    c["scale"] = pd.array([s for _, s in split], dtype="Float64")
    lows, highs = [], []
    for value, low, high, scale in zip(c["value"], c["value_low"], c["value_high"], c["scale"]):
        if pd.isna(scale) or (pd.isna(value) and pd.isna(low) and pd.isna(high)):
            lows.append(pd.NA), highs.append(pd.NA)
        elif pd.notna(low) or pd.notna(high):
            lows.append(-math.inf if pd.isna(low) else float(low) * scale)
            highs.append(math.inf if pd.isna(high) else float(high) * scale)
        else:
            half = rounding_step(float(value)) / 2
            lows.append((float(value) - half) * scale)
            highs.append((float(value) + half) * scale)
    c["low"] = pd.array(lows, dtype="Float64")
    c["high"] = pd.array(highs, dtype="Float64")
    return c.reset_index(drop=True)


def _overlap(a, b) -> bool:
    """Closed intervals ``(low, high)`` overlap (touching counts); numbers get a hair of
    tolerance for the float noise of unit scaling."""
    if isinstance(a[0], pd.Timestamp):
        return a[0] <= b[1] and b[0] <= a[1]
    eps = 1e-9 * max([abs(x) for x in (*a, *b) if math.isfinite(x)] + [1.0])
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def verdicts(conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each conflict group and each pair of sources in it: agree, disagree or not comparable.

    Parameters
    ----------
    conflicts : pandas.DataFrame, optional
        A table shaped like :func:`kuzbas_data.conflicts` (default: that table). Pass a copy
        with ``source_id`` relabelled to treat several sources as one.

    Returns
    -------
    pandas.DataFrame
        ``conflict_group``, ``table``, ``source_a``, ``source_b`` (``source_a < source_b``, never
        equal) and ``verdict`` (``"agree"``, ``"disagree"`` or ``"not comparable"``), sorted by
        group and pair.

    Notes
    -----
    Each version is an interval: an event's ``[date_start, date_end]``, a claim's interval from
    :func:`claim_intervals`. Two versions can be compared when both have an interval and (for
    claims) the same base unit. Two sources **agree** in a group when some version of one
    overlaps some comparable version of the other, **disagree** when they have comparable
    versions and none overlap, and are **not comparable** there otherwise.
    """
    c = _conflicts() if conflicts is None else conflicts
    iv = claim_intervals(c)
    e = c[c["table"] == "events"]
    rows = pd.concat([
        pd.DataFrame({"conflict_group": iv["conflict_group"], "table": "claims", "source_id": iv["source_id"],
                      "kind": iv["base_unit"].astype(object), "low": iv["low"].astype(object),
                      "high": iv["high"].astype(object)}),
        pd.DataFrame({"conflict_group": e["conflict_group"], "table": "events", "source_id": e["source_id"],
                      "kind": "date", "low": e["date_start"].astype(object), "high": e["date_end"].astype(object)}),
    ], ignore_index=True)
    rows = rows.assign(usable=rows["low"].notna() & rows["high"].notna())
    out = []
    for group, g in rows.groupby("conflict_group", sort=True):
        versions = {s: [(r.kind, (r.low, r.high)) for r in v[v["usable"]].itertuples()]
                    for s, v in g.groupby("source_id")}
        for a, b in itertools.combinations(sorted(versions), 2):
            pairs = [(x, y) for kx, x in versions[a] for ky, y in versions[b] if kx == ky]
            verdict = ("not comparable" if not pairs else
                       "agree" if any(_overlap(x, y) for x, y in pairs) else "disagree")
            out.append((group, g["table"].iloc[0], a, b, verdict))
    return pd.DataFrame(out, columns=["conflict_group", "table", "source_a", "source_b", "verdict"]).astype("string")


def agreement(conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """How often two sources agree where both give a version of the same figure or date.

    Parameters
    ----------
    conflicts : pandas.DataFrame, optional
        A table shaped like :func:`kuzbas_data.conflicts` (default: that table). Relabel its
        ``source_id`` column to pool sources (e.g. every outside source as one).

    Returns
    -------
    pandas.DataFrame
        One row per pair of sources that share at least one conflict group: ``source_a``,
        ``source_b`` (``source_a < source_b``), ``shared_groups`` (groups in which both give a
        version), ``comparable_groups`` (of those, groups in which their versions can be
        compared) and ``agreements`` (of those, groups in which they agree); Int64, sorted by pair.

    Notes
    -----
    **Agreement**, for claims: equal values or overlapping bounds, once the values are in a
    common unit ("10 thousand ha" is 10,000 ha) and a stated figure is read as the numbers that
    round to it ("about 750" is 745 to 755; "more than 650" is 650 upwards). For events:
    overlapping date spans ``[date_start, date_end]`` (the year 1921 overlaps 22 November 1921).
    Where a source gives several versions in a group, one overlapping pair is enough.
    A version without a figure or a date is not comparable. Group by group: :func:`verdicts`.
    """
    v = verdicts(conflicts)
    out = (v.assign(comparable=v["verdict"] != "not comparable", agree=v["verdict"] == "agree")
           .groupby(["source_a", "source_b"], sort=True)
           .agg(shared_groups=("conflict_group", "size"), comparable_groups=("comparable", "sum"),
                agreements=("agree", "sum")).reset_index())
    return out.astype({"source_a": "string", "source_b": "string", "shared_groups": "Int64",
                       "comparable_groups": "Int64", "agreements": "Int64"})


def flagged_claims() -> pd.DataFrame:
    """Claims to doubt: implausible, inferred from words, or with their basis unstated.

    Returns
    -------
    pandas.DataFrame
        The flagged rows of :func:`kuzbas_data.claims` (``claim_id``, ``source_id``,
        ``measure``, ``value``, ``value_text``, ``unit``, ``status``, ``notes``) with
        ``reason``: ``"implausible"``, ``"inferred"``, ``"basis unstated"``, or two of them
        joined by ``"; "``; sorted by source and claim id.

    Notes
    -----
    The rule, applied to every claim that gives a figure (``value``, ``value_low`` or
    ``value_high``; a vague claim has no number to doubt):

    - **implausible** / **inferred**: the claim's ``status`` says so;
    - **basis unstated**: its ``notes`` say that its unit, period, date or base is missing or
      unclear, by one of the phrases "not stated", "not given" (but not "source wording not
      given", which is about the quote), "no date(s)", "does not say", "unclear", "ambiguous",
      "presumed", "presumably", "assumed", "no base year" (:data:`UNSTATED_BASIS`).
    """
    c = claims()
    has_figure = c[["value", "value_low", "value_high"]].notna().any(axis=1).to_numpy(dtype=bool)
    tests = {
        "implausible": (c["status"] == "implausible").to_numpy(dtype=bool),
        "inferred": (c["status"] == "inferred").to_numpy(dtype=bool),
        "basis unstated": c["notes"].str.contains(UNSTATED_BASIS, case=False, regex=True)
        .fillna(False).to_numpy(dtype=bool),
    }
    hit = has_figure & (tests["implausible"] | tests["inferred"] | tests["basis unstated"])
    reason = ["; ".join(k for k in tests if tests[k][i]) for i in range(len(c))]
    out = c.loc[hit, ["claim_id", "source_id", "measure", "value", "value_text", "unit", "status", "notes"]]
    out = out.assign(reason=pd.array([r for r, h in zip(reason, hit) if h], dtype="string"))
    return out.sort_values(["source_id", "claim_id"], kind="stable").reset_index(drop=True)


def distance_from_events() -> pd.DataFrame:
    """How far each source stands from what it reports: its publication year against the years
    its own dated statements refer to.

    Returns
    -------
    pandas.DataFrame
        One row per source: ``source_id``, ``citation_label``, ``kind``, ``year`` (of
        publication, from :func:`kuzbas_data.sources`; NA where the source does not state it),
        ``dated_rows`` (its claims and events that carry a date), ``first_year`` (year of its
        earliest ``period_start`` / ``date_start``), ``last_year`` (year of its latest
        ``period_end`` / ``date_end``) and ``gap_years`` (``year - last_year``). Int64, sorted by
        ``year`` (missing last), then ``source_id``.

    Notes
    -----
    ``gap_years`` is the least distance between the source and anything it dates: published
    that many years after the latest year it speaks of. It is negative when a source dates
    plans or forecasts beyond its own year, and NA when the source states no year or dates
    nothing: no year is guessed from the context.
    """
    c, e, s = claims(), events(), sources()
    spans = pd.concat([
        pd.DataFrame({"source_id": c["source_id"], "start": c["period_start"], "end": c["period_end"]}),
        pd.DataFrame({"source_id": e["source_id"], "start": e["date_start"], "end": e["date_end"]}),
    ], ignore_index=True).dropna(subset=["start"])
    per = spans.groupby("source_id").agg(dated_rows=("start", "size"), first=("start", "min"), last=("end", "max"))
    out = s[["source_id", "citation_label", "kind", "year"]].merge(per, left_on="source_id", right_index=True, how="left")
    out = out.assign(dated_rows=out["dated_rows"].fillna(0).astype("Int64"), year=out["year"].astype("Int64"),
                     first_year=pd.array(out["first"].dt.year, dtype="Int64"),
                     last_year=pd.array(out["last"].dt.year, dtype="Int64"))
    out["gap_years"] = out["year"] - out["last_year"]
    out = out.drop(columns=["first", "last"]).astype({"source_id": "string", "citation_label": "string"})
    return out.sort_values(["year", "source_id"], na_position="last", kind="stable").reset_index(drop=True)


def version_text(v) -> str:
    """One version of a conflict group as the source states it: a dating, or the figure as worded.

    '21 Oct 1921'; '“about 750” [persons] approximate, 1926'.
    """
    when = period_label(v["date_start"], v["date_end"], v["date_precision"])
    if v["table"] == "events":
        return when
    unit = "" if pd.isna(v["unit"]) else f" [{str(v['unit']).replace('_', ' ')}]"
    return f"“{v['value_text']}”{unit} {str(v['status']).replace('_', ' ')}" + ("" if when == "undated" else f", {when}")
