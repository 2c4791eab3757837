# Two commands on a fresh machine: `make run` (serve the graph) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STANCEGRAPH_STORE ?= var/store
export STANCEGRAPH_STORE

.PHONY: install run load test clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

load: install
	$(BIN)/stancegraph load data/

run: load
	$(BIN)/stancegraph who opposes troop-deployment
	$(BIN)/stancegraph who supports troop-deployment

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache
