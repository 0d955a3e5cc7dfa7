"""kuzbas_data.timeline builds the chronology's tables as data/events.csv and data/periods.csv
give them. Every expected value below was worked out by hand from the two CSV files; the
comments say how."""

from __future__ import annotations

from collections import Counter

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kuzbas_data.dates import period_label
from kuzbas_data import plotting, timeline as tl
from conftest import csv_rows

T = pd.Timestamp


# --- timeline() ------------------------------------------------------------------------------


def test_timeline_leaves_out_the_undated_events_and_counts_them():
    # Counted from data/events.csv with the csv module: the rows with empty date_start and
    # date_end are undated (25 of them Yamanouchi's when this was written), the rest are dated,
    # none outside a window that is not set.
    rows = csv_rows("events")
    undated_rows = [r for r in rows if not r["date_start"] and not r["date_end"]]
    t = tl.timeline()
    assert len(t) == len(rows) - len(undated_rows)
    assert t.attrs == {"undated": len(undated_rows), "outside": 0}
    assert t["date_start"].notna().all() and t["date_end"].notna().all()
    assert t["date_start"].is_monotonic_increasing
    undated = tl.undated_events()
    assert sorted(undated["event_id"]) == sorted(r["event_id"] for r in undated_rows)
    label = {r["source_id"]: r["citation_label"] for r in csv_rows("sources")}
    assert undated.groupby("citation_label").size().to_dict() == dict(
        Counter(label[r["source_id"]] for r in undated_rows))


def test_a_window_keeps_every_event_that_overlaps_it():
    # Window 1919-01-01 .. 1927-12-31. Ending before 1919: 21 rows (births from 1869, the IWW
    # in 1905, Paterson 1913, Rutgers in the USA 1915-1918, the anthracite peaks of 1917 and
    # 1918, Shcheglovo's town status of 9 May 1918, ...). Starting after 1927: 26 rows
    # (Haywood's death 1928, the renamings of 1932 and 1935, memoirs down to 1983, ...).
    # (counted when this was written; the test counts from the CSV, ISO dates compare as text).
    # The civil war row (1918-01-01 .. 1921-12-31) overlaps and stays.
    rows = csv_rows("events")
    dated = [r for r in rows if r["date_start"]]
    outside = [r for r in dated if r["date_end"] < "1919-01-01" or r["date_start"] > "1927-12-31"]
    t = tl.timeline("1919-01-01", "1927-12-31")
    assert (len(t), t.attrs["outside"], t.attrs["undated"]) == (
        len(dated) - len(outside), len(outside), len(rows) - len(dated))
    assert "loc_civil_war_1918_1921" in set(t["event_id"])
    assert "ctx_rfb_anthracite_peak_1918" not in set(t["event_id"])


def test_timeline_rows_carry_span_citation_and_key_label():
    t = tl.timeline().set_index("event_id")
    # Lenin's address: the exhibition dates it "December 1919", 1919-12-01 .. 1919-12-31 = 31 days.
    lenin = t.loc["exh_lenin_address_published_1919_12"]
    assert (lenin["span_days"], lenin["date_precision"], lenin["citation_label"]) == (31, "month",
                                                                                    "AIC «Kuzbass» exhibition")
    assert pd.isna(lenin["key_label"])
    # The colony's years in the exhibition: 1921-01-01 .. 1927-12-31, seven years with one leap
    # year (1924): 7 * 365 + 1 = 2556 days.
    assert t.at["exh_colony_operated_1921_1927", "span_days"] == 2556
    # Five rows have a key_label; the contract of 21 Oct 1921 is dated to the day: 1 day.
    keys = t[t["key_label"].notna()]
    assert len(keys) == 5
    assert keys.at["yam_contract_signed_1921_10_21", "key_label"] == "contract with the STO"
    assert keys.at["yam_contract_signed_1921_10_21", "span_days"] == 1


# --- disputed_dates() and disputed_versions() ----------------------------------------------------


def test_one_row_per_conflict_group_of_the_events():
    # 64 event rows carry a conflict_group, in 18 distinct groups; the claims' groups (such as
    # farm_area) are not dates and stay out. Four rows repeat their source's dating (Yamanouchi's
    # 1 Jan 1927 three times and his 1 Mar 1923 twice, Wikipedia's 1926 for Rutgers twice), so
    # the groups hold 60 versions.
    d = tl.disputed_dates()
    assert len(d) == 18 and d["conflict_group"].is_unique
    assert d["rows"].sum() == 64 and d["versions"].sum() == 60
    assert "farm_area" not in set(d["conflict_group"])
    # Sorted by earliest day: the US anthracite peak (1917) first, the rename to Kemerovo (1932) last.
    assert d["conflict_group"].iloc[0] == "us_anthracite_peak_year"
    assert d["conflict_group"].iloc[-1] == "kemerovo_rename_date"


def test_the_liquidation_spreads_over_180_days_in_five_sources():
    # liquidation_date has 10 rows: 22 Dec 1926 (exhibition, Shtyrbul, Yamanouchi), 28 Dec 1926
    # (Wikipedia), 1 Jan 1927 (Yamanouchi three times, German Wikipedia), 27 Apr 1927 and
    # 20 Jun 1927 (exhibition). Earliest 1926-12-22, latest 1927-06-20: 9 days to the end of
    # December + 31 + 28 + 31 + 30 + 31 + 20 = 180. Five sources, named in order of their
    # earliest version (alphabetically on 22 Dec), German Wikipedia last (1 Jan 1927). Yamanouchi's
    # three rows of 1 Jan 1927 are one version: 8 versions in 10 rows.
    row = tl.disputed_dates().set_index("conflict_group").loc["liquidation_date"]
    assert (row["earliest"], row["latest"]) == (T("1926-12-22"), T("1927-06-20"))
    assert (row["spread_days"], row["versions"], row["rows"], row["undated"], row["sources"]) == (180, 8, 10, 0, 5)
    assert row["source_labels"] == ("AIC «Kuzbass» exhibition; Shtyrbul 2001; Yamanouchi 2025; "
                                    "Wikipedia (en); Wikipedia (de), 'AIK Kusbass'")


def test_spreads_of_agreeing_undated_and_long_groups():
    d = tl.disputed_dates().set_index("conflict_group")
    # Haywood's arrival: the exhibition says 9 Jul 1922, Yamanouchi gives no date. One dated
    # day, so a spread of 0, with 1 of the 2 versions undated.
    h = d.loc["haywood_arrival_kemerovo"]
    assert (h["earliest"], h["latest"], h["spread_days"], h["versions"], h["undated"]) == (
        T("1922-07-09"), T("1922-07-09"), 0, 2, 1)
    # The coke plant: four sources, all 2 Mar 1924: spread 0.
    assert (d.at["coke_plant_opening_date", "spread_days"], d.at["coke_plant_opening_date", "sources"]) == (0, 4)
    # The colony's years: 1921-01-01 .. 1927-12-31 is 2556 days inclusive, so 2555 between the ends.
    assert d.at["colony_operating_span", "spread_days"] == 2555
    # The contract: from the Library of Congress's "1921" (from 1 Jan) to 31 Dec 1921: 364.
    assert d.at["contract_signing_date", "spread_days"] == 364


def test_disputed_versions_merge_identical_datings():
    v = tl.disputed_versions()
    assert v["rows"].sum() == 64  # every event row with a conflict group, once
    liq = v[v["conflict_group"] == "liquidation_date"].reset_index(drop=True)
    # five distinct days; 1 Jan 1927 is given by 4 rows from 2 sources (Yamanouchi x3, German Wikipedia)
    assert liq["dating"].tolist() == ["22 Dec 1926", "28 Dec 1926", "1 Jan 1927", "27 Apr 1927", "20 Jun 1927"]
    jan = liq.iloc[2]
    assert (jan["rows"], jan["sources"], jan["source_labels"]) == (4, 2, "Wikipedia (de), 'AIK Kusbass'; Yamanouchi 2025")
    # an undated version is a dating of its own, after the dated ones
    hay = v[v["conflict_group"] == "haywood_arrival_kemerovo"]
    assert hay["dating"].tolist() == ["9 Jul 1922", "undated"]
    # the Library of Congress's "spring and summer of 1922": 1 Mar .. 31 Aug = 31+30+31+30+31+31 = 184 days
    arrival = v[v["conflict_group"] == "first_group_arrival"].set_index("dating")
    assert arrival.at["Mar–Aug 1922", "span_days"] == 184


# --- periodisations() --------------------------------------------------------------------------


def test_periodisations_side_by_side():
    # periods.csv: 4 Galkina periods, 7 Yamanouchi periods of which 6 and 7 are his ○ (New York) track.
    p = tl.periodisations()
    assert p["row"].tolist() == list(range(11))
    assert p["author"].value_counts().to_dict() == {"Yamanouchi": 7, "Galkina": 4}
    assert p.loc[p["track"] == "parallel", "period_no"].tolist() == [6, 7]
    assert p["mark"].tolist() == ["①", "②", "③", "④", "①", "②", "③", "④", "⑤", "○", "○"]
    by = p.set_index(["author", "period_no"])
    # Galkina ①: 20 Oct 1921 .. 31 Aug 1922 = 12 (Oct) + 30 + 31 + 243 (Jan..Aug 1922) = 316 days.
    assert by.at[("Galkina", 1), "span_days"] == 316
    # Yamanouchi ⑤: 1 Jan 1927 .. 29 Feb 1928 (a leap year) = 365 + 31 + 29 = 425 days.
    assert by.at[("Yamanouchi", 5), "span_days"] == 425
    # The two schemes share period ③ exactly: 1 Mar 1923 .. 31 Dec 1924.
    assert by.loc[("Galkina", 3), ["start_date", "end_date"]].tolist() == \
        by.loc[("Yamanouchi", 3), ["start_date", "end_date"]].tolist() == [T("1923-03-01"), T("1924-12-31")]
    assert set(p["citation_label"]) == {"Yamanouchi 2025"}


# --- small helpers -----------------------------------------------------------------------------------


def test_lanes_stack_overlapping_intervals():
    s = pd.to_datetime(pd.Series(["1922-01-01", "1922-01-10", "1922-03-01", "1922-03-05"]))
    e = pd.to_datetime(pd.Series(["1922-01-31", "1922-01-10", "1922-03-01", "1922-03-05"]))
    # 10 Jan lies inside January: lane 1. 1 Mar is free of both: lane 0; 5 Mar is 4 days later.
    assert tl.lanes(s, e).tolist() == [0, 1, 0, 0]
    # asking for 10 days between neighbours pushes 5 Mar to the next lane
    assert tl.lanes(s, e, gap_days=10).tolist() == [0, 1, 0, 1]
    # groups are stacked separately
    assert tl.lanes(s, e, by=pd.Series(["a", "b", "a", "b"])).tolist() == [0, 0, 0, 0]


@pytest.mark.parametrize(("start", "end", "text"), [
    ("1926-12-22", "1926-12-22", "22 Dec 1926"),
    ("1921-11-01", "1921-11-30", "Nov 1921"),
    ("1921-01-01", "1927-12-31", "1921–1927"),
    ("1926-11-01", "1926-12-02", "1 Nov – 2 Dec 1926"),
    (None, None, "undated"),
])
def test_period_label_words_a_dating_from_its_span(start, end, text):
    assert period_label(pd.Timestamp(start) if start else pd.NaT, pd.Timestamp(end) if end else pd.NaT) == text


@pytest.fixture
def date_axes():
    plotting.use_house_style()
    fig, ax = plt.subplots(figsize=(6, 2))
    ax.set_xlim(T("1920-01-01"), T("1930-01-01"))
    yield ax
    plt.close(fig)


def test_fit_labels_moves_overflowing_labels(date_axes):
    ax, gap = date_axes, pd.Timedelta(days=30)

    def label(start, end, y, text):
        t = ax.text(T(end) + gap, y, text, fontsize=8)
        t.set_in_layout(False)
        return t, T(start), T(end)

    short = label("1921-01-01", "1921-12-31", 0, "room to the right")
    near_edge = label("1928-01-01", "1929-06-30", 1, "too long for the right")
    long_bar = label("1921-01-01", "1929-06-30", 2, "only inside the bar")
    crowded = label("1924-01-01", "1925-12-31", 3, "; ".join(["a source with a long name"] * 4))
    tl.fit_labels(ax, [short, near_edge, long_bar, crowded])
    assert short[0].get_ha() == "left" and short[0].get_position()[0] == T("1921-12-31") + gap
    assert near_edge[0].get_ha() == "right" and near_edge[0].get_position()[0] == T("1928-01-01") - gap
    assert long_bar[0].get_position()[0] == T("1921-01-01") + gap and long_bar[0].get_bbox_patch() is not None
    assert crowded[0].get_text().count("\n") == 1


def test_key_event_figure_names_only_the_key_events_in_its_window():
    # Key events between 1 Jan 1922 and 31 Dec 1923: the first colonists (25 May 1922) and the
    # official start (1 Mar 1923); the contract (1921), coke plant (1924) and liquidation (1927) fall outside.
    fig, top, ax = tl.key_event_figure(2, "1922-01-01", "1923-12-31")
    try:
        assert [t.get_text().strip() for t in top.texts] == ["first colonists arrive", "official start"]
        assert not ax.texts and len(ax.lines) == 2
    finally:
        plt.close(fig)
