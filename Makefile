# Maillage: `make run` serves the portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Test processes (pytest-xdist): one per core; `make test TEST_JOBS=0` runs in one process.
TEST_JOBS ?= auto
# Links in mail (the demo's, written while seeding, and the server's) follow the port served on.
PUBLIC_URL ?= http://$(HOST):$(PORT)
export PUBLIC_URL

.PHONY: run test test-pg install translations db seed lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Reinstall only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

translations: install
	$(FLASK) translate compile

db: install
	$(FLASK) db upgrade

seed: db
	$(FLASK) seed reference
	$(FLASK) seed demo

run: translations seed
	$(FLASK) run --host $(HOST) --port $(PORT)

test: translations
	bash scripts/ensure-system-deps.sh
	$(BIN)/pytest -n $(TEST_JOBS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check app tests bench

clean:
	rm -rf $(VENV) instance .pytest_cache
