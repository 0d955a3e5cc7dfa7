"""Root pytest configuration for the one run that executes the notebooks (nbval).

nbval runs each notebook's cells in a fresh kernel and compares their outputs with the stored
ones. This file makes that single execution prove three more things, so no test needs to
execute a notebook a second time:

- **offline**: each notebook's kernel starts with the offline guard (tests/offline) on its
  PYTHONPATH, so any network connection fails the cell;
- **byte for byte**: after nbval's comparison (which applies the sanitize file), each cell's
  text outputs must equal the stored ones exactly, so the stored outputs are deterministic;
- **a fix named**: a cell whose outputs differ says to run ``make refresh``.

nbval opens the sanitize file relative to the working directory, so it is given here by
absolute path, and ``pytest`` runs from any directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).parent
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
OFFLINE = ROOT / "tests" / "offline"
REFRESH_HINT = ("The notebook's stored outputs are not what a fresh run gives. If you changed its code, "
                "the package or the data on purpose, run `make refresh` and review the new outputs "
                "(git diff notebooks/) before committing.")

# Student versions have no stored outputs to compare; tests/test_seminar.py runs them instead.
collect_ignore_glob = ["notebooks/seminar/student/*"]


def pytest_configure(config):
    if getattr(config.option, "nbval_sanitize_with", None) is None and config.pluginmanager.hasplugin("nbval"):
        config.option.nbval_sanitize_with = str(SANITIZE)


def _is_notebook_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell" and hasattr(item, "cell")


def text_outputs(outputs) -> tuple[list, list]:
    """A cell's text outputs as compared byte for byte: each stream joined (the kernel may split
    a stream into chunks at random), then every non-image form of each rich output, in order."""
    streams: dict[str, str] = {}
    rich = []
    for o in outputs:
        if o["output_type"] == "stream":
            text = o["text"] if isinstance(o["text"], str) else "".join(o["text"])
            streams[o["name"]] = streams.get(o["name"], "") + text
        elif o["output_type"] == "error":
            rich.append(("error", o["ename"], o["evalue"]))
        for mime, value in sorted(o.get("data", {}).items()):  # stored files sort their keys
            if not mime.startswith("image/"):
                rich.append((mime, "".join(value) if isinstance(value, list) else value))
    return sorted(streams.items()), rich


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Start each notebook's kernel (nbval does so in the first cell's setup) offline."""
    if not _is_notebook_cell(item):
        return (yield)
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(OFFLINE), saved) if p)
    try:
        return (yield)
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After nbval's own check passes, compare the cell's text outputs without any sanitising."""
    result = yield
    if _is_notebook_cell(item) and item.options.get("check") and item.cell.execution_count is not None:
        fresh, stored = text_outputs(item.test_outputs or []), text_outputs(item.cell.get("outputs", []))
        if fresh != stored:
            raise AssertionError(f"cell {item.cell_num}: text outputs differ from the stored ones byte for byte "
                                 f"(a difference nbval's sanitize file hides)\nstored: {stored!r:.1500}\n"
                                 f"fresh:  {fresh!r:.1500}")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if _is_notebook_cell(item) and report.when == "call" and report.failed:
        message = str(getattr(call.excinfo, "value", ""))
        if "outputs differ" in message:
            report.sections.append(("how to fix", REFRESH_HINT))
    return report
