# Meedoen — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: install run test lint format messages migrate clean

$(BIN)/meedoen: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Meedoen needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/meedoen  ## venv + dependencies (idempotent)

migrate: install
	$(BIN)/meedoen migrate --noinput
	$(BIN)/meedoen createcachetable

run: migrate  ## migrate, load the demo once, start web server + worker on http://127.0.0.1:$(PORT)
	$(BIN)/meedoen demo
	$(BIN)/meedoen dev --port $(PORT)

lint: install  ## ruff (lint + format check), mypy, missing migrations, translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy meedoen
	DJANGO_SETTINGS_MODULE=meedoen.settings.test $(BIN)/meedoen makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

test: lint  ## lint once, then the whole suite
	$(BIN)/pytest

messages: install  ## update the Dutch catalogue and compile it
	$(BIN)/meedoen makemessages -l nl --no-obsolete --ignore="bench/*" --ignore="e2e/*" \
		--ignore="meedoen/static/*" --ignore="var/*" --ignore="scripts/*" --ignore="docs/*"
	$(BIN)/meedoen compilemessages --ignore=".venv"

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
