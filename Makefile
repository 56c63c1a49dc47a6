# Two commands do all the set-up: `make run` (build the graph and page of the reports in data/) and
# `make test`. Each creates the virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
OUT ?= out
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/lawgraph build data/reports data/real --out $(OUT) --jobs 2

test: $(STAMP)
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/run.py --write-docs

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(OUT) .pytest_cache
