# digest — `make build` and `make test` do all the set-up they need on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
RUN_STAMP := $(VENV)/.digest-installed
DEV_STAMP := $(VENV)/.digest-dev-installed

.PHONY: build test serve clean lint eval bench golden check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev,html]'
	touch $@ $(RUN_STAMP)

BASE_URL ?=

build: $(RUN_STAMP)
	$(BIN)/python -m digest build $(if $(BASE_URL),--base-url $(BASE_URL))

check: $(RUN_STAMP)
	$(BIN)/python -m digest check

serve: $(RUN_STAMP)
	$(BIN)/python -m digest serve

lint: $(DEV_STAMP)
	$(BIN)/ruff check digest tests benchmarks evaluation
	$(BIN)/mypy --strict digest

test: lint
	$(BIN)/python -m pytest -q

golden: $(RUN_STAMP)
	$(BIN)/python tests/make_golden.py

eval: $(DEV_STAMP)
	$(BIN)/python evaluation/evaluate.py --shared $(SHARED)

bench: $(DEV_STAMP)
	$(BIN)/python benchmarks/run.py --shared $(SHARED)

clean:
	rm -rf _site ._site.spare .digest-cache .pytest_cache .mypy_cache .ruff_cache _site-screens
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
