"""The readings of dates written in words ("by 1926", "the end of 1926", "before the opening"):
each event's span is the one its words allow, bounded by dates the same source gives."""

from __future__ import annotations

import pandas as pd

import kuzbas_data as kd

EV = kd.events().set_index("event_id")


def test_by_a_year_spans_from_the_sources_own_start_to_the_end_of_that_year():
    # "By 1926 ... had replaced Rutgers": at or before the end of 1926, and not before the
    # concession of 1921, the essay's only date for the colony's start.
    loc = EV.loc["loc_rutgers_replaced_by_1926"]
    concession = EV.loc["loc_concession_granted_1921"]
    assert (loc["date_start"], loc["date_end"]) == (concession["date_start"], pd.Timestamp("1926-12-31"))
    # "by 1923 ... were added", after the first stage, which Wikipedia starts with the agreement
    wiki = EV.loc["wiki_mines_added_by_1923"]
    agreement = EV.loc["wiki_agreement_signed_1921_12_25"]
    assert (wiki["date_start"], wiki["date_end"]) == (agreement["date_start"], pd.Timestamp("1923-12-31"))
    assert {loc["date_precision"], wiki["date_precision"]} == {"range"}


def test_the_parade_ends_on_the_day_the_congress_opened():
    parade = EV.loc["exh_red_square_parade_1921"]
    congress = EV.loc["exh_comintern_profintern_congresses_1921"]
    assert parade["source_id"] == congress["source_id"]
    assert parade["date_end"] == congress["date_start"] and parade["date_start"] < parade["date_end"]


def test_the_end_of_a_year_is_its_last_quarter():
    ret = EV.loc["yam_fn13_morray_rutgers_return_1926"]
    assert "At the end of 1926" in ret["quote"]
    assert (ret["date_start"], ret["date_end"], ret["date_precision"]) == (
        pd.Timestamp("1926-10-01"), pd.Timestamp("1926-12-31"), "season")


def test_rutgers_leaving_is_dated_with_his_replacement_and_apart_from_his_request_and_absence():
    groups = set(kd.conflicts()["conflict_group"])
    assert "rutgers_departure" not in groups
    assert EV.at["wiki_rutgers_leaves_post_1926", "conflict_group"] == "rutgers_replacement_date"
    for other in ("yam_ch6_rutgers_asked_to_leave_1925", "yam_rutgers_medical_absence_1926"):
        assert pd.isna(EV.at[other, "conflict_group"])


def test_the_atlantic_route_ends_on_the_special_train():
    from kuzbas_data import geo
    for route in ("atlantic_rotterdam", "atlantic_libava"):
        place, table, row_id = geo.ROUTE_STOPS[route][1][-1]
        assert (place, table) == ("kemerovo", "events")
        assert EV.at[row_id, "quote"] == "A special train took them from there to Kemerovo."
