"""kuzbas_data.criticism: agreement between sources, flagged claims, distance from the events.

Every expectation below was worked out by hand from data/claims.csv, data/events.csv and
data/sources.csv; the reasoning is in the comments.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import criticism, units


# --- units and rounding --------------------------------------------------------------------

@pytest.mark.parametrize("unit, expected", [
    ("thousand_ha", ("ha", 1e3)),            # wiki_farm_land_10_thousand_ha: "10 thousand hectares"
    ("million_short_tons", ("short_tons", 1e6)),
    ("km", ("m", 1e3)),                      # km_per_verst mixes km with Chalykh's misprinted "м"
    ("kg", ("kg", 1.0)),
    (pd.NA, (None, None)),                   # a vague claim has no unit
])
def test_base_unit(unit, expected):
    assert units.base_unit(unit) == expected


@pytest.mark.parametrize("value, step", [(750, 10), (753, 1), (16.38, 0.01), (60000, 10000), (520052000, 1000)])
def test_rounding_step_is_the_place_of_the_last_nonzero_digit(value, step):
    assert criticism.rounding_step(value) == pytest.approx(step)


def _interval(row_id):
    iv = criticism.claim_intervals().set_index("row_id")
    return iv.at[row_id, "base_unit"], iv.at[row_id, "low"], iv.at[row_id, "high"]


def test_claim_intervals_bring_a_group_to_one_unit_and_read_figures_as_rounded():
    # farm_area: Wikipedia "10 thousand hectares" (value 10, thousand_ha): last non-zero digit in
    # the tens, so 5 to 15 thousand, i.e. 5,000 to 15,000 ha; the exhibition's 9544 ha: 9543.5-9544.5.
    assert _interval("wiki_farm_land_10_thousand_ha") == ("ha", 5000, 15000)
    assert _interval("exh_farm_area") == ("ha", 9543.5, 9544.5)
    # "no more than 10" (status at_most, value_high 10): open below.
    unit, low, high = _interval("wiki_colonists_remaining_1926_max_10")
    assert unit == "persons" and low == -math.inf and high == 10
    # "more than 30 nationalities" (at_least, value_low 30): open above.
    unit, low, high = _interval("exh_intl_nationalities")
    assert low == 30 and high == math.inf
    # LoC's "only a handful" (vague, no figure, a unit) allows nothing comparable.
    unit, low, high = _interval("loc_colonists_remaining_1926_handful")
    assert pd.isna(low) and pd.isna(high)


# --- verdicts and agreement ----------------------------------------------------------------

def _verdict(group, a, b, conflicts=None):
    v = criticism.verdicts(conflicts)
    a, b = sorted([a, b])
    hit = v[(v["conflict_group"] == group) & (v["source_a"] == a) & (v["source_b"] == b)]
    assert len(hit) == 1
    return hit["verdict"].iloc[0]


def test_claim_verdicts():
    # 9544 ha lies inside 5,000-15,000 ha.
    assert _verdict("farm_area", "aic_exhibition", "wikipedia") == "agree"
    # colonist_countries_count: "20 verschiedenen Ländern" (15-25) against "over 30" (30 upwards).
    assert _verdict("colonist_countries_count", "knowledgr_kemerovo_de", "dewiki_aik_kusbass") == "disagree"
    # ">20" (20 upwards) and "over 30" (30 upwards) overlap.
    assert _verdict("colonist_countries_count", "urchenkooablog", "dewiki_aik_kusbass") == "agree"
    # colonist_fee: $300 against Wikipedia's "subscription" with no amount.
    assert _verdict("colonist_fee", "aic_exhibition", "wikipedia") == "not comparable"
    # km_per_verst: the exhibition's 1.067 km (1066.5-1067.5 m) against Chalykh's "1,066 м"
    # (1.0655-1.0665 m: the misprint in metres) and against Granat's 1.06678 km (1066.78 m).
    assert _verdict("km_per_verst", "aic_exhibition", "chalykh_rylsk") == "disagree"
    assert _verdict("km_per_verst", "aic_exhibition", "granat_versta") == "agree"
    # foreign_colonists_total_ever: Wikipedia gives "about 750" (745-755) and 560; one overlapping
    # version is enough against the exhibition's 753 (752.5-753.5).
    assert _verdict("foreign_colonists_total_ever", "aic_exhibition", "wikipedia") == "agree"


def test_event_verdicts():
    # contract_signing_date: LoC's year 1921 contains Yamanouchi's 21 October 1921.
    assert _verdict("contract_signing_date", "loc2000", "yamanouchi2025") == "agree"
    # 22 November 1921 (exhibition) against 25 December 1921 (Wikipedia).
    assert _verdict("contract_signing_date", "aic_exhibition", "wikipedia") == "disagree"
    # Shtyrbul's month, November 1921, contains the exhibition's 22 November.
    assert _verdict("contract_signing_date", "aic_exhibition", "shtyrbul2001") == "agree"
    # haywood_arrival_kemerovo: Yamanouchi gives no date.
    assert _verdict("haywood_arrival_kemerovo", "aic_exhibition", "yamanouchi2025") == "not comparable"


def test_a_source_is_never_paired_with_itself():
    # kosior_rutgers_meeting_date and rutgers_return_moscow_1926 hold only Yamanouchi's versions.
    v = criticism.verdicts()
    assert not v["conflict_group"].isin(["kosior_rutgers_meeting_date", "rutgers_return_moscow_1926"]).any()
    assert (v["source_a"] < v["source_b"]).all()


def _pair(table, a, b):
    row = table[(table["source_a"] == a) & (table["source_b"] == b)]
    assert len(row) == 1
    return tuple(int(row[c].iloc[0]) for c in ("shared_groups", "comparable_groups", "agreements"))


def test_agreement_exhibition_and_wikipedia():
    # Groups holding both: colonist_fee (Wikipedia vague: not comparable), colony_operating_span
    # (1921-1927 contains 1922-1926: agree), colony_start_date (1 Oct 1922 v. 22 Dec 1922:
    # disagree), contract_signing_date (22 Nov v. 25 Dec 1921: disagree), farm_area (agree),
    # foreign_colonists_total_ever (753 v. about 750: agree), liquidation_date (22 Dec 1926,
    # 27 Apr 1927, 20 Jun 1927 v. 28 Dec 1926: disagree), nationalities_count (30 v. about 30:
    # agree), russian_workers_count (5,000 v. in the region of 5000: agree).
    # 9 shared, 8 comparable, 5 agreements.
    assert _pair(criticism.agreement(), "aic_exhibition", "wikipedia") == (9, 8, 5)


def test_agreement_shtyrbul_and_yamanouchi():
    # additional_mines_transfer_date: November 1924 against September 1924 and Jan-Mar 1925:
    # no overlap. coke_plant_opening_date (2 Mar 1924 both), contract_signing_date (Nov 1921
    # contains 22 Nov 1921), liquidation_date (22 Dec 1926 both): agree. 4 shared, 4, 3.
    assert _pair(criticism.agreement(), "shtyrbul2001", "yamanouchi2025") == (4, 4, 3)


def test_agreement_pools_relabelled_sources():
    # Shtyrbul and Yamanouchi as one "scholars", against the exhibition. Groups: coke_plant_opening
    # (agree), colony_operating_span (Shtyrbul's 1922-1926 inside 1921-1927: agree),
    # colony_start_date (1 Oct 1922 v. Yamanouchi's 1 Mar 1923: disagree), contract_signing_date
    # (agree), haywood_arrival_kemerovo and haywood_departure (Yamanouchi undated: not
    # comparable), liquidation_date (22 Dec 1926: agree), rutgers_arrival_kemerovo (Yamanouchi
    # undated: not comparable). 8 shared, 5 comparable, 4 agreements.
    c = kd.conflicts()
    pooled = c.assign(source_id=c["source_id"].replace({"shtyrbul2001": "scholars", "yamanouchi2025": "scholars"}))
    assert _pair(criticism.agreement(pooled), "aic_exhibition", "scholars") == (8, 5, 4)


def test_agreement_counts_are_nested():
    a = criticism.agreement()
    assert (a["agreements"] <= a["comparable_groups"]).all()
    assert (a["comparable_groups"] <= a["shared_groups"]).all()


# --- flagged claims ------------------------------------------------------------------------

def test_flagged_claims_reasons():
    f = criticism.flagged_claims().set_index("claim_id")["reason"]
    # status implausible in claims.csv: exactly these four rows.
    assert set(f[f.str.contains("implausible")].index) == {
        "exh_power_plant_capacity_1924_01", "ctx_chalykh_verst_misprint",
        "ctx_econbiz_kg_per_pood_misprint", "yam_ch7_kemerovo_coal_output_1943"}
    # "half of them were single" read as 50 percent: status inferred, notes say nothing unstated.
    assert f["exh_intl_single_men_share"] == "inferred"
    # "the only coke plant" read as 1 (inferred); notes: "years not stated".
    assert f["yam_ch7_coke_plants_in_soviet_hands_ww2"] == "inferred; basis unstated"
    # notes "no date given"; "no date; read as the total..."; "source does not say metric or short".
    for claim in ("wiki_russian_miners_5000", "exh_intl_foreign_colonists_total", "exh_first_party_cargo_38t"):
        assert f[claim] == "basis unstated"


def test_flagged_claims_leave_out_what_is_not_a_doubt_about_the_figure():
    f = set(criticism.flagged_claims()["claim_id"])
    # notes "(source wording not given)" are about the quote, not the figure.
    assert "ctx_usgs_anthracite_days_worked_1923" not in f
    # vague, no figure (notes "no date given"): nothing to doubt.
    assert "loc_colonists_valuable_work_many" not in f
    # recorded, dated, plain notes.
    assert "exh_farm_area" not in f


# --- distance from the events --------------------------------------------------------------

def _distance(source_id):
    return criticism.distance_from_events().set_index("source_id").loc[source_id]


def test_distance_library_of_congress():
    # loc2000 (web_essay, 2000): claims loc_foreign_colonists_max_present (1922-1926) and
    # loc_colonists_remaining_1926_handful (1926) are dated, the other claims undated; six dated
    # events, from the October Revolution (1917) to Rutgers' replacement (by 1926) and the colony
    # taking shape "in the early 1920s" (1921-1923). 8 dated rows, 1917-1926, published
    # 2000 - 1926 = 74 years after the latest.
    d = _distance("loc2000")
    assert (d["kind"], d["year"], d["dated_rows"], d["first_year"], d["last_year"], d["gap_years"]) == \
        ("web_essay", 2000, 8, 1917, 1926, 74)


def test_distance_is_na_without_a_year_and_never_guessed():
    # The exhibition states no year (sources.csv: year empty): gap NA although it dates much.
    d = _distance("aic_exhibition")
    assert pd.isna(d["year"]) and pd.isna(d["gap_years"]) and d["dated_rows"] > 0
    # The Kuzbas Bulletin (1923) dates none of its three claims: no span, no gap.
    d = _distance("kuzbas_bulletin_1923_08_30")
    assert d["year"] == 1923 and d["dated_rows"] == 0
    assert pd.isna(d["first_year"]) and pd.isna(d["last_year"]) and pd.isna(d["gap_years"])


def test_distance_of_contemporary_sources():
    # Statesman's Year-Book 1921: coal output 1913-1920, so 1 year after the latest.
    assert _distance("statesmans_yearbook_1921")["gap_years"] == 1
    # The German report of 1926 gives Gosplan's plan for 1928/29 (ending 30 Sep 1929): -3.
    assert _distance("econbiz_soviet_economy_1926")["gap_years"] == -3


def test_distance_sorted_by_year_with_missing_last():
    d = criticism.distance_from_events()
    years = d["year"].dropna().tolist()
    assert years == sorted(years) and d["year"].isna().sum() == len(d) - len(years)
    assert d["year"].iloc[len(years):].isna().all()
    assert len(d) == len(kd.sources())


def test_a_version_reads_as_the_source_states_it():
    import kuzbas_data as kd
    from kuzbas_data import criticism as cr
    cf = kd.conflicts()
    event = cf[cf["row_id"].eq("yam_contract_signed_1921_10_21")].iloc[0]
    assert cr.version_text(event) == "21 Oct 1921"
    claim = cf[cf["table"].eq("claims") & cf["value_text"].notna()].iloc[0]
    text = cr.version_text(claim)
    assert text.startswith(f"“{claim['value_text']}”") and "_" not in text
