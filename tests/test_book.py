"""The book, built offline and read in a real browser (headless Chromium).

The book is built with network access blocked (tests/offline), then every page is opened in
Debian's Chromium through Playwright: it must load, display every image, make no network
request, and link only to pages that exist. Screenshots are saved under _build/screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = REPO / "_build" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("book") / "html"
    env = dict(os.environ, PYTHONPATH=str(REPO / "tests" / "offline"))
    done = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
                           "-c", str(REPO / "book"), str(REPO), str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def test_the_book_builds_offline_with_every_notebook(book):
    pages = {p.relative_to(book).as_posix() for p in book.rglob("*.html")}
    assert "book/index.html" in pages and "index.html" in pages
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    assert {f"notebooks/{n}.html" for n in notebooks} <= pages


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "Chromium not found: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):  # CI installs it (.ci/run); there a missing browser is a failure
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _pages(book: Path) -> list[Path]:
    skip = {"genindex.html", "search.html"}
    return sorted(p for p in book.rglob("*.html") if p.name not in skip and "_static" not in p.parts)


HREF = re.compile(r'(?:href|src)="([^"#?]+)[^"]*"')


def test_every_link_of_every_page_leads_to_a_file_of_the_book(book):
    """Read from the HTML itself, for all pages (the browser test below opens a sample of the generated ones)."""
    broken = []
    for path in _pages(book):
        for target in set(HREF.findall(path.read_text(encoding="utf-8"))):
            if not urlparse(target).scheme and not (path.parent / unquote(target)).exists():
                broken.append(f"{path.relative_to(book)}: {target}")
    assert not broken, "\n".join(broken[:20])


def _opened_pages(book: Path) -> list[Path]:
    """Every page a person wrote, and one of the 55 pages generated per source (they share one template)."""
    sources = sorted((book / "book" / "evidence").glob("source-*.html"))
    return [p for p in _pages(book) if p not in sources[1:]]


def test_every_page_loads_shows_its_images_and_fetches_nothing(book, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems, outside = [], []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
               else (outside.append(route.request.url), route.abort()))
    for path in _opened_pages(book):
        name = path.relative_to(book).as_posix()
        redirect = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', path.read_text(encoding="utf-8"))
        if redirect:  # the root page leads to the landing page: check it arrives there
            target = (path.parent / redirect.group(1)).resolve()
            with page.expect_navigation(url=target.as_uri()):
                page.goto(path.as_uri())
            continue
        response = page.goto(path.as_uri(), wait_until="load")
        if response is None or not page.title():
            problems.append(f"{name}: did not load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.complete && e.naturalWidth > 0])")
        problems += [f"{name}: image not displayed: {src}" for src, ok in images if not ok]
        problems += [f"{name}: requested {url} from the network" for url in outside]
        outside.clear()
        page.screenshot(path=str(SHOTS / (name.replace("/", "__") + ".png")))
    page.close()
    assert not problems, "\n".join(problems)


def test_notebook_pages_show_their_figures(book, browser):
    page = browser.new_page()
    page.goto((book / "notebooks" / "00-introduction.html").as_uri(), wait_until="load")
    shown = page.eval_on_selector_all("img", "els => els.filter(e => e.naturalWidth > 300).length")
    page.close()
    assert shown >= 1


@pytest.mark.parametrize("unit", sorted((REPO / "notebooks" / "seminar").glob("[0-9][0-9]-*.ipynb")),
                         ids=lambda p: p.stem)
def test_seminar_solutions_are_folded_by_default(book, browser, unit):
    import nbformat
    from kuzbas_data.teaching import is_solution
    solutions = sum(is_solution(c) for c in nbformat.read(unit, as_version=4).cells)
    page = browser.new_page()
    page.goto((book / "notebooks" / "seminar" / f"{unit.stem}.html").as_uri(), wait_until="load")
    folds = page.eval_on_selector_all(
        "details:not(.kd-chart-data details):not(.kd-key-ids details)",
        "els => els.filter(e => e.closest('.tag_solution') || "
                   "(e.querySelector('summary') || {}).textContent.trim() === 'Solution').map(e => e.open)")
    page.close()
    assert len(folds) == solutions and not any(folds)


# --- the book as a publication: code on demand, nothing wider than the column, data behind charts ---

CHAPTERS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SEMINARS = sorted((REPO / "notebooks" / "seminar").glob("[0-9][0-9]-*.ipynb"))
WIDTHS = (1280, 390)  # a laptop and a phone

# Blocks a reader sees that run past the text column or hide part of themselves behind a
# scrollbar. A reader table may scroll inside its own box (its header stays with it); code a
# student must read in a seminar is code, not an output, and is left to scroll.
WIDE_BLOCKS = r"""() => {
  const shown = e => e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})
                     && !e.closest('details:not([open])');
  const column = document.querySelector('article.bd-article');
  const right = column.getBoundingClientRect().right + 1;
  const blocks = column.querySelectorAll('.cell_output > *, .cell_output pre, .cell_output table, .cell_output img, '
                                         + 'table, pre, .kd-key-figures, .kd-chart-data');
  return [...blocks].filter(e => shown(e) && !e.closest('.cell_input') && !e.closest('.kd-table') &&
                         (e.getBoundingClientRect().right > right || e.scrollWidth > e.clientWidth + 1))
                    .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 60));
}"""


def _page_of(book: Path, notebook: Path) -> Path:
    return book / notebook.relative_to(REPO).with_suffix(".html")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_code_is_folded_until_its_toggle_is_pressed(book, browser, chapter):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(_page_of(book, chapter).as_uri(), wait_until="load")
    visible = "els => els.filter(e => e.checkVisibility() && e.innerText.trim()).length"
    inputs = page.eval_on_selector_all(".cell_input", "els => els.length")
    assert inputs and page.eval_on_selector_all(".cell_input pre", visible) == 0, "code visible before any toggle"
    behind_a_toggle = page.eval_on_selector_all(
        ".cell_input", "els => els.filter(e => e.parentElement.matches('details.above-input')).length")
    assert behind_a_toggle == inputs, "every code cell has its own 'show code' toggle"
    page.locator("details.above-input > summary").last.click()  # a reader presses one
    shown = page.eval_on_selector_all(".cell_input pre", visible)
    page.close()
    assert shown == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_no_block_is_wider_than_the_text_column(book, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for notebook in [*CHAPTERS, *SEMINARS]:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(_page_of(book, notebook).as_uri(), wait_until="load")
        problems += [f"{notebook.stem} at {width} px: {block}" for block in page.evaluate(WIDE_BLOCKS)]
        page.screenshot(path=str(SHOTS / f"{notebook.stem}-{width}px.png"))
        page.close()
    assert not problems, "\n".join(problems)


def _stored_chart_data(notebook: Path) -> dict[str, str]:
    from kuzbas_data.book import chart_data_files
    return chart_data_files(notebook)


@pytest.mark.parametrize("notebook", [*CHAPTERS, *SEMINARS], ids=lambda p: p.stem)
def test_every_figure_links_to_the_data_it_draws(book, browser, notebook):
    import csv
    import io
    import kuzbas_data as kd
    known = (set(kd.claims()["claim_id"]) | set(kd.events()["event_id"]) | set(kd.sources()["source_id"])
             | set(kd.places()["place_id"]))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(_page_of(book, notebook).as_uri(), wait_until="load")
    cells = page.eval_on_selector_all(
        ".cell", "els => els.filter(c => c.querySelector('.cell_output img')).map(c => "
                 "[...c.querySelectorAll('a.kd-chart-csv')].map(a => [a.href, a.parentElement.textContent]))")
    page.close()
    stored = _stored_chart_data(notebook)
    assert cells and all(len(links) == 1 for links in cells), "each figure is followed by one data link"
    assert len(cells) == len(stored)
    for [(href, line)] in cells:
        path = Path(unquote(urlparse(href).path))
        assert path.is_file(), f"{notebook.stem}: {href} does not exist"
        text = path.read_text(encoding="utf-8")
        assert text == stored[path.name], f"{path.name} is not the data the notebook's chart drew"
        rows = list(csv.DictReader(io.StringIO(text)))
        assert f"({len(rows)} rows)" in line
        ids = {i.strip() for r in rows for col in ("claim_ids", "claim_id", "event_id", "event_ids", "row_id", "place_id", "source_id")
               for i in (r.get(col) or "").split(";") if i.strip()}
        assert ids and ids <= known, f"{path.name}: ids not in the evidence: {sorted(ids - known)[:5]}"


# --- the evidence browser: every number one click from its quote --------------------------------

def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_claim_and_event_is_on_its_sources_page_with_its_quote(book):
    import html
    import kuzbas_data as kd
    missing = []
    for table, key in ((kd.claims(), "claim_id"), (kd.events(), "event_id")):
        for _, row in table.iterrows():
            page = _html(book / "book" / "evidence" / f"source-{row['source_id']}.html")
            entry = re.search(rf'<div class="kd-entry" id="{re.escape(row[key])}">(.*?)</div>', page, flags=re.S)
            if entry is None or html.escape(row["quote"]) not in entry.group(1):
                missing.append(row[key])
    assert not missing, f"{len(missing)} ids without their entry and quote, e.g. {missing[:5]}"


def test_every_source_group_measure_place_and_person_has_its_anchor(book):
    import kuzbas_data as kd
    evidence = book / "book" / "evidence"
    assert {f"source-{s}.html" for s in kd.sources()["source_id"]} <= {p.name for p in evidence.glob("*.html")}
    pages = {name: _html(evidence / f"{name}.html") for name in ("conflicts", "measures", "places", "people")}
    for name, ids in (("conflicts", kd.conflicts()["conflict_group"].unique()), ("places", kd.places()["place_id"]),
                      ("measures", kd.measures()["measure_id"]), ("people", kd.people()["person_id"])):
        absent = [i for i in ids if f'id="{i}"' not in pages[name]]
        assert not absent, f"{name}.html has no anchor for {absent[:5]}"


def test_every_id_link_in_the_book_resolves(book):
    broken, count = [], 0
    anchors: dict[Path, set[str]] = {}
    for page in _pages(book):
        # ids in code, and each claim's measure on its source's page (a link to the codebook)
        for href in re.findall(r'<a class="kd-(?:id|measure)[^"]*" href="([^"]+)"', _html(page)):
            count += 1
            target, _, anchor = href.partition("#")
            path = (page.parent / target).resolve()
            if path not in anchors:
                anchors[path] = set(re.findall(r'id="([^"]+)"', _html(path))) if path.is_file() else set()
            if not path.is_file() or (anchor and anchor not in anchors[path]):
                broken.append(f"{page.relative_to(book)}: {href}")
    assert count > 500 and not broken, f"{count} id links, broken: {broken[:5]}"


def test_the_chapters_link_the_ids_they_name(book):
    import kuzbas_data as kd
    page = _html(book / "notebooks" / "00-introduction.html")
    linked = set(re.findall(r'class="kd-id[^"]*" href="[^"]*#([^"]+)"', page))
    assert "contract_signing_date" in linked or any(g in linked for g in kd.conflicts()["conflict_group"])
    assert set(kd.conflicts().query("conflict_group == 'liquidation_date'")["row_id"]) <= linked


def test_the_evidence_table_searches_and_filters_offline(book, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
               else (outside.append(route.request.url), route.abort()))
    page.goto((book / "book" / "evidence" / "search.html").as_uri(), wait_until="load")
    page.wait_for_function("document.body.dataset.evidenceTable === 'ready'", timeout=15000)
    rows = "document.querySelectorAll('#kd-evidence tbody tr').length"
    info = "document.querySelector('.dt-info, .dataTables_info').textContent"
    page.select_option("select[data-column='topic']", "farm")
    topics = page.eval_on_selector_all("#kd-evidence tbody tr td:nth-child(3)", "els => els.map(e => e.textContent)")
    assert topics and set(topics) == {"farm"}
    page.select_option("select[data-column='topic']", "")
    page.fill("#kd-evidence_wrapper input[type='search'], .dt-container input[type='search']", "9544 ha")  # words of a quote (claim exh_farm_area)
    page.wait_for_timeout(300)
    ids = page.eval_on_selector_all("#kd-evidence tbody tr td:nth-child(2)", "els => els.map(e => e.textContent)")
    shown = page.evaluate(info)
    page.close()
    assert "exh_farm_area" in ids and len(ids) < 5 and "filtered" in shown and not outside


def test_the_evidence_table_is_a_plain_table_without_javascript(book, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((book / "book" / "evidence" / "search.html").as_uri(), wait_until="load")
    rows = page.eval_on_selector_all("#kd-evidence tbody tr", "els => els.length")
    context.close()
    import kuzbas_data as kd
    assert rows == len(kd.claims()) + len(kd.events())


def test_a_chapter_naming_an_unknown_id_fails_the_build(tmp_path):
    import json
    root = tmp_path / "site"
    shutil.copytree(REPO / "book", root / "book", ignore=shutil.ignore_patterns("_generated", "evidence"))
    (root / "notebooks").mkdir()
    nb = json.loads((REPO / "notebooks" / "00-introduction.ipynb").read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {},
                           "source": "A figure from `exh_no_such_claim`, which the data does not hold.\n"})
    (root / "notebooks" / "00-introduction.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-c", str(root / "book"),
                           "-D", "kuzbas_evidence=0", str(root), str(tmp_path / "html")], capture_output=True, text=True)
    assert "notebooks/00-introduction.html: names 'exh_no_such_claim'" in done.stderr, done.stderr[-2000:]
