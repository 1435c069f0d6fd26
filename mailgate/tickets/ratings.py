"""Satisfaction ratings: a closed ticket's client asked once whether the answer was good
or bad, and their answer recorded on the ticket.

**Asking.**  When a ticket closes — an agent's decision, an agent's reply that closes it,
the client's closing keyword, the auto-close — the action that closed it calls
:func:`ask_for_rating` in its own transaction.  :func:`should_ask` decides from values:
the department asks (``[ratings] enabled``, or its own ``rating`` key), the ticket is
closed, and its client was never asked (``rating_requests`` has one row per ticket, so a
ticket closed, reopened and closed again is asked once).  The mail (``rating_request``)
goes From the department with the ticket's token, in the ticket's thread, like every
mail of a ticket; it carries two signed links (:mod:`mailgate.rating_links`).  A mail
that cannot be rendered or addressed does not stop the closing: the history says why no
one was asked (``rating_not_requested``).  An agent who closes a ticket without telling
the client (``notify = false``) asks nothing either.  Unlike the other notices, this
mail is rendered inside the closing transaction: whether to ask depends on the row
that transaction locks (asked before?), and its one small template costs less than a
second read of the ticket would.

**Answering.**  A link opens a page that asks to confirm (the console's
:mod:`mailgate.console.rating`): mail scanners fetch the links of the mail they check,
and a fetch must record nothing.  The confirmation (a POST) records the choice once:
:func:`rate` writes it on the request row and an event ``rating`` on the ticket in one
transaction; the page then offers a comment, also taken once (:func:`add_comment`,
event ``rating_comment``).  :func:`link_state` says what a link can still do.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from mailgate import lifecycle
from mailgate.addresses import is_mailbox
from mailgate.config import Config, RateLimit, duration_in_words
from mailgate.errors import TemplateError, Unaddressable
from mailgate.notify import Notifier, Prepared
from mailgate.rating_links import SignedLink, new_token, rating_link
from mailgate.store.models import RatingRequest, Ticket
from mailgate.store.ratings_repo import BAD, CHOICES, GOOD, RatingsRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.addressing import thread_of
from mailgate.tickets.outgoing import over_recipient_limit, queue_mail, withhold
from mailgate.vocabulary import Term

if TYPE_CHECKING:
    from mailgate.store.engine import Store

log = logging.getLogger(__name__)

TEMPLATE = "rating_request"
# What a comment may hold at the most (the page's field says so too).
MAX_COMMENT = 2000

__all__ = ["BAD", "CHOICES", "GOOD", "LinkState", "ask_for_rating", "link_state", "rate"]


def should_ask(config: Config, ticket: Ticket, asked_before: bool) -> bool:
    """Whether ``ticket``'s client is asked for a rating now: it is closed, its
    department asks, and they were never asked for this ticket."""
    return (
        ticket.status == lifecycle.CLOSED
        and config.asks_for_rating(ticket.department)
        and not asked_before
    )


def credited_agent(ticket: Ticket, actors: Sequence[str]) -> str | None:
    """Whose work a rating of ``ticket`` counts for: its assignee, else the agent who
    answered it last (``actors``: the actors of its ``agent_reply`` events, in order);
    None when no agent answered it (the system's answers name no person)."""
    if ticket.assignee:
        return ticket.assignee
    people = [a for a in actors if is_mailbox(a)]
    return people[-1] if people else None


def ask_for_rating(
    repo: TicketRepo,
    notifier: Notifier,
    ticket: Ticket,
    now: datetime,
    *,
    limits: Sequence[RateLimit] = (),
) -> bool:
    """Queue ``ticket``'s ``rating_request`` in the caller's transaction (the one that
    closed it) when :func:`should_ask` says so; ``limits``: those of mail sent because
    mail arrived (the client's closing keyword).  Whether it was queued."""
    config = notifier.config
    ratings = RatingsRepo(repo.session)
    if not should_ask(config, ticket, ratings.asked(ticket.id)):
        return False
    thread = thread_of(ticket, repo.participants(ticket.id), repo.messages(ticket.id))
    token = new_token()
    expires_at = (now + timedelta(seconds=config.ratings.valid_for)).replace(microsecond=0)
    expires = int(expires_at.timestamp())
    secret, base = config.helpdesk.secret(), config.http.public_url

    def link(choice: str) -> str:
        return rating_link(base, secret, ticket.id, token, expires, choice)

    try:
        prepared = notifier.prepare(
            TEMPLATE,
            replace(thread.facts, status=lifecycle.CLOSED),
            to=thread.to,
            extra={
                "rating": {
                    "good": link(GOOD),
                    "bad": link(BAD),
                    "valid_for": duration_in_words(config.ratings.valid_for),
                    "valid_until": expires_at.astimezone(UTC).strftime("%Y-%m-%d"),
                }
            },
            in_reply_to=thread.in_reply_to,
            references=thread.references,
            now=now,
        )
    except (TemplateError, Unaddressable) as e:
        log.warning("ticket %d: no rating asked for: %s", ticket.id, e, extra={"ticket": ticket.id})
        repo.add_event(ticket, "rating_not_requested", "system", now, {"reason": str(e)})
        return False
    over = over_recipient_limit(repo, ticket, prepared, now, limits)
    if over is not None:
        withhold(repo, ticket, prepared, over, now)
        return False
    actors = [e.actor for e in repo.events(ticket.id) if e.kind == lifecycle.AGENT_REPLY]
    ratings.add_request(
        RatingRequest(
            token=token,
            ticket_id=ticket.id,
            department=ticket.department,
            agent=credited_agent(ticket, actors),
            address=thread.to[0].address,
            language=notifier.language_of(thread.facts),
            requested_at=now,
            expires_at=expires_at,
        )
    )
    # The thread keeps the mail as its client reads it, but for the links' token and
    # signature: whoever reads the ticket (the team, the API) must not rate in the
    # client's name.  The outbox row sends the mail as it was composed.
    queue_mail(repo, ticket, without_links(prepared, (link(GOOD), link(BAD)), base), now)
    return True


def without_links(prepared: Prepared, links: Sequence[str], base: str) -> Prepared:
    """``prepared`` with ``links`` in its text and HTML shown as ``<base>/rate/…``."""
    shown = f"{base.rstrip('/')}/rate/…"
    text, page = prepared.text, prepared.html
    for url in links:
        text = text.replace(url, shown)
        if page is not None:
            page = page.replace(html.escape(url), shown).replace(url, shown)
    return replace(prepared, text=text, html=page)


# -- the client's answer ---------------------------------------------------------------------


class LinkState(Term):
    """What a rating link can do now."""

    READY = "ready"  # signed, not expired, not used: the client may rate
    RATED = "rated"  # used: the rating is recorded (a comment may still be due)
    EXPIRED = "expired"  # past its time, never used
    INVALID = "invalid"  # not a link mailgate wrote (a changed value, a made-up signature)


@dataclass(frozen=True)
class LinkView:
    """A link as its page shows it: what it can do, and what the request holds."""

    state: LinkState
    language: str = ""
    ticket: int = 0
    department: str = ""
    rating: str | None = None
    may_comment: bool = False


def link_state(request: RatingRequest | None, link: SignedLink | None, now: datetime) -> LinkState:
    """What ``link`` (None: its signature did not verify) can do, given the request row
    its token names (None: no such row)."""
    if (
        link is None
        or request is None
        or request.ticket_id != link.ticket
        or int(request.expires_at.timestamp()) != link.expires
    ):
        return LinkState.INVALID
    if request.rating is not None:
        return LinkState.RATED
    if now >= request.expires_at:
        return LinkState.EXPIRED
    return LinkState.READY


def may_comment(request: RatingRequest, now: datetime) -> bool:
    """Whether a comment may still be added: rated, none yet, within the link's time."""
    return request.rating is not None and request.comment is None and now < request.expires_at


def read_link(store: Store, link: SignedLink | None, token: str, now: datetime) -> LinkView:
    """What the link's page shows, read without writing anything."""
    with store.read() as session:
        request = RatingsRepo(session).get(token) if link is not None else None
        return _view(request, link, now)


def rate(
    store: Store, link: SignedLink | None, token: str, choice: str, now: datetime
) -> tuple[LinkView, bool]:
    """Record ``choice`` for the link once; the link's view afterwards and whether this
    call recorded it."""
    if choice not in CHOICES:
        raise ValueError(f"choice: expected one of {', '.join(CHOICES)} (got {choice!r})")
    with store.write() as session:
        ratings = RatingsRepo(session)
        request = ratings.get(token) if link is not None else None
        state = link_state(request, link, now)
        done = False
        if state == LinkState.READY and request is not None and ratings.record(token, choice, now):
            tickets = TicketRepo(session)
            ticket = tickets.get(request.ticket_id)
            assert ticket is not None
            data = {"rating": choice, "comment": None}
            tickets.add_event(ticket, "rating", request.address, now, data)
            session.refresh(request)
            done = True
            log.info("ticket %d rated %s", ticket.id, choice, extra={"ticket": ticket.id})
        return _view(request, link, now), done


def add_comment(
    store: Store, link: SignedLink | None, token: str, text: str, now: datetime
) -> tuple[LinkView, bool]:
    """Add the client's comment to their rating once (cut to :data:`MAX_COMMENT`
    characters); the link's view afterwards and whether this call added it."""
    comment = text.replace("\r\n", "\n").replace("\x00", "").strip()[:MAX_COMMENT]
    with store.write() as session:
        ratings = RatingsRepo(session)
        request = ratings.get(token) if link is not None else None
        done = False
        if (
            comment
            and request is not None
            and link_state(request, link, now) == LinkState.RATED
            and may_comment(request, now)
            and ratings.add_comment(token, comment, now)
        ):
            tickets = TicketRepo(session)
            ticket = tickets.get(request.ticket_id)
            assert ticket is not None
            data = {"rating": request.rating, "comment": comment}
            tickets.add_event(ticket, "rating_comment", request.address, now, data)
            session.refresh(request)
            done = True
        return _view(request, link, now), done


def _view(request: RatingRequest | None, link: SignedLink | None, now: datetime) -> LinkView:
    state = link_state(request, link, now)
    if request is None or state == LinkState.INVALID:
        return LinkView(state)
    return LinkView(
        state,
        request.language,
        request.ticket_id,
        request.department,
        request.rating,
        may_comment(request, now),
    )
