"""One typed, validated configuration.

The configuration is a TOML file (``--config PATH`` or ``MAILGATE_CONFIG``); every key is
documented with its default in ``mailgate.toml.example``.  It is parsed once into frozen
pydantic models; an error names the key, the value and what was expected, e.g.
``inbound.smtp.port: expected an integer from 1 to 65535 (got 'abc')``.

Durations are written as a number and a unit: ``"90s"``, ``"30m"``, ``"24h"``, ``"30d"``
(``"250ms"`` too, for the short ones).
"""

from mailgate.config.helpdesk import AgentConfig, DepartmentConfig
from mailgate.config.inbound import ImapAccountConfig, SmtpInboundConfig
from mailgate.config.loading import (
    DEFAULT_TOML,
    config_from_toml,
    format_errors,
    load_config,
    resolve_config_path,
)
from mailgate.config.model import Config
from mailgate.config.outbound import DkimConfig, OutboundConfig
from mailgate.config.ratings import RatingsConfig
from mailgate.config.security import RateLimit
from mailgate.config.service import DatabaseConfig, RetentionConfig, SchedulerJobsConfig
from mailgate.config.types import duration_in_words, format_duration, parse_duration

# What the rest of mailgate takes from the configuration; the modules above say where
# each key is defined.
__all__ = [
    "DEFAULT_TOML",
    "AgentConfig",
    "Config",
    "DatabaseConfig",
    "DepartmentConfig",
    "DkimConfig",
    "ImapAccountConfig",
    "OutboundConfig",
    "RateLimit",
    "RatingsConfig",
    "RetentionConfig",
    "SchedulerJobsConfig",
    "SmtpInboundConfig",
    "config_from_toml",
    "duration_in_words",
    "format_duration",
    "format_errors",
    "load_config",
    "parse_duration",
    "resolve_config_path",
]
