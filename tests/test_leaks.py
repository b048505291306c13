"""Nothing answers a prediction before the learner locks it in.

Each lesson's learner copy (outputs cleared, as Binder serves it and ``python -m nanoedu
lessons`` writes it) is run top to bottom with nothing locked, as Run All does, with one cell
added at the end that lists the predictions the kernel made (:data:`DUMP`). For every prediction,
neither its reason nor its numeric answer may appear in any markdown or code cell up to the one
that asks it, nor in any output of the whole notebook (with nothing locked, every output is seen
before the lock). Reasons are matched by their clauses of six words or more; numeric answers by
their 2- and 3-significant-figure forms with a decimal point (a round integer such as 10 or 100
also appears in ordinary text, "10 nm", so it cannot be told apart). A choice prediction's
answer is one of its options, shown with the question, so only its reason is checked.

The lessons are executed once for this, in the Binder test (``tests/test_binder.py``), which
runs every learner copy top to bottom anyway: :func:`leaks` reads what that run produced.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nanoedu.authoring import clear_outputs

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
MARK = "NANOEDU-PREDICTIONS"
DUMP = f"""
import json as _json
from nanoedu.ui.quiz import _CREATED as _made
print({MARK!r} + _json.dumps([
    {{"lesson": p.lesson, "key": p.key, "count": p.created_in, "choices": p.choices,
      "answer": None if p.choices is not None else float(p.answer), "why": p.why}}
    for p in _made
]))
"""


def _text(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def _outputs(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(_text({"source": out["text"]}))
        data = out.get("data", {})
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind in data:
                parts.append(re.sub(r"<[^>]+>", " ", _text({"source": data[kind]})))
    return "\n".join(parts)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def reason_clauses(why: str) -> list[str]:
    """The clauses of a reason long enough (six words or more) to be its own words."""
    pieces = re.split(r"(?<=[.!?;:])\s+|\s+\(|\)\s*", why)
    return [_norm(p.strip(" .;:()")) for p in pieces if len(p.split()) >= 6]


def answer_forms(answer: float) -> list[str]:
    """How a numeric answer would be printed (2 and 3 significant figures), keeping only forms
    with a decimal point or an exponent (see the module's docstring)."""
    forms = {f"{answer:.2g}", f"{answer:.3g}"}
    return sorted(f for f in forms if ("." in f or "e" in f) and len(f.strip("-")) >= 3)


def with_dump(nb: dict) -> dict:
    """A learner copy with the :data:`DUMP` cell added at the end (run it top to bottom)."""
    out = json.loads(json.dumps(nb))
    out["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": DUMP,
        }
    )
    return out


def leaks(executed: dict) -> list[str]:
    """Every place where an executed learner copy (made by :func:`with_dump`, run top to bottom
    with nothing locked) states a prediction's reason or numeric answer before its lock."""
    cells = list(executed["cells"])
    dump = _outputs(cells.pop())
    made = json.loads(dump[dump.index(MARK) + len(MARK) :].strip().splitlines()[0])
    by_count = {
        c.get("execution_count"): i for i, c in enumerate(cells) if c["cell_type"] == "code"
    }
    outputs = _norm("\n".join(_outputs(c) for c in cells))
    raw_outputs = "\n".join(_outputs(c) for c in cells)
    found = [] if made else ["the lesson makes no prediction"]
    for p in made:
        where = by_count.get(p["count"])
        if where is None:
            found.append(f"{p['key']}: the cell that asks it was not found")
            continue
        before = _norm("\n".join(_text(c) for c in cells[: where + 1]))
        for clause in reason_clauses(p["why"]):
            for name, text in (("a cell up to the question", before), ("an output", outputs)):
                if clause in text:
                    found.append(f"{p['key']}: its reason ({clause!r}) is in {name}")
        if p["answer"] is not None:
            raw_before = "\n".join(_text(c) for c in cells[:where])
            for form in answer_forms(p["answer"]):
                token = rf"(?<![\d.]){re.escape(form)}(?![\d])"
                for name, text in (("a cell before it", raw_before), ("an output", raw_outputs)):
                    if re.search(token, text):
                        found.append(f"{p['key']}: its answer {form} is in {name}")
    return found


@pytest.mark.slow
def test_a_leak_is_found_where_it_is(tmp_path):
    """The check itself, on lesson 00's learner copy run here: clean as it is, and caught with a
    markdown cell before the question that states the prediction's reason."""
    import nbformat
    from nbclient import NotebookClient

    from nanoedu.course import prediction_text

    nb = clear_outputs(json.loads(LESSONS[0].read_text(encoding="utf-8")))
    clean = nbformat.reads(json.dumps(with_dump(nb)), as_version=4)
    NotebookClient(clean, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert leaks(json.loads(nbformat.writes(clean))) == []
    why = prediction_text("00", "walk").why
    nb["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": why})
    leaky = nbformat.reads(json.dumps(with_dump(nb)), as_version=4)
    NotebookClient(leaky, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    found = leaks(json.loads(nbformat.writes(leaky)))
    assert any("its reason" in f and "a cell up to the question" in f for f in found), found


def test_reason_clauses_and_answer_forms():
    assert reason_clauses("Short one. This clause has exactly six words here; and tail.") == [
        "this clause has exactly six words here"
    ]
    assert answer_forms(0.3614) == ["0.36", "0.361"]
    assert answer_forms(10.0) == []  # a round number also appears in "10 nm"
    assert answer_forms(1.118) == ["1.1", "1.12"]
