"""Sphinx configuration of the course website (built by website/build.py; see README, "The
course as a website").

The site is rendered from what the repository stores: the lessons' committed outputs (never
executed here), docs/, the API's docstrings and nanoedu/references.py. It is built and viewed
offline: no CDN for MathJax, no widget JavaScript, no fonts from the network.
"""

from __future__ import annotations

import pathlib
import sys

import tomllib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT))  # the API reference documents this checkout's nanoedu

import nanoedu  # noqa: E402

project = "nanoedu"
author = "nanoedu developers"
copyright = "nanoedu developers; lessons and docs CC BY 4.0, code MIT"
release = version = nanoedu.__version__

#: The repository's address, from the one place it is set (pyproject.toml, [project.urls]).
REPOSITORY_URL = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"][
    "Repository"
]

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",  # MathJax 3 copied into _static/ (Sphinx's default is a CDN)
    "nanoedu_site",  # collapsed answers stay hidden; lessons must carry their outputs
]
root_doc = "index"
exclude_patterns = ["_build", "README.md"]  # README.md is staged only to be included

# -- notebooks: render the stored outputs, never execute -----------------------------------
nb_execution_mode = "off"
# Read lessons through nanoedu_site.read: a collapsed (answer-holding) cell source is removed.
# MyST-NB only sets its own reader for .ipynb when a project sets none.
nb_custom_formats = {".ipynb": "nanoedu_site.read"}
# A dashboard's output is {widget view, image/png, text/plain}. The widget view needs a live
# kernel, so the site shows the picture (and a question's text/plain), never an empty view.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}  # no require.js / widget manager from a CDN
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3  # "lesson 03, the section on pressure" has an address

# -- API reference --------------------------------------------------------------------------
numpydoc_show_class_members = False
autodoc_member_order = "bysource"

# -- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "nanoedu"
html_static_path = ["_static"]
# The site's own styles: text contrast of the lessons' stored outputs, the search field's label
html_css_files = ["nanoedu.css"]
html_favicon = "_static/favicon.svg"  # a page without one asks for /favicon.ico (a 404)
# pydata-sphinx-theme logs a console error when no colour mode is set
html_context = {"default_mode": "light"}
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": "main",
    "path_to_docs": "",  # the staged tree mirrors the repository: lessons/, docs/
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "notebook_interface": "jupyterlab",
    },
    "home_page_in_toc": True,
    "show_toc_level": 2,
}
html_last_updated_fmt = None
