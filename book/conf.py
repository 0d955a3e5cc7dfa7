"""Sphinx configuration for the project's book (static HTML).

Built from the repository root (``sphinx -c book . _build/html``) so that the notebooks
stay in notebooks/ where readers and nbval find them; only book/ and notebooks/ are read.
"""

project = "Kuzbass colony in numbers"
author = "The kuzbas_data contributors"
copyright = "2026, the kuzbas_data contributors (code MIT, data CC BY-SA 4.0)"

from pathlib import Path

extensions = ["myst_nb"]
root_doc = "book/index"
include_patterns = ["book/**", "notebooks/*.ipynb", "notebooks/seminar/*.ipynb"]
exclude_patterns = [".venv", "_build", "build", "**/.ipynb_checkpoints", "book/_generated/**",
                    "notebooks/seminar/student/**"]

# The book shows the outputs stored in the notebooks: `make test` proves they are what a fresh
# run gives (nbval, byte for byte) and that they were computed from the current code and data
# (kuzbas_data.freshness). `make book-fresh` re-executes instead (-D nb_execution_mode=force).
nb_execution_mode = "off"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
nb_merge_streams = True
# no dollarmath: the chapters write sums as "$300", which must stay text (and MathJax would
# be fetched from the network)
myst_enable_extensions = ["colon_fence", "deflist"]

html_theme = "sphinx_book_theme"
html_title = "The Kuzbass colony in numbers"
# _extra: a root index.html that leads to book/index.html; _generated: the seminar handouts,
# made from the teacher notebooks at each build (see setup below).
GENERATED = Path(__file__).parent / "_generated"
html_extra_path = ["_extra", str(GENERATED)]
html_static_path = ["_static"]
html_css_files = ["kuzbas.css"]  # reader tables, key figures, printed blocks kept to the column
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
}
html_last_updated_fmt = None


def _make_handouts(app):
    """Write a print-ready handout per seminar unit into the book's extra files."""
    from kuzbas_data.teaching import write_handouts
    write_handouts(Path(app.srcdir) / "notebooks" / "seminar", GENERATED / "handouts")


def _write_chart_data(app):
    """Write the CSV behind every chart beside its page (figure-data/<name>.csv)."""
    from kuzbas_data.book import write_chart_data
    import shutil
    shutil.rmtree(GENERATED / "notebooks", ignore_errors=True)  # no file of a chart since removed
    root = Path(app.srcdir)
    notebooks = sorted([*root.glob("notebooks/*.ipynb"), *root.glob("notebooks/seminar/*.ipynb")])
    write_chart_data(notebooks, root, GENERATED)


def _write_evidence(app):
    """Generate the evidence browser's pages (book/evidence) and its offline DataTables."""
    if not app.config.kuzbas_evidence:  # -D kuzbas_evidence=0: a quick build without them (a test's)
        return
    from kuzbas_data import browser
    root = Path(app.srcdir)
    notebooks = sorted([*root.glob("notebooks/*.ipynb"), *root.glob("notebooks/seminar/*.ipynb"),
                        *root.glob("book/*.md")])
    browser.write_pages(Path(__file__).parent, notebooks, root)
    browser.write_assets(GENERATED / browser.ASSETS)


def _link_ids(app, exception):
    """Turn every id the book names in code into a link to its entry; an unknown id fails the build."""
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging
    from kuzbas_data import browser
    log = logging.getLogger("kuzbas")
    where = browser.targets()
    out = Path(app.outdir)
    for page in sorted(out.rglob("*.html")):
        if "_static" in page.parts or "evidence-assets" in page.parts:
            continue
        name = page.relative_to(out).as_posix()
        linked, unknown = browser.link_ids(page.read_text(encoding="utf-8"), name, where)
        page.write_text(linked, encoding="utf-8")
        for row_id in sorted(set(unknown)):
            log.warning(f"{name}: names {row_id!r}, which is no claim, event, source, conflict group, place or "
                        "person id in data/; correct the id (list them with kd.claims(), kd.events(), ...)")


def _fold_code(app, docname, source):
    """Fold code by the project's one rule (kuzbas_data.book.fold_rule) as Sphinx reads a notebook."""
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        from kuzbas_data.book import fold_code
        source[0] = fold_code(path.relative_to(app.srcdir), source[0])


def setup(app):
    app.add_config_value("kuzbas_evidence", True, "env", bool)
    GENERATED.mkdir(exist_ok=True)
    app.connect("builder-inited", _make_handouts)
    app.connect("builder-inited", _write_chart_data)
    app.connect("source-read", _fold_code)
    app.connect("builder-inited", _write_evidence)
    app.connect("build-finished", _link_ids)
