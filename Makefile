# Two commands for a fresh clone (only Python >= 3.11 needed):
#   make lab    set everything up and open JupyterLab on the welcome notebook
#   make test   set everything up and run every test (unit, strict nbval, real browser)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# axe-core (npm) for the accessibility check in tests/browser/test_axe.py, installed once into .venv/axe
AXE_VERSION ?= 4.14.1
AXE_STAMP := $(VENV)/axe/.installed-$(AXE_VERSION)
PORT ?= 8888
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: setup lab test notebooks bench export clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	$(PY) -m course lab-settings
	touch $(STAMP)

$(AXE_STAMP): | $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --silent --prefix $(VENV)/axe axe-core@$(AXE_VERSION) && touch $@; \
	else echo "npm not found: the axe-core accessibility test will skip (CI fails); Debian: apt-get install npm"; fi

## setup: create .venv and install the course with its test tools
setup: $(STAMP)

## lab: open JupyterLab on the welcome notebook (NO_BROWSER=1 for a headless server)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip 127.0.0.1 --port $(PORT) $(ROOT_FLAG) \
		$(if $(NO_BROWSER),--no-browser) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb

## test: lint, unit and property tests, strict nbval over every notebook, browser tests
test: $(STAMP) $(AXE_STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

## notebooks: re-execute every notebook in place and store its outputs
notebooks: $(STAMP)
	$(PY) -m course build

## bench: time every explorer's slider callback
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(PY) $$b || exit 1; done

## export: write a static HTML copy of the executed course into OUT (default build/html)
export: $(STAMP)
	$(PY) -m course export $(or $(OUT),build/html)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
