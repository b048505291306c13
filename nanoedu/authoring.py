"""Tools for instructors who extend the course: a new lesson from the template, and a checker.

``python -m nanoedu new-lesson "Title"`` copies ``lessons/_template.ipynb`` to the next numbered
lesson; ``python -m nanoedu check-lesson PATH ...`` reports, item by item, what a lesson lacks
of the lesson anatomy (docs/extending.md) and whether it runs under strict nbval.

This module reads notebooks as JSON (no nbformat needed) and imports nothing heavy.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Finding",
    "LessonReport",
    "anatomy_findings",
    "check_lesson",
    "clear_outputs",
    "copy_lessons",
    "course_lessons",
    "new_lesson",
    "lesson_slug",
]

TEMPLATE_NAME = "_template.ipynb"
#: Markers the template leaves for the author; a finished lesson has none.
PLACEHOLDERS = ("TODO", "{{NUMBER}}", "{{TITLE}}")
ALLOWED_IMPORTS = ("nanoedu", "numpy")
_LESSON_FILE = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")


@dataclass(frozen=True)
class Finding:
    """One item of the report: what was checked, whether it is there, and what to do if not."""

    item: str
    ok: bool
    message: str


@dataclass
class LessonReport:
    """Everything :func:`check_lesson` found about one lesson."""

    path: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]

    def text(self) -> str:
        lines = [str(self.path)]
        for f in self.findings:
            lines.append(f"  {'ok' if f.ok else 'MISSING':8s} {f.item}: {f.message}")
        n = len(self.problems())
        lines.append("  result: " + ("complete" if n == 0 else f"{n} item(s) to fix"))
        return "\n".join(lines)


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _load(path: Path) -> dict[str, Any]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: not a readable notebook ({err}).") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError(f"{path}: not a Jupyter notebook (no list of cells).")
    return nb


def anatomy_findings(nb: dict[str, Any]) -> list[Finding]:
    """Check a notebook (as parsed JSON) against the lesson anatomy; one finding per item.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "source": "# 07 · A title"}]}
    >>> [f.item for f in anatomy_findings(nb) if not f.ok][:3]
    ['learning objectives', 'predict prompt', 'dashboard']
    """
    cells = nb["cells"]
    md_cells = [_source(c) for c in cells if c.get("cell_type") == "markdown"]
    code_cells = [_source(c) for c in cells if c.get("cell_type") == "code"]
    md, code = "\n".join(md_cells), "\n".join(code_cells)
    out: list[Finding] = []

    def add(item: str, ok: bool, good: str, bad: str) -> None:
        out.append(Finding(item, ok, good if ok else bad))

    first = next((c for c in cells if _source(c).strip()), None)
    title_ok = bool(
        first and first.get("cell_type") == "markdown" and _source(first).lstrip().startswith("# ")
    )
    add(
        "title",
        title_ok,
        "the first cell is a markdown title",
        "the first cell must be markdown starting with '# ' (the lesson's title and clinical story)",
    )
    section = md.split("## Learning objectives", 1)
    objectives = (
        re.findall(r"^\d+\. \*\*\w+\*\*", section[1].split("\n## ", 1)[0], re.M)
        if len(section) == 2
        else []
    )
    add(
        "learning objectives",
        3 <= len(objectives) <= 5,
        f"{len(objectives)} objectives, each starting with a verb",
        "add a '## Learning objectives' section with 3 to 5 numbered objectives, each starting "
        f"with a bold verb a learner can be checked on ('1. **Explain** ...'); found {len(objectives)}",
    )
    add(
        "predict prompt",
        "**Predict first.**" in md,
        "a '**Predict first.**' prompt",
        "ask the learner to predict before the dashboard: a markdown line starting "
        "'**Predict first.**'",
    )
    add(
        "dashboard",
        re.search(r"\b\w+_dashboard\(", code) is not None,
        "a dashboard is built",
        "build a dashboard in a code cell (a nanoedu.ui ..._dashboard(...) call, shown as the "
        "cell's last line)",
    )
    add(
        "concept check",
        re.search(r"\b(MultipleChoice|NumericQuestion)\(", code) is not None,
        "a concept check (quiz widget)",
        "add a '## Concept checks' section with at least one MultipleChoice(...) or "
        "NumericQuestion(...) whose 'why' explains the answer",
    )
    add(
        "exercise",
        "## Exercise" in md,
        "an '## Exercise' section",
        "add an '## Exercise' section asking for a few lines against the public API, and an "
        "empty code cell for them",
    )
    add(
        "collapsed solution",
        "<details>" in md and "Show solution" in md,
        "the solution is in a collapsed <details> block",
        "put the exercise's solution in '<details><summary><b>Show solution</b></summary> ... "
        "</details>' so it stays hidden until asked for",
    )
    add(
        "takeaways",
        "## Key takeaways" in md,
        "a '## Key takeaways' section",
        "add a '## Key takeaways' section (3-5 bullets)",
    )
    add(
        "sources",
        "## Where the numbers come from" in md and "nanoedu.cite(" in code,
        "'## Where the numbers come from' with nanoedu.cite(...)",
        "add a '## Where the numbers come from' section with a code cell calling "
        "nanoedu.cite(...) on the parameter sets and model functions the lesson shows",
    )
    left = [(i, p) for i, c in enumerate(cells, start=1) for p in PLACEHOLDERS if p in _source(c)]
    add(
        "no placeholders",
        not left,
        "no template placeholders left",
        "replace the template's placeholders: "
        + ", ".join(f"cell {i} has {p!r}" for i, p in left[:8])
        + (" ..." if len(left) > 8 else ""),
    )
    bad: list[str] = []
    for i, c in enumerate(cells, start=1):
        if c.get("cell_type") != "code":
            continue
        src = _source(c)
        if re.search(r"^\s*(def|class) ", src, re.M):
            bad.append(f"cell {i} defines a function or class")
        for mod in re.findall(r"^\s*(?:from|import) (\w+)", src, re.M):
            if mod not in ALLOWED_IMPORTS:
                bad.append(f"cell {i} imports {mod}")
    add(
        "public API only",
        not bad,
        "code imports only nanoedu and numpy and defines no helpers",
        "lessons use nanoedu's public API only (put new code in nanoedu, see docs/extending.md): "
        + "; ".join(bad),
    )
    return out


def _stored_run_finding(nb: dict[str, Any]) -> Finding:
    counts = [
        c.get("execution_count")
        for c in nb["cells"]
        if c.get("cell_type") == "code" and _source(c).strip()
    ]
    if counts != list(range(1, len(counts) + 1)):
        return Finding(
            "stored outputs",
            False,
            "the notebook must be saved after one clean top-to-bottom run (execution counts "
            f"1..{len(counts)}; found {counts[:6]}{' ...' if len(counts) > 6 else ''}): restart "
            "the kernel, run all, save; or `jupyter nbconvert --to notebook --execute --inplace "
            "PATH`",
        )
    for i, c in enumerate(nb["cells"], start=1):
        for o in c.get("outputs", []):
            if o.get("output_type") == "error" or o.get("name") == "stderr":
                return Finding(
                    "stored outputs",
                    False,
                    f"cell {i} stored an error or a warning on stderr: fix it and re-run",
                )
    return Finding("stored outputs", True, "saved after a clean top-to-bottom run")


def _nbval_finding(path: Path) -> Finding:
    try:
        import nbval  # noqa: F401
    except ImportError:
        return Finding(
            "runs under nbval",
            False,
            "cannot run it: nbval is not installed (pip install -e '.[test]')",
        )
    path = path.resolve()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval"]
    cmd += ["--nbval-current-env", str(path)]
    sanitize = path.parent / "sanitize.cfg"
    if sanitize.exists():
        cmd += ["--nbval-sanitize-with", str(sanitize)]
    env = dict(os.environ, MPLBACKEND=os.environ.get("MPLBACKEND", "Agg"))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=path.parent)
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    if proc.returncode == 0:
        return Finding("runs under nbval", True, f"strict nbval passes ({summary})")
    failed = sorted(set(re.findall(r"::Cell (\d+)", proc.stdout)), key=int)
    where = f"; failing cells (code cells counted from 0): {', '.join(failed)}" if failed else ""
    return Finding(
        "runs under nbval",
        False,
        f"strict nbval fails ({summary}){where}: run `pytest --nbval {path}` to see the "
        "difference between stored and fresh outputs, then re-run the lesson and save",
    )


def check_lesson(path: str | os.PathLike[str], run: bool = True) -> LessonReport:
    """Report what a lesson lacks of the anatomy, and (if ``run``) whether nbval passes.

    Examples
    --------
    From the repository root: ``check_lesson("lessons/06_capstone.ipynb").text()`` gives one line
    per item, ``ok`` or ``MISSING`` with what to do.
    """
    p = Path(path)
    if p.suffix != ".ipynb" or not p.is_file():
        raise ValueError(f"{p}: no such notebook (give the path of a .ipynb lesson).")
    nb = _load(p)
    report = LessonReport(p, anatomy_findings(nb))
    report.findings.append(_stored_run_finding(nb))
    if run:
        report.findings.append(_nbval_finding(p))
    return report


def lesson_slug(title: str) -> str:
    """File-name part of a lesson title: lower case, words joined by underscores.

    Examples
    --------
    >>> lesson_slug("Do particles settle in the dish?")
    'do_particles_settle_in_the_dish'
    """
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = "_".join(words)[:40].rstrip("_")
    if not slug:
        raise ValueError(f"title = {title!r} must contain letters or digits.")
    return slug


def new_lesson(title: str, directory: str | os.PathLike[str] = "lessons") -> Path:
    """Create the next numbered lesson in ``directory`` from its ``_template.ipynb``.

    The title goes into the first cell; every other placeholder (``TODO``) stays for the author,
    and :func:`check_lesson` reports each one until it is filled. Outputs are cleared.
    """
    if not isinstance(title, str) or not title.strip() or len(title) > 80:
        raise ValueError(f"title = {title!r} must be a non-empty text of at most 80 characters.")
    folder = Path(directory)
    template = folder / TEMPLATE_NAME
    if not template.is_file():
        raise ValueError(
            f"no lesson template at {template}: run this from the course's repository root, or "
            "pass the folder that holds _template.ipynb (--dir)."
        )
    numbers = [int(m.group(1)) for f in folder.iterdir() if (m := _LESSON_FILE.match(f.name))]
    number = max(numbers, default=-1) + 1
    if number > 99:
        raise ValueError(f"{folder} already holds lesson 99; lessons are numbered 00-99.")
    target = folder / f"{number:02d}_{lesson_slug(title)}.ipynb"
    if target.exists():
        raise ValueError(f"{target} exists already; choose another title.")
    nb = _load(template)
    for c in nb["cells"]:
        src = _source(c).replace("{{NUMBER}}", f"{number:02d}").replace("{{TITLE}}", title.strip())
        c["source"] = src
        if c.get("cell_type") == "code":
            c["outputs"], c["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


def clear_outputs(nb: dict[str, Any]) -> dict[str, Any]:
    """The learner's copy of a notebook: no outputs, no execution counts, no widget state.

    Returns a new notebook (the argument is not changed).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "1", "execution_count": 1,
    ...                  "outputs": [{"output_type": "execute_result"}]}],
    ...       "metadata": {"widgets": {}}}
    >>> clear_outputs(nb)
    {'cells': [{'cell_type': 'code', 'source': '1', 'execution_count': None, 'outputs': []}], 'metadata': {}}
    """
    out = json.loads(json.dumps(nb))
    for c in out["cells"]:
        if c.get("cell_type") == "code":
            c["execution_count"], c["outputs"] = None, []
    out.get("metadata", {}).pop("widgets", None)
    return out


def course_lessons() -> list[Path]:
    """The course's numbered lessons as installed with the package (00_..., 01_..., ...).

    From a wheel they are the package data ``nanoedu/_lessons``; from a clone (an editable
    install, or the repository on ``sys.path``) they are the repository's ``lessons/`` folder.
    """
    here = Path(__file__).resolve().parent
    folders = [here / "_lessons", here.parent / "lessons"]
    for folder in folders:
        found = sorted(f for f in folder.glob("*.ipynb") if _LESSON_FILE.match(f.name))
        if found:
            return found
    raise ValueError(
        "the course's lessons are not installed with this copy of nanoedu (looked in "
        + ", ".join(str(f) for f in folders)
        + "); reinstall it from a wheel or a clone of the repository."
    )


def copy_lessons(directory: str | os.PathLike[str]) -> list[Path]:
    """Copy the course's lessons, outputs cleared, into ``directory`` (created if missing).

    Refuses, before writing anything, if a lesson of the same name is there already: a
    learner's work is never overwritten. Returns the paths written.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder; give a folder for the lessons.")
    lessons = course_lessons()
    taken = [folder / p.name for p in lessons if (folder / p.name).exists()]
    if taken:
        raise ValueError(
            "not copying: "
            + ", ".join(str(t) for t in taken)
            + (" exists" if len(taken) == 1 else " exist")
            + " already (nothing was overwritten). Move or rename what is there to start afresh, "
            "or copy into another folder."
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for p in lessons:
        target = folder / p.name
        nb = clear_outputs(_load(p))
        target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written
