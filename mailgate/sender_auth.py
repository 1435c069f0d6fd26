"""Sender authentication: is the From address really the sender's?

Not part of ``classify``: checking DKIM looks keys up in DNS, and classify is pure.
The processor calls it in its planning phase, outside any write transaction.

Two sources, both optional (``[security]``):

- ``Authentication-Results`` (RFC 8601) written by the receiving MTA's milters
  (OpenDKIM, OpenDMARC, rspamd), read only from the header whose authserv-id is the
  configured ``authserv_id``.  Anyone can write such a header into a mail, so only the
  topmost one bearing that id counts — the receiving MTA prepends its own above
  whatever came from outside — and look-alike headers with another id are ignored.
  The MTA should also remove incoming headers that claim its id (OpenDMARC and rspamd
  do).
- ``verify_dkim``: mailgate checks the DKIM signatures itself with dkimpy (a DNS lookup
  of each signer's key).

The result, for the domain of the From address:

- ``pass``: DMARC passed, or a valid DKIM signature of an aligned domain (the From
  domain, a parent or a subdomain of it: relaxed alignment, without the public suffix
  list — a signature by ``co.uk`` would align with any ``*.co.uk``; no valid key is ever
  published for a public suffix);
- ``fail``: DMARC failed, or every signature of an aligned domain is invalid;
- ``none``: nothing could be said (no header from our MTA, no signature of that domain,
  DNS not answering).  A sender without authentication is not a forger, only unproven.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from mailgate.parse import ParsedMail

log = logging.getLogger(__name__)

Status = Literal["pass", "fail", "none"]

# A DNS TXT lookup as dkimpy calls it: name (bytes) → record (bytes) or None.
DnsFunc = Callable[..., bytes | None]


@dataclass(frozen=True)
class AuthResult:
    status: Status
    source: str  # "authentication-results" | "dkim" | ""
    detail: str

    @property
    def authenticated(self) -> bool:
        return self.status == "pass"

    def describe(self) -> str:
        if self.status == "none" and not self.detail:
            return "none"
        return f"{self.status} ({self.detail})"

    def as_json(self) -> dict[str, str]:
        return {"status": self.status, "source": self.source, "detail": self.detail}


NONE = AuthResult("none", "", "")

_COMMENT = re.compile(r"\([^()]*\)")
_RESINFO = re.compile(r"^\s*([a-z0-9-]+)\s*=\s*([a-z]+)\b(.*)$", re.IGNORECASE | re.DOTALL)
_PROPERTY = re.compile(r"\b([a-z]+)\.([a-z0-9-]+)\s*=\s*\"?([^\s;\"]+)\"?", re.IGNORECASE)


@dataclass(frozen=True)
class MethodResult:
    method: str  # dkim | dmarc | spf | arc | …
    result: str  # pass | fail | none | neutral | …
    properties: dict[str, str]


def parse_authentication_results(value: str) -> tuple[str, list[MethodResult]]:
    """An ``Authentication-Results`` value: its authserv-id and its results."""
    text = " ".join(value.split())
    while _COMMENT.search(text):
        text = _COMMENT.sub(" ", text)
    head, _, rest = text.partition(";")
    authserv_id = head.split()[0].lower() if head.split() else ""
    results: list[MethodResult] = []
    for part in rest.split(";"):
        m = _RESINFO.match(part)
        if m is None:
            continue
        props = {f"{a.lower()}.{b.lower()}": c for a, b, c in _PROPERTY.findall(m.group(3))}
        results.append(MethodResult(m.group(1).lower(), m.group(2).lower(), props))
    return authserv_id, results


def aligned(domain: str, from_domain: str) -> bool:
    """Relaxed alignment: the same domain, or one is a subdomain of the other."""
    d, f = domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    if not d or not f:
        return False
    return d == f or f.endswith("." + d) or d.endswith("." + f)


def trusted_results(mail: ParsedMail, authserv_id: str) -> list[MethodResult] | None:
    """The results of the topmost ``Authentication-Results`` bearing our authserv-id,
    or None when there is none."""
    wanted = authserv_id.lower()
    for value in mail.header_all("authentication-results"):
        got, results = parse_authentication_results(value)
        if got == wanted:
            return results
    return None


def from_results(results: list[MethodResult], from_domain: str, authserv_id: str) -> AuthResult:
    where = f"Authentication-Results from {authserv_id}"
    for r in results:
        if r.method != "dmarc":
            continue
        header_from = r.properties.get("header.from", from_domain)
        if not aligned(header_from, from_domain):
            continue
        if r.result == "pass":
            return AuthResult("pass", "authentication-results", f"dmarc=pass, {where}")
        if r.result == "fail":
            return AuthResult("fail", "authentication-results", f"dmarc=fail, {where}")
    dkim = [r for r in results if r.method == "dkim"]
    signer = [r for r in dkim if aligned(_signer(r) or from_domain, from_domain)]
    if any(r.result == "pass" for r in signer):
        return AuthResult(
            "pass", "authentication-results", f"dkim=pass for an aligned domain, {where}"
        )
    if signer and all(r.result in ("fail", "permerror") for r in signer):
        return AuthResult(
            "fail", "authentication-results", f"dkim=fail for every aligned signature, {where}"
        )
    return AuthResult("none", "authentication-results", f"no DMARC or aligned DKIM, {where}")


def _signer(r: MethodResult) -> str | None:
    d = r.properties.get("header.d")
    if d:
        return d
    i = r.properties.get("header.i")
    return i.rsplit("@", 1)[-1] if i else None


def verify_dkim(raw: bytes, from_domain: str, dnsfunc: DnsFunc | None = None) -> AuthResult:
    """Check the DKIM signatures of aligned domains in ``raw`` with dkimpy.  A key that
    cannot be fetched (DNS silent, record gone) leaves a signature unproven; only a
    signature that does not match its key fails."""
    import dkim

    lookup: DnsFunc = dnsfunc or dkim.get_txt
    try:
        signatures = [v for k, v in dkim.DKIM(raw).headers if k.lower() == b"dkim-signature"]
    except Exception as e:  # noqa: BLE001 - an unreadable message is simply unproven
        return AuthResult("none", "dkim", f"cannot read the signatures: {e}")
    verdicts: list[tuple[str, bool]] = []
    for idx, value in enumerate(signatures):
        try:
            tags = dkim.parse_tag_value(b"".join(value.split()))
            domain = tags[b"d"].decode("ascii")
            selector = tags[b"s"]
        except Exception:  # noqa: BLE001 - a signature without d= or s= proves nothing
            log.debug("dkim: signature %d has no readable d= and s=", idx)
            continue
        if not aligned(domain, from_domain):
            continue
        name = selector + b"._domainkey." + tags[b"d"] + b"."
        try:
            record = lookup(name, timeout=5)
        except Exception as e:  # noqa: BLE001 - DNS trouble: unproven, not failed
            log.debug("dkim: no key for %s: %s", domain, e)
            continue
        if not record:
            continue
        try:
            ok = bool(dkim.DKIM(raw).verify(idx=idx, dnsfunc=_answer(record)))
        except dkim.DKIMException as e:
            log.debug("dkim: signature %d of %s: %s", idx, domain, e)
            ok = False
        verdicts.append((domain, ok))
    passed = [d for d, ok in verdicts if ok]
    if passed:
        return AuthResult("pass", "dkim", f"valid DKIM signature of {passed[0]}")
    if verdicts:
        return AuthResult("fail", "dkim", f"DKIM signature of {verdicts[0][0]} does not verify")
    return AuthResult("none", "dkim", f"no checkable DKIM signature of {from_domain}")


def _answer(record: bytes) -> DnsFunc:
    """A lookup that answers the key already fetched."""

    def lookup(*_args: object, **_kwargs: object) -> bytes:
        return record

    return lookup


def authenticate(
    mail: ParsedMail,
    raw: bytes,
    *,
    authserv_id: str = "",
    check_dkim: bool = False,
    dnsfunc: DnsFunc | None = None,
) -> AuthResult:
    """Whether the From address of ``mail`` is authenticated, by the configured sources:
    our MTA's verdict first, then our own DKIM check."""
    if mail.from_ is None or "@" not in mail.from_.address:
        return NONE
    from_domain = mail.from_.normalized.rsplit("@", 1)[1]
    result = NONE
    if authserv_id:
        results = trusted_results(mail, authserv_id)
        if results is not None:
            result = from_results(results, from_domain, authserv_id)
            if result.status != "none":
                return result
    if check_dkim:
        checked = verify_dkim(raw, from_domain, dnsfunc)
        if checked.status != "none" or result is NONE:
            return checked
    return result
