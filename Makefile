# mailgate — the two commands: `make run` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Start the daemon on the embedded default: SQLite under var/, SMTP on 127.0.0.1:2525,
# outgoing mail as .eml files under var/outbox/.  Ctrl-C (SIGINT) or SIGTERM stops it.
run: $(STAMP)
	$(BIN)/mailgate run

lint: $(STAMP)
	$(BIN)/ruff check mailgate tests bench
	$(BIN)/ruff format --check mailgate tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
