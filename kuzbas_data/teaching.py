"""Seminar units: student versions and printable handouts made from the teacher notebooks.

A teacher notebook (notebooks/seminar/NN-topic.ipynb) marks every solution cell with the cell
tag ``solution`` (and ``hide-cell``, so the book shows it folded). From it:

- the **student version** drops the solution cells and clears all outputs, so students run
  the notebook themselves (``make student`` writes notebooks/seminar/student/);
- the **handout** is print-ready HTML with the unit's text, questions and stored charts, and
  neither code nor solutions.

Needs nbformat and nbconvert (the ``test`` extra).
"""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

SOLUTION = "solution"
HIDE = "hide-cell"
STUDENT_NOTE = ("> **Student version.** Generated from the teacher's notebook by `make student`; "
                "the solutions are removed. Run the cells from the top, and write your answers in the "
                "cells marked *Your answer*.")


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution(cell) -> bool:
    """Whether a cell is a solution (tagged ``solution``)."""
    return SOLUTION in tags(cell)


def student_version(nb):
    """The notebook without solution cells, outputs or execution counts, with a note on top."""
    import nbformat
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not is_solution(c)]
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    note = nbformat.v4.new_markdown_cell(STUDENT_NOTE)
    note.id = "student-version-note"  # fixed, so that generating twice gives the same file
    out.cells.insert(1, note)
    kuzbas = out.metadata.setdefault("kuzbas", {})
    kuzbas.pop("inputs_sha256", None)  # a student version has no outputs to vouch for
    kuzbas["student_version"] = True
    return out


def handout_html(nb) -> str:
    """Print-ready HTML: text, questions and stored charts; no code and no solutions."""
    from nbconvert import HTMLExporter
    printable = copy.deepcopy(nb)
    printable.cells = [c for c in printable.cells if not is_solution(c)]
    for cell in printable.cells:  # a paper handout has no data files beside it: the charts' data links go
        cell["outputs"] = [o for o in cell.get("outputs", []) if "text/csv" not in o.get("data", {})]
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(printable)
    # a printed page needs no scripts: drop the template's CDN scripts (require.js, MathJax)
    # so that the handout opens offline and fetches nothing
    body = re.sub(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>', "", body)
    style = "<style>@media print { a { color: inherit; } } body { max-width: 52em; margin: auto; }</style>"
    return body.replace("</head>", style + "</head>", 1)


def teacher_notebooks(folder: Path) -> list[Path]:
    """The teacher notebooks of the seminar folder."""
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def write_student_versions(folder: Path) -> list[Path]:
    """Write ``student/NN-topic-student.ipynb`` beside each teacher notebook; return the paths."""
    import nbformat
    target = folder / "student"
    target.mkdir(exist_ok=True)
    written = []
    for path in teacher_notebooks(folder):
        out = target / f"{path.stem}-student.ipynb"
        text = nbformat.writes(student_version(nbformat.read(path, as_version=4))) + "\n"
        tmp = out.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        written.append(out)
    return written


def write_handouts(folder: Path, target: Path) -> list[Path]:
    """Write ``NN-topic.html`` handouts for each teacher notebook into ``target``."""
    import nbformat
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in teacher_notebooks(folder):
        out = target / f"{path.stem}.html"
        out.write_text(handout_html(nbformat.read(path, as_version=4)), encoding="utf-8")
        written.append(out)
    return written


def report(*blocks) -> None:
    """Print blocks of text, one under the other, as ONE output: a single write keeps stored outputs stable.

    The seminar units' exercise cells print with it, so a student's answer shows as one block.
    """
    sys.stdout.write("\n".join(str(block) for block in blocks) + "\n")


def event_table(rows):
    """Event rows in date order as a reader table: dating, what happened, the notes, source and id."""
    from .reader import table
    ordered = rows.sort_values(["date_start", "date_end", "event_id"])
    return table(ordered, {"dating": None, "event": None, "notes": None, "event_id": None})
