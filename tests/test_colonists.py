"""Chapter 04's machinery: names of a breakdown's parts, and the comings and goings."""

from __future__ import annotations

import kuzbas_data as kd
from kuzbas_data import colonists, series


def test_the_part_a_measure_names():
    assert colonists.part_name("colonists in the snapshot (men)") == "men"
    assert colonists.part_name("count of carpenters among colonists") == "carpenters"
    assert colonists.part_name("average age") == "average age"


def test_comings_and_goings_keep_every_row_with_its_direction():
    ev = kd.events()
    mig = ev[ev["category"].eq("migration")]
    col = series.colonists()
    flows = col[col["kind"].isin(["arrivals: groups and routes", "departures and attrition"])]
    labels = dict(zip(kd.sources()["source_id"], kd.sources()["citation_label"]))
    items = colonists.comings_and_goings(mig, flows, labels)
    assert len(items) == len(mig) + len(flows)
    assert set(items["direction"]) == {"towards", "away"}
    departures = items[items["row_id"].isin(flows.loc[flows["kind"].str.startswith("departures"), "claim_ids"])]
    assert set(departures["direction"]) == {"away"}
    dated = items["start"].notna()
    assert items.loc[dated, "start"].is_monotonic_increasing
    assert list(dated) == sorted(dated, reverse=True), "dated rows first, undated last"
