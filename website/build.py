"""Build the course website: ``python website/build.py [--out _site]`` (``make site``).

1. Checks every lesson carries a clean run's stored outputs (the site never executes a lesson).
2. Stages the sources in ``OUT/src``: the landing page and API reference (``website/``), the
   lessons and docs as they sit in the repository (so a lesson page's Binder and download
   links name the repository's own paths), README's course map, and a bibliography page
   generated from ``nanoedu/references.py``.
3. Runs Sphinx (MyST-NB, book theme) into ``OUT/html`` with warnings as errors; the
   notebooks a lesson page offers for download are learner copies (outputs cleared).
4. Checks every internal link and anchor of the built HTML.

Any failure exits non-zero with a message naming the file. No network is used.
"""

from __future__ import annotations

import argparse
import html.parser
import pathlib
import shutil
import sys
import time
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE / "_ext")]  # this checkout's nanoedu; the site extension


class SiteError(Exception):
    """The site cannot be built as it is; the message names the file."""


# -- staging ----------------------------------------------------------------------------------
def bibliography_markdown() -> str:
    """The bibliography page: every entry of nanoedu/references.py, DOIs as links, and the
    parameters that cite it."""
    import nanoedu
    from nanoedu.parameters import ParameterSet, fields_of
    from nanoedu.references import REFERENCES

    cited_by: dict[str, list[str]] = {}
    for name in nanoedu.__all__:
        obj = getattr(nanoedu, name)
        if isinstance(obj, type) and issubclass(obj, ParameterSet):
            for field_name, f in fields_of(obj).items():
                cited_by.setdefault(f.source, []).append(f"`{name}.{field_name}`")
    lines = [
        "# Bibliography",
        "",
        "Every parameter default in nanoedu names its source; these are the sources "
        "(`nanoedu/references.py`, also printed by `nanoedu.cite(...)`). The keys "
        "`assumption`, `calibrated` and `design` are not papers: they mark a value that is a "
        "stated assumption, fitted to a published number, or a design choice.",
        "",
    ]
    for key, ref in sorted(REFERENCES.items(), key=lambda kv: (kv[1].authors.lower(), kv[0])):
        head = f"({ref.year})" if ref.year else ""
        text = " ".join(p for p in (ref.authors, head, f"{ref.title}.", ref.journal) if p)
        if ref.doi:
            text += f" doi:[{ref.doi}](https://doi.org/{ref.doi})"
        if ref.pmid:
            text += f" PMID [{ref.pmid}](https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/)"
        lines += [f"({key})=", f"**{key}**: {text}", ""]
        if ref.note:
            lines += [f"> {ref.note}", ""]
        if key in cited_by:
            lines += ["Cited by: " + ", ".join(sorted(cited_by[key])), ""]
    return "\n".join(lines)


def stage(src: pathlib.Path) -> None:
    """Copy what the site is built from into ``src`` (emptied first)."""
    if src.exists():
        shutil.rmtree(src)
    (src / "lessons").mkdir(parents=True)
    (src / "docs").mkdir()
    for page in HERE.glob("*.md"):
        shutil.copy2(page, src / page.name)
    for lesson in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb")):
        shutil.copy2(lesson, src / "lessons" / lesson.name)
    for doc in sorted((ROOT / "docs").rglob("*.md")):  # docs/ and its folders (teaching/)
        staged = src / "docs" / doc.relative_to(ROOT / "docs")
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(doc, staged)
    shutil.copy2(ROOT / "README.md", src / "README.md")  # only included (its course map)
    (src / "bibliography.md").write_text(bibliography_markdown())


# -- link check -------------------------------------------------------------------------------
class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if tag in ("a", "link", "img", "script") and a.get(attr):
                self.hrefs.append(a[attr])


def check_links(html_dir: pathlib.Path) -> list[str]:
    """Broken internal links and anchors of a built site, as "page: link" lines.

    External links (with a scheme or host), ``mailto:`` and ``javascript:`` are not followed;
    the theme's template fragments in ``_static/`` are not pages.
    """
    pages: dict[pathlib.Path, _Links] = {}
    for page in html_dir.rglob("*.html"):
        if page.relative_to(html_dir).parts[0] == "_static":
            continue
        parser = _Links()
        parser.feed(page.read_text(errors="replace"))
        pages[page.resolve()] = parser
    broken = []
    for page, parser in sorted(pages.items()):
        for href in parser.hrefs:
            url = urllib.parse.urlsplit(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = page if not url.path else (page.parent / urllib.parse.unquote(url.path))
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(html_dir.resolve())
            if not target.exists():
                broken.append(f"{rel}: {href} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if urllib.parse.unquote(url.fragment) not in ids:
                    broken.append(f"{rel}: {href} (no anchor #{url.fragment})")
    return broken


def learner_downloads(html_dir: pathlib.Path) -> None:
    """The "Download notebook" button serves a learner's copy: outputs cleared, so that the
    answers do not sit under the questions (as on Binder); the page shows the stored run."""
    from nanoedu.authoring import clear_outputs_in_place

    clear_outputs_in_place(sorted((html_dir / "_sources" / "lessons").glob("*.ipynb")))


# -- build ------------------------------------------------------------------------------------
def check_lessons() -> None:
    """Every lesson carries a clean run's outputs; otherwise SiteError naming the lesson (the
    site extension checks the staged lessons again, for a bare sphinx-build)."""
    from nanoedu_site import lesson_problems

    problem = lesson_problems(ROOT / "lessons")
    if problem:
        raise SiteError(problem)


def build(out: pathlib.Path, quiet: bool = True) -> dict:
    """Check, stage, build and link-check the site into ``out/html``; return a summary."""
    try:
        from sphinx.cmd.build import build_main
    except ImportError as err:
        raise SiteError(
            f"{err}: the website needs Python 3.11+ and the site extra (pip install -e '.[site]')"
        ) from err

    t0 = time.perf_counter()
    check_lessons()
    src, html_dir = out / "src", out / "html"
    stage(src)
    for old in (html_dir, out / "doctrees"):  # from scratch: a cached page hides its warnings
        if old.exists():
            shutil.rmtree(old)
    args = ["-b", "html", "-E", "-c", str(HERE), "-W", "--keep-going", "-d", str(out / "doctrees")]
    if quiet:
        args.append("-q")
    if build_main([*args, str(src), str(html_dir)]) != 0:
        raise SiteError("Sphinx reported errors or warnings (above), each naming its file")
    learner_downloads(html_dir)
    broken = check_links(html_dir)
    if broken:
        raise SiteError("broken internal links:\n  " + "\n  ".join(broken))
    pages = [p for p in html_dir.rglob("*.html") if p.relative_to(html_dir).parts[0] != "_static"]
    return {"seconds": time.perf_counter() - t0, "pages": len(pages), "html": html_dir}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "_site"), help="output folder (_site)")
    parser.add_argument("--verbose", action="store_true", help="Sphinx's full log")
    args = parser.parse_args(argv)
    try:
        summary = build(pathlib.Path(args.out).resolve(), quiet=not args.verbose)
    except SiteError as err:
        print(f"website: {err}", file=sys.stderr)
        return 1
    print(
        f"website: {summary['pages']} pages in {summary['seconds']:.1f} s -> "
        f"{summary['html']}/index.html"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
