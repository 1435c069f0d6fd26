"""Where a console request comes from, as sign-in judges it: the client's address
(through the reverse proxies of ``[console] trusted_proxies``), whether its ``Origin`` is
the console's own, whether the session cookie must be ``Secure``, and whether a path to
go to after signing in stays on this site."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from aiohttp import web

from mailgate.config import Config


@lru_cache(maxsize=16)
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def trusted(address: str | None, config: Config) -> bool:
    """Whether ``address`` is one of ``[console] trusted_proxies``."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in _networks(config.console.trusted_proxies))


def from_proxy(request: web.Request, config: Config) -> bool:
    return trusted(request.remote, config)


def client_of(request: web.Request, config: Config) -> str:
    """The client's address, as failed sign-ins are counted and logged: the peer, or —
    through a trusted proxy — the last address of ``X-Forwarded-For`` that is not one of
    the proxies.  An IPv6 client counts as its /64 network (an attacker has one)."""
    address = request.remote or ""
    if from_proxy(request, config):
        forwarded = ",".join(request.headers.getall("X-Forwarded-For", []))
        for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
            address = hop
            if not trusted(hop, config):
                break
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secure_cookie(request: web.Request, config: Config) -> bool:
    """Whether the cookie is ``Secure``: always, unless ``[console] secure_cookie`` is
    "never", or "auto" on a loopback listener — a browser on the same machine over plain
    HTTP — where a trusted proxy's ``X-Forwarded-Proto: https`` still sets it."""
    mode = config.console.secure_cookie
    if mode != "auto":
        return mode == "always"
    if not _loopback(config.http.host):
        return True
    return (
        from_proxy(request, config)
        and request.headers.get("X-Forwarded-Proto", "").strip().lower() == "https"
    )


def _host_and_port(scheme: str, netloc: str) -> str:
    netloc = netloc.strip().lower()
    default = {"http": ":80", "https": ":443"}.get(scheme, "")
    return netloc.removesuffix(default) if default else netloc


def same_origin(request: web.Request, config: Config) -> bool:
    """Whether the request's ``Origin``, when it has one, is the console's own: the host
    the browser addressed (``Host``, or a trusted proxy's ``X-Forwarded-Host``)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    host = request.host
    if from_proxy(request, config) and request.headers.get("X-Forwarded-Host"):
        host = request.headers["X-Forwarded-Host"].split(",")[0]
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or parts.path or not parts.netloc:
        return False
    return _host_and_port(parts.scheme, parts.netloc) == _host_and_port(parts.scheme, host)


def safe_next(value: str | None) -> str:
    """Where to go after signing in or a bulk action: a path of this site (one ``/``, no
    scheme, no host, no backslash, no control character), else ``/``."""
    if (
        not value
        or not value.isascii()
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(c) < 0x21 or c == "\x7f" for c in value)
    ):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path == "/login":
        return "/"
    return value
