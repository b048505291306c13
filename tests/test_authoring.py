"""The lesson scaffold (new-lesson) and the anatomy checker (check-lesson)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nanoedu.__main__ import main
from nanoedu.authoring import anatomy_findings, check_lesson, lesson_slug, new_lesson

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
CAPSTONE = next(LESSONS.glob("[0-9][0-9]_capstone.ipynb"))  # the last lesson, whatever its number


@pytest.fixture
def course(tmp_path):
    """A lessons folder with the template, the sanitize file and two numbered lessons."""
    d = tmp_path / "lessons"
    d.mkdir()
    for name in ("_template.ipynb", "sanitize.cfg", "00_start_here.ipynb", CAPSTONE.name):
        shutil.copy(LESSONS / name, d / name)
    return d


def _items(findings):
    return {f.item: f for f in findings}


def test_new_lesson_is_the_next_number_with_the_title_filled_in(course):
    n = int(CAPSTONE.name[:2]) + 1
    path = new_lesson("Do particles settle in the dish?", course)
    assert path.name == f"{n:02d}_do_particles_settle_in_the_dish.ipynb"
    nb = json.loads(path.read_text())
    assert "".join(nb["cells"][0]["source"]).startswith(
        f"# {n:02d} · Do particles settle in the dish?"
    )
    assert all(c.get("outputs", []) == [] for c in nb["cells"] if c["cell_type"] == "code")
    assert new_lesson("Another one", course).name.startswith(f"{n + 1:02d}_")


def test_a_fresh_lesson_has_the_anatomy_but_fails_on_placeholders_and_outputs(course):
    report = check_lesson(new_lesson("Fresh", course), run=False)
    failed = {f.item for f in report.problems()}
    assert failed == {"no placeholders", "stored outputs"}
    msg = _items(report.findings)["no placeholders"].message
    assert "cell 1 has 'TODO'" in msg
    assert "MISSING  no placeholders" in report.text() and "2 item(s) to fix" in report.text()


def test_a_lesson_inserted_before_the_capstone_moves_it_and_every_reference_to_it(tmp_path):
    """new-lesson --before NN on a copy of the course: the capstone and every reference to it
    (its heading, the README's course map, the guide's section, links from other lessons,
    its exercise key) move up by one; nothing else changes."""
    work = tmp_path / "course"
    shutil.copytree(LESSONS, work / "lessons", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copy(ROOT / "README.md", work / "README.md")
    shutil.copytree(
        ROOT / "nanoedu" / "course" / "lessons", work / "nanoedu" / "course" / "lessons"
    )
    cap = int(CAPSTONE.name[:2])
    a, b = f"{cap:02d}", f"{cap + 1:02d}"
    before = {p.name for p in (work / "lessons").glob("[0-9][0-9]_*.ipynb")}
    assert main(["new-lesson", "A probe", "--dir", str(work / "lessons"), "--before", a]) == 0
    after = {p.name for p in (work / "lessons").glob("[0-9][0-9]_*.ipynb")}
    assert after == (before - {CAPSTONE.name}) | {f"{b}_capstone.ipynb", f"{a}_a_probe.ipynb"}
    moved = json.loads((work / "lessons" / f"{b}_capstone.ipynb").read_text())
    assert "".join(moved["cells"][0]["source"]).startswith(f"# {b} · Capstone")
    code = "".join("".join(c["source"]) for c in moved["cells"])
    assert re.search(rf'check_exercise\(\s*"{b}"', code)
    readme = (work / "README.md").read_text()
    assert f"[{b} Capstone](lessons/{b}_capstone.ipynb)" in readme
    assert f"lessons/{a}_capstone" not in readme
    guide = (work / "docs" / "instructor-guide.md").read_text()
    assert f"## Lesson {b} · Capstone" in guide and f"## Lesson {a} · Capstone" not in guide
    modules = work / "nanoedu" / "course" / "lessons"
    assert (modules / f"l{b}.py").is_file() and "TODO" in (modules / f"l{a}.py").read_text()
    assert f"Lesson {b}:" in (modules / f"l{b}.py").read_text()
    assert (modules / f"l{b}.py").read_text().replace(f"Lesson {b}", f"Lesson {a}") == (
        ROOT / "nanoedu" / "course" / "lessons" / f"l{a}.py"
    ).read_text()  # the capstone's content moved with it; the new lesson's is a stub
    others = [
        p.read_text()
        for p in (work / "lessons").glob("[0-9][0-9]_*.ipynb")
        if not p.name.endswith("_capstone.ipynb")
    ]
    assert any(f"{b} · Capstone" in t for t in others)  # the link to it from another lesson
    assert not any(f"{a} · Capstone" in t for t in others)
    probe = json.loads((work / "lessons" / f"{a}_a_probe.ipynb").read_text())
    assert "".join(probe["cells"][0]["source"]).startswith(f"# {a} · A probe")
    unchanged = (work / "lessons" / "00_start_here.ipynb").read_text()
    assert (
        unchanged.replace(f"{b} Capstone", f"{a} Capstone")
        == (LESSONS / "00_start_here.ipynb").read_text()
    )


def test_new_lesson_refuses_bad_input(course, tmp_path):
    with pytest.raises(ValueError, match="title"):
        new_lesson("   ", course)
    with pytest.raises(ValueError, match="letters or digits"):
        new_lesson("???", course)
    with pytest.raises(ValueError, match="no lesson template"):
        new_lesson("Title", tmp_path)
    with pytest.raises(ValueError, match="before = 42 must be the number of a lesson"):
        new_lesson("Title", course, before=42)
    assert lesson_slug("The BBB: a 12-nm limit!") == "the_bbb_a_12_nm_limit"


def _without(nb, pred):
    nb = json.loads(json.dumps(nb))
    nb["cells"] = [c for c in nb["cells"] if not pred("".join(c["source"]), c["cell_type"])]
    return nb


def _replaced(nb, old, new):
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        c["source"] = "".join(c["source"]).replace(old, new)
    return nb


def _shown(nb):
    """The notebook with every cell's source expanded (no collapsed cells)."""
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        c.get("metadata", {}).pop("jupyter", None)
    return nb


CAP = json.loads(CAPSTONE.read_text())
BROKEN = {
    "title": _replaced(CAP, f"# {CAPSTONE.name[:2]} · Capstone", f"{CAPSTONE.name[:2]} · Capstone"),
    "learning objectives": _replaced(CAP, "## Learning objectives", "## Goals"),
    "predict prompt": _replaced(CAP, "**Predict first.**", "**Before you start.**"),
    "dashboard": _replaced(CAP, "design_dashboard(", "evaluate_design("),
    "concept check": _without(
        CAP,
        lambda s, t: any(k in s for k in ("concept_check(", "MultipleChoice(", "NumericQuestion(")),
    ),
    "exercise": _replaced(CAP, "## Exercise", "## Try it"),
    "collapsed solution": _replaced(CAP, "Show solution", "Solution"),
    "takeaways": _replaced(CAP, "## Key takeaways", "## Summary"),
    "sources": _without(CAP, lambda s, t: "nanoedu.cite(" in s),
    "no placeholders": _replaced(CAP, "minutes. Prerequisites", "TODO minutes. Prerequisites"),
    "public API only": _replaced(CAP, "import nanoedu\n", "import nanoedu\nimport os\n"),
    "prediction widget": _replaced(CAP, ".compare()", ".widget"),
    "collapsed concept checks": _shown(CAP),
    "self-check answers": _without(CAP, lambda s, t: "Check your answers" in s),
    "exercise checker": _replaced(CAP, "check_exercise(\n", "print(\n"),
}


@pytest.mark.parametrize("item", sorted(BROKEN))
def test_a_lesson_missing_a_part_fails_with_that_part_named(item):
    assert all(f.ok for f in anatomy_findings(CAP))
    findings = _items(anatomy_findings(BROKEN[item]))
    assert not findings[item].ok
    assert [i for i, f in findings.items() if not f.ok] == [item]
    assert findings[item].message  # says what to do


def test_stored_outputs_must_come_from_one_clean_run(tmp_path):
    nb = json.loads(CAPSTONE.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    code[3]["execution_count"] = 17
    p = tmp_path / CAPSTONE.name
    p.write_text(json.dumps(nb))
    finding = _items(check_lesson(p, run=False).findings)["stored outputs"]
    assert not finding.ok and "clean top-to-bottom run" in finding.message


def _tiny_notebook(path: Path, stored: str) -> Path:
    """A one-cell notebook that prints "hello" and has ``stored`` as its stored output."""
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "c0",
                "metadata": {},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": stored}],
                "source": 'print("hello")',
            }
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb))
    return path


@pytest.mark.slow
def test_nbval_finding_passes_for_a_notebook_and_fails_when_an_output_changed(course, tmp_path):
    # The checker's nbval item, both ways: running nbval itself, and reading the JUnit XML of a
    # pytest run (make test's way: strict nbval runs once, in the suite). Tiny notebooks test the
    # mechanism; the course's lessons run under strict nbval in the suite itself.
    good = _tiny_notebook(course / "01_good.ipynb", "hello\n")
    changed = _tiny_notebook(course / "02_changed.ipynb", "an output it no longer prints\n")
    xml = tmp_path / "results.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
         f"--junitxml={xml}", str(good), str(changed)],
        cwd=course, capture_output=True, text=True,
    )  # fmt: skip
    for results in (None, xml):
        ok = _items(check_lesson(good, nbval_results=results).findings)["runs under nbval"]
        assert ok.ok and "strict nbval passes (1 passed" in ok.message, ok.message
        bad = _items(check_lesson(changed, nbval_results=results).findings)["runs under nbval"]
        assert not bad.ok and "strict nbval fails" in bad.message, bad.message
    assert "failing cells" in _items(check_lesson(changed).findings)["runs under nbval"].message


def test_nbval_results_that_miss_the_lesson_or_are_not_xml_are_named(course, tmp_path):
    xml = tmp_path / "results.xml"
    xml.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="lessons.other.ipynb" name="Cell 0"/>'
        "</testsuite></testsuites>"
    )
    finding = _items(check_lesson(CAPSTONE, nbval_results=xml).findings)["runs under nbval"]
    assert not finding.ok and f"holds no nbval run of {CAPSTONE.name}" in finding.message
    # results older than the lesson are of an earlier version of it
    lesson = shutil.copy(CAPSTONE, tmp_path / CAPSTONE.name)
    xml.write_text(
        '<testsuites><testsuite name="pytest">'
        f'<testcase classname="lessons.{CAPSTONE.name}" name="Cell 0"/>'
        "</testsuite></testsuites>"
    )
    os.utime(xml, (1.0, 1.0))
    finding = _items(check_lesson(lesson, nbval_results=xml).findings)["runs under nbval"]
    assert not finding.ok and "is older than" in finding.message
    (tmp_path / "broken.xml").write_text("<testsuites>")
    with pytest.raises(ValueError, match="must be a readable pytest JUnit XML"):
        check_lesson(CAPSTONE, nbval_results=tmp_path / "broken.xml")


def test_command_line_exit_codes_and_messages(course, capsys):
    assert main(["check-lesson", "--no-run", str(CAPSTONE)]) == 0
    assert "result: complete" in capsys.readouterr().out
    assert main(["check-lesson", "--no-run", str(course / "_template.ipynb")]) == 1
    assert main(["check-lesson", str(course / "missing.ipynb")]) == 2
    assert "no such notebook" in capsys.readouterr().err
    assert main(["new-lesson", "A title", "--dir", str(course)]) == 0
    assert f"{int(CAPSTONE.name[:2]) + 1:02d}_a_title.ipynb" in capsys.readouterr().out
    assert main(["new-lesson", "A title", "--dir", str(course / "nowhere")]) == 2


def test_module_entry_point_runs():
    out = subprocess.run(
        [sys.executable, "-m", "nanoedu", "--help"], capture_output=True, text=True, check=True
    )
    assert "new-lesson" in out.stdout and "check-lesson" in out.stdout
