"""The pages a client reaches from a rating request's links, served without sign-in:
``/rate/<token>`` and ``/rate/<token>/comment``.

A link's GET records nothing: mail scanners (Microsoft's Safe Links, Mimecast, a
webmail's preview) fetch the links of the mail they check, and would otherwise rate the
ticket — both links, the second one winning — before its client read the mail.  The page
asks to confirm the choice (preselected, and changeable); its POST records it once
(:func:`mailgate.tickets.ratings.rate`); the answer offers a comment, taken once too.

Every request checks the link's signature first (:mod:`mailgate.rating_links`), in
constant time, before the database is asked.  A used, expired or altered link gets a
page that says so in the client's language, never an error trace.

The POSTs are protected against forgery from other sites twice: the console refuses an
``Origin`` that is not its own, and each form carries a token that must match the
``mailgate_rating`` cookie its page set — an HMAC under the helpdesk's key over the
request's token and the cookie's random value (a signed double-submit cookie:
``SameSite=Strict``, ``HttpOnly``, scoped to ``/rate/``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Mapping
from functools import partial
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any

from aiohttp import web

from mailgate.console.common import console_of, route, run
from mailgate.console.rating_words import RTL, words
from mailgate.rating_links import SignedLink, check_link, signature
from mailgate.store.models import utcnow
from mailgate.tickets.ratings import (
    CHOICES,
    GOOD,
    MAX_COMMENT,
    LinkState,
    LinkView,
    add_comment,
    rate,
    read_link,
)

if TYPE_CHECKING:
    from mailgate.store.engine import Store

log = logging.getLogger(__name__)

COOKIE = "mailgate_rating"
_STATUS = {
    LinkState.READY: 200,
    LinkState.RATED: 409,
    LinkState.EXPIRED: 410,
    LinkState.INVALID: 404,
}


def _link(request: web.Request, values: Mapping[str, Any]) -> tuple[str, SignedLink | None]:
    """The request's token and its link's values, once the signature is checked."""
    token = request.match_info["token"]
    config = console_of(request).api.config

    def value(name: str) -> str:
        v = values.get(name, "")
        return v if isinstance(v, str) else ""

    secret = config.helpdesk.secret() if config.helpdesk.secret_file else b""
    if not secret:
        return token, None
    return token, check_link(secret, token, value("ticket"), value("expires"), value("sig"))


def _form_token(secret: bytes, token: str, nonce: str) -> str:
    message = f"mailgate-rating-form:{token}:{nonce}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _form_ok(request: web.Request, form: Mapping[str, Any], token: str) -> bool:
    """Whether the POST carries the token of the cookie its page set (constant time)."""
    config = console_of(request).api.config
    nonce = request.cookies.get(COOKIE, "")
    given = form.get("csrf")
    if not nonce or not isinstance(given, str) or not config.helpdesk.secret_file:
        return False
    expected = _form_token(config.helpdesk.secret(), token, nonce)
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("ascii"))


def _page(
    request: web.Request,
    view: LinkView,
    status: int,
    *,
    message: str = "",
    link: SignedLink | None = None,
    token: str = "",
    form: str = "",
    choice: str = GOOD,
) -> web.Response:
    """The page in the request's language; ``form``: "rate" or "comment" to offer."""
    console = console_of(request)
    config = console.api.config
    language, said = words(view.language or config.helpdesk.language)
    department = config.department(view.department) if view.department else None
    shown_department = (department.display_name if department else None) or config.helpdesk.name
    nonce = request.cookies.get(COOKIE) or secrets.token_urlsafe(16)
    csrf = sig = ""
    if form and link is not None and config.helpdesk.secret_file:
        secret = config.helpdesk.secret()
        csrf = _form_token(secret, token, nonce)
        sig = signature(secret, link.ticket, token, link.expires)
    text = console.env.get_template("rating.html").render(
        lang=language,
        dir="rtl" if language in RTL else "ltr",
        w=said,
        intro=said["intro"].format(
            token=config.helpdesk.subject_token.replace("{number}", str(view.ticket)),
            department=shown_department,
        ),
        message=message,
        form=form,
        link=link,
        token=token,
        csrf=csrf,
        sig=sig,
        choice=choice if choice in CHOICES else GOOD,
        choices=CHOICES,
        max_comment=MAX_COMMENT,
        view=view,
    )
    response = web.Response(text=text, status=status, content_type="text/html", charset="utf-8")
    if form:
        jar: SimpleCookie = SimpleCookie()
        jar[COOKIE] = nonce
        cookie = jar[COOKIE]
        cookie["path"] = "/rate/"
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        # Clients come through the public address: over https the cookie is Secure (a
        # client's browser never sends it in clear); over plain http it could not be.
        if config.http.public_url.startswith("https:"):
            cookie["secure"] = True
        response.headers.add("Set-Cookie", cookie.OutputString())
    # The page's address holds the link's token: no search engine indexes it (the
    # console's headers add no-store and a same-origin Referrer-Policy).
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _said(request: web.Request, view: LinkView, key: str) -> str:
    config = console_of(request).api.config
    return words(view.language or config.helpdesk.language)[1][key]


def _state_page(request: web.Request, view: LinkView, *, key: str | None = None) -> web.Response:
    """The page of a link that can no longer rate: used, expired, not valid."""
    message = _said(request, view, key or view.state.value)
    return _page(request, view, _STATUS[view.state], message=message)


async def show(request: web.Request) -> web.Response:
    """GET: the confirmation, or the page saying why the link rates nothing."""
    token, link = _link(request, request.query)
    store = console_of(request).api.store
    view = await run(request, partial(read_link, store, link, token, utcnow()))
    if view.state != LinkState.READY:
        return _state_page(request, view)
    choice = request.query.get("choice", GOOD)
    return _page(request, view, 200, link=link, token=token, form="rate", choice=choice)


async def record(request: web.Request) -> web.Response:
    """POST: record the choice once, then offer a comment."""
    form = await request.post()
    token, link = _link(request, form)
    store = console_of(request).api.store
    if not _form_ok(request, form, token):
        return await _form_expired(request, store, link, token)
    choice = form.get("choice")
    if not isinstance(choice, str) or choice not in CHOICES:
        view = await run(request, partial(read_link, store, link, token, utcnow()))
        if view.state != LinkState.READY:
            return _state_page(request, view)
        return _page(request, view, 400, link=link, token=token, form="rate")
    view, done = await run(request, partial(rate, store, link, token, choice, utcnow()))
    if not done:
        return _state_page(request, view)
    message = _said(request, view, "thanks")
    form_kind = "comment" if view.may_comment else ""
    return _page(request, view, 200, message=message, link=link, token=token, form=form_kind)


async def _form_expired(
    request: web.Request, store: Store, link: SignedLink | None, token: str
) -> web.Response:
    """403: the page of a form that came back without a valid form token."""
    view = await run(request, partial(read_link, store, link, token, utcnow()))
    return _page(request, view, 403, message=_said(request, view, "form_expired"))


async def comment(request: web.Request) -> web.Response:
    """POST: the comment on a rating, taken once."""
    form = await request.post()
    token, link = _link(request, form)
    store = console_of(request).api.store
    if not _form_ok(request, form, token):
        return await _form_expired(request, store, link, token)
    text = form.get("comment")
    text = text if isinstance(text, str) else ""
    view, done = await run(request, partial(add_comment, store, link, token, text, utcnow()))
    if done:
        return _page(request, view, 200, message=_said(request, view, "comment_thanks"))
    if view.state != LinkState.RATED:
        return _state_page(request, view)
    if view.may_comment:  # an empty comment: the form again
        message = _said(request, view, "empty")
        return _page(request, view, 400, message=message, link=link, token=token, form="comment")
    return _state_page(request, view, key="commented")


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/rate/{token}", show, anonymous=True)
    route(app, "POST", "/rate/{token}", record, anonymous=True)
    route(app, "POST", "/rate/{token}/comment", comment, anonymous=True)
