"""How the notebooks become the book: which code is folded, and the data files behind the charts.

The notebooks stay as re-users run them in JupyterLab, code in view. Only the book folds code:
:func:`fold_code` applies one rule to a notebook as Sphinx reads it (book/conf.py), so no cell
is tagged by hand and a new cell follows the rule. :func:`write_chart_data` writes the CSV of
every chart (see :func:`kuzbas_data.reader.chart_data`) beside its page at each build.
"""

from __future__ import annotations

import json
from pathlib import Path

from .reader import CSV_MIME

HIDE_INPUT = "hide-input"  # myst-nb: the code sits behind a "show code" toggle, outputs stay in view
SOLUTION = "solution"      # seminar solutions are folded whole already (kuzbas_data.teaching)


def is_seminar(path: str | Path) -> bool:
    return "seminar" in Path(path).parts


def fold_rule(path: str | Path, index: int, cell: dict) -> bool:
    """Whether the book folds a code cell's source behind its toggle.

    Analysis chapters fold every code cell: a reader meets the history first and the code on
    demand. Seminar units fold only their setup (the first code cell, the imports); the rest is
    code students must read or edit, so it stays in view; solutions keep their own fold.
    """
    if cell.get("cell_type") != "code":
        return False
    tags = cell.get("metadata", {}).get("tags", [])
    if SOLUTION in tags:
        return False
    return index == 0 if is_seminar(path) else True


def fold_code(path: str | Path, text: str) -> str:
    """The notebook JSON ``text`` as the book renders it (the file is not touched).

    :data:`HIDE_INPUT` is added where :func:`fold_rule` says; the CSV behind each chart leaves the
    output (the page links to the file :func:`write_chart_data` wrote; myst-nb has no renderer for it).
    """
    nb = json.loads(text)
    code_index = 0
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(CSV_MIME, None)
            out.get("metadata", {}).pop(CSV_MIME, None)
        if fold_rule(path, code_index, cell):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if HIDE_INPUT not in tags:
                tags.append(HIDE_INPUT)
        code_index += 1
    return json.dumps(nb, ensure_ascii=False)


def chart_data_files(notebook: Path) -> dict[str, str]:
    """The CSV files a notebook's stored outputs carry: file name -> text."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if CSV_MIME not in out.get("data", {}):
                continue
            name = out.get("metadata", {}).get(CSV_MIME, {}).get("filename")
            if not name:
                raise ValueError(f"{notebook}: a {CSV_MIME} output has no file name in its metadata; "
                                 "make it with kuzbas_data.reader.chart_data and run make refresh")
            if name in files:
                raise ValueError(f"{notebook}: two charts share the data file name {name!r}; "
                                 "give each chart_data call its own name")
            text = out["data"][CSV_MIME]
            files[name] = "".join(text) if isinstance(text, list) else text
    return files


def write_chart_data(notebooks: list[Path], root: Path, target: Path) -> list[Path]:
    """Write each chart's CSV to ``target/<folder of its notebook>/figure-data/<name>``.

    The pages link to ``figure-data/<name>`` beside them, so names must be unique per folder.
    """
    written: dict[Path, Path] = {}
    for nb in notebooks:
        folder = target / nb.parent.relative_to(root) / "figure-data"
        for name, text in chart_data_files(nb).items():
            path = folder / name
            if path in written:
                raise ValueError(f"{nb} and {written[path]} both write {name}: chart data names must be "
                                 "unique among the notebooks of one folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written[path] = nb
    return sorted(written)
