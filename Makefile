# mml — the two Quick start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test lint format bench figures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	-$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[demo]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed

## demo: create .venv, install mml, run the guided tour
demo: $(VENV)/.installed
	$(BIN)/mml tour

## test: create or update .venv with the test extras, then lint and run the whole suite
test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks notebooks docs
	$(BIN)/ruff format --check src tests benchmarks notebooks docs
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest --nbmake notebooks/

## lint: ruff check and ruff format (check only)
lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks notebooks docs
	$(BIN)/ruff format --check src tests benchmarks notebooks docs

## format: rewrite files with ruff's formatter and fixes
format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix src tests benchmarks notebooks docs
	$(BIN)/ruff format src tests benchmarks notebooks docs

## bench: ratio benchmarks against the reference libraries; writes benchmarks/RESULTS.md
bench: $(VENV)/.installed-bench
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BIN)/python -m benchmarks

## figures: redraw the README's pictures (one per chapter) into docs/img/
figures: $(VENV)/.installed-test
	$(BIN)/python docs/make_figures.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis .ruff_cache tour-output
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
