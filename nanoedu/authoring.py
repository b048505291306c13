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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Finding",
    "LessonReport",
    "anatomy_findings",
    "clear_outputs_in_place",
    "check_lesson",
    "clear_outputs",
    "copy_lessons",
    "course_lessons",
    "guide_answers",
    "sync_answers",
    "sync_self_checks",
    "new_lesson",
    "renumber_lessons",
    "lesson_slug",
]

TEMPLATE_NAME = "_template.ipynb"
#: Markers the template leaves for the author; a finished lesson has none.
PLACEHOLDERS = ("TODO", "{{NUMBER}}", "{{TITLE}}")
ALLOWED_IMPORTS = ("nanoedu", "numpy")
_LESSON_FILE = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
#: A prediction widget in a lesson's code, and a concept check.
PREDICTION_CALL = r"\b(?:Prediction|predict)\("
CHECK_CALL = r"\b(?:MultipleChoice|NumericQuestion|concept_check)\("


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
        re.search(CHECK_CALL, code) is not None,
        "a concept check (quiz widget)",
        "add a '## Concept checks' section with at least one concept_check(\"NN\", key) (its "
        "options and their feedback in nanoedu/course/lessons/lNN.py) or NumericQuestion(...)",
    )
    prompts = sum(len(re.findall(r"^\*\*Predict first\.\*\*", src, re.M)) for src in md_cells)
    n_pred = len(re.findall(PREDICTION_CALL, code))
    n_cmp = len(re.findall(r"\.compare\(\)", code))
    gated = re.search(r"\.(unlocks|reveal)\(", code) is not None
    add(
        "prediction widget",
        n_pred >= max(prompts, 1) and n_cmp >= n_pred and gated,
        f"{n_pred} locked prediction(s) for {prompts} predict-first prompt(s), each compared",
        "after each '**Predict first.**' prompt, let the learner lock in a prediction: a code "
        'cell with guess = predict("NN", key, answer=<the model\'s value>) (its question and '
        "reason in nanoedu/course/lessons/lNN.py, never in the cell), the dashboard shown with "
        "guess.unlocks(dashboard) (or model output with guess.reveal(text)), and later a cell "
        f"guess.compare(); found {n_pred} predictions for {prompts} prompt(s) and {n_cmp} "
        ".compare()",
    )
    cells = nb["cells"]
    open_checks = [
        i
        for i, c in enumerate(cells, start=1)
        if c.get("cell_type") == "code"
        and re.search(CHECK_CALL, _source(c))
        and not c.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)
    ]
    add(
        "collapsed concept checks",
        not open_checks,
        "concept-check code is collapsed (the answer is not in view)",
        "collapse the code of each concept check, so the answer is not read off the source: "
        'cell metadata {"jupyter": {"source_hidden": true}} (in JupyterLab: click the blue bar '
        "left of the cell); open: " + ", ".join(f"cell {i}" for i in open_checks),
    )
    missing_answers = [
        i
        for i, c in enumerate(cells, start=1)
        if c.get("cell_type") == "markdown"
        and "**Guiding questions**" in _source(c)
        and not (
            i < len(cells)
            and cells[i].get("cell_type") == "markdown"
            and "<details>" in _source(cells[i])
            and "Check your answers" in _source(cells[i])
        )
    ]
    add(
        "self-check answers",
        not missing_answers,
        "each block of guiding questions is followed by collapsed answers",
        "follow each '**Guiding questions**' cell with a markdown cell '<details><summary><b>Check "
        "your answers</b></summary> ... </details>' (for the course's lessons, `python -m nanoedu "
        "sync-answers` writes it from docs/instructor-guide.md); missing after "
        + ", ".join(f"cell {i}" for i in missing_answers),
    )
    add(
        "exercise checker",
        "check_exercise(" in code and re.search(r"=\s*\.\.\.(\s|$)", code) is not None,
        "the exercise has a skeleton (...) and a checker",
        "give the exercise a skeleton, 'value = ...  # what to compute', and end its cell with "
        'check_exercise("NN", value=value) (its expected values live in '
        "nanoedu/course/lessons/lNN.py; docs/extending.md shows how)",
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


def _nbval_results_finding(path: Path, results: Path) -> Finding:
    """Strict nbval's verdict on a lesson, read from a pytest JUnit XML that ran it.

    ``make test`` runs strict nbval of every lesson once, inside its pytest session
    (``--junitxml``); the checker reads that run instead of executing each lesson again. A
    lesson's cells are the test cases whose class name ends with the notebook's file name
    (pytest writes ``lessons/01_x.ipynb::Cell 3`` as class ``lessons.01_x.ipynb``).
    """
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(results).getroot()
    except (OSError, ET.ParseError) as err:
        raise ValueError(
            f"nbval_results = {str(results)!r} must be a readable pytest JUnit XML file "
            f"(pytest --junitxml=FILE --nbval ...): {err}"
        ) from None
    cases = [
        c
        for c in root.iter("testcase")
        if c.get("classname", "") == path.name or c.get("classname", "").endswith("." + path.name)
    ]
    if not cases:
        return Finding(
            "runs under nbval",
            False,
            f"{results} holds no nbval run of {path.name}: run strict nbval on it "
            f"(`make nbval`), or check it without --nbval-results",
        )
    if path.stat().st_mtime > results.stat().st_mtime:
        return Finding(
            "runs under nbval",
            False,
            f"{results} is older than {path.name}: its nbval run is of an earlier version; run "
            "strict nbval again (`make suite` or `make nbval`), or check without --nbval-results",
        )
    bad = [c for c in cases if c.find("failure") is not None or c.find("error") is not None]
    skipped = sum(c.find("skipped") is not None for c in cases)
    summary = f"{len(cases) - len(bad) - skipped} passed" + (f", {len(bad)} failed" if bad else "")
    if not bad:
        return Finding("runs under nbval", True, f"strict nbval passes ({summary}; {results})")
    where = ", ".join(c.get("name", "?") for c in bad)
    return Finding(
        "runs under nbval",
        False,
        f"strict nbval fails ({summary}; {results}); failing: {where}: run `pytest --nbval "
        f"{path}` to see the difference between stored and fresh outputs, then re-run the "
        "lesson and save",
    )


def check_lesson(
    path: str | os.PathLike[str],
    run: bool = True,
    nbval_results: str | os.PathLike[str] | None = None,
) -> LessonReport:
    """Report what a lesson lacks of the anatomy, and (if ``run``) whether nbval passes.

    With ``nbval_results`` (a pytest JUnit XML of a strict-nbval run that included the lesson)
    the nbval item is read from that run instead of executing the lesson again.

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
    if nbval_results is not None:
        report.findings.append(_nbval_results_finding(p, Path(nbval_results)))
    elif run:
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


def new_lesson(
    title: str, directory: str | os.PathLike[str] = "lessons", before: int | None = None
) -> Path:
    """Create a numbered lesson in ``directory`` from its ``_template.ipynb``.

    Without ``before`` it is the next number. With ``before=NN`` it becomes lesson NN and every
    lesson from NN on moves up one (:func:`renumber_lessons`: files, headings, the README's course
    map, the instructor guide's sections, links between lessons, exercise keys). The title goes
    into the first cell; every other placeholder (``TODO``) stays for the author, and
    :func:`check_lesson` reports each one until it is filled. Outputs are cleared.
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
    if before is None:
        number = max(numbers, default=-1) + 1
    else:
        if isinstance(before, bool) or not isinstance(before, int) or before not in numbers:
            raise ValueError(
                f"before = {before!r} must be the number of a lesson in {folder} "
                f"(one of {', '.join(f'{n:02d}' for n in sorted(numbers))})."
            )
        number = before
    if max(numbers, default=-1) + 1 > 99:
        raise ValueError(f"{folder} already holds lesson 99; lessons are numbered 00-99.")
    target = folder / f"{number:02d}_{lesson_slug(title)}.ipynb"
    if before is None and target.exists():
        raise ValueError(f"{target} exists already; choose another title.")
    if before is not None:
        renumber_lessons(folder, start=before)
    nb = _load(template)
    for c in nb["cells"]:
        src = _source(c).replace("{{NUMBER}}", f"{number:02d}").replace("{{TITLE}}", title.strip())
        c["source"] = src
        if c.get("cell_type") == "code":
            c["outputs"], c["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    modules = folder.resolve().parent / "nanoedu" / "course" / "lessons"
    module = modules / f"l{number:02d}.py"
    if modules.is_dir() and not module.exists():  # the lesson's content, to be filled in too
        module.write_text(MODULE_TEMPLATE.replace("{{NUMBER}}", f"{number:02d}"), encoding="utf-8")
    return target


#: The course module a new lesson starts with (``nanoedu/course/lessons/lNN.py``): its
#: prediction, concept check and exercise, each a TODO for the author (docs/extending.md).
MODULE_TEMPLATE = '''"""Lesson {{NUMBER}}: its predictions, concept checks and exercise (see ``nanoedu.course``)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content import Check, Exercise, Option, Part, PredictionText

PREDICTIONS: dict[str, PredictionText] = {
    "guess": PredictionText(
        question="TODO: the predict-first question, answered by one number (or choices=(...))",
        why="TODO: what the model's answer means (shown once the learner has locked in)",
        unit="TODO",
    ),
}

CHECKS: dict[str, Check] = {
    "check": Check(
        question="TODO: a question about the concept",
        options=(
            Option("TODO: the right answer", "TODO: why it is right"),
            Option(
                "TODO: a common misconception",
                "TODO: what this option gets wrong",
                misconception="TODO: the misconception, named for the instructor guide",
            ),
        ),
        answer=0,
        why="TODO: why the right answer is right (shown with it)",
    ),
}


@cache
def _solve() -> dict[str, Any]:
    return {"value": 0.0}  # TODO: compute each value the exercise asks for


EXERCISE = Exercise(
    parts=(Part("value", "TODO: what the value is, with its unit", hint="TODO: a hint"),),
    solve=_solve,
    solution="TODO: what the result means, quoting computed values as {value:.3g}",
)
'''


def _renumber_text(text: str, old: int, new: int, names: dict[str, str], code: bool) -> str:
    """References to lesson ``old`` in a text, made references to lesson ``new``."""
    a, b = f"{old:02d}", f"{new:02d}"
    for old_name, new_name in names.items():
        text = text.replace(old_name, new_name)
    if code:  # a module: only the exercise registry's keys and docstrings' "Lesson NN"
        text = re.sub(rf'(?<![\w.])"{a}"', f'"{b}"', text)
        return re.sub(rf"\b([Ll]esson) {a}\b", rf"\1 {b}", text)
    text = re.sub(rf"(?<![\d.]){a} · ", f"{b} · ", text)
    text = re.sub(rf"\b([Ll]essons?) {a}\b", rf"\1 {b}", text)
    text = re.sub(rf"\[{a} ", f"[{b} ", text)
    text = re.sub(rf"\| {a} (?=[A-Z])", f"| {b} ", text)
    return re.sub(rf'((?:check_exercise|predict|concept_check)\(\s*)"{a}"', rf'\1"{b}"', text)


def _renumber_outputs(cell: dict[str, Any], old: int, new: int) -> None:
    """Stored exercise feedback ("Exercise NN: ...") follows its lesson's new number."""
    pattern = re.compile(rf"\bExercise {old:02d}:")
    for out in cell.get("outputs", []):
        bundles = [out] if "text" in out else []
        bundles += [out["data"]] if "data" in out else []
        for bundle in bundles:
            for key, value in bundle.items():
                if key in ("text", "text/plain", "text/html"):
                    text = "".join(value) if isinstance(value, list) else value
                    moved = pattern.sub(f"Exercise {new:02d}:", text)
                    if moved != text:
                        is_list = isinstance(value, list)
                        bundle[key] = moved.splitlines(keepends=True) if is_list else moved


def renumber_lessons(directory: str | os.PathLike[str], start: int) -> list[tuple[Path, Path]]:
    """Move every lesson numbered ``start`` or more up by one, and every reference to it.

    The course's files that name lessons follow: the notebooks themselves (headings, links,
    ``check_exercise`` keys), ``README.md``, ``docs/*.md`` (instructor-guide sections, links)
    and the lesson's course module ``nanoedu/course/lessons/lNN.py`` (renamed), all relative to
    the folder above ``directory``. Returns ``(old, new)`` paths of the moved lessons.
    """
    folder = Path(directory)
    lessons = sorted(
        (int(m.group(1)), f) for f in folder.iterdir() if (m := _LESSON_FILE.match(f.name))
    )
    moving = [(n, f) for n, f in lessons if n >= start]
    if not moving:
        return []
    if lessons[-1][0] + 1 > 99:
        raise ValueError(f"{folder} already holds lesson 99; lessons are numbered 00-99.")
    root = folder.resolve().parent
    texts = [f for _, f in lessons]
    texts += [p for p in (root / "README.md",) if p.is_file()]
    texts += sorted((root / "docs").glob("*.md")) if (root / "docs").is_dir() else []
    modules = root / "nanoedu" / "course" / "lessons"
    contents = {p: p.read_text(encoding="utf-8") for p in texts if p.suffix != ".ipynb"}
    notebooks = {
        p: json.loads(p.read_text(encoding="utf-8")) for p in texts if p.suffix == ".ipynb"
    }
    moved = []
    for n, f in reversed(moving):  # highest first, so that no reference moves twice
        new_name = f"{n + 1:02d}{f.name[2:]}"
        names = {f.name: new_name}
        for p in contents:
            contents[p] = _renumber_text(contents[p], n, n + 1, names, code=False)
        for nb in notebooks.values():
            for c in nb["cells"]:
                src = _source(c)
                new_src = _renumber_text(src, n, n + 1, names, code=False)
                if new_src != src:
                    c["source"] = new_src.splitlines(keepends=True)
                if "check_exercise(" in src:  # its stored feedback names the exercise's key
                    _renumber_outputs(c, n, n + 1)
        moved.append((f, f.with_name(new_name)))
    for p, text in contents.items():
        p.write_text(text, encoding="utf-8")
    for p, nb in notebooks.items():
        p.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for old, new in moved:  # highest first: a target name is always free
        old.rename(new)
        module = modules / f"l{old.name[:2]}.py"
        if module.is_file():  # the lesson's course content follows its number
            text = _renumber_text(
                module.read_text(encoding="utf-8"),
                int(old.name[:2]),
                int(new.name[:2]),
                {},
                code=True,
            )
            module.write_text(text, encoding="utf-8")
            module.rename(modules / f"l{new.name[:2]}.py")
    return list(reversed(moved))


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


def copy_lessons(directory: str | os.PathLike[str], keep_existing: bool = False) -> list[Path]:
    """Copy the course's lessons, outputs cleared, into ``directory`` (created if missing).

    A learner's work is never overwritten: if a lesson of the same name is there already, this
    refuses before writing anything, or with ``keep_existing`` copies only the lessons that are
    missing (what ``make lab`` does each time it starts). Returns the paths written.
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} exists and is not a folder; give a folder for the lessons.")
    lessons = course_lessons()
    taken = [folder / p.name for p in lessons if (folder / p.name).exists()]
    if taken and not keep_existing:
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
        if target.exists():
            continue
        _write(target, clear_outputs(_load(p)))
        written.append(target)
    return written


def clear_outputs_in_place(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Clear the outputs of notebooks where they are (Binder's postBuild: the lessons it serves
    are the learner's, so the answers must not sit under the questions). Returns the paths."""
    done = []
    for path in paths:
        p = Path(path)
        _write(p, clear_outputs(_load(p)))
        done.append(p)
    return done


def _write(path: Path, nb: dict[str, Any]) -> None:
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# -- self-check answers: one source (the instructor guide) for the guide and the lessons -------
#: Cell metadata that marks a lesson's "Check your answers" block (its concept number).
SELF_CHECK_KEY = "nanoedu_self_check"
GUIDE_PATH = Path(__file__).resolve().parent.parent / "docs" / "instructor-guide.md"


def guide_answers(guide: str, number: int) -> dict[int, list[str]]:
    """The instructor guide's answers to lesson ``number``'s guiding questions, by concept.

    Examples
    --------
    >>> g = "## Lesson 07 · X\\n**Guiding questions, concept 2.**\\n1. Yes.\\n2. No.\\n"
    >>> guide_answers(g, 7)
    {2: ['Yes.', 'No.']}
    """
    parts = re.split(r"^## (?=Lesson \d\d )", guide, flags=re.M)
    section = next((p for p in parts if p.startswith(f"Lesson {number:02d} ")), None)
    if section is None:
        raise ValueError(f"the instructor guide has no '## Lesson {number:02d}' section.")
    found = {}
    for m in re.finditer(
        r"\*\*Guiding questions, concept (\d+)\.\*\*\n((?:\d+\. .*\n?)+)", section
    ):
        found[int(m.group(1))] = re.findall(r"^\d+\. (.*)$", m.group(2), re.M)
    return found


def self_check_markdown(answers: list[str]) -> str:
    """A collapsed "Check your answers" block (open it after answering the questions above)."""
    items = "\n".join(f"{i}. {a}" for i, a in enumerate(answers, start=1))
    return (
        "<details>\n<summary><b>Check your answers</b> (open after you have answered the "
        "questions above)</summary>\n\n"
        f"{items}\n</details>"
    )


def _guiding_concepts(nb: dict[str, Any]) -> list[tuple[int, int]]:
    """(cell index, concept number) of every markdown cell holding a guiding-questions block."""
    concept, out = 0, []
    for i, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell)
        for m in re.finditer(r"^## Concept (\d+)", text, re.M):
            concept = int(m.group(1))
        if re.search(r"^## Concept:", text, re.M):
            concept = 1
        if "**Guiding questions**" in text:
            out.append((i, concept))
    return out


def sync_self_checks(nb: dict[str, Any], guide: str, number: int) -> tuple[dict[str, Any], bool]:
    """Put the guide's answers in a collapsed block right after each guiding-questions cell
    (inserted if missing, rewritten if it differs). Returns (notebook, whether it changed)."""
    answers = guide_answers(guide, number)
    out = json.loads(json.dumps(nb))
    changed = False
    for i, concept in reversed(_guiding_concepts(out)):
        if concept not in answers:
            raise ValueError(
                f"lesson {number:02d} asks guiding questions after concept {concept}, but the "
                f"instructor guide has no '**Guiding questions, concept {concept}.**' answers."
            )
        text = self_check_markdown(answers[concept])
        nxt = out["cells"][i + 1] if i + 1 < len(out["cells"]) else None
        if nxt is not None and SELF_CHECK_KEY in nxt.get("metadata", {}):
            if _source(nxt) != text or nxt["metadata"][SELF_CHECK_KEY] != concept:
                nxt["source"], nxt["metadata"][SELF_CHECK_KEY] = text, concept
                changed = True
        else:
            cell = {"cell_type": "markdown", "metadata": {SELF_CHECK_KEY: concept}, "source": text}
            out["cells"].insert(i + 1, cell)
            changed = True
    return out, changed


#: Cell metadata that marks a lesson's "Show solution" block.
SOLUTION_KEY = "nanoedu_solution"


def solution_markdown(lesson: str) -> str:
    """The collapsed "Show solution" block of a lesson's exercise, made from the course's one
    solution (``nanoedu/course/lessons/lNN.py``): its code, which the checker and the tests
    run, and its explanation with the numbers that code computes (none typed in)."""
    import inspect

    from .course import exercise

    ex = exercise(lesson)
    code = "".join(
        line for line in inspect.getsource(ex.solve).splitlines(True) if not line.startswith("@")
    )
    explanation = ex.solution.format(**ex.solve()) if ex.solution else ""
    return (
        "<details>\n<summary><b>Show solution</b></summary>\n\n"
        "The course's solution, as code (the checker runs the same function):\n\n"
        f"```python\n{code.rstrip()}\n```\n"
        + (f"\n{explanation}\n" if explanation else "")
        + "</details>"
    )


def sync_solution(nb: dict[str, Any], number: int) -> tuple[dict[str, Any], bool]:
    """Rewrite the lesson's "Show solution" block (the markdown cell holding it, or the one
    marked with :data:`SOLUTION_KEY`) from the course's solution. Returns (notebook, changed)."""
    out = json.loads(json.dumps(nb))
    text = solution_markdown(f"{number:02d}")
    for cell in out["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        marked = SOLUTION_KEY in cell.get("metadata", {})
        if marked or ("<details>" in _source(cell) and "Show solution" in _source(cell)):
            if _source(cell) == text and marked:
                return out, False
            cell["source"] = text
            cell.setdefault("metadata", {})[SOLUTION_KEY] = True
            return out, True
    raise ValueError(f"lesson {number:02d} has no 'Show solution' block to write.")


def sync_answers(
    paths: Sequence[str | os.PathLike[str]], guide_path: Path = GUIDE_PATH
) -> list[Path]:
    """Rewrite the self-check blocks of these lessons from the instructor guide, and their
    "Show solution" block from the course's solution; returns the lessons that changed (re-run
    them afterwards: their cell count may have changed)."""
    guide = Path(guide_path).read_text(encoding="utf-8")
    changed = []
    for path in paths:
        p = Path(path)
        m = _LESSON_FILE.match(p.name)
        if not m:
            raise ValueError(f"{p.name} is not a numbered lesson (NN_name.ipynb).")
        nb, did = sync_self_checks(_load(p), guide, int(m.group(1)))
        nb, did_solution = sync_solution(nb, int(m.group(1)))
        if did or did_solution:
            _write(p, nb)
            changed.append(p)
    return changed


#: The reading-and-doing model behind every lesson's stated time (minutes). Not a classroom
#: trial: a rule an instructor can check and refine with their own class (docs/extending.md).
TIME_MODEL = {
    "words per minute": 100.0,  # careful reading of technical text with equations
    "per prediction": 2.0,  # think, type, lock in; read the comparison later
    "per dashboard": 3.0,  # explore beyond the guiding questions
    "per guiding question": 2.0,  # move a control, reason, check the answer
    "per concept check": 1.0,
    "per exercise": 12.0,  # write the lines, run, act on the checker's hints
}


def estimated_minutes(nb: dict[str, Any]) -> float:
    """A lesson's working time by :data:`TIME_MODEL`: reading plus each thing it asks a learner
    to do.

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "markdown", "source": "word " * 100}]}
    >>> estimated_minutes(nb)
    1.0
    """
    m = TIME_MODEL
    md = "\n".join(_source(c) for c in nb["cells"] if c.get("cell_type") == "markdown")
    code = "\n".join(_source(c) for c in nb["cells"] if c.get("cell_type") == "code")
    guiding = 0
    for c in nb["cells"]:
        text = _source(c)
        if c.get("cell_type") == "markdown" and "**Guiding questions**" in text:
            guiding += len(re.findall(r"^\d+\. ", text.split("**Guiding questions**", 1)[1], re.M))
    words = len(re.findall(r"[A-Za-z]+", md))
    return (
        words / m["words per minute"]
        + m["per prediction"] * len(re.findall(PREDICTION_CALL, code))
        + m["per dashboard"] * len(set(re.findall(r"\b(\w+_dashboard)\(", code)))
        + m["per guiding question"] * guiding
        + m["per concept check"] * len(re.findall(CHECK_CALL, code))
        + m["per exercise"] * md.count("## Exercise")
    )
