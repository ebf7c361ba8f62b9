# Set-up and everyday commands. `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The app reads them too: links in emails point to where it is served (SITE_URL's default).
export HOST PORT
WORKERS ?= 3
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext poppler-utils

# The first Python >= 3.12 found: on PATH, then in pyenv's versions (whose shims may not
# resolve when another version is selected).
ifndef PYTHON
PYTHON := $(shell for candidate in python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    $$candidate -c 'import sys; print(sys.executable)'; break; fi; done)
endif

.PHONY: run serve manage test lint messages system-check

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is needed; install it (or pass PYTHON=/path/to/python3.12)."; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# WeasyPrint needs Pango and fonts, the tests read PDFs with Poppler and compile
# translations with gettext: the missing ones are installed (apt-get as root, sudo otherwise).
system-check: $(VENV)/.installed
	@bash scripts/system-packages $(APT_PACKAGES)
	@if ! $(PY) -c 'import weasyprint' >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi dejavu \
	   || ! command -v pdftotext >/dev/null || ! command -v msgfmt >/dev/null; then \
	  echo "Missing system libraries (PDF engine, fonts, Poppler, gettext): install the"; \
	  echo "equivalents of the Debian packages $(APT_PACKAGES)"; exit 1; fi

run: system-check
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py load_framework
	DEBUG=true $(PY) manage.py credential_key
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn, static files by WhiteNoise, settings from the environment
# (DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ...; see README, Deployment).
serve: system-check
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_framework
	$(PY) manage.py credential_key
	$(VENV)/bin/gunicorn etwinning_school.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# Any management command: make manage ARGS="export_assessment 12". Without a SECRET_KEY in
# the environment it runs with the development settings, as make run does.
manage: system-check
	@if [ -z "$$SECRET_KEY" ]; then export DEBUG=$${DEBUG:-true}; fi; $(PY) manage.py $(ARGS)

test: system-check
	SECRET_KEY=tests-only-not-secret N_PLUS_ONE_CHECKS=true $(VENV)/bin/pytest --numprocesses=auto --dist=worksteal

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(VENV)/bin/mypy

# After changing user-visible strings: update the catalogues, translate, then compile. The
# languages are settings.LANGUAGES' (all but English, the source).
messages: $(VENV)/.installed
	DEBUG=true $(PY) manage.py makemessages --no-location --no-obsolete \
	  $$(DEBUG=true $(PY) manage.py shell --no-imports -c \
	    "from assessment.languages import translated_language_codes as c; print(*(f'-l {l}' for l in c()))")
	DEBUG=true $(PY) manage.py compilemessages --ignore=$(VENV)
