"""The language a client's mail is answered in: a table of named rules over values.

The first rule that names a language the helpdesk offers (``[helpdesk] languages``)
decides; the last, ``helpdesk``, always does.  In order:

1. ``agent_set`` — an agent set this client's language (``mailgate client-language``,
   ``PUT /api/clients/{address}/language``): a person's word beats any guess.
2. ``content_language`` — the mail's Content-Language field (RFC 3282): the client's
   program says which language the text is in.
3. ``text`` — the script and words of what the client wrote (:mod:`.script`).
4. ``remembered`` — the language of this client's earlier mail.
5. ``department`` — the department's ``language``.
6. ``helpdesk`` — ``[helpdesk] language``.

The decision is stored on the ticket with its rule; what the client's own mail showed
(``content_language``, ``text``) is remembered for the address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mailgate.languages.script import Detected, detect
from mailgate.vocabulary import Term


class LanguageRule(Term):
    """Which rule chose a ticket's language."""

    AGENT_SET = "agent_set"
    CONTENT_LANGUAGE = "content_language"
    TEXT = "text"
    REMEMBERED = "remembered"
    DEPARTMENT = "department"
    HELPDESK = "helpdesk"


@dataclass(frozen=True)
class Evidence:
    """What the choice is made from."""

    offered: tuple[str, ...]
    helpdesk: str
    department: str | None = None
    content_language: str | None = None
    # The subject and the new part of the client's text.
    text: str = ""
    # This address's language as an agent set it, or as its earlier mail showed it.
    agent_set: str | None = None
    remembered: str | None = None
    # What :func:`mailgate.languages.script.detect` found in ``text``, when it was
    # already asked (processing asks while planning, outside the write transaction).
    detected: Detection | None = None


@dataclass(frozen=True)
class Detection:
    """The answer of :func:`mailgate.languages.script.detect` for a text: a language, or
    None when the text does not say clearly."""

    found: Detected | None


def detection(text: str) -> Detection:
    """``text``'s language, detected now for a choice made later."""
    return Detection(detect(text))


@dataclass(frozen=True)
class LanguageChoice:
    language: str
    rule: LanguageRule
    reason: str

    @property
    def for_the_client(self) -> bool:
        """Whether it is this client's language (kept on the ticket), not the default
        of their department or of the helpdesk (which the ticket follows as configured:
        its language is left unset)."""
        return self.rule not in (LanguageRule.DEPARTMENT, LanguageRule.HELPDESK)

    @property
    def from_the_client(self) -> bool:
        """Whether the client's own mail showed it: worth remembering for the address."""
        return self.rule in (LanguageRule.CONTENT_LANGUAGE, LanguageRule.TEXT)


def offered_match(tag: str, offered: tuple[str, ...]) -> str | None:
    """The offered language a language tag names: the tag itself (``pt-br``), else its
    primary subtag (``ko-KR`` → ``ko``), compared without case (RFC 5646 §2.1.1)."""
    tag = tag.strip().lower().replace("_", "-")
    by_lower = {o.lower(): o for o in offered}
    if tag in by_lower:
        return by_lower[tag]
    return by_lower.get(tag.split("-", 1)[0])


Found = tuple[str, str] | None


def agent_set(e: Evidence) -> Found:
    """An agent set this client's language: a person's word beats any guess."""
    if e.agent_set and (language := offered_match(e.agent_set, e.offered)):
        return language, "set by an agent for this address"
    return None


def content_language(e: Evidence) -> Found:
    """RFC 3282: Content-Language lists the languages of the text, most important first;
    the first one offered decides."""
    for field in (e.content_language or "").split(","):
        tag = field.split("(", 1)[0].strip()  # a comment may follow (RFC 3282 §2)
        if tag and (language := offered_match(tag, e.offered)):
            return language, f"Content-Language: {e.content_language}"
    return None


def text(e: Evidence) -> Found:
    """The script and words of what the client wrote (subject and new text)."""
    detected = e.detected.found if e.detected is not None else detect(e.text)
    if detected and (language := offered_match(detected.language, e.offered)):
        return language, detected.reason
    return None


def remembered(e: Evidence) -> Found:
    """The language this client's earlier mail was in."""
    if e.remembered and (language := offered_match(e.remembered, e.offered)):
        return language, "the language of this address's earlier mail"
    return None


def department(e: Evidence) -> Found:
    """The department's ``language``."""
    if e.department and (language := offered_match(e.department, e.offered)):
        return language, "the department's language"
    return None


def helpdesk(e: Evidence) -> Found:
    """``[helpdesk] language``: always decides."""
    return e.helpdesk, "the helpdesk's language"


RULES: tuple[tuple[LanguageRule, Callable[[Evidence], Found]], ...] = (
    (LanguageRule.AGENT_SET, agent_set),
    (LanguageRule.CONTENT_LANGUAGE, content_language),
    (LanguageRule.TEXT, text),
    (LanguageRule.REMEMBERED, remembered),
    (LanguageRule.DEPARTMENT, department),
    (LanguageRule.HELPDESK, helpdesk),
)


def choose_language(evidence: Evidence) -> LanguageChoice:
    """The first rule of :data:`RULES` that names an offered language decides."""
    for rule, check in RULES:
        found = check(evidence)
        if found is not None:
            return LanguageChoice(found[0], rule, found[1])
    raise AssertionError("the helpdesk rule always decides")
