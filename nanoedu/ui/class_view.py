"""The class's predictions in a notebook, for live use in class.

The same view as the class report (``python -m nanoedu class-report``,
:mod:`nanoedu.course.report`), shown in a lesson: the instructor points it at the folder where
the learners' records arrive (or at the files) and presses "Read the records again" as more
learners lock in. Anonymous: no names, no file paths.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from nanoedu.course.record import FILENAME, append_event
>>> folder = Path(tempfile.mkdtemp())
>>> append_event({"kind": "prediction", "lesson": "00", "key": "walk", "value": 8.0,
...               "unit": "times", "answer": 10.0, "close": True, "factor": 0.8},
...              folder / FILENAME)
>>> view = class_view(folder, lesson="00")
>>> "walk" in view.children[-1].value
True
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..course.report import lessons_html, load_records, summarise

__all__ = ["class_view"]


def _paths(folder_or_files: Any) -> list[Path]:
    if isinstance(folder_or_files, (str, os.PathLike)):
        return [Path(folder_or_files)]
    if isinstance(folder_or_files, Iterable):
        paths = list(folder_or_files)
        if paths and all(isinstance(p, (str, os.PathLike)) for p in paths):
            return [Path(p) for p in paths]
    raise ValueError(
        "class_view takes a folder of learners' records, a record file, or a list of them; "
        f"got {folder_or_files!r}."
    )


def class_view_html(folder_or_files: Any, lesson: Any = None) -> str:
    """The view's HTML: a line saying how many records were read, then per lesson (or only
    ``lesson``) the class's predictions, concept checks and exercise. Raises ``ValueError``
    for bad arguments or when no record is found."""
    loaded = load_records(_paths(folder_or_files))
    stats = summarise(loaded.learners)
    n = len(loaded.learners)
    head = (
        f"Read {loaded.read} of the {loaded.found} records found ({n} learner"
        f"{'s' if n != 1 else ''}); {len(loaded.skipped)} skipped"
        + (": " + "; ".join(str(s) for s in loaded.skipped) if loaded.skipped else "")
        + "."
    )
    body = lessons_html(stats, lesson=lesson, level=3)
    if not body:
        where = f"lesson {str(lesson).zfill(2)}" if lesson is not None else "any lesson"
        body = f"<p>No predictions, checks or exercises of {where} recorded yet.</p>"
    return (
        '<div style="max-width:60rem;color:#1a1a1a;background:#fff">'
        f"<p>{html.escape(head)}</p>{body}</div>"
    )


def class_view(folder_or_files: Any, lesson: Any = None) -> widgets.VBox:
    """The class's predictions (as the class report shows them) in a notebook: a button that
    reads the records again, and the view (an ``ipywidgets.HTML``, the box's last child).

    Parameters
    ----------
    folder_or_files : str, path, or list of them
        Record files, or folders searched (with their subfolders) for
        ``nanoedu-progress.json``: an nbgrader course's ``submitted/`` tree too.
    lesson : str or int, optional
        Show only this lesson ("03" or 3); default every lesson in the records.

    Raises
    ------
    ValueError
        For a path that does not exist, an unknown lesson, or when no record is found.
    """
    paths = _paths(folder_or_files)
    view = widgets.HTML(class_view_html(paths, lesson))
    again = widgets.Button(
        description="Read the records again",
        tooltip="Read the learners' records again (more may have locked in)",
        layout=widgets.Layout(width="auto"),
    )

    def refresh(_button: Any = None) -> None:
        try:
            view.value = class_view_html(paths, lesson)
        except ValueError as err:
            view.value = f'<p role="status">{html.escape(str(err))}</p>'

    again.on_click(refresh)
    box = widgets.VBox([again, view])
    box.refresh = refresh  # drivable from code, as the course's other widgets
    return box
