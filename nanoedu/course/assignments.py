"""Graded assignments for nbgrader, built from the lessons: ``python -m nanoedu assignments DIR``.

``DIR`` becomes an nbgrader course directory: ``nbgrader_config.py`` (course ``nanoedu``, the
gradebook ``gradebook.db`` beside it), ``source/lessonNN/lessonNN.ipynb`` per lesson and the
concept inventory, ``source/inventory/inventory.ipynb`` (:func:`inventory_notebook`). Each
lesson's assignment notebook is kept lean, so that autograding a class is fast; it holds no dashboard
(learners do the lesson itself, then answer here):

- the lesson's imports (without the widgets) and the few earlier statements its exercise uses;
- per prediction of the lesson (``nanoedu/course/lessons/lNN.py``), a manually graded cell,
  "Your prediction and why", with the question and its rubric (:data:`PREDICTION_RUBRIC`):
  commit to a number, give the reasoning, explain the gap after the reveal;
- for the capstone, one manually graded memo per patient with the rubric in the cell
  (:data:`MEMO_RUBRIC`, including scientific soundness);
- the exercise: its markdown, the lesson's skeleton as an autograded answer cell whose solution
  region (``### BEGIN SOLUTION`` ... ``### END SOLUTION``) runs the course's one solution (the
  lesson module's ``_solve``, through :func:`nanoedu.course.exercise`), and one autograded test
  cell per value, one point each, whose hidden test asks
  :func:`nanoedu.course.exercises.judge_exercise` (the checker's judgement, without using a try
  or writing the learner's record).

The concept inventory's notebook (:mod:`nanoedu.course.inventory`, not for credit, given before
and after the course) has per item its question, an answer cell (``answer_CI_01 = "?"``, the
key only in its solution region) and an autograded test cell (1 point) whose hidden test
compares the letter with the key.

nbgrader itself is an optional dependency (``pip install "nanoedu[instructor]"``); writing the
course directory needs only nanoedu. docs/instructor-guide.md, "Grading with nbgrader", walks an
instructor through release, collection, grading and feedback.

Examples
--------
>>> nb = assignment_notebook("00")
>>> [c["metadata"]["nbgrader"]["grade_id"] for c in nb["cells"]][-2:]
['exercise_answer', 'exercise_ratio']
>>> sum(c["metadata"]["nbgrader"].get("points", 0) for c in nb["cells"])
4
>>> sum(c["metadata"]["nbgrader"].get("points", 0) for c in inventory_notebook()["cells"])
20
"""

from __future__ import annotations

import argparse
import ast
import builtins
import json
import os
import re
import string
from pathlib import Path
from typing import Any

from .content import LESSONS, exercise, lesson_content
from .inventory import ITEMS, LETTERS, POST, PRE

__all__ = [
    "COURSE_ID",
    "INVENTORY",
    "ITEM_POINTS",
    "MEMO_RUBRIC",
    "PART_POINTS",
    "PREDICTION_POINTS",
    "PREDICTION_RUBRIC",
    "assignment_name",
    "assignment_notebook",
    "inventory_notebook",
    "main",
    "nbgrader_config",
    "write_course",
]

#: nbgrader's course id for the course directory this module writes.
COURSE_ID = "nanoedu"
#: Points per exercise value (an autograded test cell each).
PART_POINTS = 1
#: nbgrader's name of the concept inventory's assignment, the pre-test; the post-test is the
#: same notebook copied to ``source/inventory-post`` (docs/instructor-guide.md).
INVENTORY = PRE
#: Points per inventory item (an autograded test cell each); they do not count for credit.
ITEM_POINTS = 1

#: The rubric of a prediction cell: one point per criterion.
PREDICTION_RUBRIC: tuple[tuple[str, str], ...] = (
    (
        "commits",
        "one number with its unit (or one of the options), the one locked in before the "
        "model's answer was shown; a range, a hedge or a value changed after the reveal earns 0",
    ),
    (
        "reasoning",
        "the reasoning or estimate that led to it, in a sentence or two (a mechanism, a formula, "
        "an analogy), whether or not the prediction turned out right",
    ),
    (
        "the gap",
        "after the reveal: the model's answer, and why the prediction was off (or right), "
        "explained with the mechanism the lesson shows, not only restated",
    ),
)
#: Points per prediction cell.
PREDICTION_POINTS = len(PREDICTION_RUBRIC)

#: The capstone memo's rubric: (criterion, 0 points, 1 point, 2 points). The first four are the
#: instructor guide's ("Design memo rubric"); scientific soundness is marked here too.
MEMO_RUBRIC: tuple[tuple[str, str, str, str], ...] = (
    (
        "choice",
        "a design without reasons",
        "each choice named with a mechanism",
        "each choice tied to a lesson's mechanism *and* to this patient's case",
    ),
    (
        "trade-off",
        "none named",
        "one cost named",
        "what the design buys and what it costs, both with the part of the score they move",
    ),
    (
        "deciding number",
        "none",
        "a readout value",
        "a readout value compared with the alternative it beat (e.g. freed in tumour 0.42% "
        "against 0.13%)",
    ),
    (
        "blind spot",
        "none",
        'a generic "models are simplified"',
        "a specific assumption that could fail in a patient (e.g. the shuttle's capacity "
        "calibrated to an antibody; a mouse body; payload proportional to volume) and how it "
        "would be tested",
    ),
    (
        "scientific soundness",
        "a claim the model's numbers contradict, a misread number, or mouse numbers given as a "
        "patient's",
        "the claims agree with the model's numbers, but the body or unit of a number is "
        "missing, or what the model shows is not kept apart from what it assumes",
        "every claim follows from a readout or a cited mechanism, each number names its body "
        "(a tumour in a 25 g mouse) and unit, and what the model shows is kept apart from what "
        "it assumes (calibrations, the score's weights)",
    ),
)
#: Points per memo (0-2 per criterion).
MEMO_POINTS = 2 * len(MEMO_RUBRIC)

#: The memos a lesson asks for, one per patient (lessons with a "## Your design memo" cell).
MEMOS: dict[str, tuple[tuple[str, str], ...]] = {
    "07": (
        ("memo_liver", "Mr A, the liver metastasis"),
        ("memo_glioblastoma", "Ms B, the glioblastoma"),
    ),
}

_LESSON_FILE = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def assignment_name(lesson: Any) -> str:
    """nbgrader's name of a lesson's assignment: ``lesson03`` for lesson 3."""
    return f"lesson{str(lesson).zfill(2)}"


# -- reading a lesson ---------------------------------------------------------------------------
def _lesson_path(key: str) -> Path:
    from ..authoring import course_lessons

    for path in course_lessons():
        m = _LESSON_FILE.match(path.name)
        if m and m.group(1) == key:
            return path
    raise ValueError(f"lesson {key} has no notebook among the course's lessons.")


def _src(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _code(cell: dict[str, Any]) -> str:
    """A code cell's source without IPython magics (``%matplotlib widget``)."""
    return "\n".join(line for line in _src(cell).splitlines() if not line.lstrip().startswith("%"))


def _names(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(names a piece of code binds, names it reads)."""
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, ast.Store | ast.Del) else read).add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound, read


def _free(code: str) -> set[str]:
    bound, read = _names(ast.parse(code))
    return read - bound - set(dir(builtins))


def _without(code: str, drop: list[ast.stmt]) -> str:
    """``code`` without the lines of the statements ``drop``, trailing blank lines removed."""
    gone = {n for s in drop for n in range(s.lineno, s.end_lineno + 1)}
    lines = [line for i, line in enumerate(code.splitlines(), 1) if i not in gone]
    return "\n".join(lines).strip("\n")


def _is_ui_import(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and (stmt.module or "").startswith("nanoedu.ui")


def _is_check_call(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Call)
        and getattr(stmt.value.func, "id", "") == "check_exercise"
    )


class _Lesson:
    """What an assignment takes from a lesson notebook."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.path = _lesson_path(key)
        nb = json.loads(self.path.read_text(encoding="utf-8"))
        self.cells = nb["cells"]
        self.title = _src(self.cells[0]).splitlines()[0].lstrip("# ").strip()
        code = [i for i, c in enumerate(self.cells) if c["cell_type"] == "code"]
        self.imports_at = next(
            i for i in code if re.search(r"^import nanoedu", _code(self.cells[i]), re.M)
        )
        self.exercise_at = next(
            i for i in code if "check_exercise(" in _src(self.cells[i]) and i > self.imports_at
        )
        self.exercise_md = next(
            _src(c)
            for c in reversed(self.cells[: self.exercise_at])
            if c["cell_type"] == "markdown" and _src(c).lstrip().startswith("## Exercise")
        )

    def setup_code(self, skeleton: str) -> str:
        """The lesson's imports without the widgets, then the earlier statements (in the
        lesson's order) that define what ``skeleton`` reads."""
        imports = _code(self.cells[self.imports_at])
        tree = ast.parse(imports)
        ui = [s for s in tree.body if _is_ui_import(s)]
        setup = _without(imports, ui)
        have = _names(ast.parse(setup))[0]
        # every top-level statement of the cells before the exercise, with what it binds
        statements: list[tuple[int, ast.stmt, str]] = []
        for i in range(self.imports_at, self.exercise_at):
            cell = self.cells[i]
            if cell["cell_type"] != "code":
                continue
            src = _code(cell)
            for s in ast.parse(src).body:
                statements.append((len(statements), s, ast.get_source_segment(src, s) or ""))
        needed, chosen, ui_names = _free(skeleton) - have, {}, set()
        while needed:
            name = needed.pop()
            found = [t for t in statements if name in _names(t[1])[0]]
            if not found:
                raise ValueError(
                    f"lesson {self.key}'s exercise reads {name!r}, which no earlier cell defines."
                )
            order, stmt, text = found[-1]
            if _is_ui_import(stmt):
                ui_names.add(name)
                continue
            if order not in chosen:
                chosen[order] = text
                bound = set().union(*(_names(t[1])[0] for t in statements if t[0] in chosen))
                needed |= _free(text) - have - bound
        if ui_names:
            setup += f"\nfrom nanoedu.ui import {', '.join(sorted(ui_names))}"
        if chosen:
            setup += "\n\n# From the lesson: what the exercise uses\n" + "\n".join(
                chosen[k] for k in sorted(chosen)
            )
        return setup

    def skeleton(self) -> str:
        """The exercise cell without its ``check_exercise(...)`` call."""
        src = _code(self.cells[self.exercise_at])
        return _without(src, [s for s in ast.parse(src).body if _is_check_call(s)])

    def heading_before(self, pattern: str) -> str:
        """The last "## ..." heading before the first code cell matching ``pattern``."""
        heading = ""
        for cell in self.cells:
            if cell["cell_type"] == "markdown":
                found = re.findall(r"^## (.+)$", _src(cell), re.M)
                if found:
                    heading = found[-1].strip()
            elif re.search(pattern, _src(cell)):
                return heading
        return ""

    def memo_prompts(self) -> list[str]:
        """The bullets of the lesson's "## Your design memo" cell, without their ``...``."""
        for cell in self.cells:
            text = _src(cell)
            if cell["cell_type"] == "markdown" and text.lstrip().startswith("## Your design memo"):
                return [
                    re.sub(r":\s*\.\.\.\s*$", "", line[2:]).strip()
                    for line in text.splitlines()
                    if line.startswith("* ")
                ]
        return []


# -- cells ---------------------------------------------------------------------------------------
def _cell(
    kind: str,
    source: str,
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = False,
    points: int | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": grade_id,
        "metadata": {"nbgrader": meta},
        "source": source,
    }
    if kind == "code":
        cell["execution_count"], cell["outputs"] = None, []
    return cell


def _facts_as_blanks(why: str) -> str:
    """A prediction's reason with its computed facts shown as ``[name]`` (the lesson computes
    them; the instructor guide quotes the numbers)."""
    out = []
    for literal, field, _, _ in string.Formatter().parse(why):
        out.append(literal)
        if field:
            out.append(f"[{field}]")
    return "".join(out)


def _prediction_cell(lesson: _Lesson, number: int, key: str, pred: Any) -> dict[str, Any]:
    if pred.choices:
        ask = "Pick one: " + "; ".join(f"*{c}*" for c in pred.choices) + "."
    else:
        ask = f"Answer with one number{f' in {pred.unit}' if pred.unit else ' (no unit)'}."
    where = lesson.heading_before(rf"predict\(\s*\"{lesson.key}\",\s*\"{key}\"")
    rubric = "\n".join(f"- **{name}** (1 point): {text}." for name, text in PREDICTION_RUBRIC)
    source = (
        f"### Prediction {number}: your prediction and why ({PREDICTION_POINTS} points)\n"
        f"*Lesson {lesson.key}{', ' + where if where else ''}; prediction `{key}`.*\n\n"
        f"**{pred.question}** {ask}\n\n"
        f"Lock in your prediction in the lesson (`{lesson.path.name}`) before its dashboard "
        "appears, then read the model's answer there. Write below, replacing the placeholder:\n\n"
        "1. **My prediction:** what you locked in.\n"
        "2. **Why:** the reasoning that led to it.\n"
        "3. **The model's answer and the gap:** why your prediction was off (or right).\n\n"
        f"**Rubric** ({PREDICTION_POINTS} points):\n{rubric}\n\n"
        "### BEGIN SOLUTION\n"
        "*For the grader* (this part is not released). The model's reasoning, with the numbers "
        "the lesson computes shown as [names] (the instructor guide, lesson "
        f"{lesson.key}, quotes them): {_facts_as_blanks(pred.why)}\n\n"
        "If the learner submitted `nanoedu-progress.json`, its `prediction` event for lesson "
        f'"{lesson.key}", key "{key}", holds the value locked in (`value`) and the model\'s '
        "`answer`; the `explanation` event after it holds what they wrote after the reveal.\n"
        "### END SOLUTION"
    )
    return _cell(
        "markdown",
        source,
        f"prediction_{key}",
        grade=True,
        solution=True,
        points=PREDICTION_POINTS,
    )


def _memo_cell(
    lesson: _Lesson, number: int, grade_id: str, patient: str, prompts: list[str]
) -> dict[str, Any]:
    rows = "\n".join(f"| {name} | {zero} | {one} | {two} |" for name, zero, one, two in MEMO_RUBRIC)
    asks = "\n".join(f"{i}. {p}" for i, p in enumerate(prompts, 1))
    source = (
        f"### Memo {number}: {patient} ({MEMO_POINTS} points)\n"
        f"Your design memo for {patient}, as the lesson asks (*Your design memo*): the design you "
        "would defend, recorded in the lesson's designer. Answer, replacing the placeholder:\n\n"
        f"{asks}\n\n"
        f"**Rubric** ({MEMO_POINTS} points: 0-2 per criterion):\n\n"
        "| criterion | 0 | 1 | 2 |\n|---|---|---|---|\n"
        f"{rows}\n\n"
        "### BEGIN SOLUTION\n"
        "*For the grader* (this part is not released). The instructor guide's *Expert reference "
        f"designs* (lesson {lesson.key}) calibrate the marking; they are not the only defensible "
        "answer. A design the score ranks lower earns full marks if the memo argues it soundly.\n"
        "### END SOLUTION"
    )
    return _cell("markdown", source, grade_id, grade=True, solution=True, points=MEMO_POINTS)


def _exercise_cells(lesson: _Lesson) -> tuple[list[dict[str, Any]], str]:
    """The exercise's markdown, answer cell and one test cell per value; and the setup code."""
    key = lesson.key
    ex = exercise(key)
    names = ex.names()
    skeleton = lesson.skeleton()
    missing = [n for n in names if n not in _names(ast.parse(skeleton))[0]]
    if missing:
        raise ValueError(f"lesson {key}'s exercise skeleton does not assign {missing}.")
    points = PART_POINTS * len(names)
    markdown = re.sub(
        r"^## Exercise\b.*$",
        f"## Exercise ({points} points)",
        lesson.exercise_md,
        count=1,
        flags=re.M,
    )
    markdown += (
        "\n\n**In this assignment:** replace each `...` in the cell below with your code, delete "
        "the line `raise NotImplementedError()` and run the cell. Each cell after it checks one "
        f"value ({PART_POINTS} point each: "
        + ", ".join(f"`{n}`" for n in names)
        + ") as the lesson's checker does; the grading tests are hidden, and "
        f'`check_exercise("{key}", ...)` in the lesson gives the same judgement, with hints.'
    )
    solution = (
        "### BEGIN SOLUTION\n"
        f"# The course's one solution (nanoedu/course/lessons/l{key}.py, _solve): the code the\n"
        "# lesson's checker and the hidden tests below run.\n"
        "from nanoedu.course import exercise as _exercise\n\n"
        f'_solution = _exercise("{key}").solve()\n'
        + "".join(f'{n} = _solution["{n}"]\n' for n in names)
        + "### END SOLUTION"
    )
    cells = [
        _cell("markdown", markdown, "exercise_task", locked=True),
        _cell("code", f"{skeleton}\n{solution}", "exercise_answer", solution=True),
    ]
    listed = "".join(f'    "{n}",\n' for n in names)
    for n in names:
        test = (
            f"# Exercise value `{n}` ({PART_POINTS} point), judged as the lesson's "
            "check_exercise judges it.\n"
            f'assert {n} is not ..., "{n} is not filled in yet: replace its ... above."\n'
            "### BEGIN HIDDEN TESTS\n"
            "from nanoedu.course.exercises import judge_exercise\n\n"
            f"_names = (\n{listed})\n"
            "_answers = {name: globals().get(name, ...) for name in _names}\n"
            f'assert judge_exercise("{key}", **_answers)["{n}"], (\n'
            f'    "{n} is not right: check_exercise(\\"{key}\\", ...) in the lesson says why."\n'
            ")\n"
            "### END HIDDEN TESTS"
        )
        cells.append(
            _cell("code", test, f"exercise_{n}", grade=True, locked=True, points=PART_POINTS)
        )
    return cells, lesson.setup_code(skeleton)


def assignment_notebook(lesson: Any) -> dict[str, Any]:
    """The nbgrader source notebook of one lesson's assignment (nbformat 4 as a dict)."""
    key = str(lesson).zfill(2)
    if key not in LESSONS:
        raise ValueError(f"lesson = {lesson!r} has no course content; known: {list(LESSONS)}.")
    les = _Lesson(key)
    exercise_cells, setup = _exercise_cells(les)
    predictions = getattr(lesson_content(key), "PREDICTIONS", {})
    order = {k: _src_pos(les, key, k) for k in predictions}  # the lesson's order
    memos = MEMOS.get(key, ())
    points = (
        PREDICTION_POINTS * len(predictions)
        + MEMO_POINTS * len(memos)
        + PART_POINTS * len(exercise(key).names())
    )
    name = assignment_name(key)
    intro = (
        f"# {les.title} (assignment `{name}`)\n\n"
        f"Work through lesson {key} (`{les.path.name}`) first: this notebook has no dashboards. "
        f"Here you answer for credit ({points} points):\n\n"
        f"- **your predictions** ({len(predictions)} x {PREDICTION_POINTS} points, graded by "
        "your instructor): what you locked in, why, and the gap to the model's answer;\n"
        + (
            f"- **your design memos** ({len(memos)} x {MEMO_POINTS} points, graded by your "
            "instructor);\n"
            if memos
            else ""
        )
        + f"- **the exercise** ({PART_POINTS} point per value, graded automatically).\n\n"
        "Replace each *YOUR ANSWER HERE* and each `...`; leave the other cells as they are. "
        "Before you submit, run *Kernel → Restart Kernel and Run All Cells* and check that no "
        "cell stops with an error.\n\n"
        "**Your record.** Copy `nanoedu-progress.json` from the folder where you ran the "
        "lessons into this folder before you submit: it holds the predictions you locked in and "
        "your explanations, which your instructor reads with your answers (and, with the "
        "class's, for the class's predictions at a glance)."
    )
    cells = [
        _cell("markdown", intro, "intro", locked=True),
        _cell(
            "code",
            "# The lesson's imports (no widgets: this notebook is graded by running it)\n" + setup,
            "setup",
            locked=True,
        ),
    ]
    if predictions:
        cells.append(
            _cell(
                "markdown",
                "## Your predictions\nOne cell per *Predict first* of the lesson.",
                "predictions_task",
                locked=True,
            )
        )
        for i, k in enumerate(sorted(predictions, key=order.get), 1):
            cells.append(_prediction_cell(les, i, k, predictions[k]))
    if memos:
        prompts = les.memo_prompts()
        cells.append(
            _cell(
                "markdown",
                "## Your design memos\nOne memo per patient. Your instructor grades each with "
                "the rubric in its cell.",
                "memos_task",
                locked=True,
            )
        )
        for i, (grade_id, patient) in enumerate(memos, 1):
            cells.append(_memo_cell(les, i, grade_id, patient, prompts))
    cells += exercise_cells
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": dict(_KERNELSPEC),
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def inventory_notebook() -> dict[str, Any]:
    """The nbgrader source notebook of the concept inventory (nbformat 4 as a dict): per item
    its question and options, an answer cell and a one-point autograded test cell.

    The learner puts a letter in place of the ``?`` of ``answer_CI_NN = "?"``; the key is only
    in the answer cell's solution region and in the test's hidden part, which
    ``nbgrader generate_assignment`` removes. The hidden test's message, which the feedback
    shows, names the key and the misconception of the option chosen.
    """
    n = len(ITEMS)
    intro = (
        "# Concept inventory\n\n"
        f"**Not graded for credit.** {n} multiple-choice questions on the course's central "
        f"ideas, about {n} minutes (a minute a question). You answer the same questions twice: "
        f"before the course (the pre-test, assignment `{INVENTORY}`) and after its last session "
        f"(the post-test, `{POST}`). Your instructor compares the class's answers before and "
        "after, to see which ideas the course taught well and which it did not: the points "
        f"nbgrader counts ({ITEM_POINTS} per question) do not count towards your grade. "
        "Guessing is expected, before the course especially: choose the option you think "
        "best, on your own and without looking anything up.\n\n"
        "**How to answer.** Under each question, put the letter of your answer in place of "
        'the `?` (`answer_CI_01 = "B"`), delete the line `raise NotImplementedError()` and run '
        "the cell. The cell after it checks only that you gave one letter, not whether it is "
        "right. Before you submit, run *Kernel → Restart Kernel and Run All Cells*."
    )
    cells = [_cell("markdown", intro, "intro", locked=True)]
    for it in ITEMS:
        name, grade = it.variable, it.id.replace("-", "_")
        options = "\n".join(f"- **{LETTERS[i]}.** {o.text}" for i, o in enumerate(it.options))
        question = f"### {it.id} ({ITEM_POINTS} point)\n\n{it.question}\n\n{options}"
        answer = (
            f"# {it.id}: the letter of your answer (A, B, C or D) in place of the ?\n"
            f'{name} = "?"\n'
            "### BEGIN SOLUTION\n"
            f'{name} = "{it.key}"\n'
            "### END SOLUTION"
        )
        feedback = "".join(
            f"    {json.dumps(c, ensure_ascii=False)}: {json.dumps(it.feedback(c), ensure_ascii=False)},\n"
            for c in it.misconceptions
        )
        test = (
            f"# {it.id} ({ITEM_POINTS} point)\n"
            f"_choice = str({name}).strip().upper()\n"
            f'assert len(_choice) == 1 and _choice in "{LETTERS}", (\n'
            f'    "{it.id}: put one letter, A, B, C or D, in place of the ? in {name}."\n'
            ")\n"
            "### BEGIN HIDDEN TESTS\n"
            f"_feedback = {{\n{feedback}}}\n"
            f'assert _choice == "{it.key}", _feedback[_choice]\n'
            "### END HIDDEN TESTS"
        )
        cells += [
            _cell("markdown", question, f"item_{grade}", locked=True),
            _cell("code", answer, name, solution=True),
            _cell("code", test, f"test_{grade}", grade=True, locked=True, points=ITEM_POINTS),
        ]
    return {
        "cells": cells,
        "metadata": {"kernelspec": dict(_KERNELSPEC), "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _src_pos(lesson: _Lesson, key: str, pred_key: str) -> int:
    """Where the lesson locks in a prediction (its cell's index; the end if not found)."""
    pattern = re.compile(rf"predict\(\s*\"{key}\",\s*\"{pred_key}\"")
    for i, cell in enumerate(lesson.cells):
        if cell["cell_type"] == "code" and pattern.search(_src(cell)):
            return i
    return len(lesson.cells)


# -- the course directory ------------------------------------------------------------------------
def nbgrader_config() -> str:
    """The course directory's ``nbgrader_config.py``: the course's id, its root (the folder
    holding the file, wherever it is moved) and the gradebook beside it."""
    return f'''"""nbgrader's configuration for the nanoedu course (written by
`python -m nanoedu assignments`; docs/instructor-guide.md, "Grading with nbgrader").
Run nbgrader's commands in this folder."""

import os

c = get_config()  # noqa: F821 (nbgrader provides get_config)

# The course directory is the folder this file is in: source/, release/, submitted/,
# autograded/ and feedback/ live here, and so does the gradebook.
root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = root
c.CourseDirectory.course_id = "{COURSE_ID}"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(root, "gradebook.db")

# Where release_assignment puts assignments and learners' submissions arrive (nbgrader's
# default; on a JupyterHub it must exist and be writable by every user, see the guide):
# c.Exchange.root = "/usr/local/share/nbgrader/exchange"

# Learners' folders may be large; nbgrader skips files over this size (kB) when collecting.
c.CourseDirectory.max_file_size = 100000
'''


def write_course(
    directory: str | os.PathLike[str],
    lessons: list[str] | None = None,
    overwrite: bool = False,
    inventory: bool | None = None,
) -> list[Path]:
    """Write an nbgrader course directory for ``lessons`` (all by default) into ``directory``.

    Writes ``nbgrader_config.py`` (kept if there is one already: it may hold the instructor's
    settings), ``source/lessonNN/lessonNN.ipynb`` per lesson and, if ``inventory`` (by default
    when all lessons are written), the concept inventory's ``source/inventory/inventory.ipynb``.
    An assignment's source that is there already is never overwritten unless ``overwrite``:
    this refuses before writing anything. Returns the paths written.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder; give a folder for the course.")
    if inventory is None:
        inventory = lessons is None
    keys = sorted(str(k).zfill(2) for k in lessons) if lessons is not None else list(LESSONS)
    unknown = [k for k in keys if k not in LESSONS]
    if unknown:
        raise ValueError(f"no lesson {', '.join(unknown)}; the course has {', '.join(LESSONS)}.")
    notebooks = {
        folder / "source" / assignment_name(k) / f"{assignment_name(k)}.ipynb": assignment_notebook(
            k
        )
        for k in keys
    }
    if inventory:
        notebooks[folder / "source" / INVENTORY / f"{INVENTORY}.ipynb"] = inventory_notebook()
    taken = [p for p in notebooks if p.exists()]
    if taken and not overwrite:
        raise ValueError(
            "not writing: "
            + ", ".join(str(p) for p in taken)
            + (" exists" if len(taken) == 1 else " exist")
            + " already (nothing was written). Give --overwrite to replace them with the "
            "course's version (your edits to them would be lost)."
        )
    written = []
    config = folder / "nbgrader_config.py"
    if not config.exists():
        folder.mkdir(parents=True, exist_ok=True)
        config.write_text(nbgrader_config(), encoding="utf-8")
        written.append(config)
    for path, nb in notebooks.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """``python -m nanoedu assignments DIR [--lessons 00 01 ... inventory] [--overwrite]``."""
    parser = argparse.ArgumentParser(
        prog="python -m nanoedu assignments",
        description="Write an nbgrader course directory (nbgrader_config.py, source/lessonNN/ "
        "and source/inventory/) from the lessons: predictions and memos graded by hand, "
        "exercises autograded, and the concept inventory (autograded, not for credit). See "
        "docs/instructor-guide.md, 'Grading with nbgrader'.",
    )
    parser.add_argument("dir", help="the course directory (created if missing)")
    parser.add_argument(
        "--lessons",
        nargs="+",
        metavar="NN",
        default=None,
        help=f"only these lessons, and the concept inventory if '{INVENTORY}' is among them "
        "(default: every lesson and the inventory)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace assignment sources already there (your edits to them are lost)",
    )
    args = parser.parse_args(argv)
    lessons, inventory = args.lessons, None
    if lessons is not None:
        inventory = INVENTORY in lessons
        lessons = [k for k in lessons if k != INVENTORY]
    try:
        written = write_course(args.dir, lessons, overwrite=args.overwrite, inventory=inventory)
    except ValueError as err:
        print(f"error: {err}")
        return 2
    made = [p for p in written if p.suffix == ".ipynb"]
    first = made[0].parent.name if made else "lesson00"
    print(
        f"Wrote {len(made)} assignments into {Path(args.dir) / 'source'}"
        + (
            " and nbgrader_config.py"
            if any(p.name == "nbgrader_config.py" for p in written)
            else ""
        )
        + f". Next, in {args.dir}:\n"
        f"  nbgrader generate_assignment {first}\n"
        f"  nbgrader release_assignment {first}\n"
        "(docs/instructor-guide.md, 'Grading with nbgrader', has every step"
        + (
            f"; {INVENTORY}, the concept inventory, goes out before the first session.)"
            if any(p.parent.name == INVENTORY for p in made)
            else ".)"
        )
    )
    return 0
