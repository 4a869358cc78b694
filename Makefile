# natverk: two commands set everything up on a fresh machine.
#   make demo   virtual environment, install, migrate, demo organisation, `natverk serve` on :8000
#   make test   the whole suite (lint, types, unit, property, browser tests)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export NATVERK_DATA_DIR ?= $(CURDIR)/var
# The Makefile runs natverk for development and demos; production sets its own env.
export NATVERK_DEBUG ?= 1

.PHONY: venv install demo serve test test-postgres lint typecheck pytest browser-deps postgres-deps messages bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

install: venv messages

# Compile the translation catalogues (sv, da) shipped as .po files (Babel; no gettext needed).
messages: venv
	$(BIN)/python -m natverk compile_translations

demo: install
	$(BIN)/python -m natverk migrate --no-input
	$(BIN)/python -m natverk load_demo
	$(BIN)/python -m natverk serve --host $(HOST) --port $(PORT)

# The production server (gunicorn + the task worker) with the Makefile's development
# settings; `natverk runserver` reloads on code changes instead. docs/deploy.md runs it
# for real.
serve: install
	$(BIN)/python -m natverk serve --host $(HOST) --port $(PORT)

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian chromium for browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	fi

# Debian's PostgreSQL server for the second pass of the tests (a throwaway cluster each run).
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
		echo "Installing Debian PostgreSQL for the tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null; \
	fi

lint: venv
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: venv
	$(BIN)/mypy

# Every test on SQLite, then the tests that touch the database (marked `database` by
# tests/conftest.py) again on a throwaway PostgreSQL server that is removed afterwards.
PG_TESTS := $(BIN)/python tools/with_postgres.py -- $(BIN)/python -m pytest -n 2 -q -m database

pytest: install browser-deps postgres-deps
	$(BIN)/python -m pytest -n 2 -q
	$(PG_TESTS)

test: lint typecheck pytest

# Only the PostgreSQL pass.
test-postgres: install browser-deps postgres-deps
	$(PG_TESTS)

bench: venv
	$(BIN)/python bench/mdgp.py

clean:
	rm -rf $(VENV) var build dist .pytest_cache .mypy_cache .ruff_cache
