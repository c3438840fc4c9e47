# IncuChain: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi
# Parallel test workers (pytest-xdist): one per core by default, `PYTEST_WORKERS=0` for one
# process. Tests that must not run beside others are marked `xdist_group` and run one after
# another on one worker (xdist 3.8 ignores the mark under pytest 9.2: pytest-xdist#1386).
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadgroup
# Debian packages the app needs: a CJK font and HarfBuzz's subsetter for fast
# Chinese PDF certificates (WeasyPrint), Pango for WeasyPrint itself.
RUN_PACKAGES := fonts-noto-cjk fonts-wqy-microhei libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig
# The browser tests drive Debian's Chromium; Playwright never downloads one.
TEST_PACKAGES := chromium

.PHONY: run test lint system-packages system-packages-test translations catalogs db clean

run: $(BIN)/.installed system-packages catalogs db
	@echo "IncuChain on http://127.0.0.1:$(PORT), with its job worker"
	$(BIN)/honcho start --port $(PORT) --procfile Procfile

test: $(BIN)/.installed system-packages system-packages-test catalogs lint
	@start=$$(date +%s); \
	INCUCHAIN_TEST_DB= $(PYTEST) || status=$$?; \
	echo "== SQLite: $$(( $$(date +%s) - start )) s =="; \
	exit $${status:-0}
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== again on PostgreSQL =="; \
		start=$$(date +%s); \
		INCUCHAIN_TEST_DB="$$TEST_DATABASE_URL" $(PYTEST) || status=$$?; \
		echo "== PostgreSQL: $$(( $$(date +%s) - start )) s =="; \
		exit $${status:-0}; \
	fi

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

system-packages:
	@scripts/system-packages.sh $(RUN_PACKAGES)

system-packages-test:
	@scripts/system-packages.sh $(TEST_PACKAGES)

# Compile the gettext catalogs (the .mo files are build products, not sources).
catalogs: $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations

# Re-extract the messages after changing user-facing strings, then translate
# the new entries in translations/zh_Hans_CN/LC_MESSAGES/messages.po.
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

# Create the SQLite database with the demo data on first run only.
db: $(BIN)/.installed
	@if [ -z "$$DATABASE_URL" ] && [ ! -f instance/incuchain.sqlite3 ]; then \
		$(FLASK) init-db && $(FLASK) seed-demo; \
	else \
		$(FLASK) init-db; \
	fi

clean:
	rm -rf $(VENV) instance/incuchain.sqlite3* .pytest_cache .ruff_cache
