# Two commands a newcomer needs: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test venv lint demo clean-data

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

## Set up, create the demo store if none exists, serve on http://127.0.0.1:8050
run: venv
	$(BIN)/python -m data ensure-demo
	$(BIN)/python app.py

## Set up and run every test (installs Chromium, CJK fonts; starts a throwaway PostgreSQL)
test: venv
	bash scripts/test.sh

lint: venv
	$(BIN)/ruff check .

demo: venv
	$(BIN)/python -m data demo

clean-data:
	rm -rf var/
