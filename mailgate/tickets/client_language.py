"""An agent sets the language a client is answered in (``mailgate client-language``,
``PUT /api/clients/{address}/language``): remembered for the address, before whatever
their mail shows, and the client's tickets that are not closed move to it, each with a
``language_set`` event (docs/languages.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailgate.addresses import is_mailbox, normalize_address
from mailgate.config import Config
from mailgate.errors import Invalid
from mailgate.languages import offered_match
from mailgate.store.engine import Store
from mailgate.store.languages_repo import LanguageRepo, Remembered
from mailgate.store.models import utcnow
from mailgate.tickets.actors import Actor


@dataclass(frozen=True)
class ClientLanguage:
    """A client's language as the command line and the API show it."""

    address: str
    language: str | None
    source: str | None = None
    decided_by: str | None = None
    updated_at: datetime | None = None
    # Tickets that moved to the language (when an agent set it).
    moved: tuple[int, ...] = ()


def _address(address: str) -> str:
    if not is_mailbox(address):
        raise Invalid(f"{address!r} is not an e-mail address")
    return normalize_address(address)


def client_language(store: Store, address: str) -> ClientLanguage:
    wanted = _address(address)
    with store.read() as session:
        known = LanguageRepo(session).of(wanted)
    return _shown(wanted, known)


def set_client_language(
    store: Store,
    config: Config,
    address: str,
    language: str,
    actor: Actor,
    now: datetime | None = None,
) -> ClientLanguage:
    """Set ``address``'s language to one of ``[helpdesk] languages``."""
    wanted = _address(address)
    offered = config.helpdesk.languages
    chosen = offered_match(language, offered)
    if chosen is None:
        raise Invalid(
            f"language {language!r} is not offered (expected one of helpdesk.languages "
            f"{list(offered)})"
        )
    now = now or utcnow()
    with store.write() as session:
        repo = LanguageRepo(session)
        moved = repo.set_by_agent(wanted, chosen, actor.actor, now)
        known = repo.of(wanted)
    shown = _shown(wanted, known)
    return ClientLanguage(
        shown.address,
        shown.language,
        shown.source,
        shown.decided_by,
        shown.updated_at,
        tuple(moved),
    )


def forget_client_language(store: Store, address: str) -> bool:
    """Forget what was remembered or set for ``address``: their next mail decides."""
    wanted = _address(address)
    with store.write() as session:
        return LanguageRepo(session).forget(wanted)


def _shown(address: str, known: Remembered | None) -> ClientLanguage:
    if known is None:
        return ClientLanguage(address, None)
    return ClientLanguage(address, known.language, known.source, known.decided_by, known.updated_at)
