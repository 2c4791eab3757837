# Two commands on a fresh machine: `make run` (serve the graph) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
STANCEGRAPH_STORE ?= var/store
export STANCEGRAPH_STORE

.PHONY: install run load test tools lint screenshots clean viewer bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The runtime dependencies only: what serving and loading need.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test extras too: pytest, the independent parsers' Python bindings, Playwright, ruff, mypy.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

load: install
	$(BIN)/stancegraph load data/

HOST ?= 127.0.0.1
PORT ?= 8000

run: load
	$(BIN)/stancegraph serve --host $(HOST) --port $(PORT)

# The programs the suite runs besides Python (tests/tools.txt), installed where this machine
# allows it; pytest skips the tests whose tool is still missing and says how to install it.
tools:
	tests/install-tools.sh

# Lint and types first (seconds), then the suite.
test: lint tools
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check graph api
	$(BIN)/mypy

# The browser tests leave their pictures in var/screenshots/; this copies them into docs/.
screenshots: $(TEST_STAMP) tools
	$(BIN)/python -m pytest -p no:cacheprovider tests/web
	cp var/screenshots/*.png docs/

# Rebuild the web viewer (web/ -> api/static/). The bundle is committed: serving and testing need no build.
viewer:
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	npm run build --prefix web

# The benchmark against its baselines (docs/performance.md): BENCH_N statements, report in bench/results/.
BENCH_N ?= 100000
bench: install
	$(BIN)/python -m graph.bench --n $(BENCH_N)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache tests/js/node_modules web/node_modules
