"""``python -m nanoedu assignments``: nbgrader assignments built from the lessons, and the
concept inventory's.

The fast tests check the course directory it writes (every lesson: an autograded answer cell
whose solution region runs the course's one solution, a one-point test cell per exercise value,
a manually graded cell per prediction, the capstone's memos with a scientific-soundness
criterion; the inventory: an answer cell and a one-point test cell per item, the key only in
what nbgrader removes) and run each notebook's code in this process, as submitted with the
solution and as released (untouched). The slow test runs nbgrader's own command line on every
lesson and the inventory in one temporary course: ``generate_assignment``, ``autograde`` of
three learners (solutions filled in, untouched, one value wrong), ``generate_feedback`` and
``export``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nanoedu.course import LESSONS, check_exercise, exercise, lesson_content
from nanoedu.course.assignments import (
    INVENTORY,
    ITEM_POINTS,
    MEMO_RUBRIC,
    MEMOS,
    PART_POINTS,
    PREDICTION_POINTS,
    assignment_name,
    assignment_notebook,
    inventory_notebook,
    main,
    write_course,
)
from nanoedu.course.exercises import _TRIES, judge_exercise
from nanoedu.course.inventory import ITEMS, nbgrader_responses, nbgrader_scores

HAVE_NBGRADER = importlib.util.find_spec("nbgrader") is not None
KEYS = list(LESSONS)


def _src(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _meta(cell) -> dict:
    return cell["metadata"]["nbgrader"]


def _released(source: str) -> str:
    """What nbgrader's generate_assignment leaves of a cell: solution regions replaced by its
    stub (code), hidden tests removed."""
    source = re.sub(
        r"### BEGIN SOLUTION\n.*?### END SOLUTION",
        "# YOUR CODE HERE\nraise NotImplementedError()",
        source,
        flags=re.S,
    )
    return re.sub(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS\n?", "", source, flags=re.S)


# -- judge_exercise: the checker's judgement, silently ------------------------------------------
def test_judge_exercise_agrees_with_check_exercise_and_uses_no_try(tmp_path, monkeypatch):
    record = tmp_path / "nanoedu-progress.json"
    monkeypatch.setenv("NANOEDU_PROGRESS", str(record))
    tries = dict(_TRIES)
    for key in KEYS:
        ex = exercise(key)
        truth = ex.solve()
        assert judge_exercise(key, **truth) == dict.fromkeys(ex.names(), True)
        assert judge_exercise(key) == dict.fromkeys(ex.names(), False)
        assert judge_exercise(key, **dict.fromkeys(ex.names(), ...)) == dict.fromkeys(
            ex.names(), False
        )
        for part in ex.parts:
            wrong = dict(truth)
            if part.kind == "choice":
                wrong[part.name] = next(o for o in part.options if o != truth[part.name])
            else:
                wrong[part.name] = float(truth[part.name]) * 3.0 + 1.0
            judged = judge_exercise(key, **wrong)
            assert not judged[part.name], (key, part.name)
            # a choice counts only with the number that decides it (as check_exercise counts)
            for other in ex.parts:
                if other.because == part.name:
                    assert not judged[other.name], (key, other.name)
    assert dict(_TRIES) == tries and not record.exists()  # no try used, nothing recorded
    monkeypatch.setenv("NANOEDU_PROGRESS", "off")
    truth = exercise("03").solve()
    assert set(check_exercise("03", **truth).right) == {
        k for k, v in judge_exercise("03", **truth).items() if v
    }
    with pytest.raises(ValueError, match="does not ask for"):
        judge_exercise("00", ratio=1.0, speed=2.0)


# -- the course directory ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("course")
    assert main([str(folder)]) == 0
    return folder


def _notebook(course: Path, key: str) -> dict:
    name = key if key == INVENTORY else assignment_name(key)
    return json.loads((course / "source" / name / f"{name}.ipynb").read_text(encoding="utf-8"))


def test_course_directory_has_config_and_one_assignment_per_lesson(course):
    config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
    assert 'c.CourseDirectory.course_id = "nanoedu"' in config
    assert "c.CourseDirectory.root = root" in config and "gradebook.db" in config
    compile(config, "nbgrader_config.py", "exec")
    assert sorted(p.name for p in (course / "source").iterdir()) == sorted(
        [INVENTORY, *(assignment_name(k) for k in KEYS)]
    )


@pytest.mark.parametrize("key", KEYS)
def test_assignment_notebook_cells(course, key):
    nb = _notebook(course, key)
    nbformat.validate(nbformat.from_dict(nb))
    cells = nb["cells"]
    ids = [_meta(c)["grade_id"] for c in cells]
    assert len(ids) == len(set(ids)), "nbgrader needs unique grade ids"
    ex = exercise(key)
    # lean: no widgets, no dashboards, no magics
    code = "\n".join(_src(c) for c in cells if c["cell_type"] == "code")
    assert "nanoedu.ui" not in code and "dashboard" not in code and "%matplotlib" not in code
    # the exercise: an autograded answer cell that assigns every value, then one test per value
    answer = next(c for c in cells if _meta(c)["grade_id"] == "exercise_answer")
    assert _meta(answer) | {"grade_id": ""} == {
        "grade": False,
        "grade_id": "",
        "locked": False,
        "schema_version": 3,
        "solution": True,
        "task": False,
    }
    head, solution = _src(answer).split("### BEGIN SOLUTION\n")
    assert solution.rstrip().endswith("### END SOLUTION")
    assert f'_exercise("{key}").solve()' in solution  # the course's one solution
    for name in ex.names():
        assert re.search(rf"^{name} = \.\.\.", head, re.M), f"the skeleton asks for {name}"
        assert f'{name} = _solution["{name}"]' in solution
    assert "check_exercise(" not in _src(answer)
    tests = [c for c in cells if _meta(c)["grade"] and c["cell_type"] == "code"]
    assert [_meta(c)["grade_id"] for c in tests] == [f"exercise_{n}" for n in ex.names()]
    for cell, name in zip(tests, ex.names(), strict=True):
        meta, text = _meta(cell), _src(cell)
        assert meta["locked"] and not meta["solution"] and meta["points"] == PART_POINTS
        hidden = text.split("### BEGIN HIDDEN TESTS\n")[1]
        assert hidden.rstrip().endswith("### END HIDDEN TESTS")
        assert f'judge_exercise("{key}", **_answers)["{name}"]' in hidden
    # each prediction: a manually graded cell with the question and the rubric
    predictions = lesson_content(key).PREDICTIONS
    manual = [c for c in cells if _meta(c)["grade"] and c["cell_type"] == "markdown"]
    graded = {_meta(c)["grade_id"]: c for c in manual}
    assert {k for k in graded if k.startswith("prediction_")} == {
        f"prediction_{k}" for k in predictions
    }
    for k, pred in predictions.items():
        cell = graded[f"prediction_{k}"]
        text = _src(cell)
        assert _meta(cell)["solution"] and _meta(cell)["points"] == PREDICTION_POINTS
        assert pred.question in text and "Rubric" in text and "reasoning" in text
        assert "the gap" in text
        assert "### BEGIN SOLUTION" in text  # the grader's notes are not released
    # the capstone's memos
    memos = [c for c in manual if _meta(c)["grade_id"].startswith("memo_")]
    assert len(memos) == len(MEMOS.get(key, ()))
    for cell in memos:
        text = _src(cell)
        assert _meta(cell)["points"] == 2 * len(MEMO_RUBRIC)
        assert "| scientific soundness |" in text and "| blind spot |" in text
        assert "What I chose" in text


def test_inventory_notebook_cells(course):
    """Per item: its question (locked), an answer cell whose solution region holds the key,
    and a one-point test whose hidden part compares with the key; released, no key is left."""
    nb = _notebook(course, INVENTORY)
    assert nb == inventory_notebook()
    nbformat.validate(nbformat.from_dict(nb))
    cells = {_meta(c)["grade_id"]: c for c in nb["cells"]}
    assert len(cells) == len(nb["cells"]) == 1 + 3 * len(ITEMS)
    intro = _src(cells["intro"])
    assert "Not graded for credit" in intro and f"about {len(ITEMS)} minutes" in intro
    assert "`inventory`" in intro and "`inventory-post`" in intro
    graded = [c for c in nb["cells"] if _meta(c)["grade"]]
    assert [_meta(c)["grade_id"] for c in graded] == [
        "test_" + it.id.replace("-", "_") for it in ITEMS
    ]
    assert sum(_meta(c)["points"] for c in graded) == ITEM_POINTS * len(ITEMS) == 20
    for it in ITEMS:
        grade = it.id.replace("-", "_")
        question, answer, test = (
            cells[f"item_{grade}"],
            cells[it.variable],
            cells[f"test_{grade}"],
        )
        assert _meta(question)["locked"] and it.question in _src(question)
        for i, o in enumerate(it.options):
            assert f"- **{'ABCD'[i]}.** {o.text}" in _src(question)
        assert _meta(answer)["solution"] and not _meta(answer)["grade"]
        assert _meta(test)["locked"] and not _meta(test)["solution"]
        assert f'{it.variable} = "{it.key}"' in _src(answer).split("### BEGIN SOLUTION")[1]
        hidden = _src(test).split("### BEGIN HIDDEN TESTS\n")[1]
        assert f'assert _choice == "{it.key}"' in hidden
        for c in it.misconceptions:  # the feedback names the chosen option's misconception
            assert json.dumps(it.feedback(c), ensure_ascii=False) in hidden
        # released: the answer cell asks for a letter, nothing says which
        for cell in (question, answer, test):
            released = _released(_src(cell))
            assert not re.search(r"[\"'][A-D][\"']", released), (it.id, released)
            assert f"Key: {it.key}" not in released
        assert f'{it.variable} = "?"' in _released(_src(answer))


def test_capstone_has_two_memos():
    nb = assignment_notebook("07")
    ids = [_meta(c)["grade_id"] for c in nb["cells"]]
    assert "memo_liver" in ids and "memo_glioblastoma" in ids


@pytest.mark.parametrize("key", [*KEYS, INVENTORY])
def test_notebook_code_runs_solved_and_released(course, key):
    """Each notebook's code, run here (what nbgrader's autograder runs in a kernel): with the
    solution every test passes; as released (untouched) every test fails."""
    cells = [c for c in _notebook(course, key)["cells"] if c["cell_type"] == "code"]
    tests = [c for c in cells if _meta(c)["grade"]]
    for released in (False, True):
        namespace: dict = {"__name__": "__main__"}
        passed = []
        for cell in cells:
            text = _released(_src(cell)) if released else _src(cell)
            try:
                exec(compile(text, f"<{_meta(cell)['grade_id']}>", "exec"), namespace)
            except (AssertionError, NotImplementedError):
                continue
            if cell in tests:
                passed.append(_meta(cell)["grade_id"])
        assert passed == ([] if released else [_meta(c)["grade_id"] for c in tests])


def test_main_refuses_to_overwrite_and_keeps_the_config(tmp_path, capsys):
    folder = tmp_path / "course"
    assert main([str(folder), "--lessons", "3", "00"]) == 0
    assert sorted(p.name for p in (folder / "source").iterdir()) == ["lesson00", "lesson03"]
    config = folder / "nbgrader_config.py"
    config.write_text(config.read_text() + "# the instructor's own setting\n")
    notebook = folder / "source" / "lesson03" / "lesson03.ipynb"
    notebook.write_text("{}")
    capsys.readouterr()
    assert main([str(folder), "--lessons", "03"]) == 2
    assert "nothing was written" in capsys.readouterr().out
    assert notebook.read_text() == "{}"
    written = write_course(folder, ["03"], overwrite=True)
    assert written == [notebook] and json.loads(notebook.read_text())["cells"]
    assert config.read_text().endswith("# the instructor's own setting\n")
    assert main([str(folder), "--lessons", "99"]) == 2
    assert "no lesson 99" in capsys.readouterr().out
    # the inventory: written with every lesson, or when --lessons names it
    assert main([str(folder), "--lessons", "07", "inventory"]) == 0
    assert sorted(p.name for p in (folder / "source").iterdir()) == [
        INVENTORY,
        "lesson00",
        "lesson03",
        "lesson07",
    ]
    assert main([str(tmp_path / "only"), "--lessons", "inventory"]) == 0
    assert [p.name for p in (tmp_path / "only" / "source").iterdir()] == [INVENTORY]


# -- nbgrader's own command line, every lesson ---------------------------------------------------
def _nbgrader(course: Path, *args: str) -> str:
    env = dict(os.environ)
    # nbgrader runs `alembic` (installed beside it) when it creates the gradebook
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["NANOEDU_PROGRESS"] = "off"
    # no instructor's nbgrader_config.py from ~/.jupyter: only the course directory's
    env["JUPYTER_CONFIG_DIR"] = str(course.parent / "jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(course.parent / "jupyter-runtime")
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = done.stdout + done.stderr
    errors = [line for line in log.splitlines() if "| ERROR]" in line]
    assert done.returncode == 0 and not errors, f"nbgrader {' '.join(args)} failed:\n{log[-4000:]}"
    return log


@pytest.mark.slow
@pytest.mark.skipif(
    not HAVE_NBGRADER,
    reason="nbgrader is not installed: it is in the `test` and `instructor` extras, not in "
    "`test-core` (pip install -e '.[test]')",
)
def test_nbgrader_generate_autograde_feedback_every_lesson(tmp_path):
    from nbgrader.api import Gradebook

    course = tmp_path / "course"
    assert main([str(course)]) == 0
    names = [assignment_name(k) for k in KEYS]
    _nbgrader(course, "generate_assignment", "*")
    for name in [*names, INVENTORY]:
        released = (course / "release" / name / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released
        assert "For the grader" not in released and "_solution" not in released
    # the inventory as released: no key in an answer or test cell (nor any misconception)
    for cell in json.loads(
        (course / "release" / INVENTORY / f"{INVENTORY}.ipynb").read_text(encoding="utf-8")
    )["cells"]:
        if cell["cell_type"] == "code":
            assert not re.search(r"[\"'][A-D][\"']", _src(cell)), _src(cell)
            assert "_feedback" not in _src(cell) and "misconception" not in _src(cell)

    # Three learners' submissions: the solutions filled in (the released notebook with the
    # source's answers), untouched, and lesson 03 with one number wrong.
    def submit(student: str, name: str, edit=None) -> None:
        nb = json.loads((course / "release" / name / f"{name}.ipynb").read_text())
        if edit is not None:
            source = {
                _meta(c)["grade_id"]: c
                for c in json.loads((course / "source" / name / f"{name}.ipynb").read_text())[
                    "cells"
                ]
            }
            for cell in nb["cells"]:
                meta = cell["metadata"].get("nbgrader", {})
                if meta.get("solution"):
                    cell["source"] = edit(_src(source[meta["grade_id"]]))
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        (folder / f"{name}.ipynb").write_text(json.dumps(nb))
        (folder / "timestamp.txt").write_text("2026-01-12 10:00:00.000000 UTC")

    wrong = 'bare_over_pegylated = _solution["bare_over_pegylated"]'
    for name in [*names, INVENTORY]:
        submit("solved", name, edit=lambda s: s)
        submit("untouched", name)
    submit("partial", "lesson03", edit=lambda s: s.replace(wrong, wrong + " * 2"))
    answer = [c for c in assignment_notebook("03")["cells"] if c["id"] == "exercise_answer"]
    assert wrong in _src(answer[0])

    _nbgrader(course, "autograde", "*")  # one call: every learner, every assignment

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "nanoedu") as gb:

        def scores(student: str, name: str) -> dict[str, tuple]:
            sub = gb.find_submission_notebook(name, name, student)
            return {
                g.cell.name: (g.auto_score, g.max_score, g.needs_manual_grade) for g in sub.grades
            }

        for key, name in zip(KEYS, names, strict=True):
            tests = [f"exercise_{n}" for n in exercise(key).names()]
            solved, untouched = scores("solved", name), scores("untouched", name)
            assert {t: solved[t][:2] for t in tests} == dict.fromkeys(tests, (1.0, 1.0)), name
            assert {t: untouched[t][0] for t in tests} == dict.fromkeys(tests, 0.0), name
            manual = [c for c in solved if c.startswith(("prediction_", "memo_"))]
            assert len(manual) == len(lesson_content(key).PREDICTIONS) + len(MEMOS.get(key, ()))
            assert all(solved[c][2] for c in manual), "answered: for the formgrader"
            assert not any(untouched[c][2] or untouched[c][0] for c in manual), "unanswered: 0"
        items = ["test_" + it.id.replace("-", "_") for it in ITEMS]
        solved, untouched = scores("solved", INVENTORY), scores("untouched", INVENTORY)
        assert {t: solved[t][:2] for t in items} == dict.fromkeys(items, (1.0, 1.0))
        assert {t: untouched[t][:2] for t in items} == dict.fromkeys(items, (0.0, 1.0))
        partial = scores("partial", "lesson03")
        assert {t: partial[t][0] for t in partial if t.startswith("exercise_")} == {
            "exercise_early_over_late_pegylated": 1.0,
            "exercise_early_over_late_bare": 1.0,
            "exercise_bare_over_pegylated": 0.0,
            "exercise_timing_matters_most_for": 0.0,  # counts only with the number deciding it
        }

    _nbgrader(course, "generate_feedback", "*")
    for student in ("solved", "untouched"):
        for name in [*names, INVENTORY]:
            page = course / "feedback" / student / name / f"{name}.html"
            assert page.is_file() and "<html" in page.read_text(encoding="utf-8")[:2000].lower()

    _nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    grades = {(r["student_id"], r["assignment"]): r for r in rows}
    for key, name in zip(KEYS, names, strict=True):
        auto = PART_POINTS * len(exercise(key).names())
        total = (
            auto
            + PREDICTION_POINTS * len(lesson_content(key).PREDICTIONS)
            + 2 * len(MEMO_RUBRIC) * len(MEMOS.get(key, ()))
        )
        # before manual grading: the autograded points only, out of the assignment's total
        assert float(grades["solved", name]["score"]) == auto
        assert float(grades["untouched", name]["score"]) == 0.0
        assert float(grades["solved", name]["max_score"]) == total
    # the inventory: every key 20 points, untouched 0; "partial" submitted no inventory
    assert float(grades["solved", INVENTORY]["score"]) == 20.0
    assert float(grades["untouched", INVENTORY]["score"]) == 0.0
    assert float(grades["solved", INVENTORY]["max_score"]) == 20.0
    assert nbgrader_scores(course / "grades.csv", INVENTORY) == {"solved": 100.0, "untouched": 0.0}
    chosen = nbgrader_responses(course / "submitted", INVENTORY)
    assert chosen == {
        "solved": {it.id: it.key for it in ITEMS},
        "untouched": {it.id: "" for it in ITEMS},
    }
