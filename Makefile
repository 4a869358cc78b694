# natverk: two commands set everything up on a fresh machine.
#   make demo   virtual environment, install, migrate, demo organisation, serve on :8000
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

.PHONY: venv install demo serve test test-postgres lint typecheck pytest browser-deps messages bench clean

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
	@echo "Serving natverk on http://$(HOST):$(PORT)/ with a background worker (Ctrl-C stops both)"
	@$(BIN)/python -m natverk worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python -m natverk runserver --noreload $(HOST):$(PORT)

serve: install
	@$(BIN)/python -m natverk worker --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python -m natverk runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests (Playwright drives it; no browser download).
browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian chromium for browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	fi

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: venv
	$(BIN)/mypy

pytest: install browser-deps
	$(BIN)/python -m pytest -n 2 -q

test: lint typecheck pytest

# The web tests against a throwaway PostgreSQL server (needs initdb/pg_ctl and a
# 'postgres' system user; run as root it starts the server as that user).
PG_DIR ?= /tmp/natverk-pg
PG_PORT ?= 55432
test-postgres: install
	rm -rf $(PG_DIR) && mkdir -p $(PG_DIR) && chown postgres $(PG_DIR)
	su postgres -c "initdb -D $(PG_DIR) -A trust -U natverk >/dev/null && pg_ctl -D $(PG_DIR) -o '-p $(PG_PORT) -k /tmp' -l $(PG_DIR)/log start -w >/dev/null"
	DATABASE_URL=postgres://natverk@127.0.0.1:$(PG_PORT)/postgres $(BIN)/python -m pytest -q -n 2 tests/accounts tests/programs tests/site tests/privacy tests/cli/test_privacy.py; \
		status=$$?; su postgres -c "pg_ctl -D $(PG_DIR) stop -m fast >/dev/null"; exit $$status

bench: venv
	$(BIN)/python bench/mdgp.py

clean:
	rm -rf $(VENV) var build dist .pytest_cache .mypy_cache .ruff_cache
