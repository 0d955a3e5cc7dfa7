"""The evidence browser's pages, built from the data (kuzbas_data.browser)."""

from __future__ import annotations

import pandas as pd

import kuzbas_data as kd
from kuzbas_data import browser


def test_a_quote_with_markup_is_shown_escaped():
    row = kd.claims().iloc[0].copy()
    row["quote"] = '<script>alert("x")</script> & "so on"'
    entry = browser._entry(row["claim_id"], "claim", "head", row)
    assert "<script>" not in entry and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in entry


def test_every_id_has_one_target_and_ids_do_not_collide():
    where = browser.targets()
    ids = [*kd.sources()["source_id"], *kd.claims()["claim_id"], *kd.events()["event_id"],
           *kd.conflicts()["conflict_group"].unique(), *kd.places()["place_id"], *kd.people()["person_id"]]
    assert len(ids) == len(set(ids))
    # a measure of the codebook links to it, unless a conflict group has its name (that keeps its link)
    measures = set(kd.measures()["measure_id"])
    assert len(where) == len(set(ids) | measures)
    assert where["people_count"] == ("evidence/measures", "people_count")
    assert where["nationalities_count"] == ("evidence/conflicts", "nationalities_count")


def test_the_codebook_lists_every_measure_with_its_claims():
    page = browser.measures_markdown()
    c = kd.claims()
    for mid in kd.measures()["measure_id"]:
        assert f'<section class="kd-measure-entry" id="{mid}">' in page
    # Yamanouchi's 2,307 workers of October 1922 are listed under the measure they are coded with
    row = page[page.index('id="workers_employed"'):]
    assert "<code>yam_workers_total_1922_10</code>" in row[:row.index("</section>")]
    assert page.count("<code>") >= len(c)


def test_ids_in_code_become_relative_links_and_unknown_ids_are_reported():
    where = browser.targets()
    page = ('<p><code class="docutils literal notranslate"><span class="pre">exh_farm_area</span></code> and '
            '<code>liquidation_date</code>, <code>exh_not_an_id</code>, <code>value_low</code></p>')
    linked, unknown = browser.link_ids(page, "notebooks/seminar/01-x.html", where)
    assert 'href="../../book/evidence/source-aic_exhibition.html#exh_farm_area"' in linked
    assert 'href="../../book/evidence/conflicts.html#liquidation_date"' in linked
    assert unknown == ["exh_not_an_id"] and "<code>value_low</code>" in linked
    row, _ = browser.link_ids('<td>AIC <code class="kd-qid">exh_farm_area</code></td>', "notebooks/00-x.html", where)
    assert row == ('<td>AIC <a class="kd-id kd-qid" href="../book/evidence/source-aic_exhibition.html#exh_farm_area" '
                   'title="exh_farm_area">quote</a></td>')


def test_the_version_chart_draws_one_row_per_version():
    g = kd.conflicts().query("conflict_group == 'contract_signing_date'")
    svg = browser.version_chart(g, dict(zip(kd.sources()["source_id"], kd.sources()["citation_label"])))
    assert svg.startswith("<svg") and svg.count("<circle") + svg.count("<rect") == len(g)


def test_chapters_that_name_a_group_are_listed_with_it(tmp_path):
    nb = tmp_path / "notebooks" / "01-x.ipynb"
    nb.parent.mkdir()
    nb.write_text('{"cells": [{"source": "see liquidation_date"}]}', encoding="utf-8")
    assert browser.chapter_uses([nb], tmp_path) == {"liquidation_date": ["notebooks/01-x"]}
