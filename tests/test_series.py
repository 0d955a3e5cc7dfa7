"""Each series against expectations worked out by hand from the sources, and against its files."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import series
from kuzbas_data.datapackage import resource, series_tables
from conftest import REPO


def _row(frame: pd.DataFrame, claim_id: str) -> pd.Series:
    (row,) = [r for _, r in frame.iterrows() if claim_id in str(r["claim_ids"]).split(";")]
    return row


def test_every_series_has_a_builder_and_a_file():
    assert set(series.BUILDERS) == set(series_tables())


@pytest.mark.parametrize("name", sorted(series.BUILDERS))
def test_written_files_are_not_stale(name):
    path = REPO / "data" / resource(name)["path"]
    assert path.read_text(encoding="utf-8") == series.csv_text(series.BUILDERS[name]()), (
        f"{path.name} is stale: run `make series` (python -m kuzbas_data series) and commit the result")


def test_numeric_series_share_one_schema():
    fields = [resource(name)["schema"]["fields"] for name in series.SERIES]
    assert all(f == fields[0] for f in fields)


@pytest.mark.parametrize("name", series.SERIES)
def test_every_row_leads_back_to_its_claims(name):
    claims = kd.claims().set_index("claim_id")
    for _, row in series.BUILDERS[name]().iterrows():
        ids = row["claim_ids"].split(";")
        assert set(ids) <= set(claims.index)
        assert row["source_ids"].split(";") == list(dict.fromkeys(claims.loc[ids, "source_id"]))


def test_per_day_output_becomes_a_monthly_range():
    # Exhibition: "by the end of 1926 it was 1,037 tons per day" (Central mine). With 22 to
    # 26 working days a month: 1037 x 22 = 22,814 and 1037 x 26 = 26,962 tonnes a month.
    row = _row(series.coal_output(), "exh_central_mine_output_1926_end")
    assert (row["value_low"], row["value_high"], row["unit"]) == (22814, 26962, "tonnes_per_month")
    assert pd.isna(row["value"]) and row["basis"] == "converted"
    assert (row["value_original"], row["unit_original"]) == (1037, "tonnes_per_day")


def test_a_months_total_is_kept_as_a_monthly_figure():
    # Shtyrbul: "From 9,000 tons in February, output rose to 12,000 tons in August of 1923."
    frame = series.coal_output()
    feb, aug = _row(frame, "sht_kemerovo_mine_output_1923_02"), _row(frame, "sht_kemerovo_mine_output_1923_08")
    assert (feb["value"], aug["value"]) == (9000, 12000)
    assert feb["unit"] == aug["unit"] == "tonnes_per_month" and feb["basis"] == "recorded"


def test_short_tons_are_converted_to_metric_tonnes():
    # bicoal: 520 million net tons in 1925; 1 short ton = 0.90718474 t, so 471.736 Mt.
    frame = series.coal_output()
    row = frame[(frame["kind"] == "United States (bituminous)") & (frame["value_original"] == 520)].iloc[0]
    assert row["value"] == pytest.approx(471.7360648) and row["basis"] == "converted"


def test_economic_years_are_kept_apart_from_calendar_years():
    frame = series.coal_output()
    economic = frame[frame["date_precision"] == "economic_year"]
    assert len(economic) > 0 and (economic["year_basis"] == "economic").all()
    assert (economic["period_start"].dt.month == 10).all()  # an economic year starts on 1 October
    assert (frame.loc[frame["date_precision"] == "year", "year_basis"] == "calendar").all()


def test_the_ukrainian_proxy_is_labelled_and_not_merged_with_the_donbass():
    kinds = set(series.coal_output()["kind"])
    assert {"Donbass", "Ukrainian SSR (Donbass proxy)"} <= kinds


def test_part_year_output_is_not_a_years_output():
    # Nansen gives Donbass output for June-September 1921: four months, not a year.
    frame = series.coal_output()
    row = _row(frame, "ctx_nansen_donets_coal_jun_sep_1921")
    assert row["kind"] == "Donbass (part of a year)"
    years = frame[frame["kind"] == "Donbass"]
    assert ((years["period_end"] - years["period_start"]).dt.days >= 330).all()


def test_output_per_person_is_productivity_not_basin_growth():
    ids = "yam_coal_per_person_ratio_1923_03_04"
    assert ids not in set(series.coal_output()["claim_ids"]) and ids in set(series.productivity()["claim_ids"])


def test_cost_per_pood_in_rubles_per_tonne():
    # Makurina: 12.7 kopecks a pood at Kemerovo in 1924. 12.7 kop = 0.127 rub; a pood is
    # 16.3804964 kg = 0.0163804964 t; 0.127 / 0.0163804964 = 7.7531 rubles a tonne.
    row = _row(series.productivity(), "ctx_makurina_kemerovo_mine_cost_per_pood_1924")
    assert row["value"] == pytest.approx(7.7531, abs=1e-4) and row["unit"] == "rubles_per_tonne"
    assert (row["value_original"], row["unit_original"]) == (12.7, "kopecks_per_pood")


def test_output_per_shift_in_kilograms_for_mine_and_trust():
    # 49.6 poods x 16.3804964 kg = 812.47 kg (Kemerovo, 1924); 39.5 x 16.3804964 = 647.03 (trust).
    frame = series.productivity()
    mine = _row(frame, "ctx_makurina_kemerovo_mine_output_per_shift_1924")
    trust = frame[(frame["entity"] == "state coal trust (Kuzbasstrest)") & (frame["value_original"] == 39.5)].iloc[0]
    assert mine["value"] == pytest.approx(812.4726, abs=1e-3)
    assert trust["value"] == pytest.approx(647.0296, abs=1e-3)


def test_workforce_kinds_are_kept_apart():
    frame = series.workforce()
    # Yamanouchi: 2,307 workers in October 1922 (people employed at a date);
    # Library of Congress: never more than 400 foreigners at any one time (present, a bound).
    assert _row(frame, "yam_workers_total_1922_10")["kind"] == "employed"
    loc = _row(frame, "loc_foreign_colonists_max_present")
    assert (loc["kind"], loc["value_high"], loc["status"]) == ("foreigners_present", 400, "at_most")
    # Wikipedia's "About 8 thousand" employed at the end of 1923 becomes 8,000 persons.
    assert _row(frame, "wiki_employed_8_thousand_end_1923")["value"] == 8000
    assert set(frame["kind"]) >= {"employed", "foreigners_present", "foreigners_arrived", "foreigners_ever", "planned"}
    # Plans are recruitment claims: Wikipedia's planned "3 thousand" Americans is a plan, kept apart.
    assert _row(frame, "wiki_americans_planned_3_thousand")["kind"] == "planned"


def test_money_is_never_converted_between_currencies():
    frame = series.money()
    assert (frame["unit"] == frame["kind"]).all()
    # context sums are not the colony's: the US anthracite pay and an unexplained ruble amount
    assert not {"ctx_time_anthracite_total_pay_1925_08", "ctx_usgov_rubles_fiscal_1927"} & set(frame["claim_ids"])
    # Exhibition: "1 million gold rubles" of net profit in 1924 -> 1,000,000 gold rubles.
    assert _row(frame, "exh_coke_net_profit_1924")[["value", "unit"]].tolist() == [1_000_000, "gold_rubles"]


def test_colonists_keep_vague_claims_with_their_wording():
    row = _row(series.colonists(), "loc_colonists_remaining_1926_handful")
    assert pd.isna(row["value"]) and row["value_text"] == "only a handful"


def test_nationalities_carry_no_count_that_no_source_gives():
    frame = series.nationalities()
    counts = frame[frame["count_value"].notna()]
    claims = kd.claims().set_index("claim_id")
    for _, row in counts.iterrows():
        assert row["count_value"] == claims.at[row["claim_ids"], "value"]
    # Exhibition: "The largest foreign groups were Finnish, American, German and Yugoslav."
    largest = set(frame.loc[frame["evidence_kind"] == "largest_group", "nationality"])
    assert largest == {"Finnish", "American", "German", "Yugoslav"}
    # Historians of the colony, and a recruiter in England, are not evidence of a nationality
    # among the colonists; a plan (3 thousand Americans) is not a count of people who came.
    people = ";".join(frame["person_ids"].dropna())
    assert "morray" not in people and "mann" not in people
    assert "wiki_americans_planned_3_thousand" not in set(counts["claim_ids"])


def test_a_changed_claim_changes_the_series(monkeypatch):
    edited = kd.claims()
    edited.loc[edited["claim_id"] == "exh_central_mine_output_1926_end", "value"] = 1000.0
    monkeypatch.setattr(series, "claims", lambda: edited)
    row = _row(series.coal_output(), "exh_central_mine_output_1926_end")
    assert (row["value_low"], row["value_high"]) == (22000, 26000)


def test_series_are_typed_by_the_schema():
    frame = series.coal_output()
    assert str(frame["value"].dtype) == "Float64" and isinstance(frame["basis"].dtype, pd.CategoricalDtype)


def test_write_all_writes_whole_files(tmp_path):
    written = series.write_all(tmp_path)
    assert sorted(written) == sorted(p.name for p in tmp_path.glob("*.csv"))
    assert not list(tmp_path.glob("*.tmp"))


def test_disputed_dates_span_the_versions():
    # liquidation_date: the STO decision of 22 Dec 1926 (Yamanouchi, Shtyrbul, the exhibition)
    # to "liquidated" on 20 June 1927 (the exhibition): 180 days; ten rows from five sources, in
    # which Yamanouchi's 1 Jan 1927 stands three times: eight versions.
    row = series.disputed_dates().set_index("conflict_group").loc["liquidation_date"]
    assert (row["earliest"], row["latest"]) == (pd.Timestamp("1926-12-22"), pd.Timestamp("1927-06-20"))
    assert (row["spread_days"], row["versions"], row["rows"], row["sources"]) == (180, 8, 10, 5)


def test_timeline_keeps_every_dated_event_once():
    ev = kd.events()
    frame = series.timeline()
    assert set(frame["event_id"]) == set(ev.loc[ev["date_start"].notna(), "event_id"])
    # a day-precise event spans one day (the first party's arrival, 25 May 1922)
    assert frame.set_index("event_id").at["exh_first_party_arrived_kemerovo_1922_05_25", "span_days"] == 1


def test_building_the_series_does_not_import_matplotlib():
    import subprocess
    import sys
    code = ("import sys; from kuzbas_data import series; [b() for b in series.BUILDERS.values()]; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_wording_of_a_measure_does_not_choose_its_series(monkeypatch):
    # Selection is by measure_id and the codebook: rewording every claim's free-text measure
    # changes no series but the column that carries the wording.
    reworded = kd.claims().assign(measure=lambda c: "as the source words it: " + c["measure"].astype(str))
    monkeypatch.setattr(series, "claims", lambda: reworded)
    for name in series.SERIES:
        before = pd.read_csv(REPO / "data" / resource(name)["path"]).drop(columns="measure")
        after = pd.read_csv(io.StringIO(series.csv_text(series.BUILDERS[name]()))).drop(columns="measure")
        pd.testing.assert_frame_equal(after, before, obj=name)


def test_a_coded_claim_no_rule_takes_is_an_error_not_a_drop(monkeypatch):
    edited = kd.claims()
    at = edited["claim_id"] == "exh_central_mine_output_1923"
    edited.loc[at, "unit"], edited.loc[at, "date_precision"] = "tonnes", "year"
    monkeypatch.setattr(series, "claims", lambda: edited)
    with pytest.raises(kd.DataError, match=r"exh_central_mine_output_1923.*unit 'tonnes' with date precision "
                                           r"'year'.*add a rule to kuzbas_data/series.py"):
        series.coal_output()


def test_a_series_rebuilt_from_the_csv_files_alone():
    # What a spreadsheet or R user does: join the claims to the codebook, keep the measures
    # with a workforce kind and a unit, and scale thousands to persons. Read with pandas
    # only, not through kuzbas_data.
    claims = pd.read_csv(REPO / "data" / "claims.csv")
    codebook = pd.read_csv(REPO / "data" / "measures.csv")
    rebuilt = claims.merge(codebook, on="measure_id")
    rebuilt = rebuilt[rebuilt["workforce_kind"].notna() & rebuilt["unit"].notna()]
    scale = rebuilt["unit"].map({"thousand_persons": 1000}).fillna(1)
    rebuilt = pd.DataFrame({"claim_ids": rebuilt["claim_id"], "kind": rebuilt["workforce_kind"],
                            "value": rebuilt["value"] * scale, "value_low": rebuilt["value_low"] * scale,
                            "value_high": rebuilt["value_high"] * scale})
    written = pd.read_csv(REPO / "data" / "series" / "workforce.csv")[list(rebuilt.columns)]
    key = ["kind", "claim_ids"]
    pd.testing.assert_frame_equal(rebuilt.sort_values(key).reset_index(drop=True),
                                  written.sort_values(key).reset_index(drop=True), check_dtype=False)
    assert len(written) > 20
