"""Every lesson has the lesson anatomy and is committed with the outputs of a clean run.

The items are those of ``python -m nanoedu check-lesson`` (nanoedu/authoring.py), which
``make test`` also runs on every lesson together with strict nbval.
"""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from nanoedu.authoring import _stored_run_finding, anatomy_findings

LESSONS = sorted(
    (pathlib.Path(__file__).resolve().parents[1] / "lessons").glob("[0-9][0-9]_*.ipynb")
)


def test_lessons_exist():
    names = [p.name for p in LESSONS]
    # The course starts at lesson 00 and ends with its capstone, whatever its number: a lesson
    # inserted before the capstone (new-lesson --before NN) renumbers it.
    assert names[0] == "00_start_here.ipynb" and names[-1].endswith("_capstone.ipynb")
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


GUIDE = pathlib.Path(__file__).resolve().parents[1] / "docs" / "instructor-guide.md"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_self_check_answers_are_the_instructor_guides(path):
    # one source: `python -m nanoedu sync-answers` writes the lessons' blocks from the guide
    from nanoedu.authoring import sync_self_checks

    nb = json.loads(path.read_text())
    _, changed = sync_self_checks(nb, GUIDE.read_text(encoding="utf-8"), int(path.name[:2]))
    assert not changed, (
        f"{path.name}: its 'Check your answers' blocks differ from docs/instructor-guide.md; run "
        f"python -m nanoedu sync-answers {path} and re-run the lesson"
    )


def _shown_answer_positions() -> list[tuple[int, int]]:
    """(number of options, position of the right one as shown) for every concept check the
    lessons show (their content in nanoedu/course/lessons/lNN.py)."""
    import re

    from nanoedu.ui import concept_check

    out = []
    for path in LESSONS:
        code = "\n".join(
            "".join(c["source"])
            for c in json.loads(path.read_text())["cells"]
            if c["cell_type"] == "code"
        )
        for lesson, key in re.findall(r'concept_check\(\s*"(\d\d)",\s*"(\w+)"', code):
            q = concept_check(lesson, key)
            out.append((len(q.options), q.answer))
    return out


def test_right_answers_are_spread_over_the_positions_across_the_course():
    shown = _shown_answer_positions()
    assert len(shown) >= 16
    for n in {n for n, _ in shown}:  # per number of options, no position favoured by > 2
        at = [pos for m, pos in shown if m == n]
        counts = [at.count(k) for k in range(n)]
        assert max(counts) - min(counts) <= 2, (n, counts)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_static_outputs_never_show_a_prediction_answer_before_it_is_locked(path):
    from nanoedu.ui.quiz import _Revealed

    for cell in json.loads(path.read_text())["cells"]:
        src = "".join(cell.get("source", ""))
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/plain", ""))
            if (
                re.search(r"\b(Prediction|predict)\(", src)
                and src.rstrip().split("\n")[-1].isidentifier()
            ):
                assert text.startswith("Predict first."), text
            if ".reveal(" in src:
                assert text == _Revealed.PLACEHOLDER, text
            if ".compare()" in src:
                assert text.startswith("Lock in your prediction"), text


def _dashboard_outputs(nb: dict) -> int:
    from conftest import dashboard_outputs

    outputs = dashboard_outputs(nb)
    for data in outputs:
        assert "image/png" in data, "a dashboard output without its static image"
    return len(outputs)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_static_html_shows_one_figure_per_dashboard(path):
    # GitHub, nbviewer, nbconvert and a course site cannot run widgets: each dashboard's output
    # carries a PNG of its figure and readout, which nbconvert's HTML shows in its place.
    import re

    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.reads(path.read_text(), as_version=4)
    expected = _dashboard_outputs(json.loads(path.read_text()))
    html, _ = HTMLExporter().from_notebook_node(nb)
    images = re.findall(r'<img[^>]+src="data:image/png;base64,', html)
    assert expected >= 1 and len(images) == expected, (len(images), expected)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_are_saved_without_widget_state(path):
    # saved widget state makes static viewers try (and fail) to draw the widgets instead of
    # showing each dashboard's PNG; `make run-lessons` saves without it
    assert "widgets" not in json.loads(path.read_text()).get("metadata", {}), (
        f"{path.name} holds widget state: re-run it with `make run-lessons`"
    )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_stated_time_is_the_time_models_estimate(path):
    import re

    from nanoedu.authoring import estimated_minutes

    nb = json.loads(path.read_text())
    stated = int(re.search(r"About (\d+) minutes", "".join(nb["cells"][0]["source"])).group(1))
    assert stated == 5 * round(estimated_minutes(nb) / 5), (stated, estimated_minutes(nb))
