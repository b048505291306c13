"""Exercise checkers: say what is right, what is wrong and a hint, never the answer, until the
learner has used their graded tries; then the worked solution.

Every lesson's exercise (``nanoedu/course/lessons/lNN.py``) names the values a learner computes;
``check_exercise("01", ...)`` compares each with the course's one solution (code, run here and
in the tests) and gives feedback per value:

- a wrong number gets the hint, never "too high" or "too low" (which would let a learner halve
  the interval to the answer);
- a choice between two options counts only with the number that decides it (the part its
  ``because`` names) right as well, so a coin toss does not pass;
- each part has ``max_tries`` graded tries (3); after that the feedback gives the part's
  model value and the worked solution. Tries are counted in the learner's record when there is
  one (so restarting the kernel does not reset them), else for as long as the kernel runs.

Bad input (text for a number, an array for one value, a name the exercise does not ask for, a
``...`` not yet replaced) gets a friendly sentence and uses no try, never a traceback.

Examples
--------
>>> print(check_exercise("00", ratio=...).text)
Exercise 00: 0 of 1 parts right.
- ratio: not filled in yet (replace the ... with your value).
>>> print(check_exercise("00", ratio="fast").text)
Exercise 00: 0 of 1 parts right.
- ratio: should be one number (D at 42 °C divided by D at 37 °C, no unit); got the text 'fast'.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from .content import LESSONS, Exercise, Part, exercise
from .record import RecordError, progress_path, read_record, record

__all__ = ["ExerciseFeedback", "check_exercise", "graded_tries", "judge_exercise"]

#: Wrong graded tries per (lesson, part) in this kernel (the record, when kept, counts too).
_TRIES: Counter[tuple[str, str]] = Counter()


@dataclass
class ExerciseFeedback:
    """What a check says: ``text`` (plain), ``right`` (names of the parts that are right)."""

    lesson: str
    text: str
    right: list[str]
    total: int

    @property
    def all_right(self) -> bool:
        return len(self.right) == self.total

    def _repr_html_(self) -> str:
        colour = "#00785a" if self.all_right else "#a84b00"  # 5:1 on white (WCAG AA)
        return (
            f'<pre role="status" style="color:{colour};white-space:pre-wrap">'
            f"{html.escape(self.text)}</pre>"
        )

    def __repr__(self) -> str:
        return self.text


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, np.ndarray):
        return f"an array of {value.size} values"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} values"
    return f"{type(value).__name__} {value!r}"


def _one_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and np.issubdtype(value.dtype, np.number):
        return float(value.reshape(()))
    return None


def _form_problem(part: Part, value: Any) -> str:
    """Why a value cannot be graded ("" if it can): a try is used only for a gradable value."""
    if value is Ellipsis:
        return "not filled in yet (replace the ... with your value)."
    if part.kind == "choice":
        if not isinstance(value, str) or value.strip().lower() not in (
            o.lower() for o in part.options
        ):
            return f"should be {part.what}; got {_describe(value)}."
        return ""
    number = _one_number(value)
    if number is None:
        extra = ""
        if isinstance(value, (np.ndarray, list, tuple)):
            extra = " (pick the one value the question asks for, e.g. at numpy.argmax)"
        return f"should be {part.what}; got {_describe(value)}{extra}."
    if not math.isfinite(number):
        return f"should be a finite number; got {number}."
    return ""


def _is_right(part: Part, value: Any, truth: Any) -> bool:
    if part.kind == "choice":
        return value.strip().lower() == str(truth).lower()
    number, truth = float(_one_number(value)), float(truth)
    if part.kind == "factor":
        return number > 0 and truth / part.tol <= number <= truth * part.tol
    return math.isclose(number, truth, rel_tol=part.tol)


def _band(part: Part) -> str:
    return f"within a factor of {part.tol:g}" if part.kind == "factor" else f"within {part.tol:.1%}"


def _shown(truth: Any) -> str:
    return f'"{truth}"' if isinstance(truth, str) else f"{float(truth):.4g}"


def graded_tries(lesson: str, part: str) -> int:
    """Wrong graded tries of one part so far: the record's count if a record is kept, else
    this kernel's."""
    here = _TRIES[(lesson, part)]
    path = progress_path()
    if path is None or not path.is_file():
        return here
    try:
        events = read_record(path)["events"]
    except (RecordError, OSError):
        return here
    kept = sum(
        1
        for e in events
        if e.get("kind") == "exercise"
        and e.get("lesson") == lesson
        and isinstance(e.get("parts"), dict)
        and isinstance(e["parts"].get(part), dict)
        and e["parts"][part].get("graded")
        and not e["parts"][part].get("right")
    )
    return max(here, kept)


def check_exercise(lesson: str, **answers: Any) -> ExerciseFeedback:
    """Check a lesson's exercise: one keyword per value it asks for (see the lesson's skeleton).

    Returns feedback whose text says, per value, whether it is right, what was expected if the
    input has the wrong form, and a hint if it is wrong; the model's value and the worked
    solution only once that part's graded tries are used up. Never raises for a learner's input
    (only for an unknown lesson, an author's error). Each attempt that grades at least one value
    is appended to the learner's record.
    """
    key = str(lesson).zfill(2)
    if key not in LESSONS:
        raise ValueError(f"lesson = {lesson!r} has no exercise; known: {list(LESSONS)}.")
    ex: Exercise = exercise(key)
    lines: list[str] = []
    unknown = [n for n in answers if n not in ex.names()]
    if unknown:
        lines.append(
            f"- {', '.join(unknown)}: not asked for here; the exercise asks for "
            f"{', '.join(ex.names())}."
        )
    problems = {p.name: _form_problem(p, answers.get(p.name, Ellipsis)) for p in ex.parts}
    gradable = [p for p in ex.parts if p.name in answers and not problems[p.name]]
    truth = ex.solve() if gradable else {}
    ok = {p.name: _is_right(p, answers[p.name], truth[p.name]) for p in gradable}
    right, parts_event, show_solution = [], {}, False
    for part in ex.parts:
        if part.name not in answers:
            lines.append(f"- {part.name}: missing (give it as {part.name}=...: {part.what}).")
            continue
        if problems[part.name]:
            lines.append(f"- {part.name}: {problems[part.name]}")
            continue
        good = ok[part.name]
        reason = ex_part(ex, part.because) if part.because else None
        if good and reason is not None and not ok.get(reason.name, False):
            # Right option, reason missing or wrong: not credited, and no try used (the tries
            # are counted on the number that decides it).
            lines.append(
                f"- {part.name}: the right option, but it counts with the value that decides "
                f"it: {reason.name} is not right yet."
            )
            parts_event[part.name] = {"value": answers[part.name], "right": False}
            continue
        parts_event[part.name] = {"value": answers[part.name], "right": good, "graded": True}
        if good:
            right.append(part.name)
            band = "" if part.kind == "choice" else f" ({_band(part)} of the model's value)"
            lines.append(f"- {part.name}: right{band}.")
            continue
        _TRIES[(key, part.name)] += 1
        used = graded_tries(key, part.name)
        if used >= ex.max_tries:
            show_solution = True
            lines.append(
                f"- {part.name}: not right after {used} tries. The model gives "
                f"{_shown(truth[part.name])}. How: {part.hint}"
            )
        else:
            left = ex.max_tries - used
            band = "" if part.kind == "choice" else f" ({_band(part)} is accepted)"
            lines.append(
                f"- {part.name}: not right{band}; "
                f"{left} graded {'try' if left == 1 else 'tries'} left. Hint: {part.hint}"
            )
    head = f"Exercise {key}: {len(right)} of {len(ex.parts)} parts right."
    if len(right) == len(ex.parts):
        head += " Well done: compare your reasoning with the solution below."
    if show_solution and ex.solution:
        lines.append(f"Worked solution: {ex.solution.format(**truth)}")
    text = "\n".join([head, *lines])
    if parts_event:
        saved = record(
            {
                "kind": "exercise",
                "lesson": key,
                "parts": parts_event,
                "all_right": len(right) == len(ex.parts),
            }
        )
        if saved:
            text += "\n" + saved
    return ExerciseFeedback(key, text, right, len(ex.parts))


def judge_exercise(lesson: str, **answers: Any) -> dict[str, bool]:
    """Whether each value of a lesson's exercise is right, judged exactly as
    :func:`check_exercise` judges it, but silently: no feedback, no try used, nothing written
    to the learner's record. For graders (the hidden tests of ``python -m nanoedu assignments``).

    A part that is missing, not filled in or of the wrong form is not right; a choice with a
    ``because`` counts only with that part right as well. A name the exercise does not ask
    for raises ``ValueError`` (a grader's error, not a learner's).

    Examples
    --------
    >>> judge_exercise("00", ratio=...)
    {'ratio': False}
    """
    key = str(lesson).zfill(2)
    if key not in LESSONS:
        raise ValueError(f"lesson = {lesson!r} has no exercise; known: {list(LESSONS)}.")
    ex: Exercise = exercise(key)
    unknown = [n for n in answers if n not in ex.names()]
    if unknown:
        raise ValueError(
            f"exercise {key} does not ask for {', '.join(unknown)}; it asks for "
            f"{', '.join(ex.names())}."
        )
    gradable = [p for p in ex.parts if p.name in answers and not _form_problem(p, answers[p.name])]
    truth = ex.solve() if gradable else {}
    ok = {p.name: _is_right(p, answers[p.name], truth[p.name]) for p in gradable}
    judged = {}
    for part in ex.parts:
        good = ok.get(part.name, False)
        if good and part.because:
            good = ok.get(part.because, False)
        judged[part.name] = good
    return judged


def ex_part(ex: Exercise, name: str) -> Part | None:
    """The part of ``ex`` called ``name`` (None if there is none)."""
    return next((p for p in ex.parts if p.name == name), None)
