"""duplicates: whether a new request repeats one its sender already has open.

"One problem, one ticket" (the helpdesk survey; Iranian hosting rules forbid a second
ticket for the same problem): a client who writes again about the same matter — a copy
of their mail, "did you get my mail?", the same question in new words — without the
ticket token opens a second ticket that two agents may answer.  Processing asks
:func:`likely_duplicate` before anything is written; ``[duplicates] mode`` says what
follows (:mod:`mailgate.process.disposition`, rule ``likely_duplicate``): the new ticket
is flagged with a link to the older one (``flag``), the mail joins the older ticket
(``join``), or nothing is compared (``off``).

Pure: two requests are compared by their words alone.  The subjects lose the ticket
token and the reply prefixes ("Re:", "AW:", "답장:" …, :func:`mailgate.subjects.
ticket_title`); the bodies are the reply text (what the client wrote, without the quoted
history and the signature).  Words are case-folded runs of letters and digits; a run
of a script written without spaces between words (Thai, Chinese, Japanese) is cut into
pairs of characters, so that two sentences sharing most of their words share most of
their pairs.  The subjects are compared as sets of words (Jaccard: shared over all),
the bodies as counts of words (cosine), and the score is their mean — the subjects'
alone when either body has no words.  Only the first :data:`MAX_CHARS` characters of a
body are read: the comparison runs under the processing transaction's write lock, and a
pasted log of megabytes (in the new mail, or in each open ticket's first message) would
hold it for seconds; a request says what it is about at its start.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mailgate.subjects import ticket_title
from mailgate.vocabulary import Term


class DuplicateMode(Term):
    """``[duplicates] mode``: what a likely duplicate becomes."""

    FLAG = "flag"  # a ticket of its own, linked to the older one (both show the link)
    JOIN = "join"  # added to the older ticket, with an event saying why
    OFF = "off"  # not compared


@dataclass(frozen=True)
class Request:
    """What is compared of a mail or of a ticket: its subject and what its client wrote."""

    subject: str
    text: str


@dataclass(frozen=True)
class Candidate:
    """A ticket of the same requester that is not closed: its number, its subject, and
    what the client wrote in its first message."""

    number: int
    subject: str
    text: str


@dataclass(frozen=True)
class Likely:
    """The older ticket a new request most likely repeats, and by how much."""

    number: int
    score: float  # 0 … 1
    subject_score: float
    body_score: float | None  # None: a body had no words; the subjects decided

    def reason(self, threshold: float) -> str:
        body = "" if self.body_score is None else f", body {self.body_score:.2f}"
        return (
            f"{self.score:.2f} similar to ticket {self.number} "
            f"(subject {self.subject_score:.2f}{body}; duplicates.threshold = {threshold:g})"
        )

    def as_data(self) -> dict[str, object]:
        """As the link and the events record it."""
        return {
            "score": round(self.score, 3),
            "subject_score": round(self.subject_score, 3),
            "body_score": None if self.body_score is None else round(self.body_score, 3),
        }


# The characters of a body that are compared, at most (the start of the text).
MAX_CHARS = 4000

# Words that say nothing of a problem, in the language most helpdesk mail shares; the
# other languages' are left in (they weigh on both sides alike).
_STOP_WORDS = """a an and are as at be been but by can could did do does for from had has
have hello hi i if in is it its me my no not of on or our please regards so that the their
them there this to was we were what when with you your thanks thank dear"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Scripts written without spaces between words: a run of them is cut into pairs.
_UNSPACED = re.compile(
    "[\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # kana, CJK ideographs
)


def _is_word_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "LNM"


def _runs(text: str) -> Iterable[str]:
    start = None
    for i, c in enumerate(text):
        if _is_word_char(c):
            if start is None:
                start = i
        elif start is not None:
            yield text[start:i]
            start = None
    if start is not None:
        yield text[start:]


def terms(text: str) -> list[str]:
    """``text``'s words as they are compared: case-folded, stop words left out; a run
    of an unspaced script as its pairs of characters."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    found: list[str] = []
    for run in _runs(folded):
        if _UNSPACED.search(run) and len(run) > 2:
            found += [run[i : i + 2] for i in range(len(run) - 1)]
        elif run not in STOP_WORDS:
            found.append(run)
    return found


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values()))
    return dot / norm if norm else 0.0


def similarity(new: Request, old: Request, subject_token: str) -> tuple[float, float, float | None]:
    """How alike two requests are: the score, the subjects' and the bodies' (None when
    a body has no words)."""
    subject = jaccard(
        set(terms(ticket_title(new.subject, subject_token))),
        set(terms(ticket_title(old.subject, subject_token))),
    )
    a, b = Counter(terms(new.text[:MAX_CHARS])), Counter(terms(old.text[:MAX_CHARS]))
    if not a or not b:
        return subject, subject, None
    body = cosine(a, b)
    return (subject + body) / 2, subject, body


def likely_duplicate(
    new: Request,
    candidates: Sequence[Candidate],
    threshold: float,
    subject_token: str,
) -> Likely | None:
    """The candidate ``new`` most likely repeats, if its score reaches ``threshold``
    (the newest of equals); None otherwise."""
    best: Likely | None = None
    for c in sorted(candidates, key=lambda c: -c.number):
        score, subject, body = similarity(new, Request(c.subject, c.text), subject_token)
        if score >= threshold and (best is None or score > best.score):
            best = Likely(c.number, score, subject, body)
    return best
