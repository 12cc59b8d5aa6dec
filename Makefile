# ESP Portal: `make run` starts the portal with demo data; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY      = $(VENV)/bin/python
PIP     = $(VENV)/bin/pip

.PHONY: run test install dev-install chromium lint bench messages clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev-install: $(VENV)/.dev-installed

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	@echo "ESP Portal on http://127.0.0.1:8000 (web, Celery worker and beat; Ctrl-C stops all three)"
	$(VENV)/bin/honcho --procfile Procfile start

test: dev-install chromium
	$(VENV)/bin/pytest

lint: dev-install
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run

# Benchmark on PostgreSQL at two scales (two databases, generated on first use; see README "Scale").
# BENCH_REPEAT requests a page (its p95 is the 95th percentile of them); BENCH_FRACTION < 1 generates a reduced province when the full one (500,000 clients) does not fit the time.
PG_BENCH       ?= postgres://postgres@127.0.0.1:5432
BENCH_FRACTION ?= 1.0
BENCH_REPEAT   ?= 30
bench: install
	@for db in esp_bench_small esp_bench_province; do createdb -h 127.0.0.1 -U postgres $$db 2>/dev/null || true; done
	DATABASE_URL=$(PG_BENCH)/esp_bench_small $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(PG_BENCH)/esp_bench_small $(PY) manage.py seed_demo --scale small || true
	DATABASE_URL=$(PG_BENCH)/esp_bench_small $(PY) manage.py bench --label small --repeat $(BENCH_REPEAT) --out var/bench-small.json
	DATABASE_URL=$(PG_BENCH)/esp_bench_province $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(PG_BENCH)/esp_bench_province $(PY) manage.py seed_demo --scale province --fraction $(BENCH_FRACTION) || true
	DATABASE_URL=$(PG_BENCH)/esp_bench_province $(PY) manage.py bench --label province --repeat $(BENCH_REPEAT) --out var/bench-province.json
	DATABASE_URL=$(PG_BENCH)/esp_bench_province $(PY) manage.py bench --explain > var/explain-province.txt
	$(PY) manage.py bench --compare var/bench-small.json var/bench-province.json --out var/bench.json
	DATABASE_URL=$(PG_BENCH)/esp_bench_province $(PY) manage.py throughput --users 16 --seconds 20 --workers 2 --threads 4 --out var/throughput.json

# French catalogue: refresh from the sources (no line numbers, so parallel changes merge cleanly) and compile.
messages: install
	$(PY) manage.py makemessages -l fr --no-location --no-obsolete -i .venv -i var -i tests -i node_modules
	$(PY) manage.py compilemessages -l fr

clean:
	rm -rf var
