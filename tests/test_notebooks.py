"""The notebooks keep the project's promises: structure, data access, clean stored outputs,
determinism, and no network. (nbval, configured in pyproject.toml, re-runs each one too.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [nb for nb in NOTEBOOKS if ".ipynb_checkpoints" not in nb.parts and "student" not in nb.parts]
OFFLINE = REPO / "tests" / "offline"
ids = [str(nb.relative_to(REPO / "notebooks")) for nb in NOTEBOOKS]


def _load(nb):
    return json.loads(nb.read_text(encoding="utf-8"))


def _code(nb):
    return [c for c in _load(nb)["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def _text_outputs(cells):
    """Each cell's text outputs: its streams joined (the kernel may split them into chunks at
    random), then each rich output's text forms."""
    out = []
    for cell in cells:
        outputs = cell.get("outputs", [])
        streams = {}
        for o in outputs:
            if o["output_type"] == "stream":
                streams[o["name"]] = streams.get(o["name"], "") + "".join(o["text"])
        rich = ["".join(o["data"][m]) for o in outputs for m in ("text/plain", "text/html", "text/markdown")
                if m in o.get("data", {})]
        out.append((sorted(streams.items()), rich))
    return out


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


def _execute(nb, env=None):
    """Execute a notebook in a fresh kernel (in a subprocess) and return its code cells."""
    code = ("import sys, json, nbformat; from nbclient import NotebookClient; "
            "nb = nbformat.read(sys.argv[1], as_version=4); "
            "NotebookClient(nb, kernel_name='python3', timeout=300, record_timing=False, coalesce_streams=True).execute(); "
            "print(json.dumps(nb['cells']))")
    done = subprocess.run([sys.executable, "-c", code, str(nb)], capture_output=True, text=True,
                          env=env, cwd=nb.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    return [c for c in json.loads(done.stdout) if c["cell_type"] == "code" and "".join(c["source"]).strip()]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=ids)
def test_a_fresh_run_gives_the_stored_text_outputs_exactly(nb):
    # The stored outputs come from one run (make refresh); this is a second, compared without
    # any sanitising: text outputs must be byte-identical.
    assert _text_outputs(_execute(nb)) == _text_outputs(_code(nb))


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


def test_a_notebook_runs_offline():
    nb = REPO / "notebooks" / "00-introduction.ipynb"
    assert _text_outputs(_execute(nb, env=_offline_env())) == _text_outputs(_code(nb))
