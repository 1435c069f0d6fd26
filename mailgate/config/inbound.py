"""Where mail comes in: the SMTP or LMTP listener (``[inbound.smtp]``) and the IMAP
mailboxes (``[[inbound.imap]]``)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from mailgate.config.types import LOOPBACK, Duration, Port, Section
from mailgate.resources import (
    CERTIFICATE_FILE,
    ENVIRONMENT,
    PRIVATE_KEY_FILE,
    PROGRAM,
    SECRET_FILE,
    require_usable,
)


class SmtpInboundConfig(Section):
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


class ImapAccountConfig(Section):
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
        if self.tls == "none" and self.host not in LOOPBACK:
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


class InboundConfig(Section):
    smtp: SmtpInboundConfig = SmtpInboundConfig()
    imap: tuple[ImapAccountConfig, ...] = ()
