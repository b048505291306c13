"""Self-check questions with instant, deterministic feedback that explains why.

Each question is a widget for the learner and is drivable from code (``q.check(...)``
returns the feedback text) so tests and nbval see the same words on every run.

Examples
--------
>>> q = MultipleChoice("2 + 2?", ["3", "4"], answer=1, why="Counting.")
>>> q.check(1)
'Correct. Counting.'
>>> q.check(0)
'Not quite. Counting.'
>>> n = NumericQuestion("Pi?", answer=3.14159, rel_tol=0.01, unit="", why="Circles.")
>>> n.check(3.14)
'Correct: 3.14 (you said 3.14). Circles.'
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

__all__ = ["MultipleChoice", "NumericQuestion"]

_CORRECT_STYLE = "color:#009E73"
_WRONG_STYLE = "color:#D55E00"


class _Question:
    question: str
    _feedback: widgets.HTML

    def _show(self, text: str, ok: bool) -> str:
        style = _CORRECT_STYLE if ok else _WRONG_STYLE
        self._feedback.value = f'<div role="status" style="{style}">{html.escape(text)}</div>'
        self.last_feedback = text
        return text

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.text()
        return bundle

    def text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class MultipleChoice(_Question):
    """A multiple-choice question.

    Parameters
    ----------
    question : str
        The question.
    options : sequence of str
        The choices, shown in this order.
    answer : int
        Index of the correct option.
    why : str
        Explanation shown with every answer, right or wrong.
    hints : sequence of str, optional
        One extra line per option, shown when that (wrong) option is chosen.
    """

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: int,
        why: str,
        hints: Sequence[str] | None = None,
    ) -> None:
        if len(options) < 2:
            raise ValueError(f"options must hold at least 2 choices; got {len(options)}.")
        if not isinstance(answer, int) or not 0 <= answer < len(options):
            raise ValueError(
                f"answer = {answer!r} must be an option index from 0 to {len(options) - 1}."
            )
        if hints is not None and len(hints) != len(options):
            raise ValueError(
                f"hints must have one entry per option ({len(options)}); got {len(hints)}."
            )
        self.question, self.options, self.answer, self.why = question, list(options), answer, why
        self.hints = list(hints) if hints is not None else [""] * len(options)
        self.last_feedback = ""
        self._radio = widgets.RadioButtons(
            options=self.options, value=None, layout={"width": "max-content"}
        )
        self._button = widgets.Button(description="Check", button_style="info")
        self._feedback = widgets.HTML()
        self._button.on_click(lambda _b: self._on_check())
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{html.escape(question)}</b>"),
                self._radio,
                self._button,
                self._feedback,
            ]
        )

    def _on_check(self) -> None:
        if self._radio.value is None:
            self._show("Choose an option first.", False)
            return
        self.check(self.options.index(self._radio.value))

    def check(self, choice: int) -> str:
        """Return (and show) the feedback for the option with index ``choice``."""
        if (
            isinstance(choice, bool)
            or not isinstance(choice, int)
            or not 0 <= choice < len(self.options)
        ):
            raise ValueError(
                f"choice = {choice!r} must be an option index from 0 to {len(self.options) - 1}."
            )
        ok = choice == self.answer
        hint = self.hints[choice]
        text = (
            ("Correct. " if ok else "Not quite. ")
            + (f"{hint} " if hint and not ok else "")
            + self.why
        )
        return self._show(text, ok)

    def text(self) -> str:
        """The question and its options as plain text."""
        letters = "abcdefghij"
        return "\n".join(
            [self.question] + [f"  ({letters[i]}) {o}" for i, o in enumerate(self.options)]
        )


class NumericQuestion(_Question):
    """A question whose answer is a number, accepted within a relative tolerance.

    Parameters
    ----------
    question : str
        The question.
    answer : float
        The correct value, computed by the model in the lesson (never typed in by hand).
    rel_tol : float
        Accepted relative error, e.g. 0.2 for within 20%.
    unit : str
        Unit of the answer, shown beside the box.
    why : str
        Explanation shown with every answer.
    """

    def __init__(self, question: str, answer: float, rel_tol: float, unit: str, why: str) -> None:
        if not isinstance(answer, (int, float)) or not math.isfinite(answer):
            raise ValueError(f"answer = {answer!r} must be a finite number.")
        if not isinstance(rel_tol, (int, float)) or not 0 < rel_tol < 1:
            raise ValueError(f"rel_tol = {rel_tol!r} must be between 0 and 1 (a fraction).")
        self.question, self.answer, self.rel_tol, self.unit, self.why = (
            question,
            float(answer),
            float(rel_tol),
            unit,
            why,
        )
        self.last_feedback = ""
        self._box = widgets.FloatText(
            value=0.0, description=f"[{unit}]" if unit else "", layout={"width": "260px"}
        )
        self._button = widgets.Button(description="Check", button_style="info")
        self._feedback = widgets.HTML()
        self._button.on_click(lambda _b: self.check(self._box.value))
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{html.escape(question)}</b>"),
                widgets.HBox([self._box, self._button]),
                self._feedback,
            ]
        )

    def check(self, value: float) -> str:
        """Return (and show) the feedback for the number ``value``."""
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            return self._show(
                f"Please enter a finite number{f' in {self.unit}' if self.unit else ''}.", False
            )
        ok = math.isclose(value, self.answer, rel_tol=self.rel_tol)
        unit = f" {self.unit}" if self.unit else ""
        if ok:
            text = f"Correct: {self.answer:.3g}{unit} (you said {value:g}). {self.why}"
        else:
            direction = "high" if value > self.answer else "low"
            text = f"Not quite: {value:g}{unit} is too {direction} (accepted within {self.rel_tol:.0%}). {self.why}"
        return self._show(text, ok)

    def text(self) -> str:
        """The question as plain text."""
        return f"{self.question} [{self.unit}]" if self.unit else self.question
