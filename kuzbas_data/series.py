"""Analysis-ready series, derived from the claims by small rules, each row keeping its claim ids.

Every builder selects claims by their measure in the codebook (data/measures.csv), converts units with :mod:`kuzbas_data.units`
(each factor from a cited claim), and returns one tidy DataFrame with the columns of the
series schema in data/datapackage.json: what is measured, the entity, the period, the value
in a normalised unit with bounds, the original value and unit, a ``basis`` (recorded,
converted, derived, disputed), and the ``claim_ids`` it rests on. Nothing is interpolated:
a year without a claim has no row.

``python -m kuzbas_data series`` writes every series to data/series/*.csv.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable

import pandas as pd

from . import units
from .datapackage import read_table, resource
from .errors import DataError
from .evidence import claims, measures, nationality_evidence, people

# --- named assumptions -------------------------------------------------------------------

#: Working days in a month, to turn a per-day output into a per-month one. No source gives
#: the colony's working calendar, so the conversion is a range. Low: 22, as US anthracite
#: mines worked 268 days in 1923 (claim ctx_usgs_anthracite_days_worked_1923; 268/12 = 22.3).
#: High: 26, a six-day week (a month of 30 days less 4 Sundays). Both are the project's choice.
WORKING_DAYS_PER_MONTH = (22, 26)

#: 1 short (net) ton = 2000 lb x 0.45359237 kg: the definition of the US ton, not a figure
#: from any source.
SHORT_TON_IN_TONNES = 0.90718474

MINES = ("Kemerovo mine", "Central mine")
CURRENCIES = ("usd", "rubles", "gold_rubles", "silver_rubles")
SERIES = ["coal_output", "productivity", "workforce", "colonists", "money"]

# --- selecting claims: by their measure in the codebook (data/measures.csv) -----------------


def coded(kind_column: str) -> pd.DataFrame:
    """The claims whose measure has a kind in codebook column ``kind_column``, that kind as ``series_kind``.

    Which series a claim feeds, and as what, is data: the claim's ``measure_id`` and that
    measure's row in data/measures.csv. A claim coded with a measure that has no kind there is
    not in the series.
    """
    codebook = measures()[["measure_id", kind_column]].rename(columns={kind_column: "series_kind"})
    c = claims()
    c = c.assign(file_row=range(2, len(c) + 2))  # the spreadsheet row, for error messages
    c = c.merge(codebook, on="measure_id", how="left", validate="many_to_one")
    c = c[c["series_kind"].notna()]
    return c.assign(series_kind=c["series_kind"].astype(str))


def _unhandled(series: str, claim: dict, rule: str) -> DataError:
    """A coded claim that no conversion rule of its series takes: an error, never a silent drop."""
    return DataError("data/claims.csv", f"the {series} series has no rule for unit '{claim['unit']}' "
                     f"with date precision '{claim['date_precision']}' ({rule})",
                     "correct the claim's unit or measure_id, or add a rule to kuzbas_data/series.py",
                     row=claim["file_row"], column="unit", row_id=f"claim_id '{claim['claim_id']}'")


#: A context figure dated to less than this is a part of a year, never drawn as a year's output.
PART_YEAR = pd.Timedelta(days=330)


def is_part_year(start, end) -> bool:
    """Whether a dated output covers only part of a year (e.g. June-September 1921)."""
    return pd.notna(start) and pd.notna(end) and (end - start) < PART_YEAR


# --- rules: converting -------------------------------------------------------------------


def per_day_to_per_month(value: float) -> tuple[float, float]:
    """A daily output as a monthly range over ``WORKING_DAYS_PER_MONTH``."""
    low, high = WORKING_DAYS_PER_MONTH
    return value * low, value * high


def to_million_tonnes(value: float, unit: str) -> float | None:
    """An annual output in any of the sources' mass units, in million metric tonnes."""
    scale = {"million_tonnes": 1, "thousand_tonnes": 1e-3, "tonnes": 1e-6,
             "million_short_tons": SHORT_TON_IN_TONNES, "short_tons": SHORT_TON_IN_TONNES * 1e-6}
    return None if unit not in scale else value * scale[unit]


# --- assembling rows -----------------------------------------------------------------------


def _row(series: str, claim: pd.Series, *, kind: str, value=None, low=None, high=None, unit: str,
         basis: str | None = None, rule: str, notes: str | None = None) -> dict:
    """One series row from one claim; the value defaults to the claim's own."""
    same = value is None and low is None and high is None
    if same:
        value, low, high = claim["value"], claim["value_low"], claim["value_high"]
    if basis is None:
        basis = "disputed" if pd.notna(claim["conflict_group"]) else "recorded"
    return {
        "series": series, "measure": claim["measure"], "entity": claim["entity"], "kind": kind,
        "period_start": claim["period_start"], "period_end": claim["period_end"],
        "date_precision": claim["date_precision"],
        "year_basis": {"economic_year": "economic", "undated": "none"}.get(str(claim["date_precision"]), "calendar"),
        "value": value, "value_low": low, "value_high": high, "unit": unit, "basis": basis,
        "value_original": claim["value"], "value_original_low": claim["value_low"],
        "value_original_high": claim["value_high"], "unit_original": claim["unit"],
        "value_text": claim["value_text"], "status": claim["status"], "conflict_group": claim["conflict_group"],
        "claim_ids": claim["claim_id"], "source_ids": claim["source_id"], "rule": rule,
        "notes": notes if notes is not None else claim["notes"],
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts: much cheaper than iterrows, which builds a Series per row."""
    return frame.to_dict("records")


def _scaled(x, factor):
    return None if pd.isna(x) else x * factor


def _finish(name: str, rows: list[dict]) -> pd.DataFrame:
    """Order the rows, then type them through the schema by a round trip through CSV text."""
    raw = pd.DataFrame(rows, columns=[f["name"] for f in resource(name)["schema"]["fields"]])
    raw = raw.sort_values(["kind", "entity", "period_start", "claim_ids"], na_position="last", kind="stable")
    return read_table(name, content=csv_text(raw))


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV text a series is written as: ISO dates, shortest exact numbers, empty for NA."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _cell(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float):
        text = f"{v:.10g}"  # arithmetic noise (3.0000000000004) is not a figure
        return text if "e" not in text else f"{v:.10f}".rstrip("0").rstrip(".")
    return str(v)


# --- builders --------------------------------------------------------------------------------


def coal_output() -> pd.DataFrame:
    """Coal output: the colony's mines per month, the claimed growth, and context per year.

    The kind of each row is the codebook's ``coal_output_kind`` of the claim's measure:

    - ``colony mine``: in tonnes per month. A monthly figure is kept; a month's total
      is a monthly rate; a per-day figure becomes a range over ``WORKING_DAYS_PER_MONTH``.
    - ``growth claim``: stated multiples of output (unit ratio), as stated.
    - a region for the context series (Kuznetsk basin, USSR / Russia, Donbass, the
      Ukrainian SSR as a labelled Donbass proxy, United States bituminous, Pennsylvania), in
      million tonnes per year; short tons converted; ``year_basis`` keeps economic years apart;
      figures for part of a year get their own kind ("Donbass (part of a year)"); an amount
      stated only in words (status vague) gives no context row.
    """
    c = coded("coal_output_kind")
    rows = []
    for cl in _records(c[c["series_kind"].eq("colony mine")]):
        if cl["unit"] == "tonnes_per_day":
            low, high = per_day_to_per_month(cl["value"])
            rows.append(_row("coal_output", cl, kind="colony mine", low=low, high=high, unit="tonnes_per_month",
                             basis="converted", rule="per_day_to_per_month"))
        elif cl["unit"] == "tonnes" and cl["date_precision"] == "month":
            rows.append(_row("coal_output", cl, kind="colony mine", unit="tonnes_per_month",
                             rule="monthly_total_is_monthly_rate"))
        elif cl["unit"] == "tonnes_per_month":
            rows.append(_row("coal_output", cl, kind="colony mine", unit="tonnes_per_month", rule="as_stated"))
        else:
            raise _unhandled("coal_output", cl, "a mine's output per day, per month, or in one month")
    for cl in _records(c[c["series_kind"].eq("growth claim")]):
        rows.append(_row("coal_output", cl, kind="growth claim", unit="ratio", rule="as_stated"))
    context = c[~c["series_kind"].isin(["colony mine", "growth claim"]) & c["status"].ne("vague")]
    for cl in _records(context):
        factor = to_million_tonnes(1.0, cl["unit"])
        if factor is None:
            raise _unhandled("coal_output", cl, "a year's output in a unit of mass")
        converted = cl["unit"] in ("million_short_tons", "short_tons")
        region = cl["series_kind"] + (" (part of a year)" if is_part_year(cl["period_start"], cl["period_end"]) else "")
        rows.append(_row("coal_output", cl, kind=region, value=_scaled(cl["value"], factor),
                         low=_scaled(cl["value_low"], factor), high=_scaled(cl["value_high"], factor),
                         unit="million_tonnes", basis="converted" if converted else None,
                         rule="short_tons_to_tonnes" if converted else
                         ("as_stated" if cl["unit"] == "million_tonnes" else "rescaled")))
    return _finish("coal_output", rows)


def productivity() -> pd.DataFrame:
    """Output per worker per shift, cost per pood or tonne, and stated productivity gains.

    The kind is the codebook's ``productivity_kind``. Poods per shift become kilograms per
    shift, kopecks per pood become rubles per tonne (:mod:`kuzbas_data.units`); percentages
    and ratios stay as stated; an amount stated only in words gives no row. ``entity``
    separates the colony's Kemerovo mine from the state coal trust (Kuzbasstrest).
    """
    rows = []
    c = coded("productivity_kind")
    for cl in _records(c[c["status"].ne("vague")]):
        unit, kind = cl["unit"], cl["series_kind"]
        if unit == "poods_per_shift":
            rows.append(_row("productivity", cl, kind=kind, value=units.poods_to_kg(cl["value"]),
                             unit="kg_per_shift", basis="converted", rule="poods_to_kg"))
        elif unit == "kopecks_per_pood":
            rows.append(_row("productivity", cl, kind=kind,
                             value=units.kopecks_per_pood_to_rubles_per_tonne(cl["value"]),
                             unit="rubles_per_tonne", basis="converted", rule="kopecks_per_pood_to_rubles_per_tonne"))
        elif unit in ("rubles_per_tonne", "percent", "ratio"):
            rows.append(_row("productivity", cl, kind=kind, unit=unit, rule="as_stated"))
        else:
            raise _unhandled("productivity", cl, "poods per shift, kopecks per pood, rubles per tonne, percent, ratio")
    return _finish("productivity", rows)


def workforce() -> pd.DataFrame:
    """Every head count of people employed and of foreigners, by the codebook's ``workforce_kind``.

    The kinds (employed, foreigners_present, foreigners_arrived, foreigners_ever, planned,
    remaining, change) must never be mixed in one line. Thousands become persons; a count
    that a source gives only in words and with no unit ("a few") has nothing to draw and gives
    no row (the colonists series keeps it).
    """
    rows = []
    c = coded("workforce_kind")
    for cl in _records(c[c["unit"].notna()]):
        base, scale = units.base_unit(cl["unit"])
        if scale != 1:
            rows.append(_row("workforce", cl, kind=cl["series_kind"], value=_scaled(cl["value"], scale),
                             low=_scaled(cl["value_low"], scale), high=_scaled(cl["value_high"], scale),
                             unit=base, basis="converted", rule="rescaled"))
        else:
            rows.append(_row("workforce", cl, kind=cl["series_kind"], unit=cl["unit"], rule="as_stated"))
    return _finish("workforce", rows)


def colonists() -> pd.DataFrame:
    """Everything the sources say about the foreign colonists: numbers, arrivals, departures, make-up.

    One row per claim whose measure has a ``colonists_kind`` in the codebook (vague ones
    included, with empty values), of that kind.
    """
    rows = [_row("colonists", cl, kind=cl["series_kind"],
                 unit=cl["unit"] if pd.notna(cl["unit"]) else None, rule="as_stated")
            for cl in _records(coded("colonists_kind"))]
    return _finish("colonists", rows)


def money() -> pd.DataFrame:
    """Every sum of money of the colony, in its own currency; never converted between currencies.

    The colony's sums are the claims whose measure has ``money_kind`` "currency" (sums
    elsewhere, such as US miners' pay, have a measure of their own). Millions become units of
    the same currency. ``kind`` is the currency; the period says the year (1923 rubles were
    inflated paper rubles, so only sums of one year and currency can be compared).
    """
    rows = []
    c = coded("money_kind")
    for cl in _records(c[c["status"].ne("vague")]):
        currency, scale = units.base_unit(cl["unit"])
        if currency not in CURRENCIES:
            raise _unhandled("money", cl, f"a sum in one of {', '.join(CURRENCIES)}")
        rows.append(_row("money", cl, kind=currency, value=_scaled(cl["value"], scale),
                         low=_scaled(cl["value_low"], scale), high=_scaled(cl["value_high"], scale),
                         unit=currency, basis=None if scale == 1 else "converted",
                         rule="as_stated" if scale == 1 else "rescaled"))
    return _finish("money", rows)


#: Country of origin (people.origin) -> the nationality adjective used in nationality_evidence.
ORIGIN_NATIONALITY = {"United States": "American", "Netherlands": "Dutch", "Hungary": "Hungarian",
                      "Yugoslavia": "Yugoslav", "Canada": "Canadian", "England": "English", "Russia": "Russian"}


def took_part_in_the_colony(roles: str) -> bool:
    """A named person's roles show work in the colony (not a historian, economist, writer or recruiter abroad)."""
    return not re.search(r"historian|economist|\bwriter\b|recruiter", roles or "")


def nationality_counts() -> pd.DataFrame:
    """Claims that count colonists of one nationality: a head count of colonists (the codebook's
    colonists_kind "numbers") whose entity starts with a nationality, e.g. 'American colonists'.

    Plans and targets are not counts of people who came: their measure (colonists_planned)
    is not one of the numbers, so they are left out.
    """
    c = coded("colonists_kind")
    c = c[c["series_kind"].eq("numbers") & c["unit"].isin(["persons", "thousand_persons"])]
    nationality = c["entity"].str.extract(r"^(\w+) (?:colonists|workers)", expand=False)
    return c.assign(nationality=nationality).dropna(subset=["nationality"]).drop(columns="series_kind")


def nationalities() -> pd.DataFrame:
    """One row per nationality and kind of evidence: what attests it, and a count only where a source gives one.

    Kinds come from nationality_evidence (largest group, sector, named as present, materials
    in its language, group activity), from people.origin (``named individual``) and from
    claims that count colonists of that nationality (``count``, with the value as stated).
    """
    ev = nationality_evidence()
    rows = [{"nationality": n, "evidence_kind": k, "details": "; ".join(sorted(set(g["detail"].dropna()))) or None,
             "n_statements": len(g), "source_ids": ";".join(sorted(set(g["source_id"]))), "person_ids": None,
             "count_value": None, "count_unit": None, "claim_ids": None}
            for (n, k), g in ev.groupby(["nationality", "evidence_kind"], observed=True)]
    ppl = people().assign(nationality=lambda p: p["origin"].map(ORIGIN_NATIONALITY)).dropna(subset=["nationality"])
    ppl = ppl[ppl["roles"].map(took_part_in_the_colony)]
    for n, g in ppl.groupby("nationality"):
        rows.append({"nationality": n, "evidence_kind": "named_individual", "details": "; ".join(sorted(g["name"])),
                     "n_statements": len(g), "source_ids": None, "person_ids": ";".join(sorted(g["person_id"])),
                     "count_value": None, "count_unit": None, "claim_ids": None})
    for cl in _records(nationality_counts()):
        rows.append({"nationality": cl["nationality"].removesuffix("s"), "evidence_kind": "count",
                     "details": cl["measure"], "n_statements": 1, "source_ids": cl["source_id"], "person_ids": None,
                     "count_value": cl["value"], "count_unit": cl["unit"], "claim_ids": cl["claim_id"]})
    raw = pd.DataFrame(rows, columns=[f["name"] for f in resource("nationalities")["schema"]["fields"]])
    raw = raw.sort_values(["nationality", "evidence_kind", "claim_ids"], kind="stable", na_position="first")
    return read_table("nationalities", content=csv_text(raw))


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A frame typed (and checked) by the schema of series ``name``, through its CSV text."""
    columns = [f["name"] for f in resource(name)["schema"]["fields"]]
    return read_table(name, content=csv_text(frame[columns]))


def timeline() -> pd.DataFrame:
    """Every dated event ready to plot (:func:`kuzbas_data.timeline.timeline`), as a series."""
    from . import timeline as tl  # imports matplotlib: only when asked for
    return _typed("timeline", tl.timeline())


def disputed_dates() -> pd.DataFrame:
    """One row per disputed event date (:func:`kuzbas_data.timeline.disputed_dates`), as a series."""
    from . import timeline as tl
    return _typed("disputed_dates", tl.disputed_dates())


BUILDERS: dict[str, Callable[[], pd.DataFrame]] = {
    "coal_output": coal_output, "productivity": productivity, "workforce": workforce,
    "colonists": colonists, "money": money, "nationalities": nationalities,
    "timeline": timeline, "disputed_dates": disputed_dates}


def write_all(folder=None) -> list[str]:
    """Validate the evidence, build every series, then write them to data/series/ (or ``folder``).

    Nothing is written when the evidence has a problem or a builder fails: all series are
    built in memory first, and each file is written whole to a temporary name, then renamed.
    """
    from importlib.resources import files
    from pathlib import Path

    from .validation import validate
    validate()
    texts = {Path(resource(name)["path"]).name: csv_text(build()) for name, build in BUILDERS.items()}
    target = Path(folder) if folder else Path(str(files("kuzbas_data.data"))) / "series"
    target.mkdir(parents=True, exist_ok=True)
    for file_name, text in texts.items():
        tmp = target / (file_name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target / file_name)
    return list(texts)
