"""Chapter 02's machinery: drawing series rows, the base year of a multiple, the mine against the trust."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kuzbas_data import production, series


def test_rows_are_drawn_at_the_middle_of_their_periods_and_undated_rows_are_left_out():
    coal = series.coal_output()
    rows = coal[coal["kind"].eq("colony mine")]
    fig, ax = plt.subplots()
    production.plot_rows(ax, rows, "black", "mines")
    points = [line.get_xdata()[0] for line in ax.lines if len(line.get_xdata()) == 1]
    xs = sorted(matplotlib.dates.date2num(points))
    plt.close(fig)
    dated = rows[rows["period_start"].notna() & rows["value"].notna()]
    assert xs == pytest.approx(sorted(matplotlib.dates.date2num(production.mid(dated))))


def test_the_base_year_is_read_from_the_end_of_the_measure():
    assert production.base_year("coal output relative to 1917") == 1917
    with pytest.raises(ValueError, match="names no base year"):
        production.base_year("coal output growth under AIC")


def test_the_mine_against_the_trust_keeps_one_ratio_in_both_units():
    table = production.mine_against_trust(series.productivity())
    assert set(table.index.get_level_values("kind")) == {"output per shift", "cost"}
    metric = table["mine (metric)"] / table["trust (metric)"]
    assert metric.to_numpy() == pytest.approx(table["mine / trust"].to_numpy())
    assert not table["source unit"].str.contains("_").any()


def test_periods_are_worded_as_the_project_words_them():
    rows = pd.DataFrame({"period_start": [pd.Timestamp("1927-10-01")], "period_end": [pd.Timestamp("1928-09-30")],
                         "date_precision": ["economic_year"]})
    assert production.with_period(rows)["period"].tolist() == ["1927/28"]
