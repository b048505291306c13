"""Self-check questions with instant, deterministic feedback that explains why, and
predictions a learner locks in before the model answers.

Each widget is drivable from code (``q.check(...)``, ``p.lock(...)`` return the feedback text)
so tests and nbval see the same words on every run.

Examples
--------
>>> q = MultipleChoice("2 + 2?", ["3", "4"], answer=1, why="Counting.", shuffle=False)
>>> q.check(1)
'Correct. Counting.'
>>> q.check(0)
'Not quite. Counting.'
>>> n = NumericQuestion("Pi?", answer=3.14159, rel_tol=0.01, unit="", why="Circles.")
>>> n.check(3.14)
'Correct: 3.14 (you said 3.14). Circles.'
"""

from __future__ import annotations

import hashlib
import html
import math
import random
import re
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ..course import check_content, prediction_text, record

__all__ = [
    "MultipleChoice",
    "NumericQuestion",
    "Prediction",
    "concept_check",
    "predict",
    "shuffled_order",
]


def shuffled_order(question: str, n: int, seed: int = 0) -> list[int]:
    """The order in which a multiple-choice question shows its n options: a permutation fixed
    by the question's text and ``seed`` (the same on every run and machine), so that where the
    right answer sits varies from question to question.

    Examples
    --------
    >>> shuffled_order("Why?", 3) == shuffled_order("Why?", 3)
    True
    >>> sorted(shuffled_order("Why?", 4))
    [0, 1, 2, 3]
    """
    digest = hashlib.sha256(f"{seed}:{question}".encode()).digest()
    order = list(range(n))
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    return order


# Feedback text colours: the palette's green and vermillion, darkened to 5:1 contrast on white
# and on a notebook output's grey (WCAG AA for text; the palette's own are 3.4:1 and 3.9:1).
_CORRECT_STYLE = "color:#00785a"
_WRONG_STYLE = "color:#a84b00"


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
    shuffle : bool
        Show the options in the stable order of :func:`shuffled_order` (default) rather than
        as written, so the right answer's position varies across a course. ``answer`` and
        ``hints`` always refer to the order as written; ``options``, ``answer`` and
        :meth:`check` of the built question to the order shown.
    seed : int
        Picks another stable order (to balance answer positions across a course).
    """

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: int,
        why: str,
        hints: Sequence[str] | None = None,
        shuffle: bool = True,
        seed: int = 0,
        feedback: Sequence[str] | None = None,
        lesson: str = "",
        key: str = "",
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
        if feedback is not None and len(feedback) != len(options):
            raise ValueError(
                f"feedback must have one entry per option ({len(options)}); got {len(feedback)}."
            )
        hints = list(hints) if hints is not None else [""] * len(options)
        own = list(feedback) if feedback is not None else [""] * len(options)
        order = (
            shuffled_order(question, len(options), seed) if shuffle else list(range(len(options)))
        )
        self.question, self.why = question, why
        self.options = [options[i] for i in order]
        self.hints = [hints[i] for i in order]
        self.feedback = [own[i] for i in order]
        self.answer = order.index(answer)
        self.lesson, self.key = lesson, key
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
        own = self.feedback[choice]
        if own:  # each option diagnoses itself; a wrong one leaves the answer to a second try
            text = f"Correct. {own} {self.why}" if ok else f"Not quite. {own} Try again."
        else:
            hint = self.hints[choice]
            text = (
                ("Correct. " if ok else "Not quite. ")
                + (f"{hint} " if hint and not ok else "")
                + self.why
            )
        if self.lesson and self.key:
            text += _saved(
                {
                    "kind": "check",
                    "lesson": self.lesson,
                    "key": self.key,
                    "choice": self.options[choice],
                    "correct": ok,
                }
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
        Explanation shown with a right answer, or with the answer once the tries are used up.
    max_tries : int
        Wrong answers allowed before the answer is shown (a wrong one says only that it is
        outside the tolerance, never "too high" or "too low", which would let a learner halve
        the interval to the answer).
    lesson, key : str, optional
        Where the question sits, for the learner's record.
    """

    def __init__(
        self,
        question: str,
        answer: float,
        rel_tol: float,
        unit: str,
        why: str,
        max_tries: int = 3,
        lesson: str = "",
        key: str = "",
    ) -> None:
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
        if not isinstance(max_tries, int) or max_tries < 1:
            raise ValueError(f"max_tries = {max_tries!r} must be a whole number >= 1.")
        self.max_tries, self.tries, self.lesson, self.key = max_tries, 0, lesson, key
        self.last_feedback = ""
        # every input has a visible label (screen readers announce it; axe-core rule "label")
        self._box = widgets.FloatText(
            value=0.0,
            description=f"your answer [{unit}]" if unit else "your answer",
            style={"description_width": "initial"},
            layout={"width": "300px"},
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
        self.tries += not ok
        if ok:
            text = f"Correct: {self.answer:.3g}{unit} (you said {value:g}). {self.why}"
        elif self.tries >= self.max_tries:
            text = (
                f"Not quite: {value:g}{unit} is not within {self.rel_tol:.0%}. The answer is "
                f"{self.answer:.3g}{unit}. {self.why}"
            )
        else:
            left = self.max_tries - self.tries
            text = (
                f"Not quite: {value:g}{unit} is not within {self.rel_tol:.0%} of the answer. "
                f"{left} {'try' if left == 1 else 'tries'} left."
            )
        if self.lesson and self.key:
            text += _saved(
                {
                    "kind": "check",
                    "lesson": self.lesson,
                    "key": self.key,
                    "choice": float(value),
                    "correct": ok,
                }
            )
        return self._show(text, ok)

    def text(self) -> str:
        """The question as plain text."""
        return f"{self.question} [{self.unit}]" if self.unit else self.question


_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse_number(text: Any, unit: str) -> tuple[float | None, str]:
    """A learner's typed number (optionally followed by ``unit``) -> (value, problem).

    ``problem`` is "" when the value is usable, else a friendly sentence saying what was
    expected. Never raises.

    Examples
    --------
    >>> parse_number("20 nm", "nm")
    (20.0, '')
    >>> parse_number("1e-3", "%ID")
    (0.001, '')
    >>> parse_number("twenty", "nm")[1]
    "Please type a number in nm (for example 12.5 or 1e-3); 'twenty' is not one."
    """
    in_unit = f" in {unit}" if unit else ""
    if isinstance(text, bool):
        return None, f"Please type a number{in_unit}, not {text}."
    if isinstance(text, (int, float)):
        value, rest = float(text), ""
    elif isinstance(text, str):
        m = _NUMBER.match(text.replace(",", ""))
        if not m:
            shown = text.strip() or "an empty box"
            return None, (
                f"Please type a number{in_unit} (for example 12.5 or 1e-3); {shown!r} is not one."
                if text.strip()
                else f"Please type a number{in_unit} (for example 12.5 or 1e-3) first."
            )
        value, rest = float(m.group(1)), m.group(2)
    else:
        return None, f"Please give a number{in_unit}; got {type(text).__name__}."
    ratio_words = ("x", "×", "times", "fold", "-fold")
    if unit in ("", "times", "×") and rest.strip().lower() in ratio_words:
        rest = ""
    if rest and rest.replace(" ", "") != unit.replace(" ", ""):
        return (
            None,
            f"The answer is asked in {unit or 'no unit'}; you wrote {rest!r}. Convert it and type the number only.",
        )
    if not math.isfinite(value):
        return None, f"Please type a finite number{in_unit}."
    return value, ""


class Prediction(_Question):
    """A prediction the learner locks in before the model answers.

    The learner types a number (with ``unit``) or picks one of ``choices`` and presses
    *Lock in*; only then do the widgets passed to :meth:`unlocks` appear (the dashboard that
    answers the question), and the live line from :meth:`compare`, placed later in the lesson,
    says how far the prediction was from the model's value and what that means. A locked
    prediction cannot be changed (the point is to commit); re-running the cell starts afresh.

    Parameters
    ----------
    question : str
        The question, asked before the model is shown.
    answer : float or int
        The model's value (computed in the lesson, never typed in), or the index of the right
        choice.
    why : str
        What the model's answer means: shown with the comparison.
    unit : str, optional
        Unit of a numeric prediction ("" for none). Give either ``unit`` or ``choices``.
    choices : sequence of str, optional
        The options of a choice prediction, shown in this order.
    rel_tol : float
        A numeric prediction within this relative error of the model counts as close.
    lesson, key : str, optional
        Where the prediction sits (set by :func:`predict`): the locked value and the learner's
        explanation go to their record under these.

    After the lock, a box asks "Why was your prediction off (or right)?"; what the learner
    saves there (:meth:`explain`) goes to the record and the :meth:`compare` line shows it back.

    Examples
    --------
    >>> p = Prediction("Delivery at 24 h?", answer=0.36, unit="%ID", why="The liver wins.")
    >>> p.lock("abc")
    "Please type a number in %ID (for example 12.5 or 1e-3); 'abc' is not one."
    >>> p.lock("3")
    'Locked in: 3 %ID. Now explore the model below.'
    >>> p.comparison_text()
    'You predicted 3 %ID; the model gives 0.36 %ID: 8.3 times too high. The liver wins.'
    """

    def __init__(
        self,
        question: str,
        answer: float | int,
        why: str,
        unit: str | None = None,
        choices: Sequence[str] | None = None,
        rel_tol: float = 0.25,
        lesson: str = "",
        key: str = "",
    ) -> None:
        if (unit is None) == (choices is None):
            raise ValueError("give either unit (a numeric prediction) or choices, not both.")
        if choices is not None:
            if len(choices) < 2:
                raise ValueError(f"choices must hold at least 2 options; got {len(choices)}.")
            if (
                isinstance(answer, bool)
                or not isinstance(answer, int)
                or not 0 <= answer < len(choices)
            ):
                raise ValueError(
                    f"answer = {answer!r} must be a choice index from 0 to {len(choices) - 1}."
                )
        elif (
            isinstance(answer, bool)
            or not isinstance(answer, (int, float))
            or not math.isfinite(answer)
        ):
            raise ValueError(f"answer = {answer!r} must be a finite number (the model's value).")
        if not isinstance(rel_tol, (int, float)) or not 0 < rel_tol < 1:
            raise ValueError(f"rel_tol = {rel_tol!r} must be between 0 and 1 (a fraction).")
        self.question, self.why, self.rel_tol = question, why, float(rel_tol)
        self.unit = unit
        self.choices = list(choices) if choices is not None else None
        self.answer = answer if self.choices is not None else float(answer)
        self.value: float | int | None = None  # the locked prediction
        self.explanation = ""
        self.lesson, self.key = lesson, key
        self.last_feedback = ""
        self._gated: list[widgets.Widget] = []
        self._dashboards: list[Any] = []  # the dashboards among them (their readouts held back)
        self._held: list[tuple[widgets.HTML, str]] = []  # reveal boxes and their text
        self._lines: list[widgets.HTML] = []
        self.created_in = _execution_count()  # the notebook cell that made it (leak test)
        _CREATED.append(self)
        if self.choices is not None:
            self._input: widgets.Widget = widgets.RadioButtons(
                options=self.choices, value=None, layout={"width": "max-content"}
            )
        else:
            self._input = widgets.Text(
                placeholder="a number",
                description=f"your prediction [{unit}]" if unit else "your prediction",
                style={"description_width": "initial"},
                layout={"width": "320px"},
            )
        self._button = widgets.Button(
            description="Lock in", button_style="warning", tooltip="commit to your prediction"
        )
        self._button.on_click(lambda _b: self._on_lock())
        self._feedback = widgets.HTML()
        # The explain step: shown only once the prediction is locked in.
        self._why_box = widgets.Textarea(
            placeholder="A sentence or two: what did you assume, and what did the model do?",
            description="Why was your prediction off (or right)?",
            style={"description_width": "initial"},
            layout={"width": "95%", "height": "5em"},
        )
        self._why_button = widgets.Button(
            description="Save", button_style="info", tooltip="save your explanation"
        )
        self._why_button.on_click(lambda _b: self.explain(self._why_box.value))
        self._why_feedback = widgets.HTML()
        self._explain = widgets.VBox([self._why_box, self._why_button, self._why_feedback])
        self._explain.layout.display = "none"
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>Predict first.</b> {html.escape(question)}"),
                widgets.HBox([self._input, self._button]),
                self._feedback,
                self._explain,
            ]
        )
        self.widget.add_class("nanoedu-prediction")

    # -- the learner's side ----------------------------------------------------------------
    def _on_lock(self) -> None:
        if self.choices is not None:
            if self._input.value is None:
                self._show("Choose an option first.", ok=False)
                return
            self.lock(self.choices.index(self._input.value))
        else:
            self.lock(self._input.value)

    def lock(self, value: Any) -> str:
        """Lock in ``value`` (a number, a string like "20 nm", or a choice index); returns the
        feedback. Bad input gets a friendly message and nothing is locked."""
        if self.value is not None:
            return self._show(
                f"Already locked in: {self._shown(self.value)}. Re-run the cell to start afresh.",
                ok=True,
            )
        if self.choices is not None:
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 0 <= value < len(self.choices)
            ):
                return self._show(
                    f"Pick one of the {len(self.choices)} options (an index from 0 to "
                    f"{len(self.choices) - 1}).",
                    ok=False,
                )
            locked: float | int = value
        else:
            number, problem = parse_number(value, self.unit or "")
            if number is None:
                return self._show(problem, ok=False)
            locked = number
        self.value = locked
        self._input.disabled = self._button.disabled = True
        for box, text in self._held:  # the answer reaches the page only now
            box.value = _pre(text)
        for w in self._gated:
            w.layout.display = None
        for dash in self._dashboards:
            dash._release()
        self._explain.layout.display = None
        for line in self._lines:
            line.value = self._line_html()
        saved = self._record_lock() if self.lesson and self.key else ""
        return self._show(
            f"Locked in: {self._shown(locked)}. Now explore the model below.{saved}", ok=True
        )

    def explain(self, text: Any) -> str:
        """Save the learner's explanation of how the prediction compares with the model (after
        the lock); the :meth:`compare` line shows it back. Returns the feedback."""
        if self.value is None:
            return self._show_why("Lock in your prediction first, then explain it.", ok=False)
        if not isinstance(text, str) or not text.strip():
            return self._show_why("Write a sentence first.", ok=False)
        self.explanation = " ".join(text.split())
        self._why_box.value = text
        for line in self._lines:
            line.value = self._line_html()
        saved = ""
        if self.lesson and self.key:
            saved = _saved(
                {
                    "kind": "explanation",
                    "lesson": self.lesson,
                    "key": self.key,
                    "text": self.explanation,
                }
            )
        return self._show_why(f"Saved.{saved}", ok=True)

    def _show_why(self, text: str, ok: bool) -> str:
        style = _CORRECT_STYLE if ok else _WRONG_STYLE
        self._why_feedback.value = f'<div role="status" style="{style}">{html.escape(text)}</div>'
        return text

    def _record_lock(self) -> str:
        event: dict[str, Any] = {
            "kind": "prediction",
            "lesson": self.lesson,
            "key": self.key,
            "question": self.question,
        }
        if self.choices is not None:
            event |= {
                "choices": self.choices,
                "value": self.choices[int(self.value)],
                "answer": self.choices[int(self.answer)],
                "close": self.value == self.answer,
            }
        else:
            guess, model = float(self.value), float(self.answer)
            event |= {
                "unit": self.unit,
                "value": guess,
                "answer": model,
                "close": math.isclose(guess, model, rel_tol=self.rel_tol),
                "factor": guess / model if model != 0 else None,
            }
        return _saved(event)

    # -- the lesson's side -----------------------------------------------------------------
    def unlocks(self, *shown: Any) -> Any:
        """Hide these (dashboards or widgets) until the prediction is locked in; returns the last,
        so a cell can end with ``guess.unlocks(dashboard)`` and still display it."""
        if not shown:
            raise ValueError("unlocks needs at least one dashboard or widget.")
        for item in shown:
            w = getattr(item, "widget", item)
            if not isinstance(w, widgets.Widget):
                raise ValueError(f"unlocks takes dashboards or widgets; got {type(item).__name__}.")
            if self.value is None:
                w.layout.display = "none"
            if item is not w:  # a dashboard: no readout on the page or in its static views
                item._held_by = self  # before the lock
                self._dashboards.append(item)
                item._show_readout()
            self._gated.append(w)
        return shown[-1]

    def reveal(self, text: str) -> _Revealed:
        """Model output (e.g. a small table) shown only once the prediction is locked in; a
        static view shows a placeholder instead of the answer."""
        if not isinstance(text, str):
            raise ValueError(f"reveal takes the text to show; got {type(text).__name__}.")
        # Until the lock the box is empty: the answer is not even in the page, hidden.
        box = widgets.HTML(_pre(text) if self.value is not None else "")
        if self.value is None:
            self._held.append((box, text))
        self.unlocks(box)
        return _Revealed(box)

    def comparison_text(self) -> str:
        """How the locked prediction compares with the model, and what the answer means."""
        if self.value is None:
            return (
                'Lock in your prediction above ("Predict first"), then this line compares it '
                "with the model."
            )
        if self.choices is not None:
            right = self.value == self.answer
            return (
                f'You predicted "{self.choices[int(self.value)]}"; '
                + (
                    "the model agrees. "
                    if right
                    else f'the model says "{self.choices[int(self.answer)]}". '
                )
                + self.why
                + self._explained()
            )
        model, guess = float(self.answer), float(self.value)
        if math.isclose(guess, model, rel_tol=self.rel_tol):
            gap = f"within {self.rel_tol:.0%}: your mental model matches"
        elif guess > 0 and model > 0:
            ratio = guess / model
            gap = f"{ratio:.2g} times too high" if ratio > 1 else f"{1 / ratio:.2g} times too low"
        else:
            gap = "too high" if guess > model else "too low"
        return (
            f"You predicted {self._shown(guess)}; the model gives {self._shown(model)}: {gap}. "
            f"{self.why}{self._explained()}"
        )

    def _explained(self) -> str:
        return f' Your explanation: "{self.explanation}"' if self.explanation else ""

    def compare(self) -> _Comparison:
        """A line (shown later in the lesson) that compares the prediction with the model and
        updates when the learner locks in."""
        line = widgets.HTML(self._line_html())
        line.add_class("nanoedu-comparison")
        self._lines.append(line)
        return _Comparison(self, line)

    # -- helpers ---------------------------------------------------------------------------
    def _shown(self, v: float | int) -> str:
        if self.choices is not None:
            return f'"{self.choices[int(v)]}"'
        unit = f" {self.unit}" if self.unit else ""
        return f"{v:.3g}{unit}"

    def _line_html(self) -> str:
        return f'<div role="status">{html.escape(self.comparison_text())}</div>'

    def text(self) -> str:
        """The prompt as plain text (what a static view and nbval show: never the answer)."""
        if self.choices is not None:
            letters = "abcdefghij"
            opts = [f"  ({letters[i]}) {c}" for i, c in enumerate(self.choices)]
            return "\n".join([f"Predict first. {self.question}", *opts])
        return (
            f"Predict first. {self.question} [{self.unit}]"
            if self.unit
            else f"Predict first. {self.question}"
        )


def _pre(text: str) -> str:
    return (
        '<pre role="status" style="margin:0.3em 0;font-size:0.95em;line-height:1.35">'
        f"{html.escape(text)}</pre>"
    )


def _execution_count() -> int | None:
    """The running notebook cell's execution count (None outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    return getattr(shell, "execution_count", None) if shell is not None else None


def _saved(event: dict[str, Any]) -> str:
    """Append an event to the learner's record; "" if saved, else " (Not saved: ...)"."""
    problem = record(event)
    return f" {problem}" if problem else ""


#: Every prediction made in this kernel, in order (the leak test reads it after Run All).
_CREATED: list[Prediction] = []


def predict(lesson: str, key: str, answer: float | int, **facts: Any) -> Prediction:
    """The prediction ``key`` of ``lesson``, its question and reason from the course's content
    (``nanoedu/course/lessons/lNN.py``), with the model's ``answer`` computed in the lesson and
    the ``facts`` its reason quotes (computed too): the learner sees the question, and the
    reason only once they have locked in.

    Examples
    --------
    >>> p = predict("00", "walk", answer=10.0)
    >>> p.text().startswith("Predict first.")
    True
    """
    lesson = str(lesson).zfill(2)
    content = prediction_text(lesson, key)
    return Prediction(
        content.question,
        answer=answer,
        why=content.reason(**facts),
        unit=content.unit,
        choices=content.choices,
        rel_tol=content.rel_tol,
        lesson=lesson,
        key=key,
    )


def concept_check(lesson: str, key: str) -> MultipleChoice:
    """The concept check ``key`` of ``lesson``, from the course's content: each option with its
    own feedback, the learner's choices kept in their record."""
    lesson = str(lesson).zfill(2)
    c = check_content(lesson, key)
    return MultipleChoice(
        c.question,
        [o.text for o in c.options],
        answer=c.answer,
        why=c.why,
        feedback=[o.feedback for o in c.options],
        seed=c.seed,
        lesson=lesson,
        key=key,
    )


class _Comparison:
    """The displayed comparison line; its plain text is the current comparison."""

    def __init__(self, prediction: Prediction, line: widgets.HTML) -> None:
        self.prediction, self.widget = prediction, line

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.prediction.comparison_text()
        return bundle


class _Revealed:
    """Output held back until a prediction is locked in."""

    PLACEHOLDER = "(The model's answer appears here once you lock in your prediction above.)"

    def __init__(self, box: widgets.HTML) -> None:
        self.widget = box

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.PLACEHOLDER
        return bundle
