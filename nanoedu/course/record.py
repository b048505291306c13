"""A learner's record: what they predicted, explained, chose and tried, kept beyond the kernel.

Every locked prediction, saved explanation, answered concept check and exercise attempt is
appended, as it happens, to one small JSON file beside the learner's lessons
(``nanoedu-progress.json`` in the folder the notebook runs in). The file is the learner's: a
Binder session ends and the record goes with it unless they download it, which lesson 00 and
the README ask them to do; ``python -m nanoedu progress`` summarises it, and an instructor's
class report reads it.

The format (``SCHEMA``, version ``VERSION``)::

    {"schema": "nanoedu-progress", "version": 1, "created": "<UTC time>",
     "events": [{"time": "<UTC time>", "kind": "prediction", "lesson": "03", "key": ..., ...},
                ...]}

with four kinds of event:

- ``prediction``: ``value`` (the locked number, or the chosen option's text), ``unit`` or
  ``choices``, ``answer`` (the model's value or option), ``close`` (within the prediction's
  tolerance, or the right option), ``factor`` (numeric: prediction / model);
- ``explanation``: ``text``, what the learner wrote after the reveal;
- ``check``: ``choice`` (the option's text), ``correct``;
- ``exercise``: ``parts`` (name -> {"value", "right"}), ``all_right``.

Writes are atomic (a temporary file in the same folder, then an atomic rename) under a lock
file, so a killed kernel or two lessons open at once never leave a half-written or
lost record; re-running a lesson appends, never erases. A file that is not valid JSON, or not
this schema and version, is reported and left exactly as it was: nothing is written over it.

``NANOEDU_PROGRESS`` (environment) chooses the file: a path (a folder gets the default name),
or ``off`` to keep no record (the test suite does, so that running the lessons as tests writes
nothing).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> append_event({"kind": "check", "lesson": "01", "key": "corona", "choice": "b",
...               "correct": True}, folder / FILENAME)
>>> [e["kind"] for e in read_record(folder / FILENAME)["events"]]
['check']
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "FILENAME",
    "KINDS",
    "SCHEMA",
    "VERSION",
    "RecordError",
    "append_event",
    "new_record",
    "progress_path",
    "read_record",
    "record",
]

SCHEMA = "nanoedu-progress"
VERSION = 1
FILENAME = "nanoedu-progress.json"
KINDS = ("prediction", "explanation", "check", "exercise")
ENV = "NANOEDU_PROGRESS"


class RecordError(ValueError):
    """A progress file that cannot be read as this schema and version (left as it is)."""


def progress_path() -> Path | None:
    """The record's file: ``$NANOEDU_PROGRESS`` (a file, a folder, or ``off``), else
    ``nanoedu-progress.json`` in the current folder (a notebook's own folder in Jupyter)."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if not chosen:
        return Path.cwd() / FILENAME
    path = Path(chosen).expanduser()
    return path / FILENAME if path.is_dir() else path


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def new_record() -> dict[str, Any]:
    """An empty record of this schema and version."""
    return {"schema": SCHEMA, "version": VERSION, "created": _now(), "events": []}


def read_record(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a record; raises :class:`RecordError` saying what is wrong (never
    changes the file)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise RecordError(f"{path} is not a readable JSON file ({err}).") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise RecordError(f"{path} is not a nanoedu progress record (no schema {SCHEMA!r}).")
    if data.get("version") != VERSION:
        raise RecordError(
            f"{path} is a nanoedu progress record of version {data.get('version')!r}; "
            f"this nanoedu reads version {VERSION}."
        )
    events = data.get("events")
    if not isinstance(events, list) or not all(
        isinstance(e, dict) and e.get("kind") in KINDS for e in events
    ):
        raise RecordError(f"{path}: its events are not a list of known kinds {KINDS}.")
    return data


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``'s side file while a record is read and rewritten (POSIX;
    elsewhere the atomic rename alone protects the file)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _plain(value: Any) -> Any:
    """A JSON-safe copy of a learner's value (numpy scalars as numbers, others as text)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    try:
        return _plain(value.item())  # numpy scalar
    except (AttributeError, ValueError):
        return repr(value)[:200]


def append_event(event: dict[str, Any], path: str | os.PathLike[str] | None = None) -> None:
    """Append one event (its ``time`` added) to the record at ``path`` (default
    :func:`progress_path`; nothing is written when that is off). Raises :class:`RecordError`
    for a file it must not write over, ``OSError`` when the folder cannot be written."""
    if event.get("kind") not in KINDS:
        raise ValueError(f"event kind {event.get('kind')!r} is not one of {KINDS}.")
    target = Path(path) if path is not None else progress_path()
    if target is None:
        return
    entry = {"time": _now(), **{k: _plain(v) for k, v in event.items()}}
    with _locked(target):
        try:
            data = read_record(target)
        except FileNotFoundError:
            data = new_record()
        data["events"].append(entry)
        _write_atomic(target, data)


def record(event: dict[str, Any]) -> str:
    """Append an event for a widget: returns "" when saved (or when records are off), else a
    sentence for the learner saying why it was not saved. Never raises."""
    try:
        append_event(event)
    except RecordError as err:
        return f"(Not saved: {err} It was left as it is; move or rename it to start a new record.)"
    except OSError as err:
        return f"(Not saved: the progress file could not be written: {err}.)"
    return ""
