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
	$(BIN)/python -m compileall -q mailgate
	$(BIN)/mailgate run

lint: $(STAMP)
	$(BIN)/ruff check mailgate tests bench
	$(BIN)/ruff format --check mailgate tests bench
	$(BIN)/mypy

# What the tests talk to besides PostgreSQL: Dovecot and Postfix.  The tests start
# private instances of their own on loopback ports; the system's services are not used.
# Postfix is installed unconfigured ("No configuration": no /etc/postfix/main.cf), so
# the system's own Postfix cannot start.  Java runs the Nu HTML Checker that validates
# the HTML of the mail mailgate writes.  Headless Chromium, driven through its chromedriver,
# runs the console's browser tests (tests/browser).
services:
	$(call install_missing,java,default-jre-headless,for the HTML checks of outgoing mail,:)
	$(call install_missing,chromium,chromium,for the console's browser tests,:)
	$(call install_missing,chromedriver,chromium-driver,for the console's browser tests,:)
	$(call install_missing,dovecot,dovecot-imapd,for the IMAP tests,:)
	$(call install_missing,postfix,postfix,for the Postfix recipe tests,\
		echo "postfix postfix/main_mailer_type select No configuration" | $$SUDO debconf-set-selections)

# $(call install_missing,COMMAND,PACKAGE,WHY,FIRST): install PACKAGE with apt-get when
# COMMAND is found neither on PATH nor in /usr/sbin, running FIRST before.
define install_missing
	@if command -v $(1) >/dev/null 2>&1 || [ -x /usr/sbin/$(1) ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "make: $(1) is missing and apt-get is not available: install $(2) by hand" >&2; \
	else \
		echo "make: installing $(2) ($(3))"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		export DEBIAN_FRONTEND=noninteractive; \
		$(4); \
		$$SUDO apt-get install -y -q --no-install-recommends $(2) >/dev/null \
		|| { $$SUDO apt-get update -q >/dev/null && \
		     $$SUDO apt-get install -y -q --no-install-recommends $(2) >/dev/null; }; \
	fi
endef

# Two workers, each test file whole on one of them (its module fixtures start once): the
# tests wait on daemons, browsers and servers more than they compute.  The package is
# compiled first: the tests start a thousand mailgate processes, and under
# PYTHONDONTWRITEBYTECODE each would compile every module it imports again.
test: lint services
	$(BIN)/python -m compileall -q mailgate
	$(BIN)/pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
