"""The helpdesk, its departments and agents, what it tells people (``[notify]``,
``[templates]``) and how its tickets move (``[lifecycle]``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from mailgate.addresses import is_plausible_address, normalize_address
from mailgate.config.types import Duration, Section
from mailgate.languages import LANGUAGE_TAG
from mailgate.lifecycle import DEFAULT, StateMachine
from mailgate.resources import HMAC_KEY_FILE, read_hmac_key, require_usable


class HelpdeskConfig(Section):
    name: str = "Helpdesk"
    domain: str = "example.com"
    subject_token: str = "#[{number}]"
    recipient_delimiter: str = "+"
    default_department: str | None = None
    # The department for mail to postmaster@ of each domain the departments' addresses
    # are in (RFC 5321 §4.5.1), where no department has that address.  None: the default.
    postmaster_department: str | None = None
    # The language of mail to a client when nothing shows theirs (docs/languages.md);
    # one of ``languages``, the languages clients are answered in.
    language: str = "en"
    languages: tuple[str, ...] = ("en", "ko", "fa", "th")
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

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        return language_tag(v)

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if not v:
            raise ValueError('expected at least one language, such as ["en"]')
        tags = tuple(language_tag(t) for t in v)
        for t in tags:
            if tags.count(t) > 1:
                raise ValueError(f"{t!r} is listed twice")
        return tags

    @model_validator(mode="before")
    @classmethod
    def _language_offered(cls, data: Any) -> Any:
        # A configuration that names its language and no list offers that language too,
        # as it did before there was a list.
        if isinstance(data, dict) and "languages" not in data and "language" in data:
            try:
                own = language_tag(str(data["language"]))
            except ValueError:
                return data  # the field's own check says what is wrong
            default = cls.model_fields["languages"].default
            if own not in default:
                data = data | {"languages": (own, *default)}
        return data

    @model_validator(mode="after")
    def _offered(self) -> HelpdeskConfig:
        if self.language not in self.languages:
            raise ValueError(
                f"helpdesk.language: {self.language!r} is not one of helpdesk.languages "
                f"(expected one of {list(self.languages)})"
            )
        return self

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


class DepartmentConfig(Section):
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
    # Ask the client of a closed ticket of this department to rate it: true or false
    # here win over [ratings] enabled; unset, [ratings] decides.
    rating: bool | None = None

    # The language its clients are answered in when their mail does not show theirs;
    # unset: [helpdesk] language.  One of [helpdesk] languages.
    language: str | None = None

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        return None if v is None else language_tag(v)

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


class AgentConfig(Section):
    """A member of the team: alerts go to them, and their answers to an alert are relayed
    to the client from the department's address."""

    address: str
    name: str = ""
    # The departments whose tickets they work on; empty: all.
    departments: tuple[str, ...] = ()
    # In the console, admins also see held mail and accept it, and the figures.
    role: Literal["agent", "admin"] = "agent"
    # The language the console writes the statuses in for them ([labels.<language>]);
    # unset: English.
    language: str | None = None

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        return None if v is None else language_tag(v)

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


class NotifyConfig(Section):
    # Acknowledgments of new tickets sent to one address within an hour at the most: a
    # sender (or a broken autoresponder that strips Auto-Submitted) opening ticket after
    # ticket gets the first ones only.  The tickets are still opened.
    acknowledgments_per_hour: Annotated[int, Field(ge=0, le=10000)] = 5
    # Mail the agents of a ticket's department about a new ticket and each client reply.
    agent_alerts: bool = True


class LifecycleConfig(Section):
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
        problems = StateMachine(_as_table(v)).problems()
        if problems:
            raise ValueError("\n  ".join(f"lifecycle.transitions.{p}" for p in problems))
        return v

    def machine(self) -> StateMachine:
        return DEFAULT if self.transitions is None else StateMachine(_as_table(self.transitions))


def _as_table(v: Mapping[str, Mapping[str, str | list[str]]]) -> dict[str, dict[str, Any]]:
    return {
        status: {e: t if isinstance(t, str) else tuple(t) for e, t in events.items()}
        for status, events in v.items()
    }


def language_tag(v: str) -> str:
    """A language tag as mailgate names its template folders: ``ko``, ``pt-br``."""
    tag = v.strip().lower().replace("_", "-")
    if not re.fullmatch(LANGUAGE_TAG, tag):
        raise ValueError(f'{v!r}: expected a language tag such as "ko" or "pt-br"')
    return tag


class TemplatesConfig(Section):
    # Templates here override the shipped ones file by file; unset: the shipped ones only.
    directory: str | None = None

    @field_validator("directory")
    @classmethod
    def _exists(cls, v: str | None) -> str | None:
        if v is not None and not Path(v).is_dir():
            raise ValueError(f"expected a directory of templates; {v} is not one")
        return v
