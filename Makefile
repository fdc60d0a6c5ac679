# raadslens: two commands on a fresh Debian/Ubuntu machine with Python 3.11:
#   make demo   — install, ingest corpus/ into the default database, serve on http://127.0.0.1:8000
#   make test   — install, run the tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?=# empty: the default database (RAADSLENS_DB, else ~/.local/share/raadslens/raadslens.db)
HOST   ?= 127.0.0.1
PORT   ?= 8000
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo demo-pg demo-pg-stop test install system-deps test-deps pg-deps ingest serve bench lint clean reliability screenshots

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $(STAMP)

# Debian packages: Tesseract with Dutch for OCR (run time); Chromium for the web page's tests.
system-deps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx nld; then \
	  echo "installing tesseract-ocr and tesseract-ocr-nld (Debian packages)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-nld >/dev/null; \
	fi

# axe-core, the accessibility engine the browser tests run in Chromium (tests/web_browser.py):
# from the npm registry into build/npm (git-ignored), not vendored; MPL-2.0, its licence beside it.
AXE_VERSION := 4.14.1
AXE := build/npm/node_modules/axe-core/axe.min.js
test-deps: system-deps pg-deps
	@if ! command -v chromium >/dev/null; then \
	  echo "installing chromium (Debian package, for the web page tests)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi
	@if [ ! -f $(AXE) ]; then \
	  echo "installing axe-core $(AXE_VERSION) (npm registry, for the accessibility tests) into build/npm"; \
	  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix build/npm axe-core@$(AXE_VERSION); \
	fi

# PostgreSQL 15 (Debian postgresql-15) for the second store backend's tests: they start a
# throw-away cluster of their own (tests/pg_cluster.py); no server is left running.
PG_BIN ?= /usr/lib/postgresql/15/bin
pg-deps:
	@if [ ! -x $(PG_BIN)/initdb ] || [ ! -x $(PG_BIN)/postgres ]; then \
	  echo "installing postgresql-15 (Debian package, for the PostgreSQL backend tests)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql-15 >/dev/null; \
	fi

ingest: install system-deps
	$(BIN)/raadslens ingest corpus/pdf $(if $(DB),--db $(DB))

serve: install
	$(BIN)/raadslens serve $(if $(DB),--db $(DB)) --host $(HOST) --port $(PORT)

demo: ingest serve

# The demo on PostgreSQL: a cluster of its own in build/pgdata (initdb as this user, as nobody
# when root; trust login on 127.0.0.1:PGPORT only), the corpus ingested into the database
# PGDB, served on http://HOST:PORT. `make demo-pg-stop` stops the cluster.
PGPORT ?= 55433
PGDATA := $(CURDIR)/build/pgdata
PGDB   := raadslens
PG_URL := postgresql://raadslens@127.0.0.1:$(PGPORT)/$(PGDB)
PG_AS  := $(if $(filter 0,$(shell id -u)),runuser -u nobody --)
demo-pg: install system-deps pg-deps
	@if [ ! -d $(PGDATA)/data ]; then mkdir -p $(PGDATA) $(if $(PG_AS),&& chown nobody $(PGDATA)) && \
	  $(PG_AS) $(PG_BIN)/initdb -D $(PGDATA)/data -U raadslens --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null; fi
	@$(PG_AS) $(PG_BIN)/pg_ctl -D $(PGDATA)/data status >/dev/null 2>&1 || $(PG_AS) $(PG_BIN)/pg_ctl -D $(PGDATA)/data \
	  -l $(PGDATA)/log -o "-p $(PGPORT) -k $(PGDATA) -c listen_addresses=127.0.0.1" -w start >/dev/null
	@$(PG_BIN)/psql -h 127.0.0.1 -p $(PGPORT) -U raadslens -d postgres -tAc \
	  "SELECT 1 FROM pg_database WHERE datname = '$(PGDB)'" | grep -q 1 || \
	  $(PG_BIN)/createdb -h 127.0.0.1 -p $(PGPORT) -U raadslens $(PGDB)
	$(BIN)/raadslens ingest corpus/pdf --db $(PG_URL)
	$(BIN)/raadslens serve --db $(PG_URL) --host $(HOST) --port $(PORT)

demo-pg-stop:
	$(PG_AS) $(PG_BIN)/pg_ctl -D $(PGDATA)/data -m fast stop

test: install test-deps lint
	$(BIN)/python -m pytest -q

# The reliability suite, larger than in `make test`: 6 seeds of malformed PDFs at full size
# (~210 files, bombs included), a kill at every commit point of an ingest, 20,000 fuzzed
# requests, 5,000 requests from 20 clients during an ingest. Each test prints its counts.
reliability: install test-deps
	RAADSLENS_MALFORMED_SEEDS=1,2,3,4,5,6 RAADSLENS_MALFORMED_FULL=1 RAADSLENS_FUZZ_REQUESTS=20000 \
	RAADSLENS_LOAD_REQUESTS=5000 $(BIN)/python -m pytest -q -s -m reliability

# Screenshots of every page type for the README (docs/screenshots/), taken by the click tests in
# Chromium on the corpus (SQLite backend).
screenshots: install test-deps
	RAADSLENS_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_web_clicks.py -k sqlite

bench: install system-deps
	$(BIN)/raadslens bench

# Lint, types and import layers. mypy and import-linter cannot follow setuptools' editable
# import hook (the folders are mapped under raadslens.*), so they read a tree of symlinks.
PKGTREE := build/pkgtree
lint: install
	$(BIN)/ruff check .
	rm -rf $(PKGTREE) && mkdir -p $(PKGTREE)/raadslens
	for f in raadslens/*; do case $$f in *__pycache__) ;; *) ln -s ../../../$$f $(PKGTREE)/raadslens/ ;; esac; done
	for d in models ingest extract search_api; do ln -s ../../../$$d $(PKGTREE)/raadslens/$$d; done
	cd $(PKGTREE) && MYPYPATH=. ../../$(BIN)/mypy --config-file ../../pyproject.toml -p raadslens
	cd $(PKGTREE) && PYTHONPATH=. ../../$(BIN)/lint-imports --no-cache ../../pyproject.toml

clean:
	rm -rf $(VENV) data build *.egg-info
