"""A learner's progress, summarised from their record (``python -m nanoedu progress``).

Per lesson: each prediction (the first locked value, the model's answer, how far off, and
whether an explanation was written), the concept checks answered right the first time, and
whether the exercise was done (every part right in one attempt).

Examples
--------
>>> rec = {"schema": "nanoedu-progress", "version": 1, "events": [
...     {"kind": "prediction", "lesson": "01", "key": "peak", "value": 3.0, "unit": "%ID",
...      "answer": 1.25, "close": False, "factor": 2.4},
...     {"kind": "check", "lesson": "01", "key": "corona", "choice": "a", "correct": False},
...     {"kind": "check", "lesson": "01", "key": "corona", "choice": "b", "correct": True}]}
>>> print(summary_text(rec))
Lesson 01
  predictions: 1 locked, 0 within tolerance, 0 explained
    peak: you 3 %ID, model 1.25 %ID (2.4 times too high)
  concept checks: 0 of 1 right first time
  exercise: not tried
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any

__all__ = ["lesson_summaries", "summary_html", "summary_text"]


def _shown(value: Any, unit: str | None) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:.3g}" + (f" {unit}" if unit else "")
    return f'"{value}"'


def _gap(event: dict[str, Any]) -> str:
    if event.get("close"):
        return "close" if "choices" not in event else "right"
    factor = event.get("factor")
    if isinstance(factor, (int, float)) and factor > 0:
        return f"{factor:.2g} times too high" if factor > 1 else f"{1 / factor:.2g} times too low"
    return "off" if "choices" not in event else "wrong"


def lesson_summaries(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per lesson: ``predictions`` (key -> first locked event, with ``explained``),
    ``checks`` (key -> right first time), ``exercise`` (None if not tried, else done)."""
    out: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"predictions": {}, "checks": {}, "exercise": None}
    )
    explained: set[tuple[str, str]] = set()
    for e in record.get("events", []):
        lesson, key = str(e.get("lesson", "?")), str(e.get("key", ""))
        s = out[lesson]
        if e["kind"] == "prediction":
            s["predictions"].setdefault(key, dict(e))
        elif e["kind"] == "explanation" and str(e.get("text", "")).strip():
            explained.add((lesson, key))
        elif e["kind"] == "check":
            s["checks"].setdefault(key, bool(e.get("correct")))
        elif e["kind"] == "exercise":
            s["exercise"] = bool(s["exercise"]) or bool(e.get("all_right"))
    for lesson, s in out.items():
        for key, p in s["predictions"].items():
            p["explained"] = (lesson, key) in explained
    return dict(sorted(out.items()))


def summary_text(record: dict[str, Any]) -> str:
    """The summary as plain text (what ``python -m nanoedu progress`` prints)."""
    lines: list[str] = []
    for lesson, s in lesson_summaries(record).items():
        preds = s["predictions"]
        close = sum(bool(p.get("close")) for p in preds.values())
        expl = sum(p["explained"] for p in preds.values())
        lines.append(f"Lesson {lesson}")
        lines.append(
            f"  predictions: {len(preds)} locked, {close} within tolerance, {expl} explained"
        )
        for key, p in preds.items():
            unit = p.get("unit")
            lines.append(
                f"    {key}: you {_shown(p.get('value'), unit)}, model "
                f"{_shown(p.get('answer'), unit)} ({_gap(p)})"
            )
        checks = s["checks"]
        lines.append(f"  concept checks: {sum(checks.values())} of {len(checks)} right first time")
        ex = s["exercise"]
        lines.append(
            "  exercise: " + ("not tried" if ex is None else "done" if ex else "tried, not done")
        )
    return "\n".join(lines) if lines else "No predictions, checks or exercises recorded yet."


def summary_html(record: dict[str, Any]) -> str:
    """The summary as one self-contained HTML page."""
    body = html.escape(summary_text(record))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>nanoedu: your progress</title></head><body>"
        "<h1>Your progress in nanoedu</h1>"
        f"<pre>{body}</pre></body></html>\n"
    )
