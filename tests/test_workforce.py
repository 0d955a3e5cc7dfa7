"""Chapter 03's machinery: counts of kinds kept apart, their numbers, shares and datings."""

from __future__ import annotations

import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import series, workforce


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    labels = kd.sources().set_index("source_id")["citation_label"]
    return workforce.counts_with_numbers(series.workforce(), labels)


def test_a_count_without_a_value_takes_its_bound_and_changes_are_left_out(counts):
    assert not counts["kind"].eq("change").any()
    bound_only = counts[counts["value"].isna() & counts["value_high"].notna()]
    assert (bound_only["number"] == bound_only["value_high"]).all()


def test_foreigners_selects_one_kind_for_the_whole_colony(counts):
    ever = workforce.foreigners(counts, "foreigners_ever")
    assert len(ever) and set(ever["kind"]) == {"foreigners_ever"} and set(ever["entity"]) == {"AIC Kuzbass"}
    one = workforce.foreigners(counts, "foreigners_present", claim_ids="loc_foreign_colonists_max_present")
    assert one["claim_ids"].tolist() == ["loc_foreign_colonists_max_present"]


def test_shares_middles_and_spans():
    assert workforce.share(400, 5400) == pytest.approx(7.407, abs=1e-3)
    assert workforce.middle(pd.Timestamp("1923-02-01"), pd.Timestamp("1923-02-28")) == pd.Timestamp("1923-02-15")
    rows = pd.DataFrame({"period_start": pd.to_datetime(["1922-10-01", "1923-02-01"]),
                         "period_end": pd.to_datetime(["1922-10-31", "1923-07-31"]), "date_precision": ["month", "range"]})
    assert workforce.span_label(rows) == "Oct 1922–Jul 1923"
    assert workforce.claims_text(rows) == "(2 claims)" and workforce.claims_text(rows.iloc[:1]) == "(1 claim)"
