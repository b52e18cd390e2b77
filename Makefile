# Secretariat — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000
HOST   ?= 127.0.0.1
STAMP  := $(VENV)/.installed
DEV_LOCK  := requirements/dev.lock
PROD_LOCK := requirements/prod.lock
PYTEST := DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest
UNIT   := -m "not e2e and not contract" -n 2 -q
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: demo install migrate serve test checks lint format types unit suite contract e2e bench \
	messages locks clean check-deploy

## make install: the development environment (.venv, from the dev lock: product + dev tools).
## Production installs only requirements/prod.lock (see README, Development).
$(STAMP): $(DEV_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(DEV_LOCK)
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput -v0

## make demo: install, migrate, load the demo data, serve on http://$(HOST):$(PORT)
demo: migrate
	$(PY) manage.py load_demo
	@echo "Log in at http://$(HOST):$(PORT)/accounts/login/ — API docs at http://$(HOST):$(PORT)/api/docs"
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-access-log --lifespan off

## make serve: serve with an access log; private calendar tokens are redacted from it
serve: install
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --lifespan off --log-config config/uvicorn-logging.json

## make test: checks, lint, types, the whole suite (browser tests when Chromium is present)
test: checks lint types unit e2e

## The locks match pyproject.toml; the models need no migration that is not written.
checks: install
	$(PY) scripts/check_locks.py
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Format and fix what ruff can (ruff format is the project's formatter).
format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: install
	$(BIN)/mypy .

## The suite with branch coverage, then the coverage ratchet (scripts/coverage_ratchet.py).
unit: install
	$(PYTEST) $(UNIT) --cov --cov-report=
	$(PY) scripts/coverage_ratchet.py

## The suite without coverage (CI's PostgreSQL pass: DATABASE_URL=... make suite).
suite: install
	$(PYTEST) $(UNIT)

## API contract tests (-m contract); none collected yet is not a failure here.
contract: install
	@$(PYTEST) -m contract -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "contract: no tests marked contract yet"; exit 0; fi; exit $$rc

e2e: install
	@DJANGO_SETTINGS_MODULE=config.settings.test PY=$(PY) BIN=$(BIN) ./scripts/run-e2e

bench: install
	@$(PY) bench/run.py

## Rebuild translation catalogs after changing UI strings (needs GNU gettext);
## translations live in locale/fills/*.json.
messages: install
	$(PY) manage.py makemessages -l ru -l ja --no-obsolete --ignore=.venv --ignore=var --ignore=conftest.py --ignore='*/tests/*' --ignore=bench
	$(PY) scripts/po_fill.py

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=check-$$(head -c 48 /dev/urandom | base64 | tr -dc A-Za-z0-9) ALLOWED_HOSTS=secretariat.example $(PY) manage.py check --deploy --fail-level WARNING

## Recompile both locks from pyproject.toml, keeping today's pins (uv pip compile); to move
## one package: make locks UPGRADE="--upgrade-package django". Then make install.
locks: install
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--quiet $(UPGRADE) -o $(DEV_LOCK)
	cp $(DEV_LOCK) $(PROD_LOCK)  # the dev pins are the preferences: production runs them too
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet \
		-o $(PROD_LOCK)

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
