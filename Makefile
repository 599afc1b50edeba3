# The README's two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_JOBS ?= 20000
BENCH_JOBS ?= 100000
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: run test lint format worker beat bench stop-db demo clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --jobs $(DEMO_JOBS) --if-empty
	$(PY) manage.py ensure_demo_admin
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: lint $(AXE)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# axe-core for the browser tests' accessibility checks, pinned by tests/browser/package-lock.json.
$(AXE): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $@

# ruff, then the import contracts of pyproject.toml (the layers of "How the parts fit").
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A jobboard worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A jobboard beat --loglevel=INFO

bench: $(VENV)/.installed
	EMBEDDED_DB_NAME=jobboard_bench $(PY) manage.py migrate --no-input
	EMBEDDED_DB_NAME=jobboard_bench $(PY) manage.py bench --jobs $(BENCH_JOBS)

stop-db: $(VENV)/.installed
	$(PY) -c "from pathlib import Path; from jobboard.embedded_db import stop; stop(Path('var').resolve())"

clean:
	rm -rf $(VENV) var tests/browser/node_modules
