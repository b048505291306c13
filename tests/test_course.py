"""The course layer: the learner's record, the progress summary, the content's rules (checks
that diagnose, objectives that are assessed, exercises that need thinking)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nanoedu.authoring import solution_markdown
from nanoedu.course import (
    LESSONS,
    RecordError,
    append_event,
    check_content,
    exercise,
    lesson_content,
    read_record,
    summary_text,
)
from nanoedu.course.exercises import _TRIES, check_exercise
from nanoedu.course.inventory import ITEMS
from nanoedu.course.record import FILENAME
from nanoedu.ui import concept_check, predict

ROOT = Path(__file__).resolve().parents[1]
LESSON_FILES = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
GUIDE = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _guide_section(number: str) -> str:
    parts = re.split(r"^## (?=Lesson \d\d )", GUIDE, flags=re.M)
    return next(p for p in parts if p.startswith(f"Lesson {number} "))


# -- the record ---------------------------------------------------------------------------------
@pytest.fixture
def recording(tmp_path, monkeypatch):
    """Records kept in a fresh folder (the suite otherwise keeps none)."""
    monkeypatch.setenv("NANOEDU_PROGRESS", str(tmp_path))
    _TRIES.clear()
    yield tmp_path / FILENAME
    _TRIES.clear()


def test_a_learners_actions_are_written_as_they_happen(recording):
    p = predict("00", "walk", answer=10.0)
    p.lock("5 times")
    p.explain("I thought D fell with the square of the size.")
    concept_check("00", "double_diameter").check(0)
    check_exercise("00", ratio=1.5)
    events = read_record(recording)["events"]
    assert [e["kind"] for e in events] == ["prediction", "explanation", "check", "exercise"]
    lock, why, check, attempt = events
    assert lock["value"] == 5.0 and lock["answer"] == 10.0 and lock["factor"] == 0.5
    assert not lock["close"] and lock["lesson"] == "00" and lock["key"] == "walk"
    assert why["text"].startswith("I thought") and "time" in why
    assert check["key"] == "double_diameter" and check["correct"] is (
        concept_check("00", "double_diameter").answer == 0
    )
    assert attempt["parts"]["ratio"]["right"] is False and attempt["all_right"] is False
    assert 'Your explanation: "I thought' in p.comparison_text()
    # re-running a lesson appends, never erases
    predict("00", "walk", answer=10.0).lock("10")
    assert len(read_record(recording)["events"]) == 5
    assert not list(recording.parent.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_nothing_is_written_for_an_unfilled_exercise_or_when_records_are_off(
    recording, monkeypatch
):
    check_exercise("00", ratio=...)
    assert not recording.exists()
    monkeypatch.setenv("NANOEDU_PROGRESS", "off")
    predict("00", "walk", answer=10.0).lock("3")
    assert not recording.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a readable JSON file"),
        ('{"schema": "other", "version": 1, "events": []}', "not a nanoedu progress record"),
        ('{"schema": "nanoedu-progress", "version": 99, "events": []}', "version 99"),
        ('{"schema": "nanoedu-progress", "version": 1, "events": [{"kind": "?"}]}', "events"),
    ],
)
def test_a_corrupt_or_foreign_record_is_reported_and_left_as_it_was(recording, content, message):
    recording.write_text(content, encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        read_record(recording)
    p = predict("00", "walk", answer=10.0)
    feedback = p.lock("5")
    assert "Not saved" in feedback and "left as it is" in feedback
    assert recording.read_text(encoding="utf-8") == content
    done = subprocess.run(
        [sys.executable, "-m", "nanoedu", "progress", str(recording.parent)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and message.split()[0] in done.stderr and not done.stdout


def test_progress_prints_the_summary_and_writes_html(recording, tmp_path):
    predict("00", "walk", answer=10.0).lock("20")
    concept_check("00", "double_diameter").check(1)
    for _ in range(2):
        check_exercise("00", ratio=exercise("00").solve()["ratio"])
    text = summary_text(read_record(recording))
    assert "Lesson 00" in text and "walk: you 20 times, model 10 times (2 times too high)" in text
    assert "exercise: done" in text
    page = tmp_path / "progress.html"
    done = subprocess.run(
        [sys.executable, "-m", "nanoedu", "progress", str(recording.parent), "--html", str(page)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "walk: you 20 times" in done.stdout
    assert page.read_text().startswith("<!DOCTYPE html>") and "walk: you 20" in page.read_text()


def test_two_kernels_writing_at_once_lose_nothing(recording):
    """Two processes append 40 events each at the same time: all 80 are kept (the lock)."""
    code = (
        "from nanoedu.course import append_event\n"
        "for i in range(40):\n"
        "    append_event({'kind': 'check', 'lesson': '00', 'key': 'k', 'choice': i, "
        "'correct': True})\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert len(read_record(recording)["events"]) == 80


@pytest.mark.slow
def test_the_record_outlives_a_killed_kernel(tmp_path):
    """In a learner's copy: lock, explain, check and try the exercise in a kernel, kill it
    hard, start another: the record is there, and `python -m nanoedu progress` prints it."""
    import os

    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k != "NANOEDU_PROGRESS"}
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path), env=env)
    try:
        code = (
            "from nanoedu.ui import predict, concept_check, check_exercise\n"
            "p = predict('00', 'walk', answer=10.0); p.lock('5'); p.explain('D goes as 1/d.')\n"
            "concept_check('00', 'journey').check(0)\n"
            "check_exercise('00', ratio=1.2)\n"
        )
        reply = kc.execute_interactive(code, timeout=120)
        assert reply["content"]["status"] == "ok"
    finally:
        km.shutdown_kernel(now=True)  # a kill, not a clean exit
        kc.stop_channels()
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(tmp_path), env=env)
    try:
        reply = kc.execute_interactive(
            "from nanoedu.course import read_record, progress_path\n"
            "assert len(read_record(progress_path())['events']) == 4\n",
            timeout=120,
        )
        assert reply["content"]["status"] == "ok"
    finally:
        km.shutdown_kernel(now=True)
        kc.stop_channels()
    done = subprocess.run(
        [sys.executable, "-m", "nanoedu", "progress", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "walk: you 5 times" in done.stdout


def test_append_event_refuses_an_unknown_kind(tmp_path):
    with pytest.raises(ValueError, match="kind"):
        append_event({"kind": "guess"}, tmp_path / "r.json")


# -- concept checks that diagnose -----------------------------------------------------------------
def _all_checks() -> list[tuple[str, str]]:
    return [(n, k) for n in LESSONS for k in getattr(lesson_content(n), "CHECKS", {})]


def _multiple_choice(which: str) -> dict[str, tuple[list[str], int]]:
    """(option texts, index of the right one) by question: the lessons' concept checks, or the
    concept inventory's items (nanoedu/course/inventory.py)."""
    if which == "inventory items":
        return {it.id: ([o.text for o in it.options], it.answer) for it in ITEMS}
    return {
        f"{n}/{k}": ([o.text for o in c.options], c.answer)
        for n, k in _all_checks()
        for c in [check_content(n, k)]
    }


@pytest.mark.parametrize("which", ["concept checks", "inventory items"])
def test_the_right_option_is_the_longest_in_at_most_a_third(which):
    questions = _multiple_choice(which)
    longest = [
        name
        for name, (texts, answer) in questions.items()
        if max(range(len(texts)), key=lambda i: len(texts[i])) == answer
    ]
    assert questions
    assert len(longest) * 3 <= len(questions), f"{len(longest)} of {len(questions)}: {longest}"


def test_the_right_answers_position_is_balanced_across_the_course():
    positions = [concept_check(n, k).answer for n, k in _all_checks()]
    for pos in set(positions):
        assert positions.count(pos) <= len(positions) / 2, positions


@pytest.mark.parametrize(("lesson", "key"), _all_checks())
def test_every_option_diagnoses_itself_and_the_guide_names_each_misconception(lesson, key):
    c = check_content(lesson, key)
    q = concept_check(lesson, key)
    texts = {q.check(i) for i in range(len(q.options))}
    assert len(texts) == len(q.options), "every option gets its own feedback"
    section = _guide_section(lesson)
    for i, o in enumerate(c.options):
        if i != c.answer:
            assert o.misconception in section, (
                f"the guide's lesson {lesson} section does not name {o.misconception!r}"
            )


def test_every_lesson_uses_its_content_and_only_its_content():
    for path in LESSON_FILES:
        n = path.name[:2]
        code = "\n".join(_src(c) for c in _cells(path) if c["cell_type"] == "code")
        used_p = set(re.findall(rf'predict\(\s*"{n}",\s*"(\w+)"', code))
        used_c = set(re.findall(rf'concept_check\(\s*"{n}",\s*"(\w+)"', code))
        module = lesson_content(n)
        assert used_p == set(module.PREDICTIONS), (n, used_p ^ set(module.PREDICTIONS))
        assert used_c == set(module.CHECKS), (n, used_c ^ set(module.CHECKS))
        assert "Prediction(" not in code and "MultipleChoice(" not in code, (
            f"lesson {n}: predictions and concept checks come from nanoedu/course/lessons/l{n}.py"
        )


# -- every objective assessed ---------------------------------------------------------------------
@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name[:2])
def test_every_objective_maps_to_an_assessed_item(path):
    n = path.name[:2]
    cells = _cells(path)
    md = "\n".join(_src(c) for c in cells if c["cell_type"] == "markdown")
    objectives = re.findall(
        r"^(\d+)\. \*\*", md.split("## Learning objectives", 1)[1].split("\n## ", 1)[0], re.M
    )
    section = _guide_section(n)
    table = section.split("**Objectives assessed.**", 1)
    assert len(table) == 2, f"lesson {n}: the guide has no 'Objectives assessed.' table"
    rows = dict(re.findall(r"^\| (\d+)\. [^|]*\| ([^|]+) \|$", table[1], re.M))
    assert sorted(rows, key=int) == objectives, (n, sorted(rows), objectives)
    code = "\n".join(_src(c) for c in cells if c["cell_type"] == "code")
    module = lesson_content(n)
    numeric = set(re.findall(r'key="(\w+)"', code))
    for number, items in rows.items():
        found = re.findall(r"(prediction|check|numeric) `(\w+)`|(exercise)", items)
        assert found, f"lesson {n}, objective {number}: no item assesses it"
        for kind, key, ex in found:
            if ex:
                assert getattr(module, "EXERCISE", None) is not None
            else:
                known = {
                    "prediction": module.PREDICTIONS,
                    "check": module.CHECKS,
                    "numeric": numeric,
                }[kind]
                assert key in known, f"lesson {n}, objective {number}: no {kind} {key!r}"


# -- exercises that need thinking -----------------------------------------------------------------
@pytest.mark.parametrize("lesson", list(LESSONS))
def test_a_two_option_answer_counts_only_with_the_number_that_decides_it(lesson):
    ex = exercise(lesson)
    names = {p.name: p for p in ex.parts}
    truth = ex.solve()
    for part in ex.parts:
        if part.kind == "choice" and len(part.options) == 2:
            assert part.because in names and names[part.because].kind != "choice", part.name
            _TRIES.clear()
            guessed = {part.name: truth[part.name]}  # the right option with no reason
            fb = check_exercise(lesson, **guessed)
            assert part.name not in fb.right and "counts with the value" in fb.text


@pytest.mark.parametrize("lesson", list(LESSONS))
def test_three_graded_tries_then_the_worked_solution_never_high_or_low(lesson):
    ex = exercise(lesson)
    truth = ex.solve()
    part = next(p for p in ex.parts if p.kind != "choice")
    wrong = {**truth, part.name: float(truth[part.name]) * 7.0}
    _TRIES.clear()
    texts = [check_exercise(lesson, **wrong).text for _ in range(ex.max_tries)]
    shown = f"{float(truth[part.name]):.4g}"
    for t in texts[:-1]:
        assert "too high" not in t and "too low" not in t
        if len(shown) >= 3:  # (a one-digit value like 5 nm also appears in ordinary text)
            assert shown not in t
    assert "The model gives" in texts[-1] and shown in texts[-1]
    _TRIES.clear()


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name[:2])
def test_the_exercise_skeleton_gives_steps_not_the_call(path):
    cells = _cells(path)
    skeleton = next(_src(c) for c in cells if "check_exercise(" in _src(c))
    comments = re.findall(r"#(.*)$", skeleton, re.M)
    calls = [c for c in comments if re.search(r"\w\(", c)]
    assert not calls, f"{path.name}: the skeleton's comments hold calls: {calls}"


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name[:2])
def test_no_exercise_answer_is_printed_before_the_exercise(path):
    n = path.name[:2]
    cells = _cells(path)
    at = next(i for i, c in enumerate(cells) if "check_exercise(" in _src(c))
    shown = []
    for c in cells[:at]:
        for out in c.get("outputs", []):
            shown.append("".join(out.get("text", "")))
            data = out.get("data", {})
            shown.append("".join(data.get("text/plain", "")))
    text = "\n".join(shown)
    for name, value in exercise(n).solve().items():
        if isinstance(value, str):
            continue
        forms = {f"{float(value):.2g}", f"{float(value):.3g}", f"{float(value):.4g}"}
        for form in forms:
            if "." in form or "e" in form:
                assert not re.search(rf"(?<![\d.]){re.escape(form)}(?![\d])", text), (
                    f"lesson {n}: exercise value {name} = {form} is printed before the exercise"
                )


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.name[:2])
def test_the_shown_solution_is_the_courses_one_solution(path):
    blocks = [_src(c) for c in _cells(path) if "<summary><b>Show solution" in _src(c)]
    assert blocks == [solution_markdown(path.name[:2])], (
        f"run python -m nanoedu sync-answers {path.relative_to(ROOT)}"
    )


def test_solutions_are_code_and_quote_only_computed_numbers():
    for n in LESSONS:
        ex = exercise(n)
        ast.parse(solution_markdown(n).split("```python\n", 1)[1].split("```", 1)[0])
        typed = re.findall(r"(?<![{\w.:])\d+\.\d+(?![\w}])", ex.solution)
        assert not typed, f"lesson {n}: the solution text types numbers {typed}; use {{names}}"
