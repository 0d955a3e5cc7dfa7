"""Chapter 05's machinery: sums kept per currency, labels of its charts."""

from __future__ import annotations

import kuzbas_data as kd
from kuzbas_data import money as mn
from kuzbas_data import series


def test_a_sum_stated_twice_is_one_sum_with_both_claims():
    labels = dict(zip(kd.sources()["source_id"], kd.sources()["citation_label"]))
    money = series.money().assign(source=lambda m: m["source_ids"].map(lambda i: mn.source_names(i, labels)))
    money["when"] = mn.periods(money)
    sums = mn.distinct_sums(money)
    assert sums["times_stated"].sum() == len(money)
    assert sorted(i for cell in sums["claim_ids"] for i in cell.split(";")) == sorted(money["claim_ids"])
    assert set(sums["kind"]) <= set(mn.CURRENCY)


def test_tick_labels_and_two_line_labels():
    assert [mn.compact(v) for v in (10, 300_000, 1_500_000)] == ["10", "300k", "1.5M"]
    label = mn.two_lines("cost of coal", "Kemerovo mine · 1924 · Makurina 1998", width=12)
    first, *rest = label.split("\n")
    assert first == "cost of coal" and "Makurina 1998" in " ".join(rest)
