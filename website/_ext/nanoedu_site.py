"""Sphinx extension of the course website.

- Concept checks keep their answers hidden: a lesson's question cells have their source
  collapsed in JupyterLab (``metadata.jupyter.source_hidden``), which MyST-NB does not know;
  here such cells get the ``remove-input`` tag, so the page shows the question (the output)
  and never the source that holds the answer.
- A lesson without its stored outputs (not run, cleared, or a dashboard without its static
  figure) fails the build, naming the file: the site renders what the repository stores and
  never executes a lesson.
"""

from __future__ import annotations

import pathlib
from typing import Any

import nbformat
from sphinx.errors import ExtensionError


def missing_outputs(nb: Any, titles: frozenset[str]) -> list[str]:
    """What a lesson lacks of a clean run's stored outputs (empty when it has them all)."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if not any(c.get("outputs") for _, c in code):
        return ["it has no stored outputs (run it top to bottom: make run-lessons)"]
    problems = []
    for i, cell in code:
        if cell.get("execution_count") is None and cell.source.strip():
            problems.append(f"cell {i} was not run (no execution count)")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            title = "".join(data.get("text/plain", "")).split("\n")[0]
            if title in titles and "image/png" not in data:
                problems.append(f"cell {i}: dashboard {title!r} has no static figure (image/png)")
    return problems


def lesson_problems(lessons: pathlib.Path) -> str | None:
    """The first lesson in ``lessons`` that lacks its stored outputs, and what it lacks."""
    from nanoedu.ui import dashboard_titles

    titles = dashboard_titles()
    for path in sorted(lessons.glob("[0-9][0-9]_*.ipynb")):
        problems = missing_outputs(nbformat.read(path, as_version=4), titles)
        if problems:
            return f"lessons/{path.name}: " + "; ".join(problems)
    return None


def check_lessons(app: Any) -> None:
    """Refuse to build a site from lessons without their stored outputs."""
    problem = lesson_problems(pathlib.Path(app.srcdir, "lessons"))
    if problem:
        raise ExtensionError(problem)


def read(text: str) -> Any:
    """MyST-NB notebook reader: a collapsed source cell gets the ``remove-input`` tag, and a
    dashboard's picture gets its title and readout as alternative text."""
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:
        if cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
            tags = cell.metadata.setdefault("tags", [])
            if "remove-input" not in tags:
                tags.append("remove-input")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data and "text/plain" in data:
                alt = " ".join("".join(data["text/plain"]).split())
                cell.metadata.setdefault("mystnb", {})["image"] = {"alt": alt}
    return nb


#: numpydoc's section names, which a module docstring may use too.
_SECTIONS = {"Examples", "Notes", "References", "See Also", "Parameters", "Returns"}


def module_sections_as_rubrics(_app, what, _name, _obj, _options, lines) -> None:
    """numpydoc leaves module docstrings alone, so their "Examples" heading would become a
    section of the API page, and two modules' sections the same duplicate id. A rubric is a
    heading that makes no section."""
    if what != "module":
        return
    for i in range(len(lines) - 1):
        title, rule = lines[i].strip(), lines[i + 1].strip()
        if title in _SECTIONS and rule and set(rule) == {"-"}:
            lines[i], lines[i + 1] = f".. rubric:: {title}", ""


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", check_lessons)
    app.connect("autodoc-process-docstring", module_sections_as_rubrics)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
