"""Signing in to the console: the sign-in page, signing out, and the middleware that
finds the session of every other console request and checks its forms.

An agent of ``[[agents]]`` signs in with the password ``mailgate agent password`` set
(:mod:`mailgate.store.accounts_repo`), or — behind a reverse proxy that authenticated
them — through ``[console] trusted_user_header``, honoured only from
``trusted_proxies``.  Either way the browser gets a new session: a random token in the
``mailgate_session`` cookie (``HttpOnly``, ``SameSite=Lax``, ``Secure`` unless the
listener is on loopback; no ``Max-Age``: it ends with the browser), whose SHA-256 digest
keys the session's row.  Whatever cookie a browser brought to the sign-in, it leaves
with a new token (session fixation).

Guessing is slowed down: after ``login_attempts`` failed sign-ins for one address, or
``client_attempts`` from one client, within ``login_window``, sign-in is refused (429)
without a password being checked until the oldest of them is out of the window.  An
unknown or disabled address is answered as a wrong password is, after the same work.

Every request that changes something (POST, PUT, PATCH, DELETE) carries the session's
CSRF token (form field ``csrf`` or header ``X-CSRF-Token``), and is refused when its
``Origin`` is another site's.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from aiohttp import web

from mailgate.addresses import normalize_address
from mailgate.api.common import Api, Handler
from mailgate.config import Config
from mailgate.console.common import (
    SIGNED_IN,
    SignedIn,
    console_of,
    is_anonymous,
    is_background,
    is_console,
    render,
    route,
    run,
    signed_in,
)
from mailgate.console.origin import (
    client_of,
    from_proxy,
    safe_next,
    same_origin,
    secure_cookie,
)
from mailgate.store.accounts_repo import (
    AccountsRepo,
    Lifetime,
    NewSession,
    check_password,
    digest_of,
)
from mailgate.store.models import utcnow
from mailgate.tickets.actions import Agent

log = logging.getLogger(__name__)

COOKIE = "mailgate_session"
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
WRONG = "Wrong address or password."
# Password verifications at the same time, at the most: each takes 64 MiB and the
# threads that pages are read in.
_VERIFYING_AT_ONCE = 2
# Clients warned about for sending the trusted header, at the most (then forgotten).
_WARNED_AT_MOST = 10000


@dataclass
class _Guard:
    """What sign-in keeps in the process: the verifications under way, and the clients
    already logged for sending the trusted header from an untrusted address."""

    verifying: asyncio.Semaphore
    warned: set[str] = field(default_factory=set)


_GUARD = web.AppKey("console_sign_in", _Guard)
# The token the response sets in the cookie: a new session's, or "" to clear it.
_NEW_COOKIE: web.RequestKey[str] = web.RequestKey("console_new_cookie")


def _login_url(request: web.Request) -> str:
    return "/login?" + urlencode({"next": request.raw_path})


# -- the session of a request ----------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    me: SignedIn | None = None
    token: str | None = None  # a new session's (single sign-on), for the cookie
    refused: str | None = None  # why the trusted header's agent may not sign in


def _signed_in(config: Config, address: str, digest: str, csrf: str) -> SignedIn | None:
    agent = config.agent(address)
    if agent is None:  # removed from [[agents]]: signs in no more
        return None
    return SignedIn(Agent(agent.address, agent.name), agent.role, digest, csrf)


def _lookup(
    api: Api, token: str, sso: str | None, client: str, user_agent: str, background: bool
) -> _Found:
    """The request's session (its cookie's ``token``); with single sign-on (``sso``: the
    agent a trusted proxy names), that agent's, made anew when the cookie is not theirs.
    A ``background`` request (an open page's polling) does not count as the agent's
    activity: an unattended page lets its session end after ``session_idle``."""
    config, now = api.config, utcnow()
    digest = digest_of(token) if token else ""
    me, touch = None, False
    with api.store.read() as session:
        repo = AccountsRepo(session)
        row = repo.live_session(digest, now, Lifetime.of(config)) if digest else None
        if row is not None:
            account = repo.account(row.agent)
            if not (account and account.disabled) and (sso is None or row.agent == sso):
                me = _signed_in(config, row.agent, row.digest, row.csrf)
                touch = not background and repo.needs_touch(row, now)
    if me is not None:
        if touch:
            with api.store.write() as session:
                AccountsRepo(session).touch(digest, now)
        return _Found(me)
    if sso is None:
        return _Found()
    agent = config.agent(sso)
    if agent is None:
        return _Found(refused=f"{sso} is not an agent of this helpdesk.")
    with api.store.write() as session:
        repo = AccountsRepo(session)
        account = repo.account(agent.address, lock=True)
        if account is not None and account.disabled:
            return _Found(refused=f"Sign-in is disabled for {agent.address}.")
        if digest:
            repo.end_session(digest)
        repo.prune_sessions(now, Lifetime.of(config))
        new = repo.begin_session(agent.address, now, client=client, user_agent=user_agent)
    me = _signed_in(config, agent.address, new.digest, new.csrf)
    return _Found(me, new.token)


def _header_agent(request: web.Request, config: Config) -> str | None:
    """The agent the trusted header names, when a trusted proxy sent it."""
    header = config.console.trusted_user_header
    value = request.headers.get(header) if header else None
    if value is None:
        return None
    if not from_proxy(request, config):
        warned = request.app[_GUARD].warned
        remote = request.remote or "?"
        if remote not in warned:
            if len(warned) >= _WARNED_AT_MOST:
                warned.clear()
            warned.add(remote)
            log.warning(
                "console: ignored the %s header from %s, which is not in [console] "
                "trusted_proxies (said once per client)",
                header,
                remote,
            )
        return None
    return normalize_address(value) or None


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every console request but the anonymous ones comes from a signed-in agent
    (``request[SIGNED_IN]``): without a session, a page redirects to the sign-in
    (303), anything else is 401.  A request that changes something carries the
    session's CSRF token (else 403)."""
    if not is_console(request):
        return await handler(request)
    config = console_of(request).api.config
    unsafe = request.method not in _SAFE
    if unsafe and not same_origin(request, config):
        log.warning(
            "console: refused %s %s from %s: Origin %s is not this site",
            request.method,
            request.path,
            client_of(request, config),
            request.headers.get("Origin"),
        )
        raise web.HTTPForbidden(text="The request came from another site.")
    if is_anonymous(request):
        return await handler(request)
    sso = _header_agent(request, config)
    lookup = partial(
        _lookup,
        console_of(request).api,
        request.cookies.get(COOKIE, ""),
        sso,
        client_of(request, config),
        request.headers.get("User-Agent", ""),
        is_background(request),
    )
    found = await run(request, lookup)
    if found.refused:
        log.warning("console: %s from proxy %s", found.refused, request.remote)
        raise web.HTTPForbidden(text=found.refused)
    if found.me is None:
        if unsafe:
            raise web.HTTPUnauthorized(text="Sign in first.")
        raise web.HTTPSeeOther(_login_url(request))
    if found.token:
        log.info(
            "console: %s signed in through the %s header of proxy %s",
            found.me.agent.address,
            config.console.trusted_user_header,
            request.remote,
        )
        request[_NEW_COOKIE] = found.token
    request[SIGNED_IN] = found.me
    if unsafe:
        await _check_csrf(request, found.me)
    return await handler(request)


async def _check_csrf(request: web.Request, me: SignedIn) -> None:
    given = request.headers.get("X-CSRF-Token")
    if given is None and request.content_type in _FORMS:
        value = (await request.post()).get("csrf")
        given = value if isinstance(value, str) else None
    expected = me.csrf.encode()
    if given is None or not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
        log.warning(
            "console: refused %s %s of %s: the CSRF token is %s",
            request.method,
            request.path,
            me.agent.address,
            "missing" if given is None else "wrong",
        )
        raise web.HTTPForbidden(text="The form has expired; reload the page and try again.")


async def _set_cookie(request: web.Request, response: web.StreamResponse) -> None:
    # As a header: cookies given to the response's jar are written before this hook runs.
    token = request.get(_NEW_COOKIE)
    if token is None:
        return
    jar: SimpleCookie = SimpleCookie()
    jar[COOKIE] = token
    cookie = jar[COOKIE]
    cookie["path"] = "/"
    cookie["httponly"] = True
    cookie["samesite"] = "Lax"
    if secure_cookie(request, console_of(request).api.config):
        cookie["secure"] = True
    if not token:  # signed out: the browser forgets it
        cookie["max-age"] = 0
        cookie["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    response.headers.add("Set-Cookie", cookie.OutputString())


# -- signing in and out ----------------------------------------------------------------------


def _field(form: Mapping[str, object], name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _throttled(api: Api, address: str, client: str) -> float | None:
    """How many seconds until sign-in for ``address`` from ``client`` is allowed again,
    when too many failed within the window."""
    c, now = api.config.console, utcnow()
    window = timedelta(seconds=c.login_window)
    waits = []
    with api.store.read() as session:
        repo = AccountsRepo(session)
        for limit, by in (
            (c.login_attempts, {"address": address}),
            (c.client_attempts, {"client": client}),
        ):
            recent = repo.failures(now - window, limit, **by)
            if len(recent) >= limit:
                waits.append((recent[limit - 1] + window - now).total_seconds())
    return max(waits) if waits else None


def _stored_hash(api: Api, address: str) -> str | None:
    """The password hash to verify against: none (a dummy is verified instead) for an
    address that is no agent, has no password, or is disabled."""
    with api.store.read() as session:  # for every address alike: the same time taken
        account = AccountsRepo(session).account(address)
    if account is None or account.disabled or api.config.agent(address) is None:
        return None
    return account.password_hash


def _begin(
    api: Api,
    address: str,
    verified: str,
    rehash: str | None,
    old_token: str,
    client: str,
    user_agent: str,
) -> NewSession | None:
    """The session of an agent whose password was right — unless, meanwhile, it changed
    or the agent was disabled.  The session the browser had, if any, ends."""
    now = utcnow()
    lifetime = Lifetime.of(api.config)
    with api.store.write() as session:
        repo = AccountsRepo(session)
        account = repo.account(address, lock=True)
        if account is None or account.disabled or account.password_hash != verified:
            return None
        if rehash is not None:
            repo.replace_hash(address, verified, rehash, now)
        if old_token:
            repo.end_session(digest_of(old_token))
        repo.clear_failures(address)
        repo.prune_sessions(now, lifetime)
        return repo.begin_session(address, now, client=client, user_agent=user_agent)


def _failed(api: Api, address: str, client: str) -> None:
    now = utcnow()
    with api.store.write() as session:
        repo = AccountsRepo(session)
        repo.record_failure(address, client, now)
        repo.prune_failures(now - timedelta(seconds=api.config.console.login_window))


async def login_page(request: web.Request) -> web.Response:
    target = safe_next(request.query.get("next"))
    return render(request, "login.html", error="", address="", next=target)


def _too_many(request: web.Request, wait: float, address: str, target: str) -> web.Response:
    minutes = max(1, math.ceil(wait / 60))
    response = render(
        request,
        "login.html",
        429,
        error=f"Too many attempts: try again in {minutes} minute{'s' if minutes > 1 else ''}.",
        address=address,
        next=target,
    )
    response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
    return response


async def login(request: web.Request) -> web.Response:
    api = console_of(request).api
    config = api.config
    form = await request.post()
    # No agent's address holds a NUL, and PostgreSQL refuses one in a text parameter.
    address = normalize_address(_field(form, "address")).replace("\x00", "\ufffd")
    password = _field(form, "password")
    target = safe_next(_field(form, "next"))
    client = client_of(request, config)
    throttled = partial(_throttled, api, address, client)

    wait = await run(request, throttled)
    new = None
    if wait is None:
        async with request.app[_GUARD].verifying:
            # Counted again when this guess's turn comes, and its failure recorded before
            # the next one's: guesses sent at once all passed the count above together.
            wait = await run(request, throttled)
            if wait is None:
                stored = await run(request, partial(_stored_hash, api, address))
                checked = await run(request, partial(check_password, stored, password))
                if checked.right and stored is not None:
                    user_agent = request.headers.get("User-Agent", "")
                    old = request.cookies.get(COOKIE, "")
                    begin = partial(
                        _begin, api, address, stored, checked.rehash, old, client, user_agent
                    )
                    new = await run(request, begin)
                if new is None:
                    await run(request, partial(_failed, api, address, client))
    if wait is not None:
        log.warning(
            "console: sign-in for %s from %s refused: too many failed sign-ins", address, client
        )
        return _too_many(request, wait, address, target)
    if new is None:
        log.warning("console: failed sign-in for %s from %s", address, client)
        return render(request, "login.html", 401, error=WRONG, address=address, next=target)
    log.info("console: %s signed in from %s", address, client)
    request[_NEW_COOKIE] = new.token
    raise web.HTTPSeeOther(target)


async def logout(request: web.Request) -> web.Response:
    """Sign out this browser."""
    me = signed_in(request)
    api = console_of(request).api

    def end() -> None:
        with api.store.write() as session:
            AccountsRepo(session).end_session(me.digest)

    await run(request, end)
    log.info("console: %s signed out", me.agent.address)
    request[_NEW_COOKIE] = ""
    raise web.HTTPSeeOther("/login")


async def logout_everywhere(request: web.Request) -> web.Response:
    """Sign out every browser of the agent."""
    me = signed_in(request)
    api = console_of(request).api

    def end() -> int:
        with api.store.write() as session:
            return AccountsRepo(session).end_sessions(me.agent.address)

    ended = await run(request, end)
    log.info("console: %s signed out everywhere (%d sessions)", me.agent.address, ended)
    request[_NEW_COOKIE] = ""
    raise web.HTTPSeeOther("/login")


def add_routes(app: web.Application) -> None:
    app[_GUARD] = _Guard(asyncio.Semaphore(_VERIFYING_AT_ONCE))
    app.on_response_prepare.append(_set_cookie)
    route(app, "GET", "/login", login_page, anonymous=True)
    route(app, "POST", "/login", login, anonymous=True)
    route(app, "POST", "/logout", logout)
    route(app, "POST", "/logout/everywhere", logout_everywhere)
