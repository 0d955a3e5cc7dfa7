"""The house plotting helpers draw what they promise (checked on the artists they create)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import kuzbas_data as kd
from kuzbas_data import plotting


@pytest.fixture
def ax():
    plotting.use_house_style()
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_key_events_come_from_the_events_table():
    marks = plotting.key_events()
    ev = kd.events()
    assert set(marks["event_id"]) == set(ev.loc[ev["key_label"].notna(), "event_id"])
    assert marks["date_start"].is_monotonic_increasing


def test_mark_events_draws_a_line_and_label_per_event(ax):
    marks = plotting.key_events()
    ax.plot(marks["date_start"], range(len(marks)))
    plotting.mark_events(ax)
    assert len(ax.lines) == 1 + len(marks)
    assert [t.get_text().strip() for t in ax.texts] == list(marks["label"])


def test_stated_text_signs_by_status():
    assert plotting.stated_text(400, "at_most", "four hundred") == "≤ 400  “four hundred”"
    assert plotting.stated_text(750, "approximate", "About 750") == "≈ 750  “About 750”"
    assert plotting.stated_text(566, "recorded", "566") == "566"


def test_draw_stated_at_most_is_a_bar_from_zero_with_a_cap(ax):
    plotting.draw_stated(ax, 0, 400, "at_most", value_text="four hundred", xmax=1000)
    (segment,) = ax.collections[0].get_segments()
    assert segment[:, 0].tolist() == [0, 400]
    assert ax.lines[0].get_xdata()[0] == 400 and ax.lines[0].get_marker() == "|"


def test_draw_stated_puts_an_off_scale_figure_at_the_edge(ax):
    # 8000 > xmax 1000: an arrow at 0.99 x 1000 = 990, hollow because "about".
    plotting.draw_stated(ax, 0, 8000, "approximate", value_text="some eight thousand", xmax=1000)
    assert ax.lines[0].get_xdata()[0] == 990 and ax.lines[0].get_markerfacecolor() == "white"


def test_draw_stated_writes_the_words_when_there_is_no_figure(ax):
    plotting.draw_stated(ax, 0, pd.NA, "vague", value_text="only a handful", xmax=1000)
    assert ax.texts[0].get_text() == "no figure: “only a handful”" and not ax.lines


def test_draw_dated_never_invents_a_day(ax):
    # a month is a point in its middle (1-31 May 1922: 16 May at noon); a year is a bar.
    plotting.draw_dated(ax, pd.Timestamp("1922-05-01"), pd.Timestamp("1922-05-31"), 10)
    plotting.draw_dated(ax, pd.Timestamp("1923-01-01"), pd.Timestamp("1923-12-31"), 20, status="at_most")
    assert pd.Timestamp(ax.lines[0].get_xdata()[0]) == pd.Timestamp("1922-05-16 12:00")
    (segment,) = ax.collections[0].get_segments()
    assert segment[0][1] == segment[1][1] == 20


def test_annotation_arrows_have_an_explicit_colour(ax):
    plotting.annotate(ax, "note", xy=(0, 0), xytext=(1, 1))
    plotting.draw_dated(ax, pd.Timestamp("1923-01-01"), pd.Timestamp("1923-12-31"), 20, status="at_least",
                        color=plotting.OKABE_ITO[3])
    arrows = [t.arrow_patch for t in ax.texts if t.arrow_patch is not None]
    assert arrows and all(mcolors.to_hex(a.get_edgecolor()) != "#ffffff" for a in arrows)


def test_source_line_names_the_sources_of_the_rows_shown():
    fig, _ = plt.subplots()
    plotting.source_line(fig, ["exh_farm_area", "yam_workers_total_1922_10", "exh_farm_area"])
    text = fig.get_supxlabel()
    plt.close(fig)
    assert text == "Sources: AIC «Kuzbass» exhibition; Yamanouchi 2025. Data: kuzbas_data."


def test_source_line_refuses_unknown_ids():
    fig, _ = plt.subplots()
    with pytest.raises(KeyError, match="not a claim, event or source id"):
        plotting.source_line(fig, ["no_such_id"])
    plt.close(fig)


@pytest.mark.parametrize(("start", "end", "precision", "label"), [
    ("1921-10-12", "1921-10-12", "day", "12 Oct 1921"),
    ("1925-11-01", "1925-11-30", "month", "Nov 1925"),
    ("1927-10-01", "1928-09-30", "economic_year", "1927/28"),
    ("1922-01-01", "1923-12-31", "range", "1922–1923"),
    ("1923-03-01", "1923-05-31", "season", "Mar–May 1923"),
    ("1922-11-01", "1923-02-28", "range", "Nov 1922–Feb 1923"),
])
def test_period_label(start, end, precision, label):
    assert plotting.period_label(pd.Timestamp(start), pd.Timestamp(end), precision) == label


def test_period_label_undated():
    assert plotting.period_label(pd.NaT, pd.NaT, "undated") == "undated"


def test_colony_span_runs_from_the_contract_to_the_liquidation():
    # key events: the contract with the STO (Yamanouchi: 21 Oct 1921) ... liquidation (1 Jan 1927)
    assert plotting.colony_span() == (pd.Timestamp("1921-10-21"), pd.Timestamp("1927-01-01"))


def test_secondary_axis_rescales_by_the_cited_factor(ax):
    from kuzbas_data import units
    second = plotting.secondary_unit_axis(ax, units.poods_to_kg, "kg per shift")
    assert second.get_ylabel() == "kg per shift"
    ax.set_ylim(0, 10)
    ax.figure.canvas.draw()
    # the secondary axis maps 10 poods to 163.8 kg (1 pood = 16.3804964 kg)
    assert second.get_ylim() == pytest.approx((0, 163.804964))


def test_notebook_figures_are_shown_as_laid_out_not_cropped():
    # In a notebook the house style turns off the inline backend's tight crop (a second draw of
    # every figure): the PNG a reader sees is the figure at its own size.
    import base64
    import io

    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats
    from PIL import Image
    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # as Jupyter's inline backend starts: cropped tight
    try:
        plotting.use_house_style()
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.set_title("a chart")
        png = shell.display_formatter.format(fig)[0]["image/png"]
        png = base64.b64decode(png) if isinstance(png, str) else png
        assert Image.open(io.BytesIO(png)).size == (5 * 96, 3 * 96)
    finally:
        plt.close("all")
        InteractiveShell.clear_instance()
