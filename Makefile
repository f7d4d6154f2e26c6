# OpenHEMIS — the two commands: `make run` (demo at http://127.0.0.1:8000) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
HOST ?= 127.0.0.1
STUDENTS ?= 1500
# Serial on purpose: transactional (browser) tests empty the tables that migrations fill, so they must run
# after the others, which pytest-django guarantees in one process but xdist's scheduling does not.
PYTEST_ARGS ?=
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Python >= 3.12: the one on PATH if new enough, else python3.13/3.12, else pyenv's.
BASE_PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d /root/.pyenv/versions/3.1[3-9]*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 2>/dev/null); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: help run serve test lint bench demo-reset clean

help:
	@echo "make run   - install, migrate, load the demo university, serve at http://$(HOST):$(PORT) (with a worker and the scheduler)"
	@echo "make test  - install test needs, lint, run the whole suite on SQLite and on PostgreSQL"
	@echo "make bench - run the benchmarks, results in bench/results/"

$(VENV)/.installed: requirements.txt
	@test -n "$(BASE_PYTHON)" || { echo "Python >= 3.12 not found (Django 6 needs it)"; exit 1; }
	@test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q --disable-pip-version-check -r requirements-dev.txt
	@touch $@

var/secret_key:
	@mkdir -p var
	@$(BASE_PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

run: $(VENV)/.installed var/secret_key
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py seed_demo --if-empty --force --students $(STUDENTS)
	@echo ""
	@echo "OpenHEMIS is at http://$(HOST):$(PORT)  — password for every demo login: hemis-demo"
	@$(PY) manage.py demo_logins
	@# The web server, one task worker and the scheduler, stopped together (Ctrl-C, or one of them dying).
	VENV=$(VENV) bash scripts/serve-demo.sh $(HOST) $(PORT)

test: $(VENV)/.installed-dev
	bash scripts/install-test-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run -v1
	$(PY) scripts/check_catalogues.py
	DEBUG=0 HTTPS=1 SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') ALLOWED_HOSTS=hemis.example.uz \
		$(PY) manage.py check --deploy --fail-level WARNING
	@echo "=== pytest on SQLite ==="
	$(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)
	@echo "=== pytest on PostgreSQL ==="
	bash scripts/with-postgres.sh $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: $(VENV)/.installed-dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
