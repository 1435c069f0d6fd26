"""One typed, validated configuration.

The configuration is a TOML file (``--config PATH`` or ``MAILGATE_CONFIG``); every key is
documented with its default in ``mailgate.toml.example``.  It is parsed once into frozen
pydantic models; an error names the key, the value and what was expected, e.g.
``inbound.smtp.port: expected an integer from 1 to 65535 (got 'abc')``.

Durations are written as a number and a unit: ``"90s"``, ``"30m"``, ``"24h"``, ``"30d"``
(``"250ms"`` too, for the short ones).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    field_validator,
    model_validator,
)

from mailgate.addresses import is_plausible_address, normalize_address, split_address
from mailgate.resources import (
    CA_FILE,
    CERTIFICATE_FILE,
    ENVIRONMENT,
    HMAC_KEY_FILE,
    PRIVATE_KEY_FILE,
    PROGRAM,
    RSA_KEY_FILE,
    SECRET_FILE,
    TEXT_FILE,
    load_ca_file,
    read_hmac_key,
    read_rsa_key,
    read_secret,
    require_usable,
)

if TYPE_CHECKING:
    from mailgate.classify import Policy
    from mailgate.lifecycle import StateMachine
    from mailgate.parse import ParseOptions

CONFIG_ENV = "MAILGATE_CONFIG"
DEFAULT_CONFIG_FILE = "mailgate.toml"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(value: object) -> float:
    """``"90s"`` → 90.0 seconds.  A bare number is refused: the unit is never guessed."""
    if isinstance(value, float | int) and not isinstance(value, bool) and value == 0:
        return 0.0
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    raise ValueError('expected a duration such as "90s", "30m", "24h" or "30d"')


def format_duration(seconds: float) -> str:
    """90.0 → ``"90s"``, 432000.0 → ``"5d"``: the largest unit that divides it."""
    for unit in ("d", "h", "m", "s"):
        n = seconds / _UNIT_SECONDS[unit]
        if n >= 1 and n == int(n):
            return f"{int(n)}{unit}"
    return f"{round(seconds * 1000)}ms"


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError("expected a duration greater than zero")
    return value


Duration = Annotated[float, BeforeValidator(parse_duration), AfterValidator(_positive)]
Port = Annotated[int, Field(ge=1, le=65535)]

_UNIT_WORDS = (("day", 86400), ("hour", 3600), ("minute", 60))


def describe_duration(seconds: float) -> str:
    """A duration as people write it: 86400 → ``"24 hours"``, 432000 → ``"5 days"``,
    5400 → ``"90 minutes"``.  The largest unit that divides it, so nothing is rounded
    away.  Days only from three on: one or two are said in hours ("24 hours")."""
    whole = max(1, round(seconds))
    n, word = whole, "second"
    for name, size in _UNIT_WORDS:
        if whole % size == 0 and (name != "day" or whole >= 3 * size):
            n, word = whole // size, name
            break
    return f"{n} {word}" + ("" if n == 1 else "s")


class ConfigError(Exception):
    """The configuration cannot be used; ``problems`` lists one line per bad key."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))

    def __str__(self) -> str:
        return f"invalid configuration {self.source}:\n" + "\n".join(
            f"  {p}" for p in self.problems
        )


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class HelpdeskConfig(_Section):
    name: str = "Helpdesk"
    domain: str = "example.com"
    subject_token: str = "#[{number}]"
    recipient_delimiter: str = "+"
    default_department: str | None = None
    # The department for mail to postmaster@ of each domain the departments' addresses
    # are in (RFC 5321 §4.5.1), where no department has that address.  None: the default.
    postmaster_department: str | None = None
    language: str = "en"
    # Reply-To a per-ticket signed address (support+<number>.<mac>@example.com) instead of
    # the department's own: a reply to it joins its ticket whatever its subject and
    # headers, and proves that its sender received mail from that ticket.
    reply_tokens: bool = False
    # The HMAC key of those addresses: a file holding at least 16 random bytes (e.g.
    # `head -c 32 /dev/urandom | base64 > /etc/mailgate/reply.secret`).
    secret_file: Annotated[str | None, HMAC_KEY_FILE] = None
    # The agent of [[agents]] that `mailgate reply`, `ticket N --status` and `assign`
    # act as without --as.  None: they act as the system.
    default_agent: str | None = None

    @field_validator("default_agent")
    @classmethod
    def _default_agent(cls, v: str | None) -> str | None:
        return None if v is None else normalize_address(v)

    @model_validator(mode="after")
    def _secret(self) -> HelpdeskConfig:
        if self.reply_tokens and not self.secret_file:
            raise ValueError("helpdesk.secret_file: required when reply_tokens = true")
        if self.reply_tokens and not self.recipient_delimiter:
            raise ValueError(
                'helpdesk.recipient_delimiter: reply_tokens = true needs one, such as "+"'
            )
        # Read now: the key signs and checks every reply address.
        require_usable(self, "helpdesk.")
        return self

    def secret(self) -> bytes:
        """The HMAC key (read from ``secret_file``; checked when the file was loaded)."""
        if not self.secret_file:
            raise ValueError("helpdesk.secret_file is not set")
        return read_hmac_key(self.secret_file)

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str) -> str:
        v = v.strip().lower()
        if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", v):
            raise ValueError("expected a domain name such as example.com")
        return v

    @field_validator("subject_token")
    @classmethod
    def _token(cls, v: str) -> str:
        if v.count("{number}") != 1:
            raise ValueError('expected exactly one "{number}" placeholder, e.g. "#[{number}]"')
        if not v.partition("{number}")[0].strip():
            raise ValueError(
                "expected some text before {number}, so that it cannot be "
                "confused with an ordinary number in a subject"
            )
        if re.search(r"[\r\n]", v):
            raise ValueError("expected a single line")
        return v

    @field_validator("recipient_delimiter")
    @classmethod
    def _delim(cls, v: str) -> str:
        if len(v) > 1 or (v and (v.isalnum() or v in '@."')):
            raise ValueError('expected one punctuation character such as "+" or "-", or ""')
        return v


class DepartmentConfig(_Section):
    name: str
    address: str
    display_name: str | None = None
    aliases: tuple[str, ...] = ()
    # Priority of its new tickets when the client's mail says none (X-Priority,
    # Importance, Priority headers).
    priority: Literal["low", "normal", "high", "urgent"] = "normal"
    # How new tickets are assigned to the department's agents: "none", "round_robin"
    # (in turn) or "least_open" (to whoever has the fewest tickets not closed).
    assignment: Literal["none", "round_robin", "least_open"] = "none"

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,62}", v):
            raise ValueError("expected a short lower-case name (letters, digits, - and _)")
        return v

    @field_validator("address")
    @classmethod
    def _address(cls, v: str) -> str:
        if not is_plausible_address(v):
            raise ValueError("expected an e-mail address such as support@example.com")
        return normalize_address(v)

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for a in v:
            if not is_plausible_address(a):
                raise ValueError(f"expected e-mail addresses, {a!r} is not one")
        return tuple(normalize_address(a) for a in v)

    @field_validator("display_name")
    @classmethod
    def _display(cls, v: str | None) -> str | None:
        if v is not None and re.search(r"[\r\n\x00]", v):
            raise ValueError("expected a single line")
        return v


class AgentConfig(_Section):
    """A member of the team: alerts go to them, and their answers to an alert are relayed
    to the client from the department's address."""

    address: str
    name: str = ""
    # The departments whose tickets they work on; empty: all.
    departments: tuple[str, ...] = ()

    @field_validator("address")
    @classmethod
    def _address(cls, v: str) -> str:
        if not is_plausible_address(v):
            raise ValueError("expected an e-mail address such as jo@example.com")
        return normalize_address(v)

    @field_validator("name")
    @classmethod
    def _one_line(cls, v: str) -> str:
        if re.search(r"[\r\n\x00]", v):
            raise ValueError("expected a single line")
        return v


class NotifyConfig(_Section):
    # Acknowledgments of new tickets sent to one address within an hour at the most: a
    # sender (or a broken autoresponder that strips Auto-Submitted) opening ticket after
    # ticket gets the first ones only.  The tickets are still opened.
    acknowledgments_per_hour: Annotated[int, Field(ge=0, le=10000)] = 5
    # Mail the agents of a ticket's department about a new ticket and each client reply.
    agent_alerts: bool = True


class LifecycleConfig(_Section):
    # An answered ticket the client has not written to for this long is closed by the
    # scheduler's auto_close job, with a ticket_closed notice that a reply reopens it.
    auto_close_after: Duration = 86400.0
    # A client's mail to a ticket closed at most this long ago reopens it; after that it
    # opens a new ticket that links to the old one.
    reopen_within: Duration = 30 * 86400.0
    # A line that is exactly this, in a client's mail on their ticket, closes it (the
    # line is not kept as content).  "" turns it off.
    close_keyword: str = "#close"
    # The state machine, replacing the default entirely when given: for each status, the
    # status each event leads to (agent_status_change: the list an agent may choose).
    transitions: dict[str, dict[str, str | list[str]]] | None = None

    @field_validator("close_keyword")
    @classmethod
    def _keyword(cls, v: str) -> str:
        if v != v.strip() or re.search(r"[\r\n]", v):
            raise ValueError('expected one word such as "#close", without spaces around it')
        return v

    @field_validator("transitions")
    @classmethod
    def _table(
        cls, v: dict[str, dict[str, str | list[str]]] | None
    ) -> dict[str, dict[str, str | list[str]]] | None:
        if v is None:
            return None
        from mailgate.lifecycle import StateMachine

        problems = StateMachine(_as_table(v)).problems()
        if problems:
            raise ValueError("\n  ".join(f"lifecycle.transitions.{p}" for p in problems))
        return v

    def machine(self) -> StateMachine:
        from mailgate.lifecycle import DEFAULT, StateMachine

        return DEFAULT if self.transitions is None else StateMachine(_as_table(self.transitions))


def _as_table(v: Mapping[str, Mapping[str, str | list[str]]]) -> dict[str, dict[str, Any]]:
    return {
        status: {e: t if isinstance(t, str) else tuple(t) for e, t in events.items()}
        for status, events in v.items()
    }


class DatabaseConfig(_Section):
    url: str = "sqlite:///var/mailgate.db"
    busy_timeout: Duration = 30.0
    # "full": a committed message survives a power loss (the default); "normal" trades
    # that for speed and survives only a crash of mailgate itself.
    synchronous: Literal["full", "normal"] = "full"

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(v)
        except ArgumentError as e:
            raise ValueError(f"expected a SQLAlchemy database URL ({e})") from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValueError("expected a sqlite:/// or postgresql+psycopg:// URL")
        return v


class SmtpInboundConfig(_Section):
    enabled: bool = True
    host: str = "127.0.0.1"
    port: Port = 2525
    protocol: Literal["smtp", "lmtp"] = "smtp"
    hostname: str | None = None
    max_message_bytes: Annotated[int, Field(ge=1024)] = 26214400
    # RFC 5321 says 1000 octets, but real mail programs send longer lines (Outlook's HTML
    # parts); Postfix passes them, so refusing them would bounce a client's mail.
    max_line_length: Annotated[int, Field(ge=1001)] = 65536
    # The header block (up to the first empty line); Postfix's header_size_limit.
    max_header_bytes: Annotated[int, Field(ge=1024)] = 102400
    max_recipients: Annotated[int, Field(ge=1)] = 100
    # RFC 5321 §4.5.3.1.4: a command line is at least 512 octets; longer ones get 500.
    max_command_line: Annotated[int, Field(ge=512)] = 512
    timeout: Duration = 300.0  # idle: between commands
    data_timeout: Duration = 600.0  # the whole of DATA, from 354 to the final dot
    max_connections: Annotated[int, Field(ge=1)] = 1000
    max_connections_per_client: Annotated[int, Field(ge=1)] = 50
    # Command lines a session may send for each message it delivers, accepted RCPT TO
    # not counted; past them: 421 4.7.0 and closed (Postfix's smtpd_junk_command_limit).
    max_commands_per_message: Annotated[int, Field(ge=10)] = 100
    # STARTTLS is offered when both are set (PEM files; the key may be in the cert file).
    tls_cert_file: Annotated[str | None, CERTIFICATE_FILE] = None
    tls_key_file: Annotated[str | None, PRIVATE_KEY_FILE] = None

    @model_validator(mode="after")
    def _tls_pair(self) -> SmtpInboundConfig:
        if self.tls_key_file and not self.tls_cert_file:
            raise ValueError("tls_key_file needs tls_cert_file")
        # Loaded now, as the listener will load them: a bad file stops mailgate at start.
        require_usable(self, "inbound.smtp.")
        if self.max_connections_per_client > self.max_connections:
            raise ValueError("max_connections_per_client is larger than max_connections")
        return self


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


class ImapAccountConfig(_Section):
    """One mailbox mailgate pulls mail from."""

    name: str
    host: str
    port: Port | None = None  # default: 993 for tls = "ssl", 143 otherwise
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    username: str
    auth: Literal["password", "oauth2"] = "password"
    # Never the password itself: a file holding it, or the name of an environment variable.
    password: str | None = None  # refused with a pointer to the two below
    # Both are read at each login; `mailgate check-config` checks them beforehand.
    password_file: Annotated[str | None, SECRET_FILE] = None
    password_env: Annotated[str | None, ENVIRONMENT] = None
    # auth = "oauth2": a command whose standard output is an access token (any provider;
    # oauth2ms, mutt_oauth2.py) …
    token_command: Annotated[str | None, PROGRAM] = None
    # … or Microsoft's client-credentials flow (msal).
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret_file: Annotated[str | None, SECRET_FILE] = None
    authority: str | None = None  # default https://login.microsoftonline.com/<tenant_id>
    folder: str = "INBOX"
    department: str | None = None
    after: Literal["seen", "move", "delete"] = "seen"
    move_to: str | None = None
    poll_interval: Duration = 60.0
    batch_size: Annotated[int, Field(ge=1, le=1000)] = 100
    idle: bool = True  # use IMAP IDLE where the server offers it
    timeout: Duration = 60.0

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,62}", v):
            raise ValueError("expected a short name (letters, digits, '.', '-' and '_')")
        return v

    @field_validator("password", mode="before")
    @classmethod
    def _no_inline_password(cls, v: object) -> None:
        if v is not None:
            raise ValueError(
                "a password is not taken from the configuration file: put it in a file "
                "(password_file) or an environment variable (password_env)"
            )

    @field_validator("password_env")
    @classmethod
    def _password_env(cls, v: str | None) -> str | None:
        if v is None:
            return None
        # Whether it is set is checked by `check-config` (run in the daemon's environment),
        # not here: other commands (`mailgate deliver` under Postfix, an agent's
        # `mailgate tickets`) load this configuration in environments that lack it.
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
            raise ValueError(f"expected the name of an environment variable (got {v!r})")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> ImapAccountConfig:
        if self.tls == "none" and self.host not in _LOOPBACK:
            raise ValueError(
                f'tls = "none" is allowed only for a loopback host, not {self.host!r}: '
                "a password or token would cross the network in clear"
            )
        if self.auth == "password" and bool(self.password_env) == bool(self.password_file):
            raise ValueError(
                'auth = "password" needs exactly one of password_file and password_env'
            )
        if self.auth == "oauth2":
            msal = (self.tenant_id, self.client_id, self.client_secret_file)
            if bool(self.token_command) == any(msal):
                raise ValueError(
                    'auth = "oauth2" needs either token_command or tenant_id, '
                    "client_id and client_secret_file"
                )
            if not self.token_command and not all(msal):
                raise ValueError(
                    "the client-credentials flow needs tenant_id, client_id and client_secret_file"
                )
        if self.after == "move" and not self.move_to:
            raise ValueError('after = "move" needs move_to (the folder to move mail to)')
        return self

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.tls == "ssl" else 143)


class InboundConfig(_Section):
    smtp: SmtpInboundConfig = SmtpInboundConfig()
    imap: tuple[ImapAccountConfig, ...] = ()


class ProcessingConfig(_Section):
    # Worker processes of `mailgate run` that process the inbox, and their CPU niceness:
    # the listener, which clients wait on, comes first.
    workers: Annotated[int, Field(ge=1, le=64)] = 2
    nice: Annotated[int, Field(ge=0, le=19)] = 5
    poll_interval: Duration = 0.5
    batch_size: Annotated[int, Field(ge=1, le=1000)] = 50
    # How long one processing transaction may hold the database's write lock (on SQLite
    # the listener's commits wait for it) before it commits and starts another.
    transaction_time: Duration = 0.01
    # While the listener has committed mail within this window, processing waits (the
    # listener's clients come first); "0s" turns this off.  Still, processing runs at
    # least one batch every max_yield.
    yield_to_intake: Annotated[float, BeforeValidator(parse_duration), Field(ge=0)] = 0.05
    max_yield: Duration = 2.0
    # A message whose processing raised this many times stays "failed" until
    # ``mailgate reprocess``; before that it is retried after ``retry_after``.
    max_attempts: Annotated[int, Field(ge=1)] = 3
    retry_after: Duration = 60.0
    # Parsing limits: a message over one is stored and quarantined with the reason.
    max_header_bytes: Annotated[int, Field(ge=1024)] = 100 * 1024
    max_mime_depth: Annotated[int, Field(ge=1, le=1000)] = 20
    max_mime_parts: Annotated[int, Field(ge=1, le=100_000)] = 500
    parse_time_limit: Annotated[float, BeforeValidator(parse_duration), Field(ge=0)] = 10.0


@dataclass(frozen=True)
class SecretFile:
    """A file holding a secret (a password), read once when the configuration is
    loaded.  Its repr shows the path, never the secret."""

    path: str
    secret: str = field(repr=False)


def _secret_file(value: object) -> SecretFile:
    if isinstance(value, SecretFile):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected the path of a file holding the secret")
    return SecretFile(value, read_secret(value))


@dataclass(frozen=True)
class DkimKey:
    """A DKIM private key (RSA, PEM), read and checked when the configuration is loaded,
    so that a bad key stops mailgate at start rather than the first signature."""

    path: str
    pem: bytes = field(repr=False)
    bits: int


def _dkim_key(value: object) -> DkimKey:
    if isinstance(value, DkimKey):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected the path of a PEM file holding an RSA private key")
    pem, bits = read_rsa_key(value)
    return DkimKey(value, pem, bits)


# Dumped as their paths: the secrets never leave the objects.
_SecretFileField = Annotated[
    SecretFile, PlainValidator(_secret_file), PlainSerializer(lambda v: v.path)
]
_DkimKeyField = Annotated[DkimKey, PlainValidator(_dkim_key), PlainSerializer(lambda v: v.path)]
_DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
_HEADER_NAME = re.compile(r"[!-9;-~]+")

# What the acknowledgments carry that a receiver shows or threads by.  A field listed
# but absent from a message is signed as absent: nobody can add it on the way.
DKIM_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Reply-To",
    "MIME-Version",
    "Content-Type",
    "Auto-Submitted",
)
# RFC 6376 §5.4: these change in transit (or must not be seen), so signing them breaks
# the signature or leaks them.
_DKIM_NEVER = (
    "return-path",
    "received",
    "comments",
    "keywords",
    "bcc",
    "resent-bcc",
    "dkim-signature",
)


class DkimConfig(_Section):
    """DKIM signing of outgoing mail (RFC 6376), done as each message is sent."""

    selector: str
    key_file: Annotated[_DkimKeyField, RSA_KEY_FILE]
    # Default: the domain of the address each message is sent from (the department's).
    domain: str | None = None
    headers: tuple[str, ...] = DKIM_HEADERS

    @field_validator("selector")
    @classmethod
    def _selector(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*", v):
            raise ValueError(
                'expected a DNS label such as "mail2026" (the name before ._domainkey)'
            )
        return v

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = v.strip().lower()
        if not _DOMAIN.fullmatch(v):
            raise ValueError("expected a domain name such as example.com")
        return v

    @field_validator("headers")
    @classmethod
    def _headers(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for name in v:
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"expected header field names, {name!r} is not one")
            if name.lower() in _DKIM_NEVER:
                raise ValueError(f"{name} must not be signed (RFC 6376 §5.4)")
        if "from" not in (h.lower() for h in v):
            raise ValueError("expected From among them (RFC 6376 §5.4: From must be signed)")
        return v


_DEFAULT_SMTP_PORT = {"none": 25, "starttls": 587, "ssl": 465}


class OutboundConfig(_Section):
    # "file": .eml files in `directory` (the embedded default); "smtp": a relay.
    transport: Literal["file", "smtp"] = "file"
    directory: str = "var/outbox"
    poll_interval: Duration = 0.5
    batch_size: Annotated[int, Field(ge=1, le=1000)] = 50
    # transport = "smtp": the relay.
    host: str = "localhost"
    port: Port | None = None  # default: 25, 587 with starttls, 465 with ssl
    security: Literal["none", "starttls", "ssl"] = "none"
    # Certificates of the relay are checked against the system's CAs, or this file's.
    ca_file: Annotated[str | None, CA_FILE] = None
    username: str | None = None
    password_file: Annotated[_SecretFileField | None, SECRET_FILE] = None
    timeout: Duration = 30.0
    helo_name: str | None = None  # default: this machine's fully qualified name
    # Temporary failures are retried after retry_after, doubling up to
    # max_retry_interval, until the message is max_age old; then it is failed.
    retry_after: Duration = 60.0
    max_retry_interval: Duration = 3600.0
    max_age: Duration = 5 * 86400.0
    dkim: DkimConfig | None = None

    @field_validator("host")
    @classmethod
    def _host(cls, v: str) -> str:
        v = v.strip()
        if not v or re.search(r"[\s/@]", v):
            raise ValueError("expected a host name or address such as smtp.example.com")
        return v

    @field_validator("helo_name")
    @classmethod
    def _helo(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", v):
            raise ValueError("expected a host name such as mail.example.com")
        return v

    @field_validator("ca_file")
    @classmethod
    def _ca_file(cls, v: str | None) -> str | None:
        if v is not None:
            load_ca_file(v)
        return v

    @model_validator(mode="after")
    def _consistent(self) -> OutboundConfig:
        if bool(self.username) != (self.password_file is not None):
            raise ValueError("username and password_file go together")
        if self.username and self.security == "none" and self.host not in _LOOPBACK:
            raise ValueError(
                f'security = "none" with a username is allowed only for a loopback '
                f"host, not {self.host!r}: the password would cross the network in clear"
            )
        if self.max_retry_interval < self.retry_after:
            raise ValueError("max_retry_interval is shorter than retry_after")
        return self

    @property
    def effective_port(self) -> int:
        return self.port or _DEFAULT_SMTP_PORT[self.security]

    @property
    def password(self) -> str | None:
        return self.password_file.secret if self.password_file else None


class TemplatesConfig(_Section):
    # Templates here override the shipped ones file by file; unset: the shipped ones only.
    directory: str | None = None

    @field_validator("directory")
    @classmethod
    def _exists(cls, v: str | None) -> str | None:
        if v is not None and not Path(v).is_dir():
            raise ValueError(f"expected a directory of templates; {v} is not one")
        return v


class HttpConfig(_Section):
    """The HTTP JSON API for helpdesk front ends, served by ``mailgate run``."""

    enabled: bool = False
    # Loopback by default: put a TLS reverse proxy in front to expose it.
    host: str = "127.0.0.1"
    port: Port = 8025
    # One bearer token per line, optionally followed by the address of the agent of
    # [[agents]] it acts as or by a name for the caller; `#` starts a comment.  Re-read
    # when it changes.
    tokens_file: Annotated[str | None, TEXT_FILE] = None
    # Larger request bodies are refused with 413 (attachments travel base64-encoded,
    # a third larger than the files).
    max_request_bytes: Annotated[int, Field(ge=1024)] = 26214400

    @model_validator(mode="after")
    def _tokens(self) -> HttpConfig:
        if self.enabled and not self.tokens_file:
            raise ValueError("http.tokens_file: required when enabled = true")
        if self.enabled:
            require_usable(self, "http.")
        return self


class RetentionConfig(_Section):
    # The raw bytes of a received message are kept this many days after it was
    # processed, then replaced by nothing (the ticket's messages and attachments stay);
    # 0 keeps them forever.
    keep_raw_days: Annotated[int, Field(ge=0)] = 0


def _at_least_a_second(value: float) -> float:
    if value < 1:
        raise ValueError('expected an interval of at least "1s"')
    return value


Interval = Annotated[Duration, AfterValidator(_at_least_a_second)]


class JobConfig(_Section):
    """One scheduled job: whether ``mailgate run`` runs it, and how often."""

    enabled: bool = True
    interval: Interval


class AutoCloseJobConfig(JobConfig):
    interval: Interval = 300.0


class RetentionJobConfig(JobConfig):
    interval: Interval = 3600.0


class SchedulerJobsConfig(_Section):
    auto_close: AutoCloseJobConfig = AutoCloseJobConfig()
    retention: RetentionJobConfig = RetentionJobConfig()


class SchedulerConfig(_Section):
    """The periodic jobs of ``mailgate run`` (role ``scheduler``), one table per job."""

    jobs: SchedulerJobsConfig = SchedulerJobsConfig()

    def job(self, name: str) -> JobConfig:
        job = getattr(self.jobs, name, None)
        if not isinstance(job, JobConfig):
            raise KeyError(name)
        return job

    def enabled_jobs(self) -> tuple[str, ...]:
        return tuple(n for n in SchedulerJobsConfig.model_fields if self.job(n).enabled)


class DaemonConfig(_Section):
    # How long SIGTERM waits for SMTP sessions in the middle of a message and for the
    # current processing and sending batches before mailgate exits.
    shutdown_timeout: Duration = 20.0
    # How soon another instance takes over a mailbox or a scheduled job whose holder
    # stopped or died: instances standing by try to take it this often, and PostgreSQL is
    # asked (TCP keepalives) to drop a vanished holder's connection, and its locks, within
    # about this time.  At least "1s".
    takeover: Interval = 10.0
    # /healthz fails when the oldest message waiting in the inbox or the outbox has
    # waited longer than this.
    stuck_after: Duration = 1800.0


def _sender_entry(value: str) -> str:
    """An entry of ``[security] block`` / ``allow``: an address or a domain."""
    entry = value.strip().lower()
    if "@" in entry:
        if not is_plausible_address(entry):
            raise ValueError(f"expected an address or a domain (got {value!r})")
        return normalize_address(entry)
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", entry):
        raise ValueError(f"expected an address or a domain (got {value!r})")
    return entry


SenderEntry = Annotated[str, AfterValidator(_sender_entry)]


class RateLimit(_Section):
    count: Annotated[int, Field(ge=1)]
    within: Duration


class SecurityConfig(_Section):
    # Senders whose mail opens no ticket and is never answered: addresses or domains (a
    # domain also covers its subdomains).  Their mail is still stored in the inbox.
    block: tuple[SenderEntry, ...] = ()
    # Senders let through even when ``block`` names their domain or an upstream filter
    # flagged their mail as spam.
    allow: tuple[SenderEntry, ...] = ()
    # What X-Spam-Flag: YES / X-Spam-Status: Yes from an upstream filter means:
    # "tag" stores it as spam (a ticket, never an automatic answer), "hold" keeps it in
    # the inbox only, "ignore" disregards the headers.
    spam: Literal["tag", "hold", "ignore"] = "tag"
    # After a permanent delivery failure (a bounce such as 5.1.1 user unknown), mail to
    # that address is not sent for this long: it would only bounce again.
    suppress_bounced: bool = True
    # A reply that points at a ticket (token, References) from someone who takes no part
    # in it and proves nothing: "new_ticket" opens a ticket of its own that notes the
    # reference; "hold" holds it for an agent until they accept it (`mailgate accept ID`).
    unverified_reply: Literal["new_ticket", "hold"] = "new_ticket"
    # New tickets one sender may open within an hour; beyond it their mail is held for a
    # person (`mailgate quarantine`), opens no ticket and is not answered.  0: no limit.
    new_tickets_per_hour: Annotated[int, Field(ge=0)] = 20
    # Keep images a mail's HTML loads from the sender's server (tracking pixels: they
    # tell the sender when and where an agent read it).  Inline images are always kept.
    remote_images: bool = False
    suppress_for: Duration = 30 * 86400.0
    # Sender domains (or addresses) whose mail is always held for an agent to review
    # (`mailgate accept ID` releases it): e.g. the domains of services whose
    # confirmation mail must never land on a ticket a stranger can read.
    hold_domains: tuple[SenderEntry, ...] = ()
    # Addresses a sender copies (To/Cc) become participants of the ticket only when the
    # sender is authenticated ("authenticated"), always, or never.
    copied_participants: Literal["authenticated", "always", "never"] = "authenticated"
    # The authserv-id of the receiving MTA's Authentication-Results header; "" reads
    # none.  Only the topmost header with this id is believed.
    authserv_id: str = ""
    # Check DKIM signatures with dkimpy (DNS lookups of the signers' keys).
    verify_dkim: bool = False
    # Mail from a participant's address whose authentication failed (DMARC fail, or the
    # DKIM signatures of its domain do not verify): "hold" for an agent, or "append".
    failed_authentication: Literal["hold", "append"] = "hold"
    # New mail that is forged (DMARC fails, or with verify_dkim the DKIM signatures fail
    # for a domain publishing a reject or quarantine policy): "no_acknowledgment" opens
    # its ticket without answering the forged address, "hold" holds it for an agent,
    # "acknowledge" answers it like any unauthenticated mail (a neutral acknowledgment).
    forged_new_mail: Literal["no_acknowledgment", "hold", "acknowledge"] = "no_acknowledgment"
    # Automatic mail (alerts, notices, relayed answers) to one recipient on one ticket:
    # at most `count` within `within`; beyond, it is not sent (an event says so).
    recipient_limits: tuple[RateLimit, ...] = (
        RateLimit.model_validate({"count": 10, "within": "10m"}),
        RateLimit.model_validate({"count": 100, "within": "10h"}),
    )

    @field_validator("authserv_id")
    @classmethod
    def _authserv_id(cls, value: str) -> str:
        value = value.strip().lower()
        if value and not re.fullmatch(r"[a-z0-9._-]+", value):
            raise ValueError(f"expected a host name such as mx.example.com (got {value!r})")
        return value


class LogConfig(_Section):
    level: Literal["debug", "info", "warning", "error"] = "info"
    format: Literal["plain", "json"] = "plain"


class Config(_Section):
    helpdesk: HelpdeskConfig = HelpdeskConfig()
    departments: tuple[DepartmentConfig, ...] = Field(min_length=1)
    database: DatabaseConfig = DatabaseConfig()
    inbound: InboundConfig = InboundConfig()
    processing: ProcessingConfig = ProcessingConfig()
    outbound: OutboundConfig = OutboundConfig()
    templates: TemplatesConfig = TemplatesConfig()
    notify: NotifyConfig = NotifyConfig()
    lifecycle: LifecycleConfig = LifecycleConfig()
    agents: tuple[AgentConfig, ...] = ()
    http: HttpConfig = HttpConfig()
    retention: RetentionConfig = RetentionConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    daemon: DaemonConfig = DaemonConfig()
    security: SecurityConfig = SecurityConfig()
    log: LogConfig = LogConfig()

    @model_validator(mode="after")
    def _departments(self) -> Config:
        seen_names: set[str] = set()
        seen_addresses: dict[str, str] = {}
        for i, d in enumerate(self.departments):
            if d.name in seen_names:
                raise ValueError(f"departments[{i}].name: {d.name!r} is used twice")
            seen_names.add(d.name)
            for a in (d.address, *d.aliases):
                if a in seen_addresses:
                    raise ValueError(
                        f"departments[{i}]: address {a!r} already belongs to "
                        f"department {seen_addresses[a]!r}"
                    )
                seen_addresses[a] = d.name
        for i, account in enumerate(self.inbound.imap):
            if account.department is not None and account.department not in seen_names:
                raise ValueError(
                    f"inbound.imap[{i}].department: {account.department!r} is not the name "
                    f"of a department (expected one of {sorted(seen_names)})"
                )
        names = [a.name for a in self.inbound.imap]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"inbound.imap: the account name {name!r} is used twice")
        agents: set[str] = set()
        for i, agent in enumerate(self.agents):
            if agent.address in agents:
                raise ValueError(f"agents[{i}].address: {agent.address!r} is listed twice")
            agents.add(agent.address)
            if agent.address in seen_addresses:
                raise ValueError(
                    f"agents[{i}].address: {agent.address!r} is an address of department "
                    f"{seen_addresses[agent.address]!r}, not of a person"
                )
            for dep in agent.departments:
                if dep not in seen_names:
                    raise ValueError(
                        f"agents[{i}].departments: {dep!r} is not the name of a department "
                        f"(expected some of {sorted(seen_names)})"
                    )
        da = self.helpdesk.default_agent
        if da is not None and da not in agents:
            known = f"expected one of {sorted(agents)}" if agents else "[[agents]] lists none"
            raise ValueError(
                f"helpdesk.default_agent: {da!r} is not the address of an agent of "
                f"[[agents]] ({known})"
            )
        for key in ("default_department", "postmaster_department"):
            name = getattr(self.helpdesk, key)
            if name is not None and name not in seen_names:
                raise ValueError(
                    f"helpdesk.{key}: {name!r} is not the name of a department "
                    f"(expected one of {sorted(seen_names)})"
                )
        return self

    # -- questions the rest of mailgate asks of the configuration ---------------------

    @property
    def default_department(self) -> DepartmentConfig:
        wanted = self.helpdesk.default_department
        for d in self.departments:
            if d.name == wanted:
                return d
        return self.departments[0]

    @property
    def postmaster_department(self) -> DepartmentConfig:
        """The department that takes the postmaster's mail."""
        wanted = self.helpdesk.postmaster_department
        return (self.department(wanted) if wanted else None) or self.default_department

    def department(self, name: str) -> DepartmentConfig | None:
        for d in self.departments:
            if d.name == name:
                return d
        return None

    def department_for(self, address: str) -> DepartmentConfig | None:
        """The department that owns ``address``, with or without a ``+tag`` after the
        local part (``support+x7@example.com`` belongs to ``support@example.com``).
        ``postmaster@`` of a domain the departments' addresses are in, and a bare
        ``postmaster``, belong to :attr:`postmaster_department` unless a department has
        that address: RFC 5321 §4.5.1 (and §4.1.1.3) want them accepted."""
        wanted = normalize_address(address)
        local, domain = split_address(wanted)
        delim = self.helpdesk.recipient_delimiter
        base = f"{local.split(delim, 1)[0]}@{domain}" if delim and delim in local else wanted
        for d in self.departments:
            owned = (d.address, *d.aliases)
            if wanted in owned or base in owned:
                return d
        if local == "postmaster" and (not domain or domain in self.served_domains()):
            return self.postmaster_department
        return None

    def served_domains(self) -> frozenset[str]:
        """The domains of the departments' addresses and aliases."""
        return frozenset(split_address(a)[1] for a in self.own_addresses())

    def imap_account(self, name: str) -> ImapAccountConfig | None:
        for account in self.inbound.imap:
            if account.name == name:
                return account
        return None

    def agent(self, address: str) -> AgentConfig | None:
        wanted = normalize_address(address)
        for a in self.agents:
            if a.address == wanted:
                return a
        return None

    def agents_of(self, department: str) -> tuple[AgentConfig, ...]:
        return tuple(a for a in self.agents if not a.departments or department in a.departments)

    def own_addresses(self) -> frozenset[str]:
        return frozenset(a for d in self.departments for a in (d.address, *d.aliases))

    def parse_options(self) -> ParseOptions:
        """How messages are parsed here: the subject token, the parsing limits of
        ``[processing]`` and ``[security] remote_images``."""
        from mailgate.parse import ParseOptions

        return ParseOptions(
            subject_token=self.helpdesk.subject_token,
            max_depth=self.processing.max_mime_depth,
            max_parts=self.processing.max_mime_parts,
            max_header_bytes=self.processing.max_header_bytes,
            remote_images=self.security.remote_images,
        )

    def policy(self) -> Policy:
        """The sender policy classify applies (``[security]``)."""
        from mailgate.classify import Policy

        sec = self.security
        return Policy(block=frozenset(sec.block), allow=frozenset(sec.allow), spam=sec.spam)


DEFAULT_TOML = """
[helpdesk]
domain = "example.com"

[[departments]]
name = "support"
address = "support@example.com"
"""


def _format_errors(err: ValidationError, data: Mapping[str, Any]) -> list[str]:
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
        raise ConfigError(source, _format_errors(e, data)) from None


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
