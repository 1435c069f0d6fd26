"""languages: which language a client is answered in, and how it is written.

``choose_language`` decides a ticket's language from the client's mail and the
configuration (a table of named rules, :mod:`.choice`); ``detect`` reads a text's
language from its script and words (:mod:`.script`); ``status_labels`` gives the
statuses' labels in a language (:mod:`.labels`); ``direction`` says whether a language
is written right to left.  Pure: values in, values out.
"""

from mailgate.languages.choice import (
    RULES,
    Detection,
    Evidence,
    LanguageChoice,
    LanguageRule,
    choose_language,
    detection,
    offered_match,
)
from mailgate.languages.labels import SHIPPED_LABELS, status_labels
from mailgate.languages.script import Detected, detect

# Languages written right to left (their primary subtags).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug", "sd"})
# A language tag as the configuration accepts it: a primary subtag and optional
# subtags (RFC 5646, lower case as mailgate's folders are named).
LANGUAGE_TAG = r"[a-z]{2,3}(-[a-z0-9]{2,8})*"


def direction(language: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr`` (HTML's ``dir``)."""
    return "rtl" if language.lower().split("-", 1)[0] in RTL_LANGUAGES else "ltr"


__all__ = [
    "LANGUAGE_TAG",
    "RTL_LANGUAGES",
    "RULES",
    "SHIPPED_LABELS",
    "Detected",
    "Detection",
    "Evidence",
    "LanguageChoice",
    "LanguageRule",
    "choose_language",
    "detect",
    "detection",
    "direction",
    "offered_match",
    "status_labels",
]
