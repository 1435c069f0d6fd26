"""Tags, and the rules that put them on tickets from the mail that opens or joins them.

A tag is a short word an agent or a rule puts on a ticket (``billing``, ``vip``,
``outage-2026``): lower case, letters, digits and ``-_.:``, at most 64 characters, so
that it reads the same in a URL, a search (``tag:billing``) and a command line.

A tag rule (``[[tag_rules]]`` of the configuration) is a named entry: the conditions a
message must meet — every condition given, each any of its values — and the tags it
then puts on the message's ticket.  :func:`tags_for` is the decision, pure over the
message's values: it runs before anything is written, and what it returns (each tag
with the rule's name) becomes the ``tag_added`` events of the ticket.  Nothing here
reads the configuration or the database: the configuration builds :class:`TagRule`
values (its regular expressions compiled and checked when it loads) and the processing
stage hands in :class:`MailFacts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mailgate.addresses import normalize_address, split_address
from mailgate.errors import Invalid

MAX_TAG_CHARS = 64
_TAG = re.compile(r"[a-z0-9][a-z0-9_.:-]*")
TAG_EXPECTED = (
    "a word of letters a-z, digits and - _ . : starting with a letter or a digit "
    f"(at most {MAX_TAG_CHARS} characters)"
)


def normalize_tag(value: str) -> str:
    """A tag as it is stored: ``" Billing "`` → ``"billing"``; Invalid (naming the value
    and what is expected) for anything else than a short word."""
    tag = value.strip().lower()
    if not tag or len(tag) > MAX_TAG_CHARS or not _TAG.fullmatch(tag):
        raise Invalid(f"tag {value!r}: expected {TAG_EXPECTED}")
    return tag


@dataclass(frozen=True)
class MailFacts:
    """What tag rules look at in a message."""

    # Every address it was written to, normalized: envelope recipients, Delivered-To,
    # X-Original-To, To and Cc.
    recipients: tuple[str, ...]
    sender: str | None  # the From address, normalized
    subject: str
    headers: tuple[tuple[str, str], ...]  # names lower-cased, in order


@dataclass(frozen=True)
class HeaderCondition:
    name: str  # lower-cased
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class TagRule:
    """One ``[[tag_rules]]`` entry: every condition given must hold (a list: any of its
    values); an entry gives at least one."""

    name: str
    tags: tuple[str, ...]
    recipients: tuple[str, ...] = ()  # addresses, normalized
    sender_domains: tuple[str, ...] = ()  # a domain covers its subdomains
    subject: re.Pattern[str] | None = None
    headers: tuple[HeaderCondition, ...] = ()
    delimiter: str = "+"  # support+x@ is support@ (helpdesk.recipient_delimiter)

    def matches(self, facts: MailFacts) -> bool:
        return (
            (not self.recipients or _written_to(facts.recipients, self.recipients, self.delimiter))
            and (not self.sender_domains or _from_domain(facts.sender, self.sender_domains))
            and (self.subject is None or self.subject.search(facts.subject) is not None)
            and all(_header_matches(facts.headers, h) for h in self.headers)
        )


@dataclass(frozen=True)
class TagHit:
    """A tag a rule puts on the ticket, and the rule's name (the event says it)."""

    tag: str
    rule: str


def tags_for(rules: Sequence[TagRule], facts: MailFacts) -> tuple[TagHit, ...]:
    """The tags ``rules`` put on the ticket of the message ``facts`` describe, in the
    rules' order; a tag two rules give is named once, with the first rule."""
    hits: dict[str, TagHit] = {}
    for rule in rules:
        if rule.matches(facts):
            for tag in rule.tags:
                hits.setdefault(tag, TagHit(tag, rule.name))
    return tuple(hits.values())


def _base(address: str, delimiter: str) -> str:
    local, domain = split_address(address)
    if delimiter and delimiter in local:
        return f"{local.split(delimiter, 1)[0]}@{domain}"
    return address


def _written_to(recipients: Iterable[str], wanted: tuple[str, ...], delimiter: str) -> bool:
    return any(r in wanted or _base(r, delimiter) in wanted for r in recipients)


def _from_domain(sender: str | None, domains: tuple[str, ...]) -> bool:
    if not sender:
        return False
    domain = split_address(normalize_address(sender))[1]
    return any(domain == d or domain.endswith("." + d) for d in domains)


def _header_matches(headers: tuple[tuple[str, str], ...], condition: HeaderCondition) -> bool:
    return any(k == condition.name and condition.pattern.search(v) for k, v in headers)
