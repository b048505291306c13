"""Every lesson has the lesson anatomy and is committed with the outputs of a clean run.

The items are those of ``python -m nanoedu check-lesson`` (nanoedu/authoring.py), which
``make test`` also runs on every lesson together with strict nbval.
"""

from __future__ import annotations

import json
import pathlib

import pytest

from nanoedu.authoring import _stored_run_finding, anatomy_findings

LESSONS = sorted(
    (pathlib.Path(__file__).resolve().parents[1] / "lessons").glob("[0-9][0-9]_*.ipynb")
)


def test_lessons_exist():
    names = [p.name for p in LESSONS]
    assert names[0] == "00_start_here.ipynb" and names[-1] == "06_capstone.ipynb"
    assert [int(n[:2]) for n in names] == list(range(len(names)))


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_anatomy(path):
    missing = [
        f"{f.item}: {f.message}" for f in anatomy_findings(json.loads(path.read_text())) if not f.ok
    ]
    assert not missing, missing


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_committed_with_clean_top_to_bottom_outputs(path):
    finding = _stored_run_finding(json.loads(path.read_text()))
    assert finding.ok, finding.message
