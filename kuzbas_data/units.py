"""Old Russian measures, the Soviet economic year, and the conversions the series use.

Every factor is read from a claim in data/claims.csv, so it carries its source and quote
(``kd.cite(claim_id)``); none is typed into this code. Where sources give slightly different
factors, the one from the 1899 legal definition (pood) or a standard reference (verst,
desyatina) is used, and the others stay in the data as a conflict group.
"""

from __future__ import annotations

import functools

import pandas as pd

from .evidence import claims

# Which claim supplies each factor, and why that one.
POOD_IN_KG = "ctx_ruwiki_kg_per_pood"           # the 1899 legal definition, 16.3804964 kg
VERST_IN_KM = "ctx_granat_km_per_verst"          # Granat encyclopedia, five significant digits
DESYATINA_IN_HA = "ctx_wiki_ha_per_desyatina"    # the state (kazyonnaya) desyatina
FACTOR_CLAIMS = {"pood_kg": POOD_IN_KG, "verst_km": VERST_IN_KM, "desyatina_ha": DESYATINA_IN_HA}
KOPECKS_PER_RUBLE = 100  # a definition of the currency, not a figure from any source
# Units written at a scale ("thousand_tonnes") and their base; km is metres at a scale.
SCALE_WORDS = {"thousand_": 1e3, "million_": 1e6, "billion_": 1e9}
SAME_KIND = {"km": ("m", 1e3)}
KG_PER_TONNE = 1000      # a definition of the metric tonne


def base_unit(unit) -> tuple[str, float] | tuple[None, None]:
    """Split a unit of the schema into its base unit and the factor that leads to it.

    ``value * factor`` is in ``base``: "thousand_ha" gives ("ha", 1000.0), "million_gold_rubles"
    gives ("gold_rubles", 1e6), "km" gives ("m", 1000.0), "kg" gives ("kg", 1.0); a missing unit
    gives (None, None). A change of scale only: no conversion between kinds of unit.
    """
    if unit is None or pd.isna(unit):
        return None, None
    unit = str(unit)
    for word, scale in SCALE_WORDS.items():
        if unit.startswith(word):
            return unit[len(word):], scale
    return SAME_KIND.get(unit, (unit, 1.0))


@functools.cache
def factor(claim_id: str) -> float:
    """The numeric value of a conversion-factor claim (its source: ``kd.cite(claim_id)``)."""
    c = claims().set_index("claim_id")
    if claim_id not in c.index:
        raise KeyError(f"conversion factor claim {claim_id!r} is not in data/claims.csv")
    value = c.at[claim_id, "value"]
    if pd.isna(value):
        raise ValueError(f"claim {claim_id!r} has no value to use as a factor")
    return float(value)


def poods_to_kg(poods):
    """Poods to kilograms (1 pood = 16.3804964 kg, claim ``ctx_ruwiki_kg_per_pood``)."""
    return poods * factor(POOD_IN_KG)


def poods_to_tonnes(poods):
    """Poods to metric tonnes."""
    return poods_to_kg(poods) / KG_PER_TONNE


def kopecks_per_pood_to_rubles_per_tonne(kopecks):
    """A price per pood in kopecks to rubles per metric tonne (same ruble, no inflation adjustment)."""
    return kopecks / KOPECKS_PER_RUBLE / poods_to_tonnes(1.0)


def versts_to_km(versts):
    """Versts to kilometres (1 verst = 1.06678 km, claim ``ctx_granat_km_per_verst``)."""
    return versts * factor(VERST_IN_KM)


def km_to_versts(km):
    """Kilometres to versts."""
    return km / factor(VERST_IN_KM)


def desyatinas_to_ha(desyatinas):
    """State desyatinas to hectares (claim ``ctx_wiki_ha_per_desyatina``)."""
    return desyatinas * factor(DESYATINA_IN_HA)


# --- the Soviet economic year ----------------------------------------------------------
# From 1921 to 1930 Soviet statistics ran from 1 October to 30 September (GSE-3, 'Fiscal
# Year'; claims and events of gse3_fiscal_year). "1925/26" means 1 Oct 1925 - 30 Sep 1926.
ECONOMIC_YEAR_START_MONTH = 10


def economic_year_span(first_year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The span of economic year ``first_year``/``first_year+1``: 1 October to 30 September."""
    start = pd.Timestamp(year=first_year, month=ECONOMIC_YEAR_START_MONTH, day=1)
    return start, pd.Timestamp(year=first_year + 1, month=ECONOMIC_YEAR_START_MONTH, day=1) - pd.Timedelta(days=1)


def economic_year_label(first_year: int) -> str:
    """'1925/26' for the economic year that starts on 1 October 1925."""
    return f"{first_year}/{(first_year + 1) % 100:02d}"


def economic_year_of(date: pd.Timestamp) -> int:
    """The first calendar year of the economic year a date falls in."""
    return date.year if date.month >= ECONOMIC_YEAR_START_MONTH else date.year - 1
