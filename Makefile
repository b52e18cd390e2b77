# Secretariat — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000
HOST   ?= 127.0.0.1
STAMP  := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: demo install migrate serve test lint types unit e2e contract bench messages clean check-deploy

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
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

## make test: lint, types, the whole suite (browser tests when Chromium is present)
test: lint types unit e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install
	$(BIN)/mypy .

unit: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m "not e2e" -n 2 -q --cov --cov-report=
	$(PY) scripts/coverage_ratchet.py

## make contract: schemathesis against a live server, anonymous and three roles (needs
## DATABASE_URL=postgres://...; `make unit` runs it too when the database is PostgreSQL)
contract: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m contract -q

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

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
