"""A cheap test in front of a large regular expression: the words every match of it
contains.

The reader's rules are large case-insensitive alternations ("You are receiving this
email because …", "Sie erhalten diese E-Mail, weil …" in a dozen languages) tried on
every line of a text.  Python's engine has no literal to scan for in such a pattern, so
it tries every alternative at every position of the line: most of the reader's time
went there.  Almost every line contains none of the pattern's words, and ``in`` finds
that out many times faster.

:func:`prefiltered` reads from the pattern itself (its parse tree), for each of its
alternatives, what every match of it contains: each run of literal characters, and for
a group, one of the runs of its own alternatives ("receiv|getting|erhalten …", then
"this|these|diese …", then "mail|message|nachricht …").  A line that holds all of it
for no alternative cannot match, and the pattern is not tried on it; on the others it
runs as before.  The results are the engine's own, only sooner when there is no match.

The first clause of every alternative of every pattern — its rarest words — goes into
one Aho–Corasick automaton (one for folded comparisons, one for exact ones): a line is
read once for all of them, and the patterns tried on it look up the words it holds
instead of searching it for each word in turn.  The other clauses are looked for with
``in``, on the few lines that hold a first clause's word.

Case-insensitive patterns compare after :func:`fold`, which maps every two characters
the engine takes for the same letter (``re.IGNORECASE``) to the same character:
lowercase, then the engine's extra equivalences (``ſ`` and ``s``, ``ı`` and ``i``,
``ς`` and ``σ`` …), then without the combining dot ``"İ".lower()`` adds.  A pattern
with an alternative that requires no literal is tried on every line, as before.

A pattern whose every alternative opens the line with words it spells out ("This
message may be monitored …", "Diese E-Mail stellt kein …") is tested first by the
line's first word: :func:`opening_words` reads those words from the pattern, so that
the test cannot drift from it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import ahocorasick

# The engine's parser, and its table of the letters case-insensitive matching takes for
# one another beyond their lowercase (private modules of ``re``: where they are missing
# or differ, no words are read and every pattern runs on every line).
try:
    _PARSER: Any = importlib.import_module("re._parser")
    _CONSTANTS: Any = importlib.import_module("re._constants")
    _EXTRA_CASES: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES
except (ImportError, AttributeError):  # pragma: no cover - another Python's internals
    _PARSER = _CONSTANTS = None
    _EXTRA_CASES = {}


def _equivalences() -> dict[int, str | None]:
    """``str.translate`` table: each letter of an extra equivalence to one of its class
    (the ASCII one where there is one, so that ASCII text needs no translation), and the
    combining dot above dropped."""
    table: dict[int, str | None] = {0x307: None}
    for code, others in _EXTRA_CASES.items():
        members = sorted({code, *others}, key=lambda c: (c >= 0x80, c))
        for member in members[1:]:
            table[member] = chr(members[0])
    return table


_EQUIVALENT = _equivalences()


# How many texts' folds are kept: the lines and paragraphs of the message being read.
_FOLDED_TEXTS = 512


@lru_cache(maxsize=_FOLDED_TEXTS)
def fold(text: str) -> str:
    """``text`` with the letters ``re.IGNORECASE`` takes for one another made the same:
    where the engine matches a case-insensitive literal, its fold is in the text's.  The
    rules test a line against many patterns in turn: its fold is kept for the next."""
    low = text.lower()
    return low if low.isascii() else low.translate(_EQUIVALENT)


# One of these words (a clause), all of these clauses (an alternative's), any of these
# alternatives.
Clause = frozenset[str]
Requirement = list[list[Clause]]


class _Vocabulary:
    """The first words of every prefiltered pattern's alternatives — the clause the
    fewest texts meet —, one automaton for the folded and one for the unfolded
    comparisons (Aho–Corasick, ``pyahocorasick``): the words a line holds are found in
    one pass of it, whatever the number of patterns then tried on it."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._automaton: Any = None

    def id_of(self, word: str) -> int:
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.ids)
            self._automaton = None  # built again with the new word at its next use
            _held_words.cache_clear()
        return found

    def held(self, text: str) -> frozenset[int]:
        """The ids of the words ``text`` holds."""
        automaton = self._automaton
        if automaton is None:
            automaton = self._automaton = ahocorasick.Automaton()
            for word, i in self.ids.items():
                automaton.add_word(word, i)
            automaton.make_automaton()
        if not self.ids:
            return frozenset()
        return frozenset(i for _end, i in automaton.iter(text))


_VOCABULARIES = {True: _Vocabulary(), False: _Vocabulary()}


@lru_cache(maxsize=_FOLDED_TEXTS)
def _held_words(folded: bool, text: str) -> frozenset[int]:
    """The first words of the patterns that ``text`` (already folded when ``folded``)
    holds: a line is looked at once for every pattern tried on it."""
    return _VOCABULARIES[folded].held(text)


class Prefiltered:
    """A pattern tried only on the texts that hold, for one of its alternatives, one
    word of each of the alternative's clauses.

    Both are made when first needed, not where the pattern is written: the words (one
    parse of each pattern) at the first text any prefiltered pattern is tried on — the
    words of all those made so far at once, so that the vocabularies' automata are built
    once —, the compiled pattern at the first text that holds its words.  A module of
    such patterns costs nothing to import (a command that reads no message never pays
    for them), and a pattern whose words no text holds is never compiled."""

    __slots__ = (
        "_by_word",
        "_compiled",
        "_flags",
        "_folded",
        "_read",
        "_requirement",
        "_source",
    )

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        self._read = False
        self._requirement: Requirement | None = None
        # Compared folded when any part of the pattern ignores case (folding only merges
        # characters: a case-sensitive literal's text folds to its fold too).
        self._folded = True
        # By the id of a word of an alternative's first clause (found by the vocabulary's
        # automaton): the other clauses' words of the alternatives it begins, looked for
        # with ``in`` only on a line that holds the word.
        self._by_word: dict[int, tuple[tuple[tuple[str, ...], ...], ...]] = {}
        _UNREAD.append(self)
        _ALL.append(self)

    @property
    def source(self) -> str:
        """The pattern as written."""
        return self._source

    @property
    def flags(self) -> int:
        """The flags it is compiled with."""
        return self._flags

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern: ``re.compile(source, flags)``."""
        return self._compiled or self._compile()

    @property
    def requirement(self) -> Requirement | None:
        """What every match holds (:func:`requirement`); None: every text is tried."""
        if not self._read:
            self._read_all()
        return self._requirement

    def _compile(self) -> re.Pattern[str]:
        self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def _read_all(self) -> None:
        """The words of every pattern not read yet, this one's included."""
        while _UNREAD:
            pattern = _UNREAD.pop()
            if not pattern._read:
                pattern._read_words()
        if not self._read:  # another thread is reading it: read it here too
            self._read_words()

    def _read_words(self) -> None:
        requirement, folded = _requirement(self._source, self._flags)
        self._folded = folded
        by_word: dict[int, list[tuple[tuple[str, ...], ...]]] = {}
        if requirement is not None:
            vocabulary = _VOCABULARIES[folded]
            for clauses in requirement:
                first, *rest = (self._words(clause) for clause in _by_selectivity(clauses))
                for word in first:
                    by_word.setdefault(vocabulary.id_of(word), []).append(tuple(rest))
        self._by_word = {i: tuple(alternatives) for i, alternatives in by_word.items()}
        self._requirement = requirement
        self._read = True  # last: what may_match reads is complete when it is set

    def _words(self, clause: Clause) -> tuple[str, ...]:
        found = {fold(w) if self._folded else w for w in clause}
        # A word that contains another adds nothing: the shorter one is looked for.
        return tuple(sorted(w for w in found if not any(o != w and o in w for o in found)))

    def may_match(self, text: str) -> bool:
        """False when the pattern cannot match ``text``: no alternative has a word of
        each of its clauses in it."""
        if not self._read:
            self._read_all()
        if self._requirement is None:
            return True
        if self._folded:
            text = fold(text)
        for word in _held_words(self._folded, text):
            for rest in self._by_word.get(word, ()):
                for words in rest:
                    for other in words:
                        if other in text:
                            break
                    else:
                        break  # none of the clause's words: not this alternative
                else:
                    return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return (self._compiled or self._compile()).search(text)

    def match(self, text: str) -> re.Match[str] | None:
        if not self.may_match(text):
            return None
        return (self._compiled or self._compile()).match(text)


# The prefiltered patterns whose words are not read yet.
_UNREAD: list[Prefiltered] = []
# Every prefiltered pattern made.
_ALL: list[Prefiltered] = []


def prepare() -> None:
    """Read the words of every prefiltered pattern made so far and compile them all, as
    a process does before it forks workers that will read messages: the work is done
    once, in the memory they share, rather than again in each of them."""
    for pattern in _ALL:
        pattern.may_match("")
        pattern.pattern  # noqa: B018 - compiled here, once


def prefiltered(pattern: str, flags: int = 0) -> Prefiltered:
    """``re.compile(pattern, flags)`` behind the test of its words (:func:`requirement`),
    both made when first needed (:class:`Prefiltered`)."""
    return Prefiltered(pattern, flags)


def requirement(pattern: re.Pattern[str]) -> tuple[Requirement | None, bool]:
    """For each alternative of ``pattern``, the clauses every match of it meets: sets of
    strings as the pattern writes them, the match containing one of each; None when an
    alternative has none.  And whether any part of the pattern ignores case (there its
    literals match their fold)."""
    return _requirement(pattern.pattern, pattern.flags)


def _requirement(source: str, flags: int) -> tuple[Requirement | None, bool]:
    """:func:`requirement` of the pattern ``source`` with ``flags``, read from one parse
    of it (the engine's parser's tree)."""
    if _PARSER is None or flags & re.LOCALE:
        return None, True
    try:
        tree = _PARSER.parse(source, flags)
        folded = bool(tree.state.flags & re.IGNORECASE) or _ignores_case(list(tree.data))
        found = [_clauses(items) for items in _alternatives(list(tree.data))]
        return (None if not all(found) else found), folded
    except Exception:  # noqa: BLE001 - the engine's internals differ: no words, no filter
        return None, True


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The top-level alternatives of a parsed pattern (``a|b|c``, or ``(?:a|b|c)``)."""
    c = _CONSTANTS
    if len(items) == 1 and items[0][0] is c.BRANCH:
        return [alt for p in items[0][1][1] for alt in _alternatives(list(p.data))]
    if len(items) == 1 and items[0][0] is c.SUBPATTERN:
        return _alternatives(list(items[0][1][3].data))
    return [items]


def _clauses(items: list[tuple[Any, Any]]) -> list[Clause]:
    """What a sequence of parsed items requires, all of it: each run of literal
    characters, and what each item requires (:func:`_required`)."""
    found: list[Clause] = []
    for run, item in _runs(items):
        if run:
            found.append(frozenset([run]))
        elif (required := _required([item])) is not None:
            found.append(required)
    return found


def _runs(items: list[tuple[Any, Any]]) -> Iterator[tuple[str, tuple[Any, Any]]]:
    """The parsed items with their literal characters joined: each run of them as
    ``(run, (None, None))``, each other item as ``("", item)``."""
    c = _CONSTANTS
    run: list[str] = []
    for op, arg in items:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            yield "".join(run), (None, None)
            run = []
        yield "", (op, arg)
    if run:
        yield "".join(run), (None, None)


def _by_selectivity(clauses: list[Clause]) -> list[Clause]:
    """The clauses the fewest texts meet first (a guess: the longer shortest word, then
    fewer words), so that a text is turned away after the first."""
    return sorted(set(clauses), key=lambda c: (-min(map(len, c)), len(c), sorted(c)))


def _ignores_case(items: list[tuple[Any, Any]]) -> bool:
    """Whether a group of the parsed items turns case-insensitivity on: ``(?i:…)``."""
    c = _CONSTANTS
    for op, arg in items:
        if op is c.SUBPATTERN and arg[1] & re.IGNORECASE:
            return True
        if op is c.BRANCH:
            subpatterns = list(arg[1])
        elif op in (c.SUBPATTERN, c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            subpatterns = [arg[-1]]
        elif op in (c.ATOMIC_GROUP,):
            subpatterns = [arg]
        elif op in (c.ASSERT, c.ASSERT_NOT):
            subpatterns = [arg[1]]
        elif op is c.GROUPREF_EXISTS:
            subpatterns = [p for p in arg[1:] if p is not None]
        else:
            continue
        if any(_ignores_case(list(p.data)) for p in subpatterns):
            return True
    return False


def _required(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """What a sequence of parsed items requires: the best of what each item, and each
    run of literal characters, requires."""
    c = _CONSTANTS
    best: frozenset[str] | None = None
    for run, (op, arg) in _runs(items):
        if run:
            best = _better(frozenset([run]), best)
            continue
        found: frozenset[str] | None = None
        if op is c.SUBPATTERN:
            found = _required(list(arg[3].data))
        elif op is c.ATOMIC_GROUP:
            found = _required(list(arg.data))
        elif op is c.BRANCH:
            alternatives = [_required(list(p.data)) for p in arg[1]]
            if all(a is not None for a in alternatives):
                found = frozenset().union(*(a for a in alternatives if a is not None))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _required(list(arg[2].data))
        best = _better(found, best)
    return best


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: the longer shortest word, then fewer."""
    if a is None or b is None:
        return b if a is None else a
    if (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b)):
        return a
    return b


def opening_words(
    pattern: re.Pattern[str] | Prefiltered,
) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """The first words, lowercased, of the lines ``pattern`` matches, read from the
    pattern itself: the words its alternatives, each anchored at the line's start, spell
    out to their first space or word boundary ("any ", "e-?mails?\\b", "(?:diese|die) "),
    and the stems of the words that go on in any letters ("messaggi\\w*").  A cheap test
    of a line's first word in front of the pattern, that cannot drift from it.  None when
    an alternative opens otherwise (a class of characters, a repeat): no word to test."""
    if _PARSER is None:
        return None
    try:
        if isinstance(pattern, Prefiltered):  # read without compiling it
            tree = _PARSER.parse(pattern.source, pattern.flags)
        else:
            tree = _PARSER.parse(pattern.pattern, pattern.flags)
        words: set[str] = set()
        stems: set[str] = set()
        for word, goes_on in _openings(list(tree.data), "", anchored=False):
            (stems if goes_on else words).add(word.lower())
    except Exception:  # noqa: BLE001 - an opening not spelled out, or other internals
        return None
    return frozenset(words), tuple(sorted(stems))


class _Unspelled(ValueError):
    """An alternative's first word is not spelled out in the pattern."""


def _openings(
    items: list[tuple[Any, Any]], word: str, anchored: bool
) -> Iterator[tuple[str, bool]]:
    """The first words of the parsed ``items`` after ``word``, read so far: each as
    (word, whether it goes on in any letters).  Groups, alternatives and optional parts
    are followed into what comes after them."""
    c = _CONSTANTS
    if not items:
        if not (anchored and word):
            raise _Unspelled
        yield word, False
        return
    (op, arg), rest = items[0], items[1:]
    if op is c.AT and arg is c.AT_BEGINNING and not (anchored or word):
        yield from _openings(rest, word, True)
    elif op is c.SUBPATTERN:
        yield from _openings(list(arg[3].data) + rest, word, anchored)
    elif op is c.BRANCH:
        for alternative in arg[1]:
            yield from _openings(list(alternative.data) + rest, word, anchored)
    elif not anchored:
        raise _Unspelled
    elif word and (
        (op is c.AT and arg is c.AT_BOUNDARY) or (op is c.LITERAL and chr(arg).isspace())
    ):
        yield word, False  # the word ends: at a boundary, or at a space
    elif op is c.LITERAL and not chr(arg).isspace():
        yield from _openings(rest, word + chr(arg), anchored)
    elif op is c.IN and all(o is c.LITERAL and not chr(a).isspace() for o, a in arg):
        for _, code in arg:  # "est[ae]": each letter in turn
            yield from _openings(rest, word + chr(code), anchored)
    elif op is c.MAX_REPEAT and list(arg[2].data) == [(c.IN, [(c.CATEGORY, c.CATEGORY_WORD)])]:
        if not word:
            raise _Unspelled
        yield word, True  # "messaggi\w*": the word goes on
    elif op is c.MAX_REPEAT and arg[:2] == (0, 1):
        yield from _openings(rest, word, anchored)
        yield from _openings(list(arg[2].data) + rest, word, anchored)
    else:
        raise _Unspelled
