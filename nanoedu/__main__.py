"""``python -m nanoedu``: the learner's and the instructor's commands (lessons, new-lesson, check-lesson)."""

from __future__ import annotations

import argparse
import sys

from .authoring import check_lesson, copy_lessons, new_lesson


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
    new = sub.add_parser("new-lesson", help="create the next numbered lesson from the template")
    new.add_argument("title", help='the lesson\'s title, e.g. "Do particles settle in the dish?"')
    new.add_argument("--dir", default="lessons", help="folder holding _template.ipynb")
    check = sub.add_parser(
        "check-lesson", help="report what a lesson lacks of the anatomy; run it under nbval"
    )
    check.add_argument("paths", nargs="+", help="lesson notebooks to check")
    check.add_argument(
        "--no-run", action="store_true", help="check the anatomy only (do not run nbval)"
    )
    args = parser.parse_args(argv)

    try:
        if args.command == "lessons":
            written = copy_lessons(args.dir)
            print(
                f"Copied {len(written)} lessons into {args.dir}. Start with:\n"
                f"  jupyter lab {written[0]}"
            )
            return 0
        if args.command == "new-lesson":
            path = new_lesson(args.title, args.dir)
            print(
                f"Created {path} from {args.dir}/_template.ipynb.\n"
                "Next: replace every TODO (docs/extending.md shows a filled example), run the "
                "lesson top to bottom and save it, add it to the README's course map, then:\n"
                f"  python -m nanoedu check-lesson {path}"
            )
            return 0
        failed = 0
        for p in args.paths:
            report = check_lesson(p, run=not args.no_run)
            print(report.text())
            failed += not report.ok
        if len(args.paths) > 1:
            print(f"{len(args.paths) - failed} of {len(args.paths)} lessons complete.")
        return 1 if failed else 0
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
