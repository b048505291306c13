"""Lessons follow the lesson anatomy, are committed with clean outputs, and use only the API."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

LESSONS = sorted(
    (pathlib.Path(__file__).resolve().parents[1] / "lessons").glob("[0-9][0-9]_*.ipynb")
)


def _load(path):
    return json.loads(path.read_text())


def test_lessons_exist():
    names = [p.name for p in LESSONS]
    assert names[:2] == ["00_start_here.ipynb", "01_size_matters.ipynb"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_anatomy(path):
    nb = _load(path)
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert md.lstrip().startswith("# "), "title"
    assert "## Learning objectives" in md
    objectives = re.findall(r"^\d+\. \*\*(\w+)\*\*", md.split("## Learning objectives")[1], re.M)
    assert 3 <= len(objectives) <= 5, objectives
    assert "Predict first" in md
    assert "_dashboard(" in code
    assert "MultipleChoice(" in code or "NumericQuestion(" in code
    assert "## Exercise" in md and "<details>" in md and "Show solution" in md
    assert "## Key takeaways" in md and "## Where the numbers come from" in md
    assert "nanoedu.cite(" in code


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_committed_with_clean_top_to_bottom_outputs(path):
    nb = _load(path)
    counts = [
        c["execution_count"]
        for c in nb["cells"]
        if c["cell_type"] == "code" and "".join(c["source"]).strip()
    ]
    assert counts == list(range(1, len(counts) + 1)), (
        "re-run the lesson top to bottom before committing"
    )
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            assert o["output_type"] != "error", "".join(c["source"])
            assert o.get("name") != "stderr", "".join(c["source"])


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_define_no_helpers_and_import_only_nanoedu(path):
    nb = _load(path)
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        assert not re.search(r"^\s*(def|class) ", src, re.M), src
        for mod in re.findall(r"^\s*(?:from|import) (\w+)", src, re.M):
            assert mod in {"nanoedu", "numpy"}, mod
