"""The notebooks keep the project's promises: structure, data access, clean and current stored
outputs, and no network. nbval (pyproject.toml and the root conftest.py) executes each notebook
once and compares its text outputs byte for byte, offline; the tests at the end prove that run
does what it promises."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO
from kuzbas_data import freshness

NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [nb for nb in NOTEBOOKS if ".ipynb_checkpoints" not in nb.parts and "student" not in nb.parts]
OFFLINE = REPO / "tests" / "offline"
ids = [str(nb.relative_to(REPO / "notebooks")) for nb in NOTEBOOKS]


def _load(nb):
    return json.loads(nb.read_text(encoding="utf-8"))


def _code(nb):
    return [c for c in _load(nb)["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert (REPO / "notebooks" / "00-introduction.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_named_by_number_and_topic(nb):
    assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", nb.name)


ANALYSIS = [nb for nb in NOTEBOOKS if "seminar" not in nb.parts]


@pytest.mark.parametrize("nb", ANALYSIS, ids=[n.name for n in ANALYSIS])
def test_opening_cell_states_question_data_and_findings(nb):
    first = _load(nb)["cells"][0]
    text = "".join(first["source"])
    assert first["cell_type"] == "markdown" and text.startswith("# ")
    for part in ("**Question.**", "**Data used.**", "**Findings.**"):
        assert part in text, f"{nb.name}: the first cell lacks {part}"
    findings = text.split("**Findings.**", 1)[1]
    bullets = re.findall(r"^- ", findings, flags=re.M)
    assert 2 <= len(bullets) <= 4, f"{nb.name}: {len(bullets)} findings; give 2 to 4"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_closes_with_open_questions(nb):
    headings = [line for c in _load(nb)["cells"] if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("#")]
    assert headings[-1].lower().startswith("## open questions"), f"{nb.name}: last section is {headings[-1]!r}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_data_only_through_the_package(nb):
    forbidden = re.compile(r"""((?<![.\w])open\(|read_csv|read_json|read_excel|pathlib|https?://|["'][^"']*\.(csv|json|txt)["']|/work/|\.\./)""")
    for cell in _code(nb):
        source = "".join(cell["source"])
        assert not forbidden.search(source), f"{nb.name}: a code cell reads a path or URL:\n{source}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_one_imports_cell_first(nb):
    cells = _code(nb)
    importing = [i for i, c in enumerate(cells) if re.search(r"^\s*(import|from \S+ import) ", "".join(c["source"]), re.M)]
    assert importing == [0], f"{nb.name}: imports in code cells {importing}; keep them in the first"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_stored_outputs_are_clean(nb):
    data = _load(nb)
    assert data["metadata"]["kernelspec"]["name"] == "python3"
    cells = _code(nb)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1)), \
        f"{nb.name}: re-run it top to bottom in a fresh kernel (make refresh)"
    for cell in cells:
        for o in cell["outputs"]:
            assert o["output_type"] != "error", f"{nb.name}: an error is stored"
            assert o.get("name") != "stderr", f"{nb.name}: stderr output (a warning?): {''.join(o['text'])[:200]}"
    assert nb.stat().st_size < 1_500_000, f"{nb.name} is {nb.stat().st_size} bytes; keep notebooks under 1.5 MB"


def _is_solution(cell) -> bool:
    return "solution" in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_readers_see_tables_in_words_not_raw_frames(nb):
    """What a reader sees goes through kuzbas_data.reader; a raw frame or Series display is for the notebook only.

    Solutions in the seminar units are students' code and may print what a student would.
    """
    raw = []
    for k, cell in enumerate(_code(nb)):
        if _is_solution(cell):
            continue
        for o in cell["outputs"]:
            data = o.get("data", {})
            plain = "".join(data.get("text/plain", ""))
            if 'class="dataframe"' in "".join(data.get("text/html", "")) or re.search(
                    r"^(Name: .*, )?dtype: \w+$", plain, flags=re.M):
                raw.append(f"code cell {k + 1}: {plain[:80]!r}")
    assert not raw, f"{nb.name}: show frames with kuzbas_data.reader.table:\n" + "\n".join(raw)


# --- the numbers in the prose are the numbers the notebook computes ------------------------------

NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])\d+(?:\.\d+)?(?!\d)")
#: Numbers in the prose that are neither data nor computed, each with its reason. An entry
#: no longer in the prose fails the test, so the list stays true.
NOT_DATA = {
    ("06-places-and-routes", "180"): "the 180th meridian, where the map's axis would cut the Pacific route",
    ("07-source-criticism", "752.5"): "worked example of the rounding rule ('753' is 752.5 to 753.5)",
    ("07-source-criticism", "753.5"): "worked example of the rounding rule",
    ("07-source-criticism", "745"): "worked example of the rounding rule ('about 750' is 745 to 755)",
    ("07-source-criticism", "755"): "worked example of the rounding rule",
    ("07-source-criticism", "10000"): "worked example: '10 thousand ha' is 10,000 ha",
    ("01-how-many-came", "90"): "the seminar's length in minutes",
    ("02-did-it-work", "90"): "the seminar's length in minutes",
    ("02-did-it-work", "61"): "'a tonne holds a little over 61 poods': the solution prints 1 tonne = 61.05 poods",
    ("03-when-did-it-end", "90"): "the seminar's length in minutes",
}


def _numbers(text: str) -> set[str]:
    return {"%.10g" % float(m.group().replace(",", "")) for m in NUMBER.finditer(text)}


def _prose(markdown: str) -> str:
    """Prose without code spans, link targets, heading and list numbers."""
    markdown = re.sub(r"`[^`]*`", " ", markdown)
    markdown = re.sub(r"\]\([^)]*\)", "]", markdown)
    markdown = re.sub(r"^#+\s*[\d.·\s]*", "", markdown, flags=re.M)
    return re.sub(r"^\s*\d+\.\s", "", markdown, flags=re.M)


@pytest.fixture(scope="module")
def numbers_in_data() -> set[str]:
    return {n for p in [*(REPO / "data").glob("*.csv"), *(REPO / "data" / "series").glob("*.csv")]
            for n in _numbers(p.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_every_number_in_the_prose_is_computed_or_in_the_data(nb, numbers_in_data):
    cells = _load(nb)["cells"]
    shown = {n for c in cells for o in c.get("outputs", [])
             for mime, v in [*o.get("data", {}).items(), ("stream", o.get("text", ""))] if not mime.startswith("image/")
             for n in _numbers("".join(v) if isinstance(v, list) else str(v))}
    prose = {n for c in cells if c["cell_type"] == "markdown" for n in _numbers(_prose("".join(c["source"])))}
    allowed = {n for (stem, n) in NOT_DATA if stem == nb.stem}
    typed = sorted(prose - shown - numbers_in_data - allowed, key=float)
    assert not typed, (f"{nb.name}: numbers in the prose that no output shows and data/ does not hold: {typed}; "
                       "compute them in a cell (reader.findings) or correct the prose")
    stale = sorted(allowed - prose)
    assert not stale, f"NOT_DATA lists {stale} for {nb.name}, which its prose no longer uses: remove them"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_stored_outputs_were_computed_from_the_current_code_and_data(nb):
    assert freshness.is_current(nb), (
        f"{nb.name}: its stored outputs were computed from older code or data (its code cells, kuzbas_data "
        "or data/ changed since); run `make refresh` and review the new outputs (git diff notebooks/)")


def _offline_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def test_the_offline_guard_blocks_the_network():
    code = "import socket; socket.create_connection(('93.184.216.34', 80), timeout=2)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_offline_env())
    assert done.returncode != 0 and "network access blocked (offline run)" in done.stderr


def test_loaders_and_series_work_offline(tmp_path):
    code = ("import kuzbas_data as kd; from kuzbas_data.datapackage import table_names; "
            "from kuzbas_data import series; "
            "print(sum(len(kd.read_table(n)) for n in table_names()), "
            "sum(len(b()) for b in series.BUILDERS.values()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_offline_env(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    tables, rows = map(int, done.stdout.split())
    assert tables > 0 and rows > 0


# --- the one notebook run (nbval + the root conftest.py) checks what it promises ------------------

def _notebook(path, *cells):
    """Write a notebook of (source, stored stdout) code cells, as if executed top to bottom."""
    import nbformat
    code = [nbformat.v4.new_code_cell(source, execution_count=i + 1,
                                      outputs=[nbformat.v4.new_output("stream", name="stdout", text=text)] if text else [])
            for i, (source, text) in enumerate(cells)]
    nb = nbformat.v4.new_notebook(cells=code, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                       "display_name": "Python 3"}})
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def notebook_run(tmp_path_factory):
    """Run pytest as `make test` does (two workers) over small notebooks inside the repository
    (so the root conftest.py applies): one faithful, one whose later cells need the state of
    earlier ones, one whose stored output differs from a fresh run only where nbval's sanitize
    file looks away, one that reaches for the network."""
    import shutil
    import uuid
    folder = REPO / "_build" / f"nbval-selftest-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    try:
        _notebook(folder / "faithful.ipynb", ("print(6 * 7)", "42\n"))
        _notebook(folder / "stateful.ipynb", *[(f"x = {i}" if i == 0 else "x += 1", "") for i in range(6)],
                  ("print(x)", "5\n"))
        _notebook(folder / "sanitised.ipynb", ("print(hex(0x5678))", "0x1234\n"))
        _notebook(folder / "online.ipynb", ("import socket\nsocket.create_connection(('93.184.216.34', 80), timeout=5)\n"
                                            "print('connected')", "connected\n"))
        done = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "-rA", str(folder)],
                              capture_output=True, text=True, cwd=REPO)
        yield done.stdout + done.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _outcome(log, name, cell=0):
    found = re.findall(rf"^(PASSED|FAILED) \S*{name}\.ipynb::Cell {cell}\b", log, flags=re.M)
    assert len(found) == 1, log[-3000:]
    return found[0]


def test_the_notebook_run_passes_a_faithful_notebook(notebook_run):
    assert _outcome(notebook_run, "faithful") == "PASSED"


def test_the_notebook_run_keeps_each_notebook_in_order_in_one_kernel_across_workers(notebook_run):
    # pytest-xdist's default would deal the cells of one notebook to different workers
    assert [_outcome(notebook_run, "stateful", cell) for cell in range(7)] == ["PASSED"] * 7


def test_the_notebook_run_compares_text_byte_for_byte_and_names_the_fix(notebook_run):
    assert _outcome(notebook_run, "sanitised") == "FAILED"
    assert "byte for byte" in notebook_run and "0x1234" in notebook_run and "0x5678" in notebook_run
    assert "run `make refresh`" in notebook_run


def test_the_notebook_run_is_offline(notebook_run):
    assert _outcome(notebook_run, "online") == "FAILED"
    assert "network access blocked (offline run)" in notebook_run
