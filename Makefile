# mailgate — the two commands: `make run` and `make test`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint services bench clean

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

# What the tests talk to besides PostgreSQL: Dovecot (the tests start their own
# unprivileged instance on a loopback port; the system's own service is not used).
services:
	@if command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "make: Dovecot is missing and apt-get is not available: install dovecot (imapd) by hand" >&2; \
	else \
		echo "make: installing dovecot-imapd (for the IMAP tests)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		export DEBIAN_FRONTEND=noninteractive; \
		$$SUDO apt-get install -y -q --no-install-recommends dovecot-imapd >/dev/null \
		|| { $$SUDO apt-get update -q >/dev/null && \
		     $$SUDO apt-get install -y -q --no-install-recommends dovecot-imapd >/dev/null; }; \
	fi

test: lint services
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
