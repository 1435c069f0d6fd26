"""Running the service: the database, processing, the HTTP API, retention, the scheduled
jobs, the daemon and its log."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from mailgate.config.types import Duration, Interval, Port, Section, parse_duration
from mailgate.resources import TEXT_FILE, require_usable


class DatabaseConfig(Section):
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


class ProcessingConfig(Section):
    # Worker processes of `mailgate run` that process the inbox, and their CPU niceness:
    # the listener, which clients wait on, comes first.
    workers: Annotated[int, Field(ge=1, le=64)] = 2
    nice: Annotated[int, Field(ge=0, le=19)] = 5
    poll_interval: Duration = 0.5
    batch_size: Annotated[int, Field(ge=1, le=1000)] = 50
    # How long one processing transaction may hold the database's write lock before it
    # commits and starts another (on SQLite other writers wait for it; the listener's
    # writer does not: a transaction commits at its next message when it waits).
    transaction_time: Duration = 0.05
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


class HttpConfig(Section):
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
    # The address clients reach this listener at, through the reverse proxy in front of
    # it (https://help.example.com): links in mail (satisfaction ratings) start with it.
    public_url: str = ""

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str) -> str:
        if not v:
            return v
        from urllib.parse import urlsplit

        parts = urlsplit(v.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "expected an http:// or https:// address such as https://help.example.com"
            )
        if parts.query or parts.fragment or parts.username or parts.password:
            raise ValueError("expected an address without a query, a fragment or a password")
        return v.strip().rstrip("/")

    @model_validator(mode="after")
    def _tokens(self) -> HttpConfig:
        # Without a tokens file the API answers every request 401 (machines have no
        # token); people sign in to the console ([console]).
        if self.enabled:
            require_usable(self, "http.")
        return self


class ConsoleConfig(Section):
    """The agents' web console, served at ``/`` by the HTTP listener of ``[http]``."""

    enabled: bool = True
    # A session ends after this long without a request, and this long after sign-in
    # whatever happens.
    session_idle: Duration = 7200.0
    session_max: Duration = 86400.0
    # The session cookie's Secure attribute: "auto" sets it unless [http] host is a
    # loopback address (a TLS reverse proxy in front is then expected).
    secure_cookie: Literal["auto", "always", "never"] = "auto"
    # Failed sign-ins allowed per address and per client address within login_window;
    # beyond, sign-in is refused (429) until the window has passed.
    login_attempts: Annotated[int, Field(ge=1)] = 5
    client_attempts: Annotated[int, Field(ge=1)] = 20
    login_window: Duration = 900.0
    # Single sign-on: a reverse proxy that authenticated the agent names their address
    # in this header; honoured only from the addresses of trusted_proxies.
    trusted_user_header: str | None = None
    trusted_proxies: tuple[str, ...] = ()
    # How often open pages learn of new mail and of colleagues on the same ticket.
    live_interval: Duration = 2.0
    # A colleague counts as on a ticket while their page reported within this time.
    presence_timeout: Duration = 30.0

    @field_validator("trusted_user_header")
    @classmethod
    def _header(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Za-z0-9-]+", v):
            raise ValueError("expected a header name such as X-Remote-User")
        return v

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for address in v:
            try:
                ipaddress.ip_network(address, strict=False)
            except ValueError:
                raise ValueError(f"{address!r} is not an IP address or network") from None
        return v

    @model_validator(mode="after")
    def _trust(self) -> ConsoleConfig:
        if self.trusted_user_header and not self.trusted_proxies:
            raise ValueError(
                "console.trusted_proxies: required when trusted_user_header is set "
                "(the header is honoured only from those addresses)"
            )
        if self.session_idle > self.session_max:
            raise ValueError("console.session_idle: longer than session_max")
        return self


class RetentionConfig(Section):
    # The raw bytes of a received message are kept this many days after it was
    # processed, then replaced by nothing (the ticket's messages and attachments stay);
    # 0 keeps them forever.
    keep_raw_days: Annotated[int, Field(ge=0)] = 0


class JobConfig(Section):
    """One scheduled job: whether ``mailgate run`` runs it, and how often."""

    enabled: bool = True
    interval: Interval


class AutoCloseJobConfig(JobConfig):
    interval: Interval = 300.0


class RetentionJobConfig(JobConfig):
    interval: Interval = 3600.0


class SlaJobConfig(JobConfig):
    interval: Interval = 60.0


class SchedulerJobsConfig(Section):
    auto_close: AutoCloseJobConfig = AutoCloseJobConfig()
    retention: RetentionJobConfig = RetentionJobConfig()
    sla: SlaJobConfig = SlaJobConfig()


class SchedulerConfig(Section):
    """The periodic jobs of ``mailgate run`` (role ``scheduler``), one table per job."""

    jobs: SchedulerJobsConfig = SchedulerJobsConfig()

    def job(self, name: str) -> JobConfig:
        job = getattr(self.jobs, name, None)
        if not isinstance(job, JobConfig):
            raise KeyError(name)
        return job

    def enabled_jobs(self) -> tuple[str, ...]:
        return tuple(n for n in SchedulerJobsConfig.model_fields if self.job(n).enabled)


class DaemonConfig(Section):
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


class LogConfig(Section):
    level: Literal["debug", "info", "warning", "error"] = "info"
    format: Literal["plain", "json"] = "plain"
