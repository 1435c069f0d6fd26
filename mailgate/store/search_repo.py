"""Full-text search over tickets: the subjects, the text people wrote, the addresses and
the names of the files of their messages.

Each message of a ticket whose text a person wrote — every incoming message, and the
outgoing mail that carries an agent's words (an answer, the note of a status change, a
note's alert) — is one row of the search table ``message_search``, keyed by the
message's id and carrying its ticket's: its subject, the names and addresses of its
From, To and Cc, its reply text (the new part, without the quoted history) and its
attachments' names.  Automatic mail (acknowledgments, alerts, notices) only repeats the
ticket's subject and addresses around template text, and is not indexed.  The row is
written with the message, in its transaction (:class:`~mailgate.store.tickets_repo.
TicketRepo`); migration 0009 indexed the messages written before.

SQLite keeps it in an FTS5 table (``unicode61``, diacritics removed); PostgreSQL in a
table with a ``tsvector`` (the ``simple`` configuration: no stemming, no stop words —
right for mail in many languages at once) under a GIN index.  Both see the same words:
text is cut into words here (:func:`words`: runs of letters, digits and combining marks,
case and Latin diacritics folded), before either engine's parser — so that an address
is its parts on both (``jo@client.test`` is found by ``client``), and Thai or Devanagari
words keep their vowel signs.

A query is the user's text, never their syntax: each whitespace-separated piece becomes
a phrase of its words (``jo@client.test`` must appear as those three words in a row),
the pieces all must match, and the last word matches as a prefix (a word being typed).
Quotes, operators and parentheses are just separators; no text can inject FTS5 or
tsquery syntax.  Languages written without spaces between words (Thai, Chinese,
Japanese) are matched by the words as written — a phrase typed without the spaces the
mail had does not match (no dictionary segmentation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    bindparam,
    column,
    literal_column,
    select,
    table,
    text,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The search table; FTS5 adds shadow tables named after it (message_search_data, …).
SEARCH_TABLE = "message_search"
_SHADOW = re.compile(rf"{SEARCH_TABLE}_(data|idx|content|docsize|config)")
# What the FTS5 table is made of (migration 0009 creates it with this).
FTS5_COLUMNS = "ticket_id UNINDEXED, document"
FTS5_TOKENIZER = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
# The lengths of the words' beginnings FTS5 indexes (migration 0011): a query's last
# word, a prefix, is found without reading the rows of every word it begins first.
FTS5_PREFIXES = "2 3 4"
_LONGEST_PREFIX = max(int(n) for n in FTS5_PREFIXES.split())
_SHORTEST_PREFIX = min(int(n) for n in FTS5_PREFIXES.split())
# Reading a query's matches newest first on SQLite (SearchRepo.newest) stops after this
# many rows of FTS5's matches: a query that has not found its tickets there matches few
# rows, which the whole index finds as quickly.
_NEWEST_ROWS = 5000
# FTS5's matches are fetched in chunks of these many rows, doubling.
_FIRST_CHUNK = 100
_LAST_CHUNK = 1600
# The rows of a query's other words matched here rather than by FTS5, at most.
_NARROW_ROWS = 2000
# A last word this short begins so many words that PostgreSQL's GIN index reads most of
# the table for it: a query ending with one is looked for through its other words.
_SHORT_PREFIX = 3
# At most this many words of a query are used, and this much of a document's text.
MAX_QUERY_WORDS = 32
MAX_DOCUMENT_CHARS = 200_000

# The Combining Diacritical Marks block: the accents of Latin, Greek and Cyrillic
# letters, folded away (café → cafe) as FTS5's remove_diacritics does.
_DIACRITICS = re.compile("[\u0300-\u036f]")


def is_search_table(name: str) -> bool:
    """Whether ``name`` is the search table or one of the tables FTS5 keeps it in: they
    are made by migration 0009, not described by the models."""
    return name == SEARCH_TABLE or _SHADOW.fullmatch(name) is not None


# In ASCII the word characters are the letters and digits; every other ASCII character
# separates words.
_ASCII_WORD = re.compile(r"[0-9A-Za-z]+")
# (The ASCII characters but letters and digits, written out: the class of everything
# else but those and the characters above ASCII took milliseconds to compile.)
_ASCII_SEPARATORS = re.compile(r"[\x00-/:-@\[-`{-\x7f]+")


def _is_word_char(c: str) -> bool:
    category = unicodedata.category(c)
    return category[0] in "LNM" or category == "Co"


def words(value: str) -> list[str]:
    """``value``'s words: runs of letters, digits and combining marks (FTS5's
    ``L* N* Co M*``), lower-cased, Latin diacritics removed.  Everything else — spaces,
    punctuation, symbols, ``@`` and ``.`` of addresses, zero-width joiners — separates."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    folded = unicodedata.normalize("NFC", _DIACRITICS.sub("", folded))
    if folded.isascii():  # most mail: one regular expression instead of a loop
        return _ASCII_WORD.findall(folded)
    found: list[str] = []
    for piece in _ASCII_SEPARATORS.split(folded):
        if piece.isascii():
            found += _ASCII_WORD.findall(piece)
            continue
        start = None
        for i, c in enumerate(piece):
            if _is_word_char(c):
                if start is None:
                    start = i
            elif start is not None:
                found.append(piece[start:i])
                start = None
        if start is not None:
            found.append(piece[start:])
    return found


@dataclass(frozen=True)
class SearchDocument:
    """What a message is found by."""

    message_pk: int
    ticket_id: int
    text: str  # its words, separated by single spaces


def document(
    message_pk: int,
    ticket_id: int,
    *,
    subject: str,
    from_name: str | None,
    from_address: str | None,
    to: Iterable[dict[str, str]],
    cc: Iterable[dict[str, str]],
    reply_text: str,
    filenames: Iterable[str],
) -> SearchDocument:
    """The document of a message: its subject, the names and addresses of its From, To
    and Cc, its reply text and its files' names, as words."""
    pieces = [subject, from_name or "", from_address or ""]
    for party in (*to, *cc):
        pieces += [party.get("name") or "", party.get("address") or ""]
    pieces += [reply_text[:MAX_DOCUMENT_CHARS], *filenames]
    return SearchDocument(message_pk, ticket_id, " ".join(words("\n".join(pieces))))


def is_searchable(direction: str, text: str, reply_text: str) -> bool:
    """Whether a message is indexed: incoming mail, and outgoing mail whose reply text
    is a person's words (automatic mail's reply text is its whole rendered text)."""
    return direction == "in" or reply_text != text


class SearchRepo:
    """The search table, in the caller's session (or connection: the migration's)."""

    def __init__(self, db: Session | Connection) -> None:
        self.db = db
        dialect = db.dialect if isinstance(db, Connection) else db.get_bind().dialect
        self.postgresql = dialect.name == "postgresql"

    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Add ``documents`` to the search table (one INSERT for them all)."""
        if not documents:
            return
        rows = [
            {"message_pk": d.message_pk, "ticket_id": d.ticket_id, "document": d.text}
            for d in documents
        ]
        if self.postgresql:
            statement = (
                f"INSERT INTO {SEARCH_TABLE} (message_pk, ticket_id, document) "
                "VALUES (:message_pk, :ticket_id, to_tsvector('simple', :document))"
            )
        else:
            statement = (
                f"INSERT INTO {SEARCH_TABLE} (rowid, ticket_id, document) "
                "VALUES (:message_pk, :ticket_id, :document)"
            )
        self.db.execute(text(statement), rows)

    def move(self, message_pks: Sequence[int], ticket_id: int) -> None:
        """The rows of these messages belong to ticket ``ticket_id`` now (a merge, a
        split)."""
        if not message_pks:
            return
        key = "message_pk" if self.postgresql else "rowid"
        self.db.execute(
            text(
                f"UPDATE {SEARCH_TABLE} SET ticket_id = :ticket_id WHERE {key} IN :pks"
            ).bindparams(bindparam("pks", expanding=True)),
            {"ticket_id": ticket_id, "pks": list(message_pks)},
        )

    def tickets_matching(self, query: str) -> Select[Any] | list[int] | None:
        """The ids of the tickets one of whose messages matches ``query`` — a SELECT of
        them, or the few found already — or None when the query has no word to look
        for."""
        pieces = query_words(query)
        if not pieces:
            return None
        if not self.postgresql or len(pieces[-1][-1]) <= _SHORT_PREFIX:
            narrowed = self._narrowed(pieces)
            if narrowed is not None:
                return narrowed
        key = "message_pk" if self.postgresql else "rowid"
        search = table(SEARCH_TABLE, column("ticket_id"), column("document"), column(key))
        stmt = select(search.c.ticket_id).where(self._match(search.c.document, pieces))
        # OFFSET 0: PostgreSQL plans the search on its own (a GIN lookup), never as a
        # filter over the newest tickets that reads the whole table when few match.
        return stmt.offset(0)

    def newest(
        self, query: str, most: int | None = None
    ) -> Generator[tuple[list[tuple[int, int]], int]]:
        """On SQLite, the rows matching ``query``, the newest (highest message id) first,
        in chunks: each chunk's (message id, ticket id) pairs, and the message id down
        to which every matching row has been given (0 once they all have).  The chunks
        stop before that after ``most`` rows (:data:`_NEWEST_ROWS`): the query matches
        too few of the newest rows for reading them this way to pay.  Close the iterator when done
        with it (it holds a cursor).

        FTS5 gives a query's matches in descending rowid order by itself, one chunk
        after the other from one cursor — but a last word longer than FTS5's longest
        prefix index (:data:`FTS5_PREFIXES`) is looked for by merging the rows of every
        word it begins before the first match comes out: a common word's, hundreds of
        thousands.  Such a word is looked for by its first characters instead (one list
        of the prefix index, read as far as needed) — and a last word of one letter,
        shorter than any prefix index, not at all when the query has other words — and
        the rows found are matched here, their documents as FTS5 would
        (:func:`matches`)."""
        pieces = query_words(query)
        if not pieces:
            return
        last = pieces[-1][-1]
        looked_for = pieces
        if len(last) > _LONGEST_PREFIX:
            looked_for = [*pieces[:-1], [*pieces[-1][:-1], last[:_LONGEST_PREFIX]]]
        elif len(last) < _SHORTEST_PREFIX and (rest := _without_last(pieces)):
            looked_for = rest
        result = self.db.execute(
            text(
                f"SELECT rowid, ticket_id, document FROM {SEARCH_TABLE} "
                f"WHERE {SEARCH_TABLE} MATCH :q ORDER BY rowid DESC"
            ),
            {"q": fts5_query(looked_for)},
        )
        try:
            read, chunk = 0, _FIRST_CHUNK
            while read < (_NEWEST_ROWS if most is None else most):
                rows = result.fetchmany(chunk)
                read += len(rows)
                found = [
                    (int(pk), int(ticket))
                    for pk, ticket, doc in rows
                    if looked_for is pieces or matches(doc, pieces)
                ]
                if len(rows) < chunk:
                    yield found, 0
                    return
                yield found, int(rows[-1][0])
                chunk = min(2 * chunk, _LAST_CHUNK)
        finally:
            result.close()

    def few_matching(self, query: str, most: int) -> list[int] | None:
        """PostgreSQL: the tickets with a message that matches ``query``, found through
        the GIN index when one of its words is rare and at most ``most`` rows match;
        None otherwise (on SQLite, always).

        The GIN index reads the rows of a query's rarest word and skips through the
        others', so it costs little when one word is rare — and all of a common word's
        rows, most of the table, when none is.  Which words are common the planner
        knows from its statistics (the lexemes ANALYZE found most often), and its
        estimate for a word outside that list, or a prefix of none of them, is the one
        it gives a prefix no word begins with (a space: words are letters and digits).
        So one EXPLAIN (no row read) gives each word's estimate and that one, and the
        index is asked, for at most ``most + 1`` rows, only when a word's is no higher.
        (On a table without statistics, or with too few common lexemes for the planner
        to estimate prefixes by them, the estimates are all alike and the index is
        asked: the rows it gives then decide.)  A last word of :data:`_SHORT_PREFIX`
        letters or fewer is left out of both, as :meth:`tickets_matching` leaves it, and
        matched on the rows found."""
        pieces = query_words(query)
        if not self.postgresql or not pieces:
            return None
        whole = len(pieces[-1][-1]) > _SHORT_PREFIX
        looked_for = pieces if whole else _without_last(pieces)
        if not looked_for:
            return None
        each = [[[w]] for piece in looked_for for w in piece]
        asked = dict.fromkeys(tsquery_text(w, prefix=whole and w is each[-1]) for w in each)
        scans = " UNION ALL ".join(
            f"SELECT 1 FROM {SEARCH_TABLE} WHERE document @@ {tsquery}"
            for tsquery in [
                "CAST(:outside AS tsquery)",
                *(f"to_tsquery('simple', :w{k})" for k in range(len(asked))),
            ]
        )
        plan = self.db.scalar(
            text(f"EXPLAIN (FORMAT JSON) {scans}"),
            {"outside": "' ':*", **{f"w{k}": w for k, w in enumerate(asked)}},
        )
        scanned = plan[0]["Plan"].get("Plans", [])
        if len(scanned) != 1 + len(asked):
            return None  # not one scan a word: no estimate to read
        outside, *estimates = [int(scan["Plan Rows"]) for scan in scanned]
        if min(estimates) > outside:
            return None
        return self._pg_rows(looked_for, pieces, most)

    def tickets_among(self, query: str, ticket_ids: Sequence[int]) -> list[int]:
        """Which of ``ticket_ids`` (a few hundred) have a message that matches ``query``.

        PostgreSQL finds them through the index on the search table's ticket ids, each
        row's tsvector tested.  FTS5 cannot narrow a MATCH to some rows without reading
        the whole list of a word's rows (a common word's is most of the index), so the
        documents of these tickets' messages are read and matched here, as FTS5 matches
        them: they are their words separated by single spaces (:func:`document`)."""
        pieces = query_words(query)
        if not pieces or not ticket_ids:
            return []
        if self.postgresql:
            # OFFSET 0: the rows read through the index on ticket_id and each tested, the
            # GIN index never asked (it reads every row of a common word first).
            return list(
                self.db.scalars(
                    text(
                        "SELECT DISTINCT ticket_id FROM (SELECT ticket_id, document FROM "
                        f"{SEARCH_TABLE} WHERE ticket_id = ANY(:ids) OFFSET 0) AS these "
                        "WHERE document @@ to_tsquery('simple', :tsquery)"
                    ),
                    {"ids": list(ticket_ids), "tsquery": tsquery_text(pieces)},
                )
            )
        rows = self.db.execute(
            text(
                f"SELECT ticket_id, document FROM {SEARCH_TABLE} WHERE rowid IN "
                "(SELECT id FROM messages WHERE ticket_id IN :ids)"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": list(ticket_ids)},
        )
        found: set[int] = set()
        for ticket, doc in rows:
            if ticket not in found and matches(doc, pieces):
                found.add(ticket)
        return sorted(found)

    def _narrowed(self, pieces: list[list[str]]) -> list[int] | None:
        """The tickets matching ``pieces``, found through their other words when those
        match few rows.  FTS5 reads the rows of every word the last one begins
        ("jo@client.th" ends with "th", the beginning of thousands of words) before it
        can match anything, and PostgreSQL's GIN index reads them all when the last word
        is short (:data:`_SHORT_PREFIX`): the rows of the rest ("jo client", exact
        words) are fewer, and their documents are matched here (on PostgreSQL, by
        PostgreSQL), the last word as a prefix.  None when the query has no other word,
        or they match more than :data:`_NARROW_ROWS` rows."""
        rest = _without_last(pieces)
        if not rest:
            return None
        if self.postgresql:
            return self._pg_rows(rest, pieces, _NARROW_ROWS)
        phrases = " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in rest)
        rows = self.db.execute(
            text(
                f"SELECT ticket_id, document FROM {SEARCH_TABLE} "
                f"WHERE {SEARCH_TABLE} MATCH :q LIMIT :most"
            ),
            {"q": phrases, "most": _NARROW_ROWS + 1},
        ).all()
        if len(rows) > _NARROW_ROWS:
            return None
        return sorted({int(ticket) for ticket, doc in rows if matches(doc, pieces)})

    def _pg_rows(
        self, looked_for: list[list[str]], pieces: list[list[str]], most: int
    ) -> list[int] | None:
        """PostgreSQL: the tickets of the rows matching ``pieces`` among those the GIN
        index gives for ``looked_for`` (``pieces`` or fewer words, exact: not a short
        prefix), when it gives at most ``most``; None when it gives more."""
        if looked_for is pieces:
            rows = self.db.execute(
                text(
                    f"SELECT ticket_id, true FROM {SEARCH_TABLE} "
                    "WHERE document @@ to_tsquery('simple', :whole) LIMIT :most"
                ),
                {"whole": tsquery_text(pieces), "most": most + 1},
            ).all()
        else:
            # OFFSET 0: the GIN index asked for the other words alone, the whole query
            # tested on the rows it gives.
            rows = self.db.execute(
                text(
                    "SELECT ticket_id, document @@ to_tsquery('simple', :whole) FROM "
                    f"(SELECT ticket_id, document FROM {SEARCH_TABLE} "
                    "WHERE document @@ to_tsquery('simple', :rest) LIMIT :most OFFSET 0) AS r"
                ),
                {
                    "whole": tsquery_text(pieces),
                    "rest": tsquery_text(looked_for, prefix=False),
                    "most": most + 1,
                },
            ).all()
        if len(rows) > most:
            return None
        return sorted({int(ticket) for ticket, hit in rows if hit})

    def _match(self, document: ColumnElement[Any], pieces: list[list[str]]) -> ColumnElement[Any]:
        if self.postgresql:
            tsquery = text("to_tsquery('simple', :mg_tsquery)").bindparams(
                mg_tsquery=tsquery_text(pieces)
            )
            return document.op("@@")(tsquery)
        return literal_column(SEARCH_TABLE).op("MATCH")(fts5_query(pieces))


def _without_last(pieces: list[list[str]]) -> list[list[str]]:
    """A query's pieces without its last word (the pieces left empty dropped)."""
    return [piece for piece in (*pieces[:-1], pieces[-1][:-1]) if piece]


def query_words(query: str) -> list[list[str]]:
    """The words of a query, by whitespace-separated piece: the pieces without a word
    (punctuation alone) left out, at most :data:`MAX_QUERY_WORDS` words in all."""
    pieces: list[list[str]] = []
    budget = MAX_QUERY_WORDS
    for piece in query.split():
        found = words(piece)[:budget]
        if found:
            pieces.append(found)
            budget -= len(found)
        if budget <= 0:
            break
    return pieces


def matches(document_text: str, pieces: list[list[str]]) -> bool:
    """Whether a document (its words separated by single spaces) matches a query's
    pieces as FTS5 and PostgreSQL match them: each piece's words in a row somewhere, the
    last word of the last piece as a prefix."""
    spaced = f" {document_text} "
    last = len(pieces) - 1
    return all(
        # " w1 w2 " is those words in a row; " w1 w2" without the last space, w2 a prefix.
        f" {' '.join(piece)}{'' if k == last else ' '}" in spaced
        for k, piece in enumerate(pieces)
    )


def fts5_query(pieces: list[list[str]]) -> str:
    """An FTS5 query: each piece a phrase (a quoted string, in which FTS5 reads no
    operator), all of them required, the last word a prefix."""
    phrases = ['"' + " ".join(piece).replace('"', '""') + '"' for piece in pieces]
    return " ".join(phrases) + " *"


def tsquery_text(pieces: list[list[str]], *, prefix: bool = True) -> str:
    """A tsquery: each piece its words in a row (``<->``), all pieces required (``&``),
    the last word a prefix (``:*``; not with ``prefix=False``).  Each word is quoted
    (``'…'``, quotes and backslashes escaped), so that nothing in it is read as an
    operator."""

    def quoted(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    phrases = [[quoted(w) for w in piece] for piece in pieces]
    if prefix:
        phrases[-1][-1] += ":*"
    return " & ".join(" <-> ".join(p) for p in phrases)
