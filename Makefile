# Scrutiny evidence pack. `make pack` builds the demo packs; `make test` runs every check.
# Both create .venv and install on first use; afterwards they skip straight to the work.
# Python writes its bytecode caches (__pycache__, git-ignored) even where the machine sets
# PYTHONDONTWRITEBYTECODE: every kernel, PDF worker and test worker would otherwise compile the
# pipelines modules again.
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SYSSTAMP := $(VENV)/.system-stamp
REVIEW ?= luton-sw-2016
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup system-deps pack test test-quick lint format hooks bench lab lab-headless demo clean-outputs look

help:
	@echo "make pack    set up (first time) and build the demo review's evidence packs"
	@echo "make setup   set up only: the virtual environment, libraries and notebook kernel (no build)"
	@echo "make test    set up (first time) and run lint and the whole test suite (about 13 minutes on 2 cores; target 10)"
	@echo "make test-quick  lint and the tests that build nothing (the edit-test loop, about 2.5 minutes)"
	@echo "make lint    check code style, notebooks and import rules without the tests"
	@echo "make format  format code and notebooks, fix what ruff can, strip notebook outputs"
	@echo "make hooks   install the git pre-commit hooks"
	@echo "make lab     open JupyterLab on the notebooks with the project kernel"
	@echo "make lab-headless  JupyterLab without a browser (server, container); prints the URL"
	@echo "make bench   the speed targets (issue 16): by hand, cold, rebuild, one parameter, 100x, --all"
	@echo "make demo    regenerate the synthetic demo exports"
	@echo "make look    render the demo PDF pages to PNG (needs poppler-utils)"

setup: $(STAMP)

# System libraries WeasyPrint needs (Pango) and fonts; installed with apt-get only when missing.
$(SYSSTAMP):
	@if ! ldconfig -p | grep -q 'libpango-1.0.so.0' || ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' \
	   || ! fc-list 2>/dev/null | grep -qi 'liberation sans'; then \
	  echo "Installing system packages for PDF output (Pango, fonts)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fontconfig fonts-dejavu-core fonts-liberation2 >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $@

system-deps: $(SYSSTAMP)

$(STAMP): pyproject.toml | $(SYSSTAMP)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the project and its libraries into $(VENV) (first run: about 1-8 minutes)"
	@# uv installs the same versions as pip (pip freeze compared, 7 December 2026) in about a
	@# fifth of the time; pip does it where uv cannot be installed or fails.
	@if $(BIN)/python -m pip install -q --disable-pip-version-check 'uv>=0.4' 2>/dev/null \
	  && $(BIN)/uv pip install --python $(BIN)/python -e '.[dev]'; then :; \
	else echo "uv not available: installing with pip"; \
	  $(BIN)/python -m pip install --progress-bar on -e '.[dev]'; fi
	$(BIN)/python -m pipelines.core.kernel
	@touch $@

# `make pack` builds both demo reviews; `make pack REVIEW=<review>` builds that one.
PACK_REVIEWS = $(if $(filter command line environment,$(origin REVIEW)),$(REVIEW),luton-sw-2016 coventry-sw-2018)
pack: $(STAMP)
	@for review in $(PACK_REVIEWS); do $(BIN)/evidence-pack build $$review || exit $$?; done

# Headless Chromium from Debian for the accessibility (axe-core) tests; never a downloaded browser.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

# Code style (ruff format, ruff check; notebooks included, see notebooks/ruff.toml), the import
# rules between layers ([tool.importlinter] in pyproject.toml) and notebooks committed without
# outputs. `make test` runs them first, then the test suite.
LINT_PATHS := pipelines tests notebooks

lint: $(STAMP)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/lint-imports
	$(BIN)/nbstripout --keep-id --verify notebooks/*.ipynb

# Two xdist workers. Each takes whole units of work (a test, or a file whose tests share a module
# fixture), longest first as tests/conftest.py orders them (--dist loadgroup, --no-loadscope-reorder
# keeps that order); the shared demo packs are built first, Luton on one worker, Coventry on the
# other. The slowest 20 tests are listed at the end.
PYTEST_XDIST := -n 2 --dist loadgroup --no-loadscope-reorder

test: lint | $(CHROMIUM)
	$(BIN)/python -m pytest -q $(PYTEST_XDIST) --durations=20

# The edit-test loop: every test that builds nothing (tests that build are marked `slow`, found
# from their fixtures by tests/conftest.py; one that runs a notebook unmarked fails, naming itself).
test-quick: lint
	EVIDENCE_PACK_QUICK=1 $(BIN)/python -m pytest -q $(PYTEST_XDIST) -m "not slow" --durations=10

format: $(STAMP)
	$(BIN)/ruff check --fix-only $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb

# Install the git pre-commit hooks (.pre-commit-config.yaml): the same checks on each commit.
hooks: $(STAMP)
	$(BIN)/pre-commit install

bench: $(STAMP)
	$(BIN)/python -m pipelines.devtools.bench $(REVIEW) $(BENCH_ARGS)

# JupyterLab on the notebooks. As root (a container) it adds --allow-root. `make lab-headless`
# (or LAB_ARGS="...") serves it without a browser on 127.0.0.1:$(LAB_PORT) and prints the URL
# with its token; from a laptop: ssh -L $(LAB_PORT):127.0.0.1:$(LAB_PORT) user@server, then open it.
LAB_PORT ?= 8888
LAB_ARGS ?=
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) $(LAB_ARGS)

lab-headless: $(STAMP)
	@echo "Starting JupyterLab without a browser on 127.0.0.1:$(LAB_PORT); open the URL with the token printed below (Ctrl-C stops it)."
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) $(LAB_ARGS)

demo: $(STAMP)
	$(BIN)/evidence-pack demo

look: pack
	@command -v pdftoppm >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null)
	@for pdf in outputs/$(REVIEW)/*/public/report.pdf; do pdftoppm -png -r 60 $$pdf $${pdf%.pdf}-page; echo $${pdf%.pdf}-page-*.png; done

clean-outputs:
	rm -rf outputs/$(REVIEW) data/processed/$(REVIEW)
