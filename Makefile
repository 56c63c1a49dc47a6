# Two commands do all the set-up: `make run` (build the graph and page of the reports in data/) and
# `make test`. Each creates the virtual environment it needs. Debian's packages for the browser tests, the PDFs
# they print and old Word (.doc) reports: `make debian-packages` (as root; .ci/run does the same).
PYTHON ?= python3
VENV ?= .venv
OUT ?= out
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean debian-packages

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

debian-packages:
	apt-get update
	apt-get install -y chromium fonts-noto-cjk antiword
