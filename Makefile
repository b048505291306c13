# Every target sets itself up: `make lab` and `make test` create .venv when it is missing.
PYTHON ?= python3
# The version matrix of .ci/run points VENV at a fresh folder per Python and, for the
# lowest-dependency run, CONSTRAINTS at a pip constraints file (.ci/lowest-pins.py writes it).
VENV ?= .venv
CONSTRAINTS ?=
PIP_CONSTRAINTS := $(if $(CONSTRAINTS),-c $(abspath $(CONSTRAINTS)),)
BIN := $(VENV)/bin
STAMP_LAB := $(VENV)/.installed-lab
STAMP_CORE := $(VENV)/.installed-test-core
STAMP_TEST := $(VENV)/.installed-test

# Every pytest run uses both cores (pytest-xdist) unless XDIST is set empty (`make quick
# XDIST=`). --dist loadscope keeps a module's tests, and a notebook's cells, on one worker:
# nbval runs a lesson's cells in order in one kernel.
XDIST ?= -n 2 --dist loadscope
PYTEST = MPLBACKEND=Agg $(BIN)/python -m pytest -q
# Strict nbval of every lesson: stored outputs compared, lessons/sanitize.cfg applied.
LESSON_FILES := $(sort $(wildcard lessons/[0-9][0-9]_*.ipynb))
NBVAL = --nbval --nbval-current-env --nbval-sanitize-with lessons/sanitize.cfg $(LESSON_FILES)

.PHONY: lab test test-env quick nbval versions matrix lint unit suite browser doctest lessons \
	lessons-report run-lessons bench site binder-lock format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The course's JupyterLab settings (binder/overrides.json: no windowing, so every widget
# renders; no news pop-up) go where JupyterLab reads overrides, as binder/postBuild does.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(LAB_SETTINGS): binder/overrides.json $(BIN)/python
	mkdir -p $(dir $@)
	cp binder/overrides.json $@

$(STAMP_LAB): $(BIN)/python pyproject.toml $(LAB_SETTINGS)
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	touch $@

# The version matrix installs only the test-core extra (no JupyterLab server, Playwright or
# Sphinx: it runs neither the browser nor the website); the full suite installs test. A full
# install also satisfies the lean one.
$(STAMP_CORE): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test-core]" $(PIP_CONSTRAINTS)
	touch $@

$(STAMP_TEST): $(BIN)/python pyproject.toml $(LAB_SETTINGS)
	$(BIN)/python -m pip install --quiet -e ".[test]" $(PIP_CONSTRAINTS)
	touch $@ $(STAMP_CORE)

# JupyterLab refuses to start as root unless told; containers and Binder-like hosts run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# A learner works in their own copy (outputs cleared, git-ignored): the committed lessons keep
# the outputs strict nbval compares. A second `make lab` copies only lessons that are missing,
# never over the learner's work; to start a lesson afresh, delete or rename its copy.
LEARNER_DIR ?= my-lessons

lab: $(STAMP_LAB)
	$(BIN)/python -m nanoedu lessons $(LEARNER_DIR) --keep-existing
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR) $(LAB_ARGS) $(LEARNER_DIR)/00_start_here.ipynb

# The full suite's environment alone (.ci/run times it as a stage of its own).
test-env: $(STAMP_TEST)

lint: $(STAMP_CORE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every test in tests/ (the slow ones included), on both cores.
unit: $(STAMP_TEST)
	$(PYTEST) $(XDIST) tests

# The fast loop (~1 min): the unit tests without the slow ones (environment builds, browser).
quick: $(STAMP_CORE)
	$(PYTEST) $(XDIST) -m "not slow" tests

# Strict nbval of every lesson (stored outputs compared), without the anatomy checker (~20 s).
nbval: $(STAMP_CORE)
	$(PYTEST) $(XDIST) $(NBVAL)

# The Python and the versions of the dependencies this environment resolved.
versions: $(STAMP_CORE)
	@$(BIN)/python -c "import sys, importlib.metadata as m; print('Python', sys.version.split()[0]); \
	print(', '.join(f'{p} {m.version(p)}' for p in ('numpy', 'scipy', 'matplotlib', 'ipywidgets', 'ipympl', 'nbval', 'pytest')))"

# One run of the version matrix (.ci/run): the fast suite and strict nbval of every lesson in
# one pytest session on both cores (each lesson executed once), with the ten slowest tests.
matrix: versions
	$(PYTEST) $(XDIST) --durations=10 -m "not slow" tests $(NBVAL)

doctest: $(STAMP_CORE)
	$(PYTEST) --doctest-modules nanoedu

# Every lesson through the lesson checker: the anatomy (docs/extending.md), outputs saved from
# one clean run, and strict nbval (stored outputs compared, lessons/sanitize.cfg), which it
# runs itself. `make test` runs nbval once, in its suite, and the checker reads that run.
lessons: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m nanoedu check-lesson $(LESSON_FILES)

# The full suite's pytest session, on both cores: every test but the JupyterLab browser test,
# the doctests and strict nbval of every lesson (each lesson executed once in this
# environment), its results kept for the lesson checker.
SUITE_XML := $(VENV)/suite-junit.xml
suite: $(STAMP_TEST)
	$(PYTEST) $(XDIST) --durations=10 --junitxml=$(SUITE_XML) \
		tests --ignore=tests/test_browser.py --doctest-modules nanoedu $(NBVAL)

# JupyterLab in Chromium (tests/test_browser.py), after the suite and on its own: it times
# slider latencies against a bare ipympl figure (make bench reports them), which a busy
# second core would distort.
browser: $(STAMP_TEST)
	$(PYTEST) --durations=10 tests/test_browser.py

# The lesson checker on every lesson, reading strict nbval's results from `make suite`.
lessons-report: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m nanoedu check-lesson --nbval-results $(SUITE_XML) \
		$(LESSON_FILES)

test: lint suite browser lessons-report

# Re-run every lesson top to bottom in place (commit the result): needed after any change
# to a model, a default or a dashboard, so that strict nbval compares against fresh outputs.
# Without stored widget state, static views (GitHub, nbviewer, nbconvert's HTML, the course
# site) fall back to each dashboard's PNG instead of widgets they cannot run.
run-lessons: $(STAMP_TEST)
	$(BIN)/python -m nanoedu clear-outputs lessons/[0-9][0-9]_*.ipynb
	$(BIN)/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.store_widget_state=False \
		--inplace lessons/[0-9][0-9]_*.ipynb

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py

# The course website, from the committed lessons (never executed) and docs, into _site/html
# (git-ignored; open _site/html/index.html). Offline; needs Python 3.11+. `make test` builds
# it too, in tests/test_website.py, and reads it in headless Chromium.
site: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python website/build.py --out _site

# Regenerate binder/requirements.txt (full pins) from binder/requirements.in.
binder-lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/python -m piptools compile --quiet --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file binder/requirements.txt binder/requirements.in

format: $(STAMP_TEST)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) build *.egg-info _site
