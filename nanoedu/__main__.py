"""``python -m nanoedu``: the learner's and the instructor's commands (lessons, progress,
assignments, class-report, inventory, clear-outputs, sync-answers, new-lesson, check-lesson)."""

from __future__ import annotations

import argparse
import sys

from .authoring import (
    check_lesson,
    clear_outputs_in_place,
    copy_lessons,
    new_lesson,
    sync_answers,
)

#: Commands whose module parses its own arguments: name -> (module, one-line summary).
_DELEGATED = {
    "assignments": (
        ".course.assignments",
        "write an nbgrader course directory (nbgrader_config.py, source/lessonNN/ and the "
        "concept inventory's source/inventory/) from the lessons (--help for its options)",
    ),
    "class-report": (
        ".course.report",
        "one HTML page of a class's predictions, checks and exercises from learners' records "
        "(anonymous; --help for its options)",
    ),
    "inventory": (
        ".course.inventory",
        "the concept inventory: sync-doc (its page from the package's items), gain (a class's "
        "normalised gain from nbgrader's grades.csv), responses (the letters learners chose)",
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nanoedu",
        description="Copy the course's lessons to work in; tools for instructors who extend "
        "the course (see docs/extending.md).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    copy = sub.add_parser(
        "lessons", help="copy the course's lessons (outputs cleared) into a folder to work in"
    )
    copy.add_argument("dir", help="folder to copy them into (created if missing)")
    copy.add_argument(
        "--keep-existing",
        action="store_true",
        help="copy only the lessons not already there (never overwrites; what `make lab` runs)",
    )
    progress = sub.add_parser(
        "progress",
        help="summarise a learner's record (nanoedu-progress.json): predictions, checks, "
        "exercises, per lesson",
    )
    progress.add_argument(
        "dir", nargs="?", default=".", help="the folder holding the record (default: here)"
    )
    progress.add_argument(
        "--html", metavar="FILE", default=None, help="also write the summary as an HTML page"
    )
    for name, (_, summary) in _DELEGATED.items():
        sub.add_parser(name, help=summary)
    clear = sub.add_parser(
        "clear-outputs",
        help="clear the outputs of notebooks in place (Binder's postBuild, for the learner)",
    )
    clear.add_argument("paths", nargs="+", help="notebooks to clear")
    sync = sub.add_parser(
        "sync-answers",
        help="rewrite the lessons' 'Check your answers' blocks from docs/instructor-guide.md",
    )
    sync.add_argument("paths", nargs="+", help="lesson notebooks to update")
    new = sub.add_parser("new-lesson", help="create the next numbered lesson from the template")
    new.add_argument("title", help='the lesson\'s title, e.g. "Do particles settle in the dish?"')
    new.add_argument("--dir", default="lessons", help="folder holding _template.ipynb")
    new.add_argument(
        "--before",
        type=int,
        default=None,
        metavar="NN",
        help="insert as lesson NN and move lesson NN and later ones up by one",
    )
    check = sub.add_parser(
        "check-lesson", help="report what a lesson lacks of the anatomy; run it under nbval"
    )
    check.add_argument("paths", nargs="+", help="lesson notebooks to check")
    check.add_argument(
        "--no-run", action="store_true", help="check the anatomy only (do not run nbval)"
    )
    check.add_argument(
        "--nbval-results",
        metavar="XML",
        default=None,
        help="read strict nbval's results from this pytest --junitxml file instead of running "
        "each lesson again (make test does)",
    )
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in _DELEGATED:  # commands with a parser of their own
        module, _ = _DELEGATED[argv[0]]
        import importlib

        return importlib.import_module(module, __package__).main(argv[1:])
    args = parser.parse_args(argv)

    try:
        if args.command == "lessons":
            written = copy_lessons(args.dir, keep_existing=args.keep_existing)
            if not written:
                print(f"Your lessons in {args.dir} are all there already; nothing was copied.")
                return 0
            print(
                f"Copied {len(written)} lessons (no outputs) into {args.dir}. Start with:\n"
                f"  jupyter lab {written[0]}"
            )
            return 0
        if args.command == "progress":
            return _progress(args.dir, args.html)
        if args.command == "sync-answers":
            changed = sync_answers(args.paths)
            print(
                f"Updated the self-check answers of {len(changed)} lessons"
                + (": re-run them (make run-lessons) and save." if changed else ".")
            )
            return 0
        if args.command == "clear-outputs":
            done = clear_outputs_in_place(args.paths)
            print(f"Cleared the outputs of {len(done)} notebooks.")
            return 0
        if args.command == "new-lesson":
            path = new_lesson(args.title, args.dir, before=args.before)
            moved = (
                f"Lessons {args.before:02d} and later moved up by one (files, README, docs, "
                "links, exercise keys).\n"
                if args.before is not None
                else ""
            )
            print(
                f"Created {path} from {args.dir}/_template.ipynb.\n"
                + moved
                + "Next: replace every TODO (docs/extending.md shows a filled example), run the "
                "lesson top to bottom and save it, add it to the README's course map, then:\n"
                f"  python -m nanoedu check-lesson {path}"
            )
            return 0
        failed = 0
        for p in args.paths:
            report = check_lesson(p, run=not args.no_run, nbval_results=args.nbval_results)
            print(report.text())
            failed += not report.ok
        if len(args.paths) > 1:
            print(f"{len(args.paths) - failed} of {len(args.paths)} lessons complete.")
        return 1 if failed else 0
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _progress(folder: str, html_path: str | None) -> int:
    """Print (and optionally write as HTML) the summary of the record in ``folder``."""
    from pathlib import Path

    from .course import FILENAME, RecordError, read_record, summary_html, summary_text

    path = Path(folder)
    path = path / FILENAME if path.is_dir() else path
    try:
        record = read_record(path)
    except FileNotFoundError:
        print(
            f"No record at {path}: it is written beside your lessons as you lock predictions, "
            "answer checks and try exercises.",
            file=sys.stderr,
        )
        return 2
    except RecordError as err:
        print(f"error: {err} It was left as it is.", file=sys.stderr)
        return 2
    print(summary_text(record))
    if html_path:
        Path(html_path).write_text(summary_html(record), encoding="utf-8")
        print(f"Wrote {html_path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
