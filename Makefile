# BerAKHLAK platform. Two commands from a fresh clone:  make demo  ·  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
LOCK   := requirements.lock
ENV_FILE ?= .env
PG_URL ?= postgresql://postgres@127.0.0.1:5432/berakhlak
PORT   ?= 8000

.PHONY: setup demo lint test test-sqlite test-postgres browser-deps messages bench-import bench-index bench-submit bench-recap bench-360-proposals bench-360-results bench-upload clean

## Reproducible: every dependency at the version of requirements.lock (the tested set; docs/deploy.md)
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c $(LOCK) -e '.[test,bench,lint]'
	@touch $(STAMP)

setup: $(STAMP)

## Set up, load the demo agency and serve it on http://127.0.0.1:$(PORT)
demo: setup $(ENV_FILE)
	$(BIN)/berakhlak demo --port $(PORT)

## .env with random secrets when it is missing (git-ignored, never overwritten), so that the CLI works
## without DEBUG right after `make demo` (berakhlak index show …)
$(ENV_FILE):
	@umask 077 && { \
	  echo "# Written by make demo: secrets of this checkout. Keep out of git and of database backups."; \
	  echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "ANONYMITY_SECRET=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	} > $@.tmp && mv $@.tmp $@
	@echo "wrote $@ with a random SECRET_KEY and ANONYMITY_SECRET"

## Debian's Chromium for the browser tests (Playwright drives it; nothing is downloaded at run time),
## and poppler-utils (pdftotext) with which the PDF tests read the documents back
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "installing Debian's chromium and poppler-utils for the browser and PDF tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "chromium or pdftotext is missing: those tests will be skipped (run as root, or apt-get install chromium poppler-utils)"; fi; }

## Lint and types (docs/architecture.md "Lint and types"): ruff, mypy with django-stubs, import-linter's layer
## contracts. mypy's Django plugin imports the settings, hence BERAKHLAK_TESTING (no secrets needed).
lint: setup
	$(BIN)/ruff check .
	BERAKHLAK_TESTING=1 DATABASE_URL= $(BIN)/mypy
	$(BIN)/lint-imports

## Every test on SQLite and on PostgreSQL ($(PG_URL)), the two runs side by side (one per core); each
## run's output is printed whole when both are done, and the target fails when either failed
test: setup browser-deps
	@mkdir -p test-output
	@echo "== tests on SQLite and on PostgreSQL, side by side (output follows when both are done)"
	@$(MAKE) --no-print-directory test-sqlite > test-output/test-sqlite.log 2>&1 & sqlite=$$!; \
	$(MAKE) --no-print-directory test-postgres > test-output/test-postgres.log 2>&1 & postgres=$$!; \
	wait $$sqlite; s=$$?; wait $$postgres; p=$$?; \
	echo "== SQLite: exit $$s · PostgreSQL: exit $$p"; \
	cat test-output/test-sqlite.log test-output/test-postgres.log; \
	test $$s -eq 0 && test $$p -eq 0

test-sqlite: setup
	@echo "== tests on SQLite (embedded default)"
	DATABASE_URL= $(BIN)/python -m pytest

test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== tests on PostgreSQL ($(PG_URL))"; \
	  DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(PG_URL): under CI=true that is a failure"; exit 1; \
	else \
	  echo "PostgreSQL is not reachable at $(PG_URL): ran SQLite only"; \
	fi

## Recompile the translations (.po -> .mo, both kept in the repository)
messages: setup
	cd berakhlak && ../$(BIN)/django-admin compilemessages --ignore=.venv

## Benchmark: 1,000,000 employees into PostgreSQL beside COPY (docs/benchmarks.md)
bench-import: setup
	$(BIN)/python benchmarks/import_employees.py --employees 1000000 --database $(PG_URL)_bench

## Benchmark: every culture index of a national wave (4.5M respondents) on DuckDB over Parquet (docs/benchmarks.md)
bench-index: setup
	$(BIN)/python benchmarks/index_national.py --respondents 4500000 --units 150000 --agencies 700 --repeat 3

## Benchmark: survey submissions over HTTP (gunicorn + PostgreSQL, locust, 300/s for 60 s) beside pgbench (docs/benchmarks.md)
bench-submit: setup
	$(BIN)/python benchmarks/submit_load.py --employees 30000 --rate 300 --duration 60 --database $(PG_URL)_bench_submit

## Benchmark: SKP recap of 5,000,000 annual ratings over 100,000 units on PostgreSQL beside a plain GROUP BY (docs/benchmarks.md)
bench-recap: setup
	$(BIN)/python benchmarks/skp_recap.py --evaluations 5000000 --units 100000 --database $(PG_URL)_bench_recap

## Benchmark: 360° rater proposals of 5,000,000 employees on DuckDB over Parquet beside a hand-written DuckDB query (docs/benchmarks.md)
bench-360-proposals: setup
	$(BIN)/python benchmarks/feedback360_proposals.py --employees 5000000 --units 100000

## Benchmark: 360° results of 5,000,000 employees × 8 raters × 21 items on DuckDB over Parquet beside a hand-written DuckDB query (docs/benchmarks.md)
bench-360-results: setup
	$(BIN)/python benchmarks/feedback360_results.py --employees 5000000

## Benchmark: a 158 MB / 1,000,000-row employees file uploaded through the web page and checked by `berakhlak worker`; peak RSS of the web process beside the worker's and curl's (docs/benchmarks.md)
bench-upload: setup
	$(BIN)/python benchmarks/upload_import.py --employees 1000000 --compare-in-process --database $(PG_URL)_bench_upload

clean:
	rm -rf $(VENV) build *.egg-info test-output
