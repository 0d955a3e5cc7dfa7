"""Loaders, citations and the conflict listing, checked against the CSV files and sources."""

from __future__ import annotations


import pandas as pd
import pytest

import kuzbas_data as kd
from conftest import csv_rows

LOADERS = {"sources": kd.sources, "measures": kd.measures, "claims": kd.claims, "events": kd.events, "periods": kd.periods,
           "places": kd.places, "people": kd.people, "person_names": kd.person_names,
           "nationality_evidence": kd.nationality_evidence}


def test_every_evidence_table_has_a_loader():
    from kuzbas_data.datapackage import evidence_tables
    assert set(LOADERS) == set(evidence_tables())


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_loader_returns_every_row_of_its_file(name):
    assert len(LOADERS[name]()) == len(csv_rows(name))


def test_claims_keep_the_source_wording_and_unit():
    # Yamanouchi, Chapter 1: "...the number of workers decreased from 2,307 to 2,041 (88.5%)";
    # the figure stays in the source's unit (persons), the wording keeps the comma.
    c = kd.claims().set_index("claim_id")
    rows = c[(c["source_id"] == "yamanouchi2025") & (c["value"] == 2041)]
    assert len(rows) == 1
    assert rows.iloc[0]["unit"] == "persons" and rows.iloc[0]["value_text"] == "2,041"


def test_dates_and_categories_are_typed():
    e = kd.events()
    assert str(e["date_start"].dtype).startswith("datetime64")
    assert isinstance(e["category"].dtype, pd.CategoricalDtype)
    # The exhibition dates the first party's arrival in Kemerovo to 25 May 1922.
    row = e.set_index("event_id").loc["exh_first_party_arrived_kemerovo_1922_05_25"]
    assert row["date_start"] == pd.Timestamp("1922-05-25") == row["date_end"]


def test_cite_a_source():
    assert kd.cite("yamanouchi2025") == (
        "Akito Yamanouchi (2025). Was It a Failure of Idealism? The Autonomous Industrial Colony "
        "“Kuzbas” and S.J. Rutgers. Kyushu University. https://doi.org/10.15017/7390867")


def test_cite_a_claim_gives_locator_and_quote():
    line = kd.cite("exh_farm_area")
    assert line.startswith("AIC «Kuzbass» (n.d.), section 'The Farm'")
    assert "“9544 ha of land were allocated for the farm.”" in line
    assert line.endswith("[claim exh_farm_area]")


def test_cite_an_unknown_id_names_the_fix():
    with pytest.raises(KeyError, match="is not a source_id, claim_id or event_id"):
        kd.cite("no_such_row")


def test_conflicts_list_every_version_of_every_group():
    conflicts = kd.conflicts()
    expected = {(r["conflict_group"], r["claim_id"]) for r in csv_rows("claims") if r["conflict_group"]}
    expected |= {(r["conflict_group"], r["event_id"]) for r in csv_rows("events") if r["conflict_group"]}
    assert set(zip(conflicts["conflict_group"], conflicts["row_id"])) == expected
    assert (conflicts.groupby("conflict_group").size() >= 2).all()


def test_the_liquidation_is_dated_differently_by_different_sources():
    # Yamanouchi: liquidated 1 January 1927; the exhibition: decree of 27 April 1927.
    liq = kd.conflicts().query("conflict_group == 'liquidation_date'")
    days = set(zip(liq["source_id"], liq["date_start"].dt.strftime("%Y-%m-%d")))
    assert ("yamanouchi2025", "1927-01-01") in days
    assert ("aic_exhibition", "1927-04-27") in days


def test_a_source_repeating_its_figure_or_date_gives_one_version():
    # Yamanouchi dates the liquidation to 1 January 1927 in three places: three rows (each with
    # its quote), one version number; the exhibition's 5,000 Russian workers, stated twice, too.
    cf = kd.conflicts()
    liq = cf[cf["conflict_group"].eq("liquidation_date")]
    jan = liq[liq["source_id"].eq("yamanouchi2025") & liq["date_start"].eq(pd.Timestamp("1927-01-01"))]
    assert len(jan) == 3 and jan["version"].nunique() == 1
    assert sorted(liq["version"].unique()) == list(range(1, liq["version"].max() + 1))
    groups = kd.conflict_groups().set_index("conflict_group")
    assert (groups.at["liquidation_date", "rows"], groups.at["liquidation_date", "versions"]) == (len(liq), len(liq) - 2)
    russian = cf[cf["conflict_group"].eq("russian_workers_count")]
    assert groups.at["russian_workers_count", "versions"] == len(russian.drop_duplicates(["source_id", "value"]))


def test_conflict_group_counts_follow_the_rows():
    cf, groups = kd.conflicts(), kd.conflict_groups().set_index("conflict_group")
    assert groups["rows"].sum() == len(cf) and set(groups.index) == set(cf["conflict_group"])
    per_source = cf.drop_duplicates(["conflict_group", "source_id"]).groupby("conflict_group").size()
    assert (groups["sources"] == per_source.reindex(groups.index)).all()
    assert ((groups["sources"] <= groups["versions"]) & (groups["versions"] <= groups["rows"])).all()
    assert (groups["versions"] >= 2).all()


def test_spelling_variants_are_kept():
    names = kd.person_names()
    haywood = set(names.loc[names["person_id"] == "haywood", "name_as_written"])
    assert {"Haywood", "Heywood"} <= {n.split()[-1] for n in haywood}


def test_every_claim_says_what_it_counts_through_the_codebook():
    # Yamanouchi's 2,307 workers of October 1922 are people employed; the Library of
    # Congress's "never more than 400" foreigners are colonists present at one time.
    coded = kd.claims().merge(kd.measures(), on="measure_id", how="left", validate="many_to_one")
    assert coded["label"].notna().all()
    row = coded.set_index("claim_id").loc["yam_workers_total_1922_10"]
    assert (row["measure_id"], row["workforce_kind"]) == ("workers_employed", "employed")
    assert coded.set_index("claim_id").at["loc_foreign_colonists_max_present", "measure_id"] == "colonists_present"
