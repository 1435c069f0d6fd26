"""What SIGHUP re-reads, and what needs a restart.

The configuration file is read and validated again as at start, every template is
rendered with sample values and every file, program and variable it names is checked
(:mod:`mailgate.ops.checks`, as ``mailgate check-config`` does).  A file that fails is
refused as a whole — the running configuration stays, and the problems are logged with
their keys.  A file that passes replaces the running configuration, except for the keys
of :data:`RESTART_ONLY`: they name sockets, processes or connections that cannot change
under a running daemon, so their running values are kept and each change is logged as
waiting for a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mailgate.config import DEFAULT_TOML, Config, config_from_toml, format_errors, load_config
from mailgate.errors import ConfigError

# Keys whose new value takes effect only when mailgate restarts.
RESTART_ONLY: tuple[str, ...] = (
    "database",  # the connection pools of every process
    "inbound.smtp.enabled",  # the listening socket …
    "inbound.smtp.host",
    "inbound.smtp.port",
    "inbound.smtp.protocol",
    "inbound.imap",  # the IMAP sessions (replacing the poller would drop them)
    "processing.workers",  # the processes sharing the inbox by id
    "outbound",  # the sender's relay connection and DKIM key
    "http.enabled",  # the HTTP listener
    "http.host",
    "http.port",
    "http.max_request_bytes",
    "log.format",  # the IMAP poller keeps its format
)


@dataclass(frozen=True)
class Reloaded:
    config: Config  # what the daemon runs from now on
    kept: tuple[str, ...]  # restart-only keys whose change waits for a restart
    source: str


def read_again(running: Config, path: Path | None) -> Reloaded:
    """The configuration to run after SIGHUP; :class:`ConfigError` when the file is
    refused (the caller keeps ``running``)."""
    from mailgate.ops.checks import config_problems

    source = str(path) if path is not None else "<embedded default>"
    # Started on the embedded default: that is what there is to read again.
    new = load_config(path) if path is not None else config_from_toml(DEFAULT_TOML, source)
    problems = config_problems(new)
    if problems:
        raise ConfigError(source, problems)
    kept = tuple(key for key in RESTART_ONLY if _get(running, key) != _get(new, key))
    effective = new
    for key in kept:
        effective = _set(effective, key.split("."), _get(running, key))
    if kept:
        # The kept values must still agree with the rest (an IMAP account's department).
        try:
            effective = Config.model_validate(dict(effective))
        except ValidationError as e:
            raise ConfigError(source, format_errors(e, {})) from None
    return Reloaded(effective, kept, source)


def _get(config: Config, key: str) -> Any:
    value: Any = config
    for part in key.split("."):
        value = getattr(value, part)
    return value


def _set(model: BaseModel, parts: list[str], value: Any) -> Any:
    head, *rest = parts
    inner = value if not rest else _set(getattr(model, head), rest, value)
    return model.model_copy(update={head: inner})
