# Hearth. After cloning you need two commands:
#
#   make demo    run a synthetic council at http://127.0.0.1:8000/
#   make test    every check CI runs (ruff, mypy, migrations up to date, pytest)
#
# Both create .venv (Python 3.11) and install the project into it on first use.
# `make test` uses DATABASE_URL from the environment: unset means SQLite,
# DATABASE_URL=postgres://user:pass@host:5432/db make test runs the suite on PostgreSQL.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed
# Interpreter for a new .venv; empty means python3.11, else python3 if it is 3.11.
PYTHON ?=

DEMO_CHILDREN ?= 320000
DEMO_YEARS    ?= 5
DEMO_SEED     ?= 1
DEMO_ADDR     ?= 127.0.0.1:8000
# England figures, and made-up statistical neighbours labelled as such.
BENCHMARKS    := src/hearth/performance/data

# Extra arguments, e.g. make pytest PYTEST_ARGS='-k cin -x'
PYTEST_ARGS ?=
BENCH_ARGS  ?=

DEMO_ENV := HEARTH_MODE=demo
TEST_ENV := HEARTH_MODE=test

.PHONY: help venv demo worker lint ruff mypy migrations-check pytest test audit bench clean distclean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-17s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

venv: $(STAMP) ## create .venv and install Hearth with its dev tools

# Re-installs only when pyproject.toml is newer than the stamp (source is installed editable).
$(STAMP): pyproject.toml
	@PYTHON="$(PYTHON)" bash scripts/ensure-venv.sh $(VENV) $(STAMP)

# DEBUG is off in demo mode, so runserver serves static files (GOV.UK Frontend) only with
# --insecure; the server listens on the loopback address only.
# Background work (the Returns page) is queued in the database and run by `hearth db_worker`:
# the demo starts one worker beside the server, and it stops with the server (Ctrl-C reaches
# both; the trap covers a server that exits on its own).
demo: $(STAMP) ## migrate, generate the synthetic council (once), create demo users, serve it
	$(DEMO_ENV) $(BIN)/hearth migrate --noinput
	$(DEMO_ENV) $(BIN)/hearth synth --children $(DEMO_CHILDREN) --years $(DEMO_YEARS) \
		--seed $(DEMO_SEED) --if-empty
	$(DEMO_ENV) $(BIN)/hearth benchmarks load $(BENCHMARKS)/england-2024-25.csv
	$(DEMO_ENV) $(BIN)/hearth benchmarks load $(BENCHMARKS)/statistical-neighbours-ILLUSTRATIVE.csv
	$(DEMO_ENV) $(BIN)/hearth demo_users
	@echo
	@echo "Hearth demo: open http://$(DEMO_ADDR)/ and sign in as one of the users above."
	@echo "All data is synthetic. Stop the server (and its background worker) with Ctrl-C."
	@echo
	$(DEMO_ENV) $(BIN)/hearth db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT; \
	$(DEMO_ENV) $(BIN)/hearth runserver --insecure $(DEMO_ADDR)

worker: $(STAMP) ## run the background worker alone (returns), for a server started another way
	$(DEMO_ENV) $(BIN)/hearth db_worker --interval 2

lint: ruff mypy ## static checks: ruff and mypy

ruff: $(STAMP) ## ruff check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

mypy: $(STAMP) ## mypy (configured in pyproject.toml)
	$(TEST_ENV) $(BIN)/mypy

migrations-check: $(STAMP) ## fail if a model change has no migration
	$(TEST_ENV) $(BIN)/hearth makemigrations --check --dry-run

pytest: $(STAMP) ## the test suite only (PYTEST_ARGS=... to pass options)
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

test: lint migrations-check pytest ## everything CI checks (DATABASE_URL chooses the database)

# Needs the network (PyPI's advisory data), so it is its own step in .ci/run, not part of test.
audit: $(STAMP) ## fail if an installed dependency has a known vulnerability (pip-audit)
	$(BIN)/python scripts/audit_dependencies.py

bench: $(STAMP) ## run benchmarks/synth.py (BENCH_ARGS=... to pass options)
	$(BIN)/python benchmarks/synth.py $(BENCH_ARGS)

clean: ## remove .venv, caches and build output (keeps var/: demo database and secret key)
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o -name '*.egg-info' -prune -exec rm -rf {} + \
		-o -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## also remove var/ (the demo database, local secret key, test database)
	rm -rf var
