"""The course's content, kept apart from the lessons' visible cells and from the widgets.

Each lesson's predictions (question, reason), concept checks (options, each with its own
feedback and the misconception it stands for) and exercise (the values it asks for and the one
solution the course keeps, as code) live in ``nanoedu/course/lessons/lNN.py``, where ``NN`` is
the lesson's number: a learner who reads a lesson's cells cannot read a prediction's reason
before locking in, and an instructor edits one file per lesson. Nothing here imports a widget.

Examples
--------
>>> p = prediction_text("00", "walk")
>>> p.unit
'times'
>>> sorted(LESSONS)[:2]
['00', '01']
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

__all__ = [
    "Check",
    "Exercise",
    "LESSONS",
    "Option",
    "Part",
    "PredictionText",
    "check_content",
    "exercise",
    "lesson_content",
    "prediction_text",
]


@dataclass(frozen=True)
class PredictionText:
    """What a prediction asks and, once locked in, what its answer means.

    ``why`` may name facts the lesson computes, in ``{braces}`` with a format
    (``"{gain:.0f} times"``): the lesson passes them with the model's answer, so the reason
    states numbers the model computed without the cell showing them. Give ``unit`` (a numeric
    prediction; "" for a pure number) or ``choices``.
    """

    question: str
    why: str
    unit: str | None = None
    choices: tuple[str, ...] | None = None
    rel_tol: float = 0.25

    def __post_init__(self) -> None:
        if (self.unit is None) == (self.choices is None):
            raise ValueError(f"{self.question!r}: give either unit or choices, not both.")

    @property
    def facts(self) -> list[str]:
        """The names of the computed facts ``why`` refers to."""
        return [f for _, f, _, _ in string.Formatter().parse(self.why) if f]

    def reason(self, **facts: Any) -> str:
        """``why`` with the lesson's computed facts filled in."""
        missing = sorted(set(self.facts) - set(facts))
        extra = sorted(set(facts) - set(self.facts))
        if missing or extra:
            raise ValueError(
                f"the reason of {self.question!r} needs the facts {self.facts}; "
                f"missing {missing}, not used {extra}."
            )
        return self.why.format(**facts)


@dataclass(frozen=True)
class Option:
    """One option of a concept check: its text, the feedback a learner who picks it reads,
    and (for a wrong option) the misconception it stands for, named for the instructor."""

    text: str
    feedback: str
    misconception: str = ""


@dataclass(frozen=True)
class Check:
    """A multiple-choice concept check; ``answer`` indexes ``options`` as written."""

    question: str
    options: tuple[Option, ...]
    answer: int
    why: str
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"{self.question!r}: answer {self.answer} is not an option index.")
        for i, o in enumerate(self.options):
            if not o.feedback:
                raise ValueError(f"{self.question!r}: option {i} has no feedback of its own.")
            if i != self.answer and not o.misconception:
                raise ValueError(f"{self.question!r}: wrong option {i} names no misconception.")


@dataclass(frozen=True)
class Part:
    """One value an exercise asks for.

    ``kind`` is "number" (accepted within ``tol`` relative error), "factor" (a quantity spread
    over decades, accepted within a factor ``tol``) or "choice" (one of ``options``). A
    choice between two options has ``because``: the number that decides it (another part's
    name), so that a coin toss does not pass.
    """

    name: str
    what: str
    kind: str = "number"
    tol: float = 0.1
    options: tuple[str, ...] = ()
    hint: str = ""
    because: str = ""


@dataclass(frozen=True)
class Exercise:
    """A lesson's exercise: the values it asks for and the course's one solution (code that
    returns each value; run by the checker and by the tests)."""

    parts: tuple[Part, ...]
    solve: Callable[[], dict[str, Any]]
    max_tries: int = 3
    solution: str = ""
    lesson: str = field(default="", compare=False)

    def names(self) -> list[str]:
        return [p.name for p in self.parts]


_MODULE = re.compile(r"^l(\d\d)$")


@cache
def _modules() -> dict[str, ModuleType]:
    from . import lessons

    found = {}
    for info in pkgutil.iter_modules(lessons.__path__):
        m = _MODULE.match(info.name)
        if m:
            found[m.group(1)] = importlib.import_module(f"{lessons.__name__}.{info.name}")
    return found


class _Lessons:
    """The lesson numbers that have content, read lazily (``"03" in LESSONS``)."""

    def __iter__(self):
        return iter(sorted(_modules()))

    def __contains__(self, key: object) -> bool:
        return key in _modules()

    def __len__(self) -> int:
        return len(_modules())


LESSONS = _Lessons()


def _key(lesson: Any) -> str:
    key = str(lesson).zfill(2)
    if key not in _modules():
        raise ValueError(f"lesson = {lesson!r} has no course content; known: {list(LESSONS)}.")
    return key


def lesson_content(lesson: Any) -> ModuleType:
    """The module holding a lesson's predictions, checks and exercise."""
    return _modules()[_key(lesson)]


def prediction_text(lesson: Any, key: str) -> PredictionText:
    """A prediction's question and reason, by lesson and key."""
    found = getattr(lesson_content(lesson), "PREDICTIONS", {})
    if key not in found:
        raise ValueError(
            f"lesson {_key(lesson)} has no prediction {key!r}; known: {sorted(found)}."
        )
    return found[key]


def check_content(lesson: Any, key: str) -> Check:
    """A concept check, by lesson and key."""
    found = getattr(lesson_content(lesson), "CHECKS", {})
    if key not in found:
        raise ValueError(f"lesson {_key(lesson)} has no check {key!r}; known: {sorted(found)}.")
    return found[key]


def exercise(lesson: Any) -> Exercise:
    """A lesson's exercise."""
    key = _key(lesson)
    ex = getattr(lesson_content(key), "EXERCISE", None)
    if ex is None:
        raise ValueError(f"lesson {key} has no exercise.")
    return Exercise(ex.parts, ex.solve, ex.max_tries, ex.solution, lesson=key)
