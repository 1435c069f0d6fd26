"""Reading the configuration: which file, TOML into :class:`Config`, and an error that
names each bad key (:class:`ConfigError`)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mailgate.config.model import Config
from mailgate.errors import ConfigError

CONFIG_ENV = "MAILGATE_CONFIG"
DEFAULT_CONFIG_FILE = "mailgate.toml"


DEFAULT_TOML = """
[helpdesk]
domain = "example.com"

[[departments]]
name = "support"
address = "support@example.com"
"""


def format_errors(err: ValidationError, data: Mapping[str, Any]) -> list[str]:
    """One line per bad key: the key, what was expected, and the value unless it may be a
    secret."""
    problems = []
    errors = err.errors()
    locs = [tuple(e["loc"]) for e in errors]
    for e in errors:
        here = tuple(e["loc"])
        if any(len(other) > len(here) and other[: len(here)] == here for other in locs):
            continue  # a container whose item is reported on its own
        loc = _dotted(e["loc"])
        msg = e["msg"]
        msg = msg.removeprefix("Value error, ")
        if e["type"] == "extra_forbidden":
            msg = "unknown key (a typo? every key is listed in mailgate.toml.example)"
        elif e["type"] == "missing":
            msg = "required key is missing"
        elif e["type"] != "value_error" and not msg.startswith("expected"):
            msg = "expected: " + msg[0].lower() + msg[1:]
        if e["type"] == "extra_forbidden" or _is_secret(e["loc"]):
            # A misplaced key may be a password (``password`` where only
            # ``password_file`` is known): its value is never repeated.
            pass
        elif e["type"] not in ("missing",) and "input" in e and not isinstance(e["input"], dict):
            msg += f" (got {e['input']!r})"
        # A model-level check names its own key inside the message.
        named = msg.split(" ", 1)[0]
        if ":" in named and (not loc or named.startswith((f"{loc}.", f"{loc}:"))):
            problems.append(msg)
        else:
            problems.append(f"{loc or '(top level)'}: {msg}")
    return problems


# Keys whose values are secrets (or commands that may carry one on their command line).
_SECRET_KEYS = frozenset({"password", "client_secret", "secret", "token", "token_command"})


def _is_secret(loc: tuple[int | str, ...]) -> bool:
    return bool(loc) and str(loc[-1]) in _SECRET_KEYS


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def config_from_mapping(data: Mapping[str, Any], source: str = "<config>") -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(source, format_errors(e, data)) from None


def config_from_toml(text: str, source: str = "<config>") -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(source, [f"not valid TOML: {e}"]) from None
    return config_from_mapping(data, source)


def resolve_config_path(explicit: str | os.PathLike[str] | None) -> Path | None:
    """``--config``, else ``$MAILGATE_CONFIG``, else ``./mailgate.toml`` if it exists,
    else None (the embedded default)."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    here = Path(DEFAULT_CONFIG_FILE)
    return here if here.exists() else None


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    resolved = resolve_config_path(path)
    if resolved is None:
        return config_from_toml(DEFAULT_TOML, "<embedded default>")
    try:
        text = resolved.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(str(resolved), [f"cannot read the file: {e.strerror}"]) from None
    except UnicodeDecodeError:
        raise ConfigError(str(resolved), ["the file is not UTF-8 text"]) from None
    return config_from_toml(text, str(resolved))
