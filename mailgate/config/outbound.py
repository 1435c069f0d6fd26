"""Where mail goes out (``[outbound]``): the transport, the relay and its secret, DKIM
signing (``[outbound.dkim]``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field, PlainSerializer, PlainValidator, field_validator, model_validator

from mailgate.config.types import LOOPBACK, Duration, Port, Section
from mailgate.resources import (
    CA_FILE,
    RSA_KEY_FILE,
    SECRET_FILE,
    load_ca_file,
    read_rsa_key,
    read_secret,
)


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


class DkimConfig(Section):
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


class OutboundConfig(Section):
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
        if self.username and self.security == "none" and self.host not in LOOPBACK:
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
