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


def test_every_page_loads_shows_its_images_and_links_inside_the_book(book, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for path in _pages(book):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside = []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else (outside.append(route.request.url), route.abort()))
        name = path.relative_to(book).as_posix()
        redirect = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', path.read_text(encoding="utf-8"))
        if redirect:  # the root page leads to the landing page: check it arrives there
            target = (path.parent / redirect.group(1)).resolve()
            with page.expect_navigation(url=target.as_uri()):
                page.goto(path.as_uri())
            page.close()
            continue
        response = page.goto(path.as_uri(), wait_until="load")
        if response is None or not page.title():
            problems.append(f"{name}: did not load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.src, e.complete && e.naturalWidth > 0])")
        problems += [f"{name}: image not displayed: {src}" for src, ok in images if not ok]
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for link in links:
            parsed = urlparse(link)
            if parsed.scheme == "file" and not Path(unquote(parsed.path)).exists():
                problems.append(f"{name}: broken link {link}")
        problems += [f"{name}: requested {url} from the network" for url in outside]
        page.screenshot(path=str(SHOTS / (name.replace("/", "__") + ".png")), full_page=False)
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
        "details", "els => els.filter(e => e.closest('.tag_solution') || "
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
    toggles = page.locator("details.above-input > summary")
    assert toggles.count() == inputs, "every code cell has its own 'show code' toggle"
    for k in range(toggles.count()):
        toggles.nth(k).click()
    shown = page.eval_on_selector_all(".cell_input pre", visible)
    page.close()
    assert shown == inputs


@pytest.mark.parametrize("width", WIDTHS)
def test_no_block_is_wider_than_the_text_column(book, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for notebook in [*CHAPTERS, *SEMINARS]:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(_page_of(book, notebook).as_uri(), wait_until="load")
        problems += [f"{notebook.stem} at {width} px: {block}" for block in page.evaluate(WIDE_BLOCKS)]
        page.screenshot(path=str(SHOTS / f"{notebook.stem}-{width}px.png"), full_page=True)
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
    known = set(kd.claims()["claim_id"]) | set(kd.events()["event_id"])
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
        ids = {i.strip() for r in rows for col in ("claim_ids", "claim_id", "event_id", "row_id")
               for i in (r.get(col) or "").split(";") if i.strip()}
        assert ids and ids <= known, f"{path.name}: ids not in the evidence: {sorted(ids - known)[:5]}"
