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

The result, for the domain of the From address that mailgate read (the address in the
angle brackets of the first mailbox, :mod:`mailgate.parse.addresslist`):

- ``pass``: DMARC passed for that domain, or a valid DKIM signature of an aligned domain
  (the From domain, a parent or a subdomain of it: relaxed alignment, without the public
  suffix list — a signature by ``co.uk`` would align with any ``*.co.uk``; no valid key
  is ever published for a public suffix);
- ``fail``: DMARC failed, or our MTA's DMARC verdict is about another From domain than
  the one read (the MTA and mailgate read the From field differently: a forger's
  doing, never a pass), or every signature of an aligned domain is invalid;
- ``none``: nothing could be said (no header from our MTA, no signature of that domain,
  DNS not answering).  A sender without authentication is not a forger, only unproven.

A DMARC failure, or failing DKIM signatures of a domain whose published DMARC policy
(``_dmarc`` TXT record, looked up here with the DKIM keys' resolver) is ``reject`` or
``quarantine``, marks the mail **forged** (:attr:`AuthResult.forged`): the domain's
owner says such mail is not theirs, and answering it would send the helpdesk's mail
to whoever the forger named.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    # The method that decided: "dmarc" | "dkim" | "".
    method: str = ""
    # The From domain's published DMARC policy ("reject", "quarantine", "none"), when it
    # was looked up; "" otherwise.
    policy: str = ""

    @property
    def authenticated(self) -> bool:
        return self.status == "pass"

    @property
    def forged(self) -> bool:
        """DMARC failed, or DKIM failed for a domain that rejects or quarantines mail
        failing DMARC: the owner of the From domain disowns the message."""
        if self.status != "fail":
            return False
        return self.method == "dmarc" or self.policy in ("reject", "quarantine")

    def describe(self) -> str:
        if self.status == "none" and not self.detail:
            return "none"
        return f"{self.status} ({self.detail})"

    def as_json(self) -> dict[str, str]:
        return {
            "status": self.status,
            "source": self.source,
            "detail": self.detail,
            "method": self.method,
            "policy": self.policy,
        }


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
    other: MethodResult | None = None
    for r in results:
        if r.method != "dmarc":
            continue
        header_from = r.properties.get("header.from", "")
        if not header_from:
            continue  # a verdict that names no domain is about nobody in particular
        if _domain_key(header_from) != _domain_key(from_domain):
            other = other or r
            continue
        if r.result == "pass":
            return AuthResult("pass", "authentication-results", f"dmarc=pass, {where}", "dmarc")
        if r.result == "fail":
            return AuthResult("fail", "authentication-results", f"dmarc=fail, {where}", "dmarc")
    if other is not None:
        # DMARC (RFC 7489 §3.1) is about the RFC5322.From domain: a verdict on another one
        # means our MTA read another From than mailgate did (several mailboxes, a name
        # that looks like an address) — what a forger arranges, so never a pass.
        return AuthResult(
            "fail",
            "authentication-results",
            f"dmarc={other.result} is for header.from={other.properties['header.from']}, "
            f"not for the From address's domain {from_domain}, {where}",
            "dmarc",
        )
    dkim = [r for r in results if r.method == "dkim"]
    # A DKIM result that names no signing domain proves nothing about this one.
    signer = [r for r in dkim if aligned(_signer(r) or "", from_domain)]
    if any(r.result == "pass" for r in signer):
        return AuthResult(
            "pass", "authentication-results", f"dkim=pass for an aligned domain, {where}", "dkim"
        )
    if signer and all(r.result in ("fail", "permerror") for r in signer):
        return AuthResult(
            "fail",
            "authentication-results",
            f"dkim=fail for every aligned signature, {where}",
            "dkim",
        )
    return AuthResult("none", "authentication-results", f"no DMARC or aligned DKIM, {where}")


def _domain_key(domain: str) -> str:
    """A domain as compared: lower case, no final dot, an internationalized one in its
    ASCII form (an MTA may write either)."""
    d = domain.lower().rstrip(".")
    if d.isascii():
        return d
    try:
        return d.encode("idna").decode("ascii")
    except UnicodeError:
        return d


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
        return AuthResult("pass", "dkim", f"valid DKIM signature of {passed[0]}", "dkim")
    if verdicts:
        return AuthResult(
            "fail", "dkim", f"DKIM signature of {verdicts[0][0]} does not verify", "dkim"
        )
    return AuthResult("none", "dkim", f"no checkable DKIM signature of {from_domain}")


_POLICY = re.compile(r"(?:^|;)\s*(sp|p)\s*=\s*([a-z]+)", re.IGNORECASE)


def dmarc_policy(from_domain: str, dnsfunc: DnsFunc | None = None) -> str:
    """The DMARC policy published for ``from_domain`` (RFC 7489 §6.6.3): its own
    ``_dmarc`` record's ``p``, else the nearest parent's ``sp`` (or ``p``) — parents
    stand in for the organizational domain, without the public suffix list.  "" when
    none is published or DNS does not answer."""
    import dkim

    lookup: DnsFunc = dnsfunc or dkim.get_txt
    labels = from_domain.lower().rstrip(".").split(".")
    for k in range(len(labels) - 1):
        name = ".".join(labels[k:])
        try:
            record = lookup(f"_dmarc.{name}.".encode("ascii", "ignore"), timeout=5)
        except Exception as e:  # noqa: BLE001 - DNS trouble: no policy known
            log.debug("dmarc: no record for %s: %s", name, e)
            return ""
        text = record.decode("ascii", "replace") if record else ""
        if not text.replace(" ", "").lower().startswith("v=dmarc1"):
            continue
        tags = {t.lower(): v.lower() for t, v in _POLICY.findall(text)}
        policy = tags.get("p", "") if k == 0 else tags.get("sp") or tags.get("p", "")
        return policy if policy in ("none", "quarantine", "reject") else ""
    return ""


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
        if checked.status == "fail":
            # Signatures break on the way (a list's footer): only a domain that asks for
            # failing mail to be refused says the message is not its own.
            policy = dmarc_policy(from_domain, dnsfunc)
            shown = f"; {from_domain} publishes DMARC p={policy}" if policy else ""
            return replace(checked, policy=policy, detail=checked.detail + shown)
        if checked.status != "none" or result is NONE:
            return checked
    return result
