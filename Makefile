# Two commands on a fresh machine: `make run` (serve the graph) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STANCEGRAPH_STORE ?= var/store
export STANCEGRAPH_STORE

.PHONY: install run load test clean viewer bench

# The JavaScript parsers (graphology) the export tests check GEXF and GraphML with.
JS := tests/js
JS_STAMP := $(JS)/node_modules/.installed

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

load: install
	$(BIN)/stancegraph load data/

HOST ?= 127.0.0.1
PORT ?= 8000

run: load
	$(BIN)/stancegraph serve --host $(HOST) --port $(PORT)

$(JS_STAMP): $(JS)/package.json $(JS)/package-lock.json
	npm ci --prefix $(JS) --no-audit --no-fund --loglevel=error
	touch $@

test: install $(JS_STAMP)
	$(BIN)/python -m pytest

# Rebuild the web viewer (web/ -> api/static/). The bundle is committed: serving and testing need no build.
viewer:
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	npm run build --prefix web

# The benchmark against its baselines (docs/performance.md): BENCH_N statements, report in bench/results/.
BENCH_N ?= 100000
bench: install
	$(BIN)/python -m graph.bench --n $(BENCH_N)

clean:
	rm -rf $(VENV) var .pytest_cache $(JS)/node_modules web/node_modules
