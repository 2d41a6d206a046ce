# Everything a fresh machine needs: `make run` and `make test` install first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo-reset test lint format bench bench-pages loadtest messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP)

# A try-out on SQLite with the demo data and two demo accounts: make run [PORT=8000].
# A task worker (e-mails, webhooks) runs beside the server and stops with it.
# The demo accounts' passwords are printed when they are created; records you
# edit are kept from one run to the next (make demo-reset puts the demo back).
PORT ?= 8000
run: export DJANGO_DEBUG ?= 1
run: export DJANGO_WEBHOOKS_ALLOW_PRIVATE_TARGETS ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --accounts
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The demo records back to their demo values, new passwords for the demo accounts.
demo-reset: export DJANGO_DEBUG ?= 1
demo-reset: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --reset --accounts

# SQLite unless DATABASE_URL is set.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# The translation catalogues (locale/<lang>/LC_MESSAGES/django.po) from the marked
# strings (core's makemessages: file-only locations, no obsolete entries, no creation
# date, so that a diff shows what changed), then the compiled .mo files, which are
# committed (tests/catalogue checks they match). Needs GNU gettext:
# apt-get install -y gettext. One language: make messages LANGS="-l fr".
LANGS := -l fr -l es
messages: export DJANGO_DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages $(LANGS)
	$(BIN)/python manage.py compilemessages $(LANGS) --ignore='.venv/*'

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmark on bulk data, against the bare-query baseline (see bench/README.md):
# make bench DB=sqlite|postgres SCALE=small|medium|large [OUTPUT=file.json].
# Needs wrk: apt-get install -y wrk.
bench: DB ?= sqlite
bench: SCALE ?= small
bench: install
	$(BIN)/python bench/run.py --db $(DB) --scale $(SCALE) $(if $(OUTPUT),--output $(OUTPUT))

# The public pages at two bulk sizes, in-process (bench/pages.py; see
# bench/README.md): make bench-pages DB=sqlite|postgres [SIZES="small large"].
bench-pages: DB ?= sqlite
bench-pages: SIZES ?= small large
bench-pages: install
	$(BIN)/python bench/pages.py --db $(DB) --sizes $(SIZES)

# Load test on PostgreSQL (see loadtest/run.py); not part of `make test` or CI:
# make loadtest [DURATION=60s] [USERS=32]. The server is DATABASE_URL's, else
# postgres@127.0.0.1:5432; it uses (and then drops) a database metropolis_load.
loadtest: DURATION ?= 60s
loadtest: USERS ?= 32
loadtest: install
	$(BIN)/python -m pip install --quiet -e ".[dev,load]"
	$(BIN)/python loadtest/run.py --duration $(DURATION) --users $(USERS)
