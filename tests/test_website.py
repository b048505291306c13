"""The course website (website/build.py): built offline from the stored lessons, then read in
headless Chromium: every lesson page renders without console errors and shows one figure
per dashboard, answers stay hidden, internal links and anchors work, search finds the brain.

Screenshots of the landing page and of lesson 01 go to test-artifacts/ (site-*.png). axe-core
(the copy the test extra's axe-playwright-python ships, so no network) checks every page.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import pathlib
import socket
import threading

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, dashboard_outputs, dashboard_titles, need_browser

# Sphinx 8+ needs Python 3.11 (the test extra installs the site's tools there only)
pytest.importorskip("sphinx", reason="the website needs the test extra on Python 3.11+")
tomllib = pytest.importorskip("tomllib")

ROOT = pathlib.Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site_build = _load("site_build", ROOT / "website" / "build.py")
site_ext = _load("nanoedu_site", ROOT / "website" / "_ext" / "nanoedu_site.py")


# -- what fails the build (fast) ----------------------------------------------------------------
def _page(path: pathlib.Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>")


def test_the_link_checker_names_the_page_and_the_broken_link(tmp_path):
    _page(tmp_path / "index.html", '<a href="lessons/a.html#concept-1">ok</a><a href="#top">x</a>')
    _page(tmp_path / "lessons" / "a.html", '<h2 id="concept-1">C</h2><a href="../b.html">b</a>')
    _page(tmp_path / "c.html", '<a href="lessons/a.html#concept-9">gone</a><a id="top"></a>')
    _page(tmp_path / "d.html", '<a href="https://example.org/x.html">external</a>')
    broken = site_build.check_links(tmp_path)
    assert broken == [
        "c.html: lessons/a.html#concept-9 (no anchor #concept-9)",
        "index.html: #top (no anchor #top)",
        "lessons/a.html: ../b.html (no such file)",
    ]


def test_a_lesson_without_stored_outputs_fails_the_build_naming_it(tmp_path, monkeypatch):
    import nbformat
    from sphinx.errors import ExtensionError

    (tmp_path / "lessons").mkdir()
    nb = nbformat.read(ROOT / "lessons" / "01_size_matters.ipynb", as_version=4)
    titles = dashboard_titles()
    assert site_ext.missing_outputs(nb, titles) == []
    dash = next(
        c for c in nb.cells if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    )
    for out in dash.outputs:
        out.get("data", {}).pop("image/png", None)
    assert "has no static figure" in site_ext.missing_outputs(nb, titles)[0]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, tmp_path / "lessons" / "01_size_matters.ipynb")
    app = type("App", (), {"srcdir": str(tmp_path)})()
    with pytest.raises(ExtensionError, match=r"lessons/01_size_matters\.ipynb: it has no stored"):
        site_ext.check_lessons(app)  # a bare sphinx-build of such a lesson
    monkeypatch.setattr(site_build, "ROOT", tmp_path)
    with pytest.raises(site_build.SiteError, match=r"lessons/01_size_matters\.ipynb: it has no"):
        site_build.check_lessons()  # website/build.py, before anything is staged


def test_readme_and_citation_name_the_repository_the_site_links_to():
    owner_repo = REPOSITORY.removeprefix("https://github.com/")
    assert f"mybinder.org/v2/gh/{owner_repo}/" in (ROOT / "README.md").read_text()
    assert f'repository-code: "{REPOSITORY}"' in (ROOT / "CITATION.cff").read_text()


# -- the built site ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built from scratch with every network connection refused."""
    out = tmp_path_factory.mktemp("site")

    def refuse(self, address, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"the website build must not use the network (tried {address})")
        return connect(self, address, *args)

    connect = socket.socket.connect
    socket.socket.connect = refuse
    try:
        summary = site_build.build(out)
    finally:
        socket.socket.connect = connect
    return summary


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site["html"]))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(server):
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, url: str):
    """A page at ``url`` and the console errors, page errors and failed requests it caused."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


@pytest.mark.slow
def test_the_site_has_a_page_per_lesson_and_guide_and_no_broken_link(site):
    html = site["html"]
    for lesson in LESSONS:
        assert (html / "lessons" / f"{lesson.stem}.html").exists(), lesson.name
    for page in (
        "index",
        "api",
        "bibliography",
        "search",
        "docs/instructor-guide",
        "docs/extending",
        "docs/science",
    ):
        assert (html / f"{page}.html").exists(), page
    assert site_build.check_links(html) == []
    bib = (html / "bibliography.html").read_text()
    assert 'href="https://doi.org/10.1038/nbt1340"' in bib  # Choi 2007, a DOI as a link
    # the API reference renders the docstrings' equations (MathJax, served from the site)
    api = (html / "api.html").read_text()
    assert "nanoedu.models.pharmacokinetics.biodistribution" in api and "\\frac" in api
    assert (html / "_static" / "mathjax" / "tex-chtml.js").exists()
    # the notebook a lesson page offers for download is the learner's copy, as on Binder
    for lesson in LESSONS:
        offered = json.loads((html / "_sources" / "lessons" / lesson.name).read_text())
        cells = [c for c in offered["cells"] if c["cell_type"] == "code"]
        assert cells and all(c["outputs"] == [] for c in cells), lesson.name


@pytest.mark.slow
def test_no_lesson_page_states_a_predictions_reason(site):
    """A page shows each prediction's question, never its reason (which lives in the course's
    content and reaches a learner only after the lock), nor a held-back dashboard's readout."""
    import html
    import re

    from test_leaks import reason_clauses

    from nanoedu.course import lesson_content

    for lesson in LESSONS:
        page = (site["html"] / "lessons" / f"{lesson.stem}.html").read_text(encoding="utf-8")
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).lower().split())
        for key, p in lesson_content(lesson.name[:2]).PREDICTIONS.items():
            for piece in re.split(r"\{[^}]*\}", p.why):  # the reason's own words
                for clause in reason_clauses(piece):
                    assert clause not in text, (lesson.name, key, clause)


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_a_lesson_page_shows_every_dashboard_and_hides_every_answer(browser, server, lesson):
    page, errors = _open(browser, f"{server}/lessons/{lesson.stem}.html")
    try:
        assert errors == []
        figures = page.locator("main .cell_output img")
        assert figures.count() == len(dashboard_outputs(json.loads(lesson.read_text())))
        for i in range(figures.count()):  # every picture loaded, and says what it shows
            assert figures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
            assert len(figures.nth(i).get_attribute("alt")) > 40
        text = page.locator("main").inner_text()
        # concept checks show their question, never the source holding the answer
        assert "answer=" not in page.content()
        assert "(a)" in text
        # self-check answers and solutions are collapsed
        details = page.locator("main details")
        assert details.count() >= 2
        assert all(not details.nth(i).get_attribute("open") for i in range(details.count()))
        # launch on Binder (this lesson, in JupyterLab) and download the notebook
        owner_repo = REPOSITORY.removeprefix("https://github.com/")
        binder = page.locator(f'a[href*="mybinder.org/v2/gh/{owner_repo}/"]')
        assert f"urlpath=lab/tree/lessons/{lesson.name}" in binder.first.get_attribute("href")
        assert page.locator(f'a[href$="_sources/lessons/{lesson.name}"]').count() >= 1
        if lesson.name.startswith("01"):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "site-lesson-01.png"))
            page.evaluate("window.scrollTo(0, 0)")
            figures.first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "site-lesson-01-dashboard.png"))
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_landing_page_leads_to_every_lesson(browser, server):
    page, errors = _open(browser, f"{server}/index.html")
    try:
        assert errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "site-landing.png"))
        for lesson in LESSONS:
            assert page.locator(f'main a[href="lessons/{lesson.stem}.html"]').count() >= 1
    finally:
        page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_search_finds_the_blood_brain_barrier(browser, server):
    page, errors = _open(browser, f"{server}/search.html?q=blood-brain+barrier")
    try:
        page.wait_for_selector("#search-results li", timeout=15000)
        hits = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.href)")
        assert any("lessons/03_barriers.html" in h for h in hits), hits
        assert errors == []
    finally:
        page.close()


#: The axe-core rules a page must pass with no serious or critical violation: all the rules
#: axe runs by default, and "label-content-name-mismatch" (WCAG 2.5.3, label in name), which
#: axe 4.12 still calls experimental and axe 4.14 runs by default.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


def _site_pages(html: pathlib.Path) -> list[str]:
    """Every page of the built site, as a path relative to it: the lessons, the landing page,
    the API reference, the bibliography, search, docs/*, and Sphinx's genindex and py-modindex
    (served, and linked from the pages' head); the theme's template fragments in _static/ are
    not pages."""
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if p.relative_to(html).parts[0] != "_static"
    )


def _axe_nodes(nodes: list[dict]) -> str:
    """Where a violation is: the first offending nodes' selectors, and what axe says of the
    first (a contrast's colours and ratio, say)."""
    where = ", ".join(
        " ".join(t if isinstance(t, str) else " >>> ".join(t) for t in n["target"])
        for n in nodes[:3]
    )
    more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
    checks = [c["message"] for kind in ("any", "all", "none") for c in nodes[0].get(kind, [])]
    return f"at {where}{more}" + (f": {checks[0]}" if checks else "")


@pytest.mark.slow
@pytest.mark.browser
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, server, site):
    """axe-core over every page as a reader sees it (light theme, MathJax typeset): no
    violation of impact serious or critical. One browser page visits them all."""
    from importlib.resources import files

    axe = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    pages = _site_pages(site["html"])
    assert {"index.html", "api.html", "search.html", "lessons/01_size_matters.html"} <= set(pages)
    assert len(pages) >= len(LESSONS) + 6, pages
    found = []
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    try:
        for rel in pages:
            page.goto(f"{server}/{rel}")
            # a page with equations is checked as typeset (MathJax 3's startup promise)
            page.evaluate("() => window.MathJax?.startup?.promise")
            page.add_script_tag(content=axe)
            results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
            for v in results["violations"]:
                if v["impact"] in ("serious", "critical"):
                    found.append(f"{rel}: {v['id']} ({v['impact']}) {_axe_nodes(v['nodes'])}")
    finally:
        page.close()
    assert not found, "axe-core:\n  " + "\n  ".join(found)
