"""Loaders for the evidence tables: what the sources say, as they say it.

Each loader returns a plain DataFrame typed from data/datapackage.json (text as ``string``,
numbers as ``Float64``, counts as ``Int64``, dates as ``datetime64``, controlled lists as
ordered categoricals). Rows keep their ids, so every value leads back to its source with
:func:`kuzbas_data.cite`.
"""

from __future__ import annotations

import pandas as pd

from .datapackage import read_table

#: What makes one *version* of a conflict group: a source and what it states. Rows of one source
#: that give the same figure (value, bounds, unit) for the same period, or the same dates, repeat
#: one version; they stay as rows (each has its own quote) but count once.
VERSION_FIELDS = {
    "claims": ["source_id", "value", "value_low", "value_high", "unit", "period_start", "period_end"],
    "events": ["source_id", "date_start", "date_end"],
}


def sources() -> pd.DataFrame:
    """The source documents, one row per source.

    The five documents the project is built from have a ``text_file`` under ``sources/``;
    outside sources of context figures point to ``research/context-statistics.md``.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> kd.sources().set_index("source_id").loc["yamanouchi2025", "year"]
    np.int64(2025)
    """
    return read_table("sources")


def measures() -> pd.DataFrame:
    """The codebook: one row per measure the claims are coded with.

    Each measure has a label and a definition, the units it may be stated in
    (``unit_family``), and for each series the kind of row it gives there (empty when it
    is not in that series). ``claims().merge(measures(), on="measure_id")`` says what every
    claim counts, and which series it feeds.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> kd.measures().set_index("measure_id").loc["colonists_ever", "workforce_kind"]
    'foreigners_ever'
    """
    return read_table("measures")


def claims() -> pd.DataFrame:
    """Every quantitative statement, as stated, with its quote and status.

    ``value``, ``value_low`` and ``value_high`` are in the source's own ``unit`` and scale;
    ``status`` says whether the figure is recorded, approximate, a bound, a range, vague,
    inferred or implausible.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> c = kd.claims()
    >>> c.loc[c["claim_id"] == "exh_farm_area", ["value", "unit"]].to_numpy().tolist()
    [[9544.0, 'ha']]
    """
    return read_table("claims")


def events() -> pd.DataFrame:
    """Dated happenings, one row per version of an event per source.

    ``date_start`` and ``date_end`` span what the source's wording allows (a month, a
    season, a year); rows that date the same event differently share a ``conflict_group``.
    """
    return read_table("events")


def periods() -> pd.DataFrame:
    """The two periodisations of the colony (Galkina's and Yamanouchi's), from Yamanouchi (2025)."""
    return read_table("periods")


def places() -> pd.DataFrame:
    """Places the sources name, with approximate modern coordinates (the project's placement)."""
    return read_table("places")


def people() -> pd.DataFrame:
    """Every person the sources name, under the spelling most sources use."""
    return read_table("people")


def person_names() -> pd.DataFrame:
    """Every spelling of every person's name, with the source and a quote."""
    return read_table("person_names")


def nationality_evidence() -> pd.DataFrame:
    """Statements that attest a nationality among the colonists without counting it."""
    return read_table("nationality_evidence")


def conflicts() -> pd.DataFrame:
    """Every conflict group with its competing versions, one row per version.

    Returns
    -------
    pandas.DataFrame
        ``conflict_group``, ``table`` (claims or events), ``row_id``, ``source_id``,
        ``subject`` (the measure or the event label), ``value``, ``value_low``,
        ``value_high``, ``unit``, ``value_text`` (claims), ``date_start``, ``date_end``,
        ``date_precision`` (claims' periods or events' dates), ``status``, ``notes`` and
        ``version`` (1, 2, ... within the group; rows of one source stating the same figure or
        dates share a number: they repeat one version); sorted by group, then by date and value.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> liq = kd.conflicts().query("conflict_group == 'liquidation_date'")
    >>> liq["source_id"].nunique() > 1
    True
    """
    c = claims()
    c = c[c["conflict_group"].notna()]
    from_claims = pd.DataFrame({
        "conflict_group": c["conflict_group"], "table": "claims", "row_id": c["claim_id"],
        "source_id": c["source_id"], "subject": c["measure"], "value": c["value"],
        "value_low": c["value_low"], "value_high": c["value_high"], "unit": c["unit"].astype("string"),
        "value_text": c["value_text"], "date_start": c["period_start"], "date_end": c["period_end"],
        "date_precision": c["date_precision"].astype("string"), "status": c["status"].astype("string"),
        "notes": c["notes"]})
    e = events()
    e = e[e["conflict_group"].notna()]
    from_events = pd.DataFrame({
        "conflict_group": e["conflict_group"], "table": "events", "row_id": e["event_id"],
        "source_id": e["source_id"], "subject": e["event"], "date_start": e["date_start"],
        "date_end": e["date_end"], "date_precision": e["date_precision"].astype("string"),
        "notes": e["notes"]})
    both = pd.concat([from_claims, from_events.reindex(columns=from_claims.columns)], ignore_index=True)
    both = both.astype({"table": "string", "value": "Float64", "value_low": "Float64",
                        "value_high": "Float64", "unit": "string", "value_text": "string", "status": "string"})
    both = both.sort_values(["conflict_group", "date_start", "value", "row_id"],
                            na_position="last", kind="stable").reset_index(drop=True)
    return both.assign(version=_version_numbers(both))


_conflicts = conflicts  # conflict_groups() takes a parameter of that name, as criticism's functions do


#: The same fields under the names :func:`conflicts` gives them (a claim's period is its dates).
_STATED = [{"period_start": "date_start", "period_end": "date_end"}.get(f, f) for f in VERSION_FIELDS["claims"]]


def _version_numbers(cf: pd.DataFrame) -> pd.Series:
    """1, 2, ... within each group, in row order; a row repeating an earlier row's statement gets its number."""
    # rows are sorted by group, so numbering distinct statements in order of first appearance
    # gives each group a contiguous run of numbers
    statement = cf.groupby(["conflict_group", *_STATED], sort=False, dropna=False).ngroup()
    return (statement - statement.groupby(cf["conflict_group"]).transform("min") + 1).astype("int64")


def conflict_groups(conflicts: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per conflict group: what it disputes, and how many rows, versions and sources it holds.

    ``conflicts`` is a frame as :func:`conflicts` returns it (read afresh when not given).

    Returns
    -------
    pandas.DataFrame
        ``conflict_group``, ``table`` (claims or events), ``subject`` (of its first row),
        ``rows`` (every statement, each with its own quote), ``versions`` (distinct statements:
        one source's repeated figure or date counts once, see :data:`VERSION_FIELDS`) and
        ``sources``; sorted by group.

    Examples
    --------
    >>> import kuzbas_data as kd
    >>> g = kd.conflict_groups().set_index("conflict_group")
    >>> bool((g["versions"] <= g["rows"]).all() and (g["sources"] <= g["versions"]).all())
    True
    """
    cf = _conflicts() if conflicts is None else conflicts
    out = cf.groupby("conflict_group", sort=True).agg(
        table=("table", "first"), subject=("subject", "first"), rows=("row_id", "size"),
        versions=("version", "max"), sources=("source_id", "nunique")).reset_index()
    return out.astype({"conflict_group": "string", "table": "string", "subject": "string",
                       "rows": "int64", "versions": "int64", "sources": "int64"})
