"""docs/extending.md works as written: its files, tests and lesson, on a copy of the package.

The guide's code blocks are applied to a copy of ``nanoedu/`` (a block whose first line is
``# <path> (new file)`` is written there; ``# <path> (add at the end)`` is appended;
``# <path> (fill in)`` replaces a file ``new-lesson`` wrote); its test
file runs with pytest; then ``python -m nanoedu new-lesson`` makes a lesson from the template,
the guide's lesson cells replace the template's cells in order, the lesson is run top to
bottom and ``python -m nanoedu check-lesson`` must find it complete.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "extending.md"
_FENCE = re.compile(r"^(```|~~~)(\w*)[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
_FILE = re.compile(r"^# (\S+) \((new file|add at the end|fill in)\)\n")


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in _FENCE.finditer(DOC.read_text(encoding="utf-8"))]


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


def _pytest(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """pytest in the copy, quiet and without a cache."""
    return _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args], cwd, env)


def test_guide_blocks_are_well_formed():
    blocks = _blocks()
    files = [b for lang, b in blocks if lang == "python" and _FILE.match(b)]
    assert len(files) >= 5  # references, model, API, dashboard, UI API, tests
    cells = [b for lang, b in blocks if lang in ("markdown", "python") and not _FILE.match(b)]
    template = json.loads((ROOT / "lessons" / "_template.ipynb").read_text())
    assert len(cells) == len(template["cells"]), (
        "the guide must give one filled cell per template cell, in order"
    )
    for (lang, _), cell in zip(
        [(lang, b) for lang, b in blocks if lang in ("markdown", "python") and not _FILE.match(b)],
        template["cells"],
        strict=True,
    ):
        assert {"markdown": "markdown", "python": "code"}[lang] == cell["cell_type"]


@pytest.mark.slow
def test_worked_example_end_to_end(tmp_path):
    """The guide, followed on a copy of the whole course: insert the lesson before the capstone
    (new-lesson --before), add the model, its test and exercise, fill the lesson, add its guide
    section and course-map row; then the lesson tests and the guide's tests pass on the copy,
    and check-lesson finds the new lesson and the moved capstone complete."""
    work = tmp_path / "course"
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for rel in listed:
        if (ROOT / rel).is_file():
            (work / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, work / rel)
    env = dict(os.environ, PYTHONPATH=str(work), MPLBACKEND="Agg")
    capstone = next((work / "lessons").glob("[0-9][0-9]_capstone.ipynb"))
    number = int(capstone.name[:2])
    assert number == 7, "the guide's example inserts lesson 07 before the capstone"

    made = _run(
        [
            sys.executable,
            "-m",
            "nanoedu",
            "new-lesson",
            "Do particles settle in the dish?",
            "--before",
            f"{number:02d}",
        ],
        work,
        env,
    )
    assert made.returncode == 0, made.stderr
    path = work / "lessons" / "07_do_particles_settle_in_the_dish.ipynb"
    assert str(path.relative_to(work)) in made.stdout
    assert (work / "lessons" / "08_capstone.ipynb").is_file() and not capstone.exists()

    lesson_cells, guide_section = [], None
    for lang, body in _blocks():
        m = _FILE.match(body) if lang == "python" else None
        if m:
            target = work / m.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            code = body[m.end() :]
            if m.group(2) == "new file":
                assert not target.exists(), target
                target.write_text(code)
            elif m.group(2) == "fill in":  # a file new-lesson wrote, with TODOs
                assert "TODO" in target.read_text(), target
                target.write_text(code)
            else:
                target.write_text(target.read_text() + "\n" + code)
        elif lang in ("markdown", "python"):
            lesson_cells.append(body.rstrip("\n"))
        elif lang == "text" and body.startswith("## Lesson 07 "):
            guide_section = body
    assert guide_section, "docs/extending.md gives the example's instructor-guide section"

    # the copy, not the installed package, is what runs
    where = _run([sys.executable, "-c", "import nanoedu; print(nanoedu.__file__)"], work, env)
    assert where.stdout.strip().startswith(str(work)), where.stdout + where.stderr

    tests = _pytest(["tests/test_settling.py"], work, env)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    doctests = _pytest(["--doctest-modules", "nanoedu/models/settling.py"], work, env)
    assert doctests.returncode == 0, doctests.stdout + doctests.stderr

    fresh = _run(
        [sys.executable, "-m", "nanoedu", "check-lesson", "--no-run", str(path)], work, env
    )
    assert fresh.returncode == 1 and "MISSING  no placeholders" in fresh.stdout

    nb = json.loads(path.read_text())
    for cell, source in zip(nb["cells"], lesson_cells, strict=True):
        cell["source"] = source
    path.write_text(json.dumps(nb, indent=1))
    guide = work / "docs" / "instructor-guide.md"
    text = guide.read_text()
    guide.write_text(text.replace("## Lesson 08 · ", guide_section + "\n## Lesson 08 · ", 1))
    readme = work / "README.md"
    row = "| [08 Capstone]"
    readme.write_text(
        readme.read_text().replace(
            row,
            "| [07 Do particles settle in the dish?](lessons/" + path.name + ") | Settling against "
            "diffusion in a culture well. | 30 min |\n" + row,
            1,
        )
    )
    synced = _run([sys.executable, "-m", "nanoedu", "sync-answers", str(path)], work, env)
    assert synced.returncode == 0, synced.stderr
    ran = _run(
        [
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.store_widget_state=False",
            "--inplace",
            str(path),
        ],
        work,
        env,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    # nbval runs the renumbered capstone again (the suite ran the committed one): it tests that
    # a lesson moved by new-lesson --before (headings, links, exercise key) still reproduces its
    # stored outputs.
    checked = _run(
        [sys.executable, "-m", "nanoedu", "check-lesson", str(path), "lessons/08_capstone.ipynb"],
        work,
        env,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    course_tests = _pytest(
        [
            "-m",
            "not slow",
            "tests/test_lessons.py",
            "tests/test_instructor_guide.py",
            "tests/test_course.py",
            "tests/test_authoring.py",
            "tests/test_ui.py",
        ],
        work,
        env,
    )
    assert course_tests.returncode == 0, course_tests.stdout[-5000:] + course_tests.stderr[-2000:]
