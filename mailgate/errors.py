"""What mailgate says went wrong: one tree of exceptions.

Each class says in its docstring what happened; its message says it for a person, and
never carries a secret.  Domain code raises these; each edge turns them into its own
answers in one table — the SMTP listener's replies (``receive/smtp.py``), ``mailgate
deliver``'s exit codes (``receive/deliver.py``), the command line's exit codes
(``cli/common.py``), the HTTP API's status codes (``api/app.py``).  Foreign errors are
translated once, where they enter: the store turns the database driver's into
:class:`Unavailable`.

::

    MailgateError
    ├── ConfigError              the configuration cannot be used (each bad key named)
    ├── SchemaError              the database's schema is not the one this mailgate needs
    ├── Unavailable              the database cannot be reached, is locked, or failed
    ├── NotStored                a message was not committed: its sender tries again
    ├── Unprocessable            a message cannot go on any ticket as it is: quarantined
    ├── TemplateError            a template is missing or failed: nothing was sent
    ├── Unaddressable            an address mailgate cannot write mail to
    ├── Invalid                  a request is wrong (a field, a value)
    │   └── BadRequest           … an HTTP request's body or parameter
    ├── NotFound                 what a request names does not exist
    │   ├── TicketNotFound
    │   └── NotHeld              no held message by that inbox id
    ├── Refused                  the state of a ticket or a message refuses the action
    │   ├── ActionRefused
    │   │   ├── StaleReply       … a client wrote since the agent's reply was begun
    │   │   └── MergeUnconfirmed … a merge of two requesters' tickets, not confirmed
    │   └── TransitionRefused    the state machine allows no such status change
    ├── DeliveryFailure          the relay did not take a message
    │   ├── TemporaryFailure     … try again later
    │   │   └── SessionFailure   … the session itself failed: the whole batch waits
    │   └── PermanentFailure     … never again (5xx)
    ├── DkimError                a message could not be signed
    ├── ImapFailure              a step of talking to an IMAP server failed
    ├── OAuthTokenError               no OAuth2 access token could be had
    ├── ClientViolation          an SMTP client broke the protocol: answered, then closed
    │   ├── BareLineEnding       … a command line not ended by CR LF
    │   └── TooManyCommands      … commands without a message past the limit
    └── EditorFailed             the agent's editor could not run

The classes that callers also catch by their kind keep the stdlib base they had:
``NotFound`` is a ``LookupError``, ``Invalid``, ``ActionRefused`` and ``Unaddressable``
are ``ValueError``s.
"""

from __future__ import annotations


class MailgateError(Exception):
    """Something mailgate refused or could not do; the message says what."""


class ConfigError(MailgateError):
    """The configuration cannot be used; ``problems`` lists one line per bad key."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))

    def __str__(self) -> str:
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"invalid configuration {self.source}:\n{lines}"


class SchemaError(MailgateError):
    """The database's schema is not the one this mailgate needs."""


class Unavailable(MailgateError):
    """The database cannot be reached, is locked, or failed: nothing was done, and
    trying again later may succeed."""


class NotStored(MailgateError):
    """The message was not committed; the sender must try again later."""


class Unprocessable(MailgateError):
    """The message cannot go on any ticket as it is; it is quarantined for a person."""


class TemplateError(MailgateError):
    """A template is missing or failed to render; the message names it and its line."""


class Unaddressable(MailgateError, ValueError):
    """An address outside ASCII (RFC 6531/6532 internationalized mail): mailgate writes
    ASCII headers and does not use SMTPUTF8, so it cannot send to it."""


class Invalid(MailgateError, ValueError):
    """A request is wrong; the message names the field or the value."""


class BadRequest(Invalid):
    """The HTTP request's body or a parameter is wrong; the message names the field."""


class NotFound(MailgateError, LookupError):
    """What a request names does not exist."""


class TicketNotFound(NotFound):
    def __init__(self, number: int) -> None:
        super().__init__(f"no ticket {number}")
        self.number = number


class NotHeld(NotFound):
    """No message of the inbox by that id waits for a person."""

    def __init__(self, inbox_id: int) -> None:
        super().__init__(f"there is no inbox message {inbox_id}")
        self.inbox_id = inbox_id


class Refused(MailgateError):
    """The state of a ticket or a message refuses the action (the message says why)."""


class ActionRefused(Refused, ValueError):
    """The action does not apply to the ticket as it is (the message says why)."""


class StaleReply(ActionRefused):
    """A reply written on an older view of the ticket: the client wrote since (the
    messages ``new_messages``, their ids).  Nothing was sent; the agent reads them first."""

    def __init__(self, number: int, new_messages: tuple[int, ...]) -> None:
        which = ", ".join(str(m) for m in new_messages)
        super().__init__(
            f"ticket {number} has new mail since the reply was begun (message {which}): "
            "nothing was sent"
        )
        self.number = number
        self.new_messages = new_messages


class MergeUnconfirmed(ActionRefused):
    """Merging tickets of two different requesters puts each in the other's thread: it
    is done only when confirmed (``--force``, ``"force": true``, the console's box)."""

    def __init__(self, source: int, target: int, requesters: tuple[str, str]) -> None:
        self.source = source
        self.target = target
        self.requesters = requesters
        super().__init__(
            f"tickets {source} and {target} have different requesters ({requesters[0]} and "
            f"{requesters[1]}): each would see the other's mail; confirm to merge them"
        )


class TransitionRefused(Refused):
    """The ticket state machine allows no such status change."""

    def __init__(self, status: str, event: str, target: str | None = None) -> None:
        # str(): a StrEnum member is its value (its repr is not).
        status, event = str(status), str(event)
        target = None if target is None else str(target)
        what = f"event {event!r}" + (f" to {target!r}" if target else "")
        super().__init__(f"{what} is not allowed for a ticket in status {status!r}")
        self.status = status
        self.event = event
        self.target = target


class DeliveryFailure(MailgateError):
    """The relay did not take a message."""


class TemporaryFailure(DeliveryFailure):
    """Try again later (4xx, timeout, connection refused, disk full)."""


class SessionFailure(TemporaryFailure):
    """The relay cannot be reached or refused the session itself: every message waiting
    would fail the same way, so the rest of a batch is not tried."""


class PermanentFailure(DeliveryFailure):
    """Do not try again (5xx); the message is marked failed with this answer."""


class DkimError(MailgateError):
    """The message could not be signed."""


class ImapFailure(MailgateError):
    """A step of talking to the server failed; ``stage`` names it for a person."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.detail = message


class OAuthTokenError(MailgateError):
    """No access token could be had; the message says why (never the secret)."""


class ClientViolation(MailgateError):
    """An SMTP client broke the protocol in a way that ends its session: the listener
    answers (``receive/smtp_replies.py``) and closes the connection."""


class BareLineEnding(ClientViolation):
    """A command line ended by a bare LF, or holding a bare CR."""


class TooManyCommands(ClientViolation):
    """More command lines since the last message than ``max_commands_per_message``."""


class EditorFailed(MailgateError):
    """The editor could not be started or exited with an error."""
