# Every target sets itself up: `make lab` and `make test` create .venv when it is missing.
PYTHON ?= python3
# The version matrix of .ci/run points VENV at a fresh folder per Python and, for the
# lowest-dependency run, CONSTRAINTS at a pip constraints file (.ci/lowest-pins.py writes it).
VENV ?= .venv
CONSTRAINTS ?=
PIP_CONSTRAINTS := $(if $(CONSTRAINTS),-c $(abspath $(CONSTRAINTS)),)
BIN := $(VENV)/bin
STAMP_LAB := $(VENV)/.installed-lab
STAMP_TEST := $(VENV)/.installed-test

.PHONY: lab test quick nbval versions matrix lint unit doctest lessons run-lessons bench site binder-lock format clean

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

$(STAMP_TEST): $(BIN)/python pyproject.toml $(LAB_SETTINGS)
	$(BIN)/python -m pip install --quiet -e ".[test]" $(PIP_CONSTRAINTS)
	touch $@

# JupyterLab refuses to start as root unless told; containers and Binder-like hosts run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

# A learner works in their own copy (outputs cleared, git-ignored): the committed lessons keep
# the outputs strict nbval compares. A second `make lab` copies only lessons that are missing,
# never over the learner's work; to start a lesson afresh, delete or rename its copy.
LEARNER_DIR ?= my-lessons

lab: $(STAMP_LAB)
	$(BIN)/python -m nanoedu lessons $(LEARNER_DIR) --keep-existing
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR) $(LAB_ARGS) $(LEARNER_DIR)/00_start_here.ipynb

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q tests

# The unit tests without the slow ones (Binder environment build, browser): for quick loops.
quick: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -m "not slow" tests

# Strict nbval of every lesson (stored outputs compared), without the anatomy checker.
nbval: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -p no:cacheprovider --nbval --nbval-current-env \
		--nbval-sanitize-with lessons/sanitize.cfg lessons/[0-9][0-9]_*.ipynb

# The Python and the versions of the dependencies this environment resolved.
versions: $(STAMP_TEST)
	@$(BIN)/python -c "import sys, importlib.metadata as m; print('Python', sys.version.split()[0]); \
	print(', '.join(f'{p} {m.version(p)}' for p in ('numpy', 'scipy', 'matplotlib', 'ipywidgets', 'ipympl', 'nbval', 'pytest')))"

# One run of the version matrix (.ci/run): the fast suite and strict nbval of the lessons.
matrix: versions quick nbval

doctest: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m pytest -q --doctest-modules nanoedu

# Every lesson through the lesson checker: the anatomy (docs/extending.md), outputs saved from
# one clean run, and strict nbval (stored outputs compared, lessons/sanitize.cfg).
lessons: $(STAMP_TEST)
	MPLBACKEND=Agg $(BIN)/python -m nanoedu check-lesson lessons/[0-9][0-9]_*.ipynb

test: lint unit doctest lessons

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
