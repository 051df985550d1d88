# make help lists the targets. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app assessment
STAMPS := .stamps
export APP_ENV ?= development

# PostgreSQL tests run on TEST_DATABASE_URL's server, which CI always sets (and fails
# without); elsewhere, unset, the tests start a throwaway cluster of their own.
ifeq ($(CI),true)
export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
endif

.PHONY: help run test lint format setup assets db demo bench translations clean
ASSETS_BUILT := static/assets/manifest.json

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

run: setup db demo ## Set everything up (SQLite, demo data) and serve on http://127.0.0.1:5000
	@echo "Serving on http://127.0.0.1:5000 (Ctrl+C stops it)"
	SECRET_KEY=$$(cat instance/secret_key) $(FLASK) run --host 127.0.0.1 --port 5000

test: setup ## Run the whole test suite, on SQLite and PostgreSQL
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

bench: setup ## Run the benchmarks (three runs, medians) and print the table; needs PostgreSQL
	$(PY) -m benchmarks.run

lint: setup ## Check the code with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: $(STAMPS)/system $(STAMPS)/python $(ASSETS_BUILT) $(STAMPS)/catalogues instance/secret_key

$(STAMPS)/system: scripts/install-system-packages.sh
	@mkdir -p $(STAMPS)
	bash scripts/install-system-packages.sh
	@touch $@

$(STAMPS)/python: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

assets: $(ASSETS_BUILT) ## Build static/assets (hashed, compressed) when its sources change

# The build's last file is its target, so a build that failed half way, or a deleted
# static/assets, is built again; node_modules is refreshed when the lock file changes.
$(ASSETS_BUILT): node_modules/.package-lock.json scripts/build-assets.mjs $(shell find assets -type f)
	npm run --silent build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Translated catalogues (translations/<lang>/LC_MESSAGES/messages.po), compiled for use.
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
$(STAMPS)/catalogues: $(STAMPS)/python $(CATALOGUES)
	$(if $(CATALOGUES),$(VENV)/bin/pybabel compile --use-fuzzy -d translations)
	@touch $@

translations: setup ## Extract every translatable word to translations/messages.pot and update catalogues
	$(VENV)/bin/pybabel extract -F babel.cfg -k lazy_gettext --sort-by-file -o translations/messages.pot .
	$(if $(CATALOGUES),$(VENV)/bin/pybabel update -i translations/messages.pot -d translations)
	$(if $(CATALOGUES),$(VENV)/bin/pybabel compile -d translations)

instance/secret_key:
	@mkdir -p instance
	@$(PY) -c 'import secrets; print(secrets.token_hex(32))' > $@
	@echo "Generated a secret key for local use in $@"

db: setup ## Migrate the database named by DATABASE_URL (default: a SQLite file in instance/)
	SECRET_KEY=$$(cat instance/secret_key) $(FLASK) db upgrade

demo: db ## Load the demo council, leader and responses (safe to run twice)
	SECRET_KEY=$$(cat instance/secret_key) $(FLASK) demo

clean: ## Remove the virtualenv, node_modules, built assets and the local database
	rm -rf $(VENV) node_modules static/assets $(STAMPS) instance
