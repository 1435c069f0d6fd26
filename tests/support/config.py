"""Configurations for tests: the base TOML every test starts from (SQLite in a temporary
directory, SMTP on a free loopback port, the outbox beside it) and what tests add to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailgate.config import Config, config_from_toml
from tests.support.environment import free_port

BASE_TOML = """
[helpdesk]
domain = "helpdesk.test"
name = "Test Helpdesk"

[[departments]]
name = "support"
address = "support@helpdesk.test"
display_name = "Test Support"

[[departments]]
name = "billing"
address = "billing@helpdesk.test"

[database]
url = "{db_url}"
busy_timeout = "5s"

[inbound.smtp]
host = "127.0.0.1"
port = {port}

[processing]
workers = {workers}
poll_interval = "100ms"
retry_after = "1s"

[outbound]
directory = "{outbox}"
poll_interval = "100ms"

[daemon]
shutdown_timeout = "5s"

[security]
# Mail built with tests.support.mailfactory.AUTHENTICATED carries this MTA's verdict.
authserv_id = "mx.helpdesk.test"
"""


def make_toml(
    tmp: Path,
    db_url: str | None = None,
    port: int | None = None,
    extra: str = "",
    *,
    workers: int = 1,
) -> str:
    """The base configuration.  One processing worker unless ``workers`` says more: a
    daemon in a test starts in about half the time (each worker is a new interpreter),
    and the tests of what two workers do together ask for two."""
    return (
        BASE_TOML.format(
            workers=workers,
            db_url=db_url or f"sqlite:///{tmp / 'mailgate.db'}",
            port=port or free_port(),
            outbox=tmp / "outbox",
        )
        + extra
    )


def with_security(tmp_path: Path, security: str) -> tuple[str, Config]:
    """The base configuration with ``security`` keys: its text and the configuration."""
    # The base configuration ends with its [security] table: these keys continue it.
    text = make_toml(tmp_path, extra=f"\n{security}\n")
    return text, config_from_toml(text, "<test>")


def with_smtp(config: Config, **updates: Any) -> Config:
    """``config`` with its [inbound.smtp] settings updated."""
    smtp = config.inbound.smtp.model_copy(update=updates)
    return config.model_copy(update={"inbound": config.inbound.model_copy(update={"smtp": smtp})})


def to_relay(text: str, relay_port: int) -> str:
    """``text`` with its [outbound] table sending over SMTP to the relay on ``relay_port``,
    retrying soon (200ms, at most 500ms apart) so a refused mail comes back quickly."""
    return text.replace(
        "[outbound]\n",
        f'[outbound]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {relay_port}\n'
        'retry_after = "200ms"\nmax_retry_interval = "500ms"\n',
    )


# A tag rule and two of support's fields, as the feature tests configure them.
TAGGING = """
[[tag_rules]]
name = "printer-mail"
subject = "printer"
tags = ["hardware"]

[[fields]]
department = "support"
name = "plan"
label = "Plan"
type = "choice"
options = ["bronze", "silver", "gold"]

[[fields]]
department = "support"
name = "seats"
label = "Seats"
type = "number"
"""


# The survey's status labels for the English console: keys of a [labels.en] table.
SURVEY_LABELS = """
[labels.en]
open = "New"
in_progress = "Assigned"
on_hold = "Awaiting clarification"
"""
