"""The class's predictions at a glance: one HTML page from many learners' records.

``python -m nanoedu class-report RECORDS... --out report.html`` reads learners' progress
records (:mod:`nanoedu.course.record`; RECORDS are files or folders, searched for
``nanoedu-progress.json``, which also finds the records inside an nbgrader course's
``submitted/<student>/<assignment>/`` tree) and writes one self-contained page, for an
instructor to open before (or during) a class:

- per prediction, the spread of the class's first locked values against the model's answer
  (a dot plot, on a log axis when the values span more than a decade; a bar chart of the
  options for a choice), and the share within a factor of 2 of the model (or right);
- per concept check, the share right first time and the most chosen wrong first answer with
  the misconception it stands for (the option's ``misconception`` in the course's content);
- per exercise, the share of the learners who tried it that got every part right in some
  attempt.

The page is anonymous: no names and no file paths (``--names`` shows the learners' folder
names, for the instructor's own use). A record that cannot be read, or is of another schema
version, is listed under "Skipped" by its number and the reason; it never stops the report.
The records of one student found in several assignment folders of an nbgrader course are read
as one learner. The figures are PNG images made with matplotlib's Agg backend, embedded in the
page: it needs no network, no script and no other file.

Examples
--------
>>> rec = {"schema": "nanoedu-progress", "version": 1, "events": [
...     {"kind": "prediction", "lesson": "00", "key": "walk", "value": 8.0, "unit": "times",
...      "answer": 10.0, "close": True, "factor": 0.8},
...     {"kind": "check", "lesson": "00", "key": "double_diameter", "choice": "It doubles",
...      "correct": False},
...     {"kind": "exercise", "lesson": "00", "parts": {}, "all_right": True}]}
>>> lesson = summarise([rec])["00"]
>>> p = lesson.predictions["walk"]
>>> (p.n, p.hits, p.model)
(1, 1, 10.0)
>>> c = lesson.checks["double_diameter"]
>>> (c.right_first, c.answered, c.top_wrong[0], c.top_wrong[2])
(0, 1, 'It doubles', 'bigger particles move faster (momentum, not drag, in mind)')
>>> (lesson.exercise.done, lesson.exercise.tried)
(1, 1)
"""

from __future__ import annotations

import argparse
import base64
import datetime as _dt
import html
import io
import json
import math
import os
import statistics
import sys
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import LESSONS, lesson_content
from .record import FILENAME, KINDS, SCHEMA, VERSION, RecordError, read_record

__all__ = [
    "CheckStats",
    "ClassRecords",
    "ExerciseStats",
    "LessonStats",
    "PredictionStats",
    "Skipped",
    "Written",
    "find_records",
    "lessons_html",
    "load_records",
    "main",
    "prediction_figure",
    "report_html",
    "summarise",
    "within_factor",
    "write_report",
]

#: The folders of an nbgrader course whose subfolders are named after students.
_NBGRADER_TREES = ("submitted", "autograded")
#: Okabe & Ito colours (as nanoedu.ui.style, which this course-layer module does not import).
_BLUE, _GREEN, _VERMILLION, _GREY = "#0072B2", "#009E73", "#D55E00", "#999999"
_RC: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.fontsize": 8,
    "legend.frameon": False,
}
_DPI = 100


# -- reading the records ----------------------------------------------------------------------
@dataclass(frozen=True)
class Skipped:
    """A record left out of the report: its anonymous ``label`` ("record 7") and why."""

    label: str
    reason: str
    name: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass
class ClassRecords:
    """The records read, one merged record per learner, and those skipped.

    ``learners`` holds one record (``{"events": [...]}``) per learner; ``names`` their
    folder names (shown only with ``--names``); ``found`` the number of record files found
    and ``read`` the number read.
    """

    learners: list[dict[str, Any]]
    names: list[str]
    skipped: list[Skipped]
    found: int
    read: int


def find_records(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The record files among ``paths``: a file is taken as it is (whatever its name), a folder
    is searched, with its subfolders, for ``nanoedu-progress.json``.

    Raises ``ValueError`` for a path that does not exist, or when no record is found.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for student in ("ann", "bo"):
    ...     folder = root / "submitted" / student / "l00"
    ...     folder.mkdir(parents=True)
    ...     _ = (folder / FILENAME).write_text("{}")
    >>> [p.relative_to(root).parts[1] for p in find_records([root])]
    ['ann', 'bo']
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("give at least one record file or folder of records.")
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob(FILENAME) if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise ValueError(f"{path} is neither a record file nor a folder of records.")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise ValueError(f"no learner's record ({FILENAME}) found in {', '.join(map(str, paths))}.")
    return unique


def _why_unreadable(path: Path) -> str:
    """Why ``read_record`` refused ``path``, in words that name no file or folder."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "not a text file"
    except json.JSONDecodeError as err:
        return f"not valid JSON ({err.msg} at line {err.lineno}): damaged or cut short"
    except OSError:
        return "could not be read"
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return "not a nanoedu progress record"
    if data.get("version") != VERSION:
        return f"version {data.get('version')!r}; this report reads version {VERSION}"
    return f"its events are not a list of known kinds ({', '.join(KINDS)})"


def _learner_of(path: Path) -> tuple[tuple[str, ...], str]:
    """The learner a record belongs to (a key, and the name ``--names`` shows): one student of
    an nbgrader course for every record under ``submitted/<student>/`` (or ``autograded/``),
    else the record itself, named by its folder."""
    parts = path.parts
    for i in range(len(parts) - 3, -1, -1):
        if parts[i] in _NBGRADER_TREES:
            return ("nbgrader", *parts[:i], parts[i + 1]), parts[i + 1]
    return ("file", str(path)), path.parent.name


def _merged(records: list[dict[str, Any]]) -> dict[str, Any]:
    """One learner's records as one: their events in time order, copies counted once."""
    if len(records) == 1:
        return {"events": list(records[0]["events"])}
    seen: set[str] = set()
    events = []
    for rec in records:
        for e in rec["events"]:
            key = json.dumps(e, sort_keys=True, default=str)
            if key not in seen:
                seen.add(key)
                events.append(e)
    events.sort(key=lambda e: e.get("time") if isinstance(e.get("time"), str) else "")
    return {"events": events}


def load_records(paths: Iterable[str | os.PathLike[str]]) -> ClassRecords:
    """Find (:func:`find_records`) and read every record; one learner's records are merged, a
    record that cannot be read is skipped with its reason (numbered in the order found).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / FILENAME).write_text('{"schema": "nanoedu-progress", "version": 2}')
    >>> loaded = load_records([folder])
    >>> (loaded.read, [str(s) for s in loaded.skipped])
    (0, ['record 1: version 2; this report reads version 1'])
    """
    files = find_records(paths)
    groups: dict[tuple[str, ...], tuple[str, list[dict[str, Any]]]] = {}
    skipped: list[Skipped] = []
    for number, path in enumerate(files, 1):
        key, name = _learner_of(path)
        try:
            data = read_record(path)
        except RecordError:
            skipped.append(Skipped(f"record {number}", _why_unreadable(path), name))
            continue
        except (OSError, ValueError):
            skipped.append(Skipped(f"record {number}", "could not be read", name))
            continue
        groups.setdefault(key, (name, []))[1].append(data)
    learners = [_merged(recs) for _, recs in groups.values()]
    names = [name for name, _ in groups.values()]
    read = sum(len(recs) for _, recs in groups.values())
    return ClassRecords(learners, names, skipped, len(files), read)


# -- the class's statistics -------------------------------------------------------------------
def _number(value: Any) -> float | None:
    """A finite number, or None (booleans, text and NaN are not predictions)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def within_factor(value: float, answer: float, factor: float = 2.0) -> bool:
    """Whether ``value`` lies within ``factor`` of ``answer``: from answer / factor to
    answer * factor, both ends included (same sign; never for an answer of 0).

    Examples
    --------
    >>> [within_factor(v, 10.0) for v in (4.9, 5.0, 20.0, 21.0, -10.0)]
    [False, True, True, False, False]
    """
    if answer == 0 or value == 0 or (value > 0) != (answer > 0):
        return False
    ratio = value / answer
    return 1.0 / factor <= ratio <= factor


@dataclass
class PredictionStats:
    """The class's first locked values of one prediction.

    ``values`` (numbers, or option texts for a choice) one per learner; ``model`` the model's
    answer (the median of the answers the records hold, or the most common option);
    ``hits`` the learners within a factor of 2 of the answer their lesson showed (numeric)
    or right (choice); ``close`` those within the prediction's own tolerance.
    """

    lesson: str
    key: str
    question: str
    unit: str | None = None
    choices: list[str] | None = None
    values: list[Any] = field(default_factory=list)
    answers: list[Any] = field(default_factory=list)
    hits: int = 0
    close: int = 0
    unreadable: int = 0

    @property
    def numeric(self) -> bool:
        return self.choices is None

    @property
    def n(self) -> int:
        """The number of learners with a readable locked value."""
        return len(self.values)

    @property
    def share(self) -> float:
        """The share of those learners within a factor of 2 (or right); NaN for none."""
        return self.hits / self.n if self.n else float("nan")

    @property
    def model(self) -> Any:
        answers = [a for a in self.answers if a is not None]
        if not answers:
            return None
        if self.numeric:
            return float(statistics.median(answers))
        return Counter(answers).most_common(1)[0][0]

    @property
    def answers_vary(self) -> bool:
        """Whether the records hold different model answers (another version of a lesson)."""
        found = {a for a in self.answers if a is not None}
        if not self.numeric or len(found) < 2:
            return len(found) > 1
        lo, hi = min(found), max(found)
        return not math.isclose(lo, hi, rel_tol=1e-6)


@dataclass
class CheckStats:
    """The class's first answers to one concept check: ``answered`` learners, of whom
    ``right_first`` were right; ``wrong`` counts each wrong first answer; ``top_wrong`` is
    (option, count, misconception) of the most chosen one, or None."""

    lesson: str
    key: str
    question: str
    answered: int = 0
    right_first: int = 0
    wrong: Counter = field(default_factory=Counter)
    misconceptions: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.right_first / self.answered if self.answered else float("nan")

    @property
    def top_wrong(self) -> tuple[str, int, str] | None:
        if not self.wrong:
            return None
        choice, count = min(
            self.wrong.items(), key=lambda kv: (-kv[1], self.order.get(kv[0], 99), kv[0])
        )
        return choice, count, self.misconceptions.get(choice, "")


@dataclass
class ExerciseStats:
    """A lesson's exercise: ``tried`` learners, ``done`` of them with every part right in some
    attempt, of ``learners`` with any event in the lesson."""

    learners: int = 0
    tried: int = 0
    done: int = 0

    @property
    def share(self) -> float:
        return self.done / self.tried if self.tried else float("nan")


@dataclass
class LessonStats:
    """One lesson's predictions, concept checks and exercise, over the class."""

    lesson: str
    predictions: dict[str, PredictionStats] = field(default_factory=dict)
    checks: dict[str, CheckStats] = field(default_factory=dict)
    exercise: ExerciseStats = field(default_factory=ExerciseStats)


def _content(lesson: str, name: str) -> dict[str, Any]:
    try:
        return dict(getattr(lesson_content(lesson), name, {}))
    except ValueError:
        return {}


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _prediction_stats(lesson: str, key: str, first: dict[str, Any]) -> PredictionStats:
    text = _content(lesson, "PREDICTIONS").get(key)
    if text is not None:
        question, unit = text.question, text.unit
        choices = list(text.choices) if text.choices is not None else None
    else:  # a prediction this version of the course does not have: what the record says
        question = str(first.get("question") or "(not in this version of the course)")
        recorded = first.get("choices")
        choices = [str(c) for c in recorded] if isinstance(recorded, list) else None
        unit = None if choices is not None else str(first.get("unit") or "")
    return PredictionStats(lesson, key, question, unit=unit, choices=choices)


def _add_prediction(p: PredictionStats, event: dict[str, Any]) -> None:
    value, answer = event.get("value"), event.get("answer")
    if p.numeric:
        value, answer = _number(value), _number(answer)
        hit = value is not None and answer is not None and within_factor(value, answer)
    else:
        if isinstance(value, str):
            answer = answer if isinstance(answer, str) else None
            for c in p.choices or []:  # the content's spelling of the option
                value = c if _same_text(value, c) else value
                answer = c if answer is not None and _same_text(answer, c) else answer
        else:
            value = None
        hit = value is not None and answer is not None and value == answer
    if value is None:
        p.unreadable += 1
        return
    p.values.append(value)
    p.answers.append(answer)
    p.hits += hit
    p.close += event.get("close") is True


def _check_stats(lesson: str, key: str) -> CheckStats:
    check = _content(lesson, "CHECKS").get(key)
    if check is None:
        return CheckStats(lesson, key, "(not in this version of the course)")
    stats = CheckStats(lesson, key, check.question)
    for i, option in enumerate(check.options):
        stats.order[option.text] = i
        if i != check.answer:
            stats.misconceptions[option.text] = option.misconception
    return stats


def _add_check(c: CheckStats, event: dict[str, Any]) -> None:
    c.answered += 1
    if event.get("correct") is True:
        c.right_first += 1
        return
    choice = event.get("choice")
    if isinstance(choice, str):
        shown = next((o for o in c.order if _same_text(o, choice)), choice)
    else:
        number = _number(choice)
        shown = f"{number:g}" if number is not None else "(no answer recorded)"
    c.wrong[shown] += 1
    if shown not in c.misconceptions and c.order:
        c.misconceptions[shown] = "(not an option of this version of the course)"


def summarise(learners: Sequence[dict[str, Any]]) -> dict[str, LessonStats]:
    """The class's statistics per lesson (sorted), from one record per learner: the first
    locked value of each prediction, the first answer to each check, and whether the exercise
    was done (every part right in some attempt). Events it cannot read are left out."""
    lessons: dict[str, LessonStats] = {}
    for record in learners:
        seen: set[tuple[str, str, str]] = set()
        present: set[str] = set()
        tried: dict[str, bool] = {}
        for e in record.get("events", []):
            if not isinstance(e, dict) or e.get("kind") not in KINDS or "lesson" not in e:
                continue
            lesson = str(e["lesson"]).zfill(2)
            if not (lesson.isascii() and lesson.isdigit()):
                continue
            present.add(lesson)
            s = lessons.setdefault(lesson, LessonStats(lesson))
            kind, key = e["kind"], str(e.get("key", ""))
            if kind == "exercise":
                tried[lesson] = tried.get(lesson, False) or e.get("all_right") is True
                continue
            if kind not in ("prediction", "check") or (kind, lesson, key) in seen:
                continue
            seen.add((kind, lesson, key))
            if kind == "prediction":
                if key not in s.predictions:
                    s.predictions[key] = _prediction_stats(lesson, key, e)
                _add_prediction(s.predictions[key], e)
            else:
                if key not in s.checks:
                    s.checks[key] = _check_stats(lesson, key)
                _add_check(s.checks[key], e)
        for lesson in present:
            ex = lessons[lesson].exercise
            ex.learners += 1
            if lesson in tried:
                ex.tried += 1
                ex.done += tried[lesson]
    for s in lessons.values():  # the content's order, then any other keys
        for name, attr in (("PREDICTIONS", "predictions"), ("CHECKS", "checks")):
            order = list(_content(s.lesson, name))
            found = getattr(s, attr)
            ranked = sorted(found, key=lambda k: (order.index(k) if k in order else 999, k))
            setattr(s, attr, {k: found[k] for k in ranked})
    return dict(sorted(lessons.items()))


# -- figures ---------------------------------------------------------------------------------
def _g(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def _with_unit(value: Any, unit: str | None) -> str:
    return f"{_g(value)} {unit}" if unit and value is not None else _g(value)


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({count / total:.0%})" if total else "none"


def _png(fig: Any) -> str:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _numeric_png(p: PredictionStats) -> tuple[str, bool]:
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    values = np.asarray(p.values, dtype=float)
    model = p.model
    shown = values if model is None else np.append(values, model)
    log = bool(shown.size and (shown > 0).all() and shown.max() / shown.min() > 10.0)
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(6.4, 1.9), layout="constrained")
        ax = fig.add_subplot()
        if model is not None and model != 0:
            lo, hi = sorted((model / 2.0, model * 2.0))
            ax.axvspan(lo, hi, color=_GREEN, alpha=0.15, lw=0, label="within a factor of 2")
            ax.axvline(model, color="black", lw=2, label=f"model: {_with_unit(model, p.unit)}")
        jitter = np.random.default_rng(0).uniform(-0.35, 0.35, values.size)
        ax.scatter(
            values,
            jitter,
            s=22,
            color=_BLUE,
            alpha=0.7,
            edgecolors="white",
            linewidths=0.5,
            label=f"first locked values (n = {values.size})",
            zorder=3,
        )
        if values.size:
            median = float(np.median(values))
            ax.axvline(
                median, color=_VERMILLION, ls="--", lw=1.5, label=f"class median: {_g(median)}"
            )
        if log:
            ax.set_xscale("log")
        ax.set_ylim(-0.5, 0.5)
        ax.set_yticks([])
        ax.grid(False, axis="y")
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(p.unit or "value")
        ax.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), borderaxespad=0.2)
        return _png(fig), log


def _choice_png(p: PredictionStats) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    options = list(p.choices or [])
    options += [v for v in dict.fromkeys(p.values) if v not in options]
    counts = Counter(p.values)
    model = p.model
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(6.4, 0.6 + 0.45 * len(options)), layout="constrained")
        ax = fig.add_subplot()
        y = list(range(len(options)))[::-1]
        colours = [_GREEN if o == model else _BLUE for o in options]
        bars = ax.barh(y, [counts[o] for o in options], color=colours, height=0.6)
        for bar, o in zip(bars, options, strict=True):
            if o == model:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
        labels = [
            textwrap.fill(o, 34) + ("\n(model's answer)" if o == model else "") for o in options
        ]
        ax.set_yticks(y, labels)
        for yi, o in zip(y, options, strict=True):
            ax.annotate(f" {counts[o]}", (counts[o], yi), va="center", fontsize=8)
        ax.set_xlim(0, max([*counts.values(), 1]) * 1.15)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("learners (first locked choice)")
        ax.grid(False, axis="y")
        return _png(fig)


def prediction_figure(p: PredictionStats) -> str:
    """One prediction as an HTML ``<figure>``: the PNG (with alt text) and its caption."""
    model, unit = p.model, p.unit
    if not p.n:
        return f"<p>None of the {p.unreadable} locked values could be read.</p>"
    if p.numeric:
        png, log = _numeric_png(p)
        spread = (
            f"from {_g(min(p.values))} to {_with_unit(max(p.values), unit)}, median "
            f"{_with_unit(statistics.median(p.values), unit)}"
        )
        alt = (
            f"Dot plot of {p.n} learners' first locked values, {spread}; the model's answer "
            f"is {_with_unit(model, unit)}; {_share(p.hits, p.n)} within a factor of 2."
        )
        caption = (
            f"Each dot is one learner's first locked value (n = {p.n}; dots spread up and down "
            f"only to be seen apart){' on a log axis' if log else ''}. Black line: the model's "
            f"answer, {_with_unit(model, unit)}; shaded: within a factor of 2 of it; dashed: "
            f"the class median. Within a factor of 2: <strong>{_share(p.hits, p.n)}</strong>; "
            f"within the lesson's own tolerance: {_share(p.close, p.n)}."
        )
    else:
        png = _choice_png(p)
        counts = Counter(p.values)
        alt = (
            f"Bar chart of {p.n} learners' first locked choices: "
            + "; ".join(f"{o}: {counts[o]}" for o in (p.choices or counts))
            + f". The model's answer is {model}; {_share(p.hits, p.n)} right."
        )
        caption = (
            f"Learners choosing each option first (n = {p.n}); hatched green: the model's "
            f"answer, &ldquo;{html.escape(str(model))}&rdquo;. Right: "
            f"<strong>{_share(p.hits, p.n)}</strong>."
        )
    if p.answers_vary:
        caption += (
            " The records hold different model answers (learners ran different versions of "
            "the lesson); each learner is compared with the answer their lesson showed."
        )
    if p.unreadable:
        caption += f" {p.unreadable} locked value(s) could not be read and are left out."
    return (
        f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


# -- the page --------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;
background:#fff;line-height:1.45;margin:0}
main{max-width:62rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:#0b4f8a}
h2{border-bottom:2px solid #1a1a1a;padding-bottom:.2rem;margin-top:2.2rem}
figure{margin:.5rem 0 1.2rem}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.92rem;color:#333}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
td.num{text-align:right;white-space:nowrap}
tbody th a{white-space:nowrap}
.question{font-style:italic}
"""


def _anchor(*parts: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else "_" for ch in p) for p in parts)


def _percent(x: float) -> str:
    return "&ndash;" if math.isnan(x) else f"{x:.0%}"


def _lesson_html(s: LessonStats, level: int = 2) -> str:
    h, h1, h2 = f"h{level}", f"h{level + 1}", f"h{level + 2}"
    out = [f'<section aria-labelledby="{_anchor("lesson", s.lesson)}">']
    out.append(f'<{h} id="{_anchor("lesson", s.lesson)}">Lesson {html.escape(s.lesson)}</{h}>')
    if s.predictions:
        out.append(f"<{h1}>Predictions</{h1}>")
        for key, p in s.predictions.items():
            anchor = _anchor("prediction", s.lesson, key)
            out.append(
                f'<section class="prediction" aria-labelledby="{anchor}">'
                f'<{h2} id="{anchor}"><code>{html.escape(key)}</code>: '
                f'<span class="question">{html.escape(p.question)}</span></{h2}>'
                f"{prediction_figure(p)}</section>"
            )
    if s.checks:
        out.append(f"<{h1}>Concept checks</{h1}>")
        out.append(
            "<table><caption>Each learner's first answer to each concept check of lesson "
            f"{html.escape(s.lesson)}</caption><thead><tr>"
            '<th scope="col">Check</th><th scope="col">Learners</th>'
            '<th scope="col">Right first time</th>'
            '<th scope="col">Most chosen wrong option</th>'
            '<th scope="col">The misconception it stands for</th></tr></thead><tbody>'
        )
        for key, c in s.checks.items():
            top = c.top_wrong
            wrong = (
                f"&ldquo;{html.escape(top[0])}&rdquo; ({top[1]} of {c.answered})" if top else "none"
            )
            out.append(
                f'<tr><th scope="row"><code>{html.escape(key)}</code><br>'
                f'<span class="question">{html.escape(c.question)}</span></th>'
                f'<td class="num">{c.answered}</td>'
                f'<td class="num">{_share(c.right_first, c.answered)}</td>'
                f"<td>{wrong}</td><td>{html.escape(top[2]) if top and top[2] else ''}</td></tr>"
            )
        out.append("</tbody></table>")
    ex = s.exercise
    out.append(f"<{h1}>Exercise</{h1}>")
    if ex.tried:
        out.append(
            f"<p>Every part right in some attempt: <strong>{_share(ex.done, ex.tried)}</strong> "
            f"of the learners who tried it ({ex.learners - ex.tried} of the lesson's "
            f"{ex.learners} learners did not try it).</p>"
        )
    else:
        out.append(f"<p>None of the lesson's {ex.learners} learners tried it.</p>")
    out.append("</section>")
    return "\n".join(out)


def _overview(stats: dict[str, LessonStats]) -> str:
    rows = []
    for s in stats.values():
        n = sum(p.n for p in s.predictions.values())
        hits = sum(p.hits for p in s.predictions.values())
        answered = sum(c.answered for c in s.checks.values())
        right = sum(c.right_first for c in s.checks.values())
        rows.append(
            f'<tr><th scope="row"><a href="#{_anchor("lesson", s.lesson)}">Lesson '
            f"{html.escape(s.lesson)}</a></th>"
            f'<td class="num">{s.exercise.learners}</td>'
            f'<td class="num">{len(s.predictions)}</td>'
            f'<td class="num">{_percent(hits / n if n else math.nan)}</td>'
            f'<td class="num">{_percent(right / answered if answered else math.nan)}</td>'
            f'<td class="num">{_percent(s.exercise.share)}</td></tr>'
        )
    return (
        "<table><caption>Lesson by lesson (shares over the learners who answered)</caption>"
        '<thead><tr><th scope="col">Lesson</th><th scope="col">Learners</th>'
        '<th scope="col">Predictions</th>'
        '<th scope="col">Predictions within a factor of 2 (or right)</th>'
        '<th scope="col">Concept checks right first time</th>'
        '<th scope="col">Exercise done (of those who tried)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def lessons_html(stats: dict[str, LessonStats], lesson: str | None = None, level: int = 2) -> str:
    """The per-lesson sections (predictions, checks, exercise) as an HTML fragment, headings
    from ``h{level}``; only ``lesson`` when given (the live view in a lesson uses this)."""
    key = _lesson_arg(lesson)
    chosen = [s for k, s in stats.items() if key is None or k == key]
    return "\n".join(_lesson_html(s, level) for s in chosen)


def _lesson_arg(lesson: Any) -> str | None:
    if lesson is None:
        return None
    key = str(lesson).zfill(2)
    if key not in LESSONS:
        raise ValueError(
            f"lesson = {lesson!r} is not a lesson of the course; known: {list(LESSONS)}."
        )
    return key


def report_html(
    paths: Iterable[str | os.PathLike[str]], *, names: bool = False, lesson: Any = None
) -> tuple[str, ClassRecords]:
    """The class report as one self-contained HTML page, and the records it read.

    Parameters
    ----------
    paths : iterable of str or path
        Record files, or folders searched (with their subfolders) for ``nanoedu-progress.json``.
    names : bool
        List the learners' folder names (for the instructor's own use); the page is otherwise
        anonymous: no names, no file paths.
    lesson : str or int, optional
        Keep only this lesson ("03" or 3).

    Returns
    -------
    (str, ClassRecords)
        The page, and the records read and skipped.

    Raises
    ------
    ValueError
        As :func:`find_records` does (a path that does not exist, no record found), and for a
        lesson the course does not have.
    """
    key = _lesson_arg(lesson)
    loaded = load_records(paths)
    stats = summarise(loaded.learners)
    if key is not None:
        stats = {k: s for k, s in stats.items() if k == key}
    n = len(loaded.learners)
    when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = (
        f"<p>Read {loaded.read} of the {loaded.found} records found "
        f"({n} learner{'s' if n != 1 else ''}); {len(loaded.skipped)} skipped"
        + (' (listed under <a href="#skipped">Skipped</a>)' if loaded.skipped else "")
        + f". Made {when}. Each learner counts once: their first locked prediction, their "
        "first answer to each concept check, and whether any attempt at the exercise got every "
        "part right.</p>"
    )
    body = [f"<h1>The class&rsquo;s predictions at a glance</h1>{head}"]
    if stats:
        body.append(
            '<nav aria-label="Lessons"><h2 id="contents">Lessons</h2>' + _overview(stats) + "</nav>"
        )
        body.append(lessons_html(stats))
    else:
        body.append("<p>The records read hold no predictions, checks or exercises yet.</p>")
    if names:
        items = "".join(f"<li>{html.escape(name)}</li>" for name in loaded.names)
        body.append(
            '<section aria-labelledby="learners"><h2 id="learners">Learners</h2>'
            f"<p>The folders the records were read from.</p><ul>{items}</ul></section>"
        )
    if loaded.skipped:
        items = "".join(
            f"<li>{html.escape(f'{s.label} ({s.name}): {s.reason}' if names else str(s))}</li>"
            for s in loaded.skipped
        )
        body.append(
            '<section aria-labelledby="skipped"><h2 id="skipped">Skipped</h2>'
            f"<p>{len(loaded.skipped)} record{'s' if len(loaded.skipped) != 1 else ''} "
            f"could not be read and are left out:</p><ul>{items}</ul></section>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        "<title>nanoedu: the class&rsquo;s predictions at a glance</title>"
        f"<style>{_CSS}</style></head>\n<body><main>\n"
        + "\n".join(body)
        + "\n</main></body></html>\n"
    )
    return page, loaded


@dataclass(frozen=True)
class Written:
    """What :func:`write_report` wrote: the page's path and how many records it read."""

    path: Path
    read: int
    found: int
    learners: int
    skipped: list[Skipped]


def write_report(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    names: bool = False,
    lesson: Any = None,
) -> Written:
    """Write the class report (:func:`report_html`, which takes ``paths``, ``names`` and
    ``lesson``) to the file ``out``; returns what was written and read.

    Raises
    ------
    ValueError
        When ``out`` is a folder or its folder does not exist, and as :func:`report_html` does.
    """
    out = Path(out)
    if out.is_dir():
        raise ValueError(f"--out {out} is a folder; give the page's file name, e.g. report.html.")
    if not out.parent.is_dir():
        raise ValueError(f"--out {out}: the folder {out.parent} does not exist.")
    page, loaded = report_html(paths, names=names, lesson=lesson)
    out.write_text(page, encoding="utf-8")
    return Written(out, loaded.read, loaded.found, len(loaded.learners), loaded.skipped)


def main(argv: list[str]) -> int:
    """``python -m nanoedu class-report RECORDS... --out report.html [--names]``.

    Returns 0 when the page is written, 2 (with the reason on stderr) for bad arguments.
    """
    parser = argparse.ArgumentParser(
        prog="python -m nanoedu class-report",
        description="Write one self-contained HTML page of the class's predictions, concept "
        "checks and exercises from the learners' records (anonymous unless --names).",
    )
    parser.add_argument(
        "records",
        nargs="+",
        metavar="RECORDS",
        help=f"record files, or folders searched for {FILENAME} (an nbgrader course's "
        "submitted/ tree too)",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the page to write")
    parser.add_argument(
        "--names",
        action="store_true",
        help="list the learners' folder names (for your own use: do not share the page)",
    )
    parser.add_argument("--lesson", default=None, metavar="NN", help="report one lesson only")
    args = parser.parse_args(argv)
    try:
        written = write_report(args.records, args.out, names=args.names, lesson=args.lesson)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(
        f"Wrote {written.path}: {written.read} of {written.found} records read "
        f"({written.learners} learners), {len(written.skipped)} skipped."
    )
    for s in written.skipped:
        print(f"  skipped {s}")
    return 0
