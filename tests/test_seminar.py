"""The seminar kit: three teacher units with hidden solutions, generated student versions, handouts."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from conftest import REPO
from kuzbas_data import teaching

SEMINAR = REPO / "notebooks" / "seminar"
UNITS = teaching.teacher_notebooks(SEMINAR)
names = [u.name for u in UNITS]


def _read(path):
    return nbformat.read(path, as_version=4)


def test_three_units():
    assert [u.stem for u in UNITS] == ["01-how-many-came", "02-did-it-work", "03-when-did-it-end"]


@pytest.mark.parametrize("unit", UNITS, ids=names)
def test_opening_cell_states_outcomes_prerequisites_time_and_data(unit):
    first = _read(unit).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# Seminar ")
    for part in ("**Learning outcomes.**", "**Prerequisites.**", "**Time.**", "**Data used.**"):
        assert part in first.source, f"{unit.name}: the first cell lacks {part}"


def _exercises(nb):
    """(heading, the cells up to the next exercise heading) for each exercise."""
    found, current = [], None
    for cell in nb.cells:
        heading = cell.cell_type == "markdown" and re.search(r"^### Exercise \d+", cell.source, re.M)
        if heading or (cell.cell_type == "markdown" and cell.source.startswith("## ") and current):
            if current:
                found.append(current)
            current = (cell.source, []) if heading else None
        elif current:
            current[1].append(cell)
    if current:
        found.append(current)
    return found


@pytest.mark.parametrize("unit", UNITS, ids=names)
def test_four_to_eight_exercises_each_with_a_solution(unit):
    exercises = _exercises(_read(unit))
    assert 4 <= len(exercises) <= 8, f"{unit.name}: {len(exercises)} exercises"
    headings = " ".join(h for h, _ in exercises)
    assert "Discussion" in headings and "Code" in headings, "at least one discussion and one code exercise"
    for heading, cells in exercises:
        assert any(teaching.is_solution(c) for c in cells), f"{unit.name}: no solution for {heading.splitlines()[0]}"
        assert any(not teaching.is_solution(c) for c in cells), f"{unit.name}: no student cell for {heading.splitlines()[0]}"


@pytest.mark.parametrize("unit", UNITS, ids=names)
def test_solutions_are_tagged_to_be_hidden(unit):
    for cell in _read(unit).cells:
        if teaching.is_solution(cell):
            assert teaching.HIDE in teaching.tags(cell)
            if cell.cell_type == "markdown":  # prose solutions fold in the book and in JupyterLab
                text = cell.source.strip()
                assert text.startswith("<details><summary>Solution</summary>") and text.endswith("</details>")
        else:
            assert "<summary>Solution" not in cell.source, "a solution outside a solution-tagged cell"


@pytest.mark.parametrize("unit", UNITS, ids=names)
def test_student_version_is_generated_and_current(unit):
    student = SEMINAR / "student" / f"{unit.stem}-student.ipynb"
    expected = nbformat.writes(teaching.student_version(_read(unit))) + "\n"
    assert student.read_text(encoding="utf-8") == expected, "stale student version: run `make student`"


@pytest.mark.parametrize("unit", UNITS, ids=names)
def test_student_version_has_no_solution_and_runs(unit, tmp_path):
    student = SEMINAR / "student" / f"{unit.stem}-student.ipynb"
    nb = _read(student)
    assert not any(teaching.is_solution(c) for c in nb.cells)
    assert not any("<summary>Solution" in c.source for c in nb.cells)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    # every cell runs, so every exercise can be reached
    done = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                           "--output-dir", str(tmp_path), str(student)], capture_output=True, text=True, cwd=SEMINAR)
    assert done.returncode == 0, done.stderr[-2000:]


def test_handouts_have_questions_and_charts_but_no_solutions(tmp_path):
    written = teaching.write_handouts(SEMINAR, tmp_path)
    assert [w.stem for w in written] == [u.stem for u in UNITS]
    for path, unit in zip(written, UNITS):
        html = path.read_text(encoding="utf-8")
        assert "Exercise 1" in html and "<img" in html
        assert not re.search(r'(src|href)="https?://', html.split("<body", 1)[0] + "".join(
            re.findall(r"<script[^>]*>", html))), "a handout must not fetch anything from the network"
        assert "<summary>Solution" not in html
        solution_code = [c.source for c in _read(unit).cells if teaching.is_solution(c) and c.cell_type == "code"]
        assert not any(code.splitlines()[0] in html for code in solution_code if code.strip())


def test_report_prints_its_blocks_as_one_output(capsys):
    from kuzbas_data.teaching import report
    report("a", None, 3)
    assert capsys.readouterr().out == "a\nNone\n3\n"


def test_the_event_table_lists_events_in_date_order_with_their_ids():
    import kuzbas_data as kd
    from kuzbas_data.teaching import event_table
    ev = kd.events().head(8).assign(dating="x")
    shown = event_table(ev.iloc[::-1])
    assert [ids[0] for ids in shown.ids] == list(ev.sort_values(["date_start", "date_end", "event_id"])["event_id"])
