"""Full-text search over tickets, on SQLite (FTS5) and PostgreSQL (tsvector): found by the
words of subjects, of what clients and agents wrote, of addresses and of file names, in
any script; combined with the list's filters; a user's text never read as query syntax;
the messages of an older database indexed by the migration."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mailgate.config import Config, config_from_toml
from mailgate.notify import Notifier, OutAttachment, Templates
from mailgate.process import Processor
from mailgate.store import search_repo, ticket_queries
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Message
from mailgate.store.search_repo import (
    FTS5_TOKENIZER,
    SearchRepo,
    fts5_query,
    matches,
    query_words,
    tsquery_text,
)
from mailgate.tickets.actions import Agent, assign, change_status, post_reply
from mailgate.tickets.splitting import split_ticket
from mailgate.tickets.views import ticket_list
from tests.support.config import make_toml
from tests.support.mailfactory import build
from tests.support.store import receive

ANN = Agent("ann@staff.test", "Ann")
TEAM = '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return config_from_toml(make_toml(tmp_path, db_url, extra=TEAM), "<test>")


def mail(
    store: Store,
    processor: Processor,
    sender: str = "jo@client.test",
    *,
    subject: str,
    body: str,
    to: str = "support@helpdesk.test",
    cc: str | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
) -> None:
    name, _, domain = sender.partition("@")
    passed = {"Authentication-Results": f"mx.helpdesk.test; dmarc=pass header.from={domain}"}
    raw = build(
        from_=f"{name.title()} <{sender}>",
        to=to,
        cc=cc,
        subject=subject,
        body=body,
        attachments=attachments,
        headers=passed,
    )
    receive(store, raw, sender=sender, rcpt=to)
    processor.run_once()


def found(
    store: Store,
    q: str,
    *,
    status: str | None = None,
    department: str | None = None,
    assignee: str | None = None,
    queue: bool = False,
    limit: int = 50,
) -> list[int]:
    with store.read() as session:
        tickets = ticket_list(
            session,
            status=status,
            department=department,
            assignee=assignee,
            queue=queue,
            limit=limit,
            q=q,
        )
    return [t["number"] for t in tickets]


@pytest.fixture
def helpdesk(store: Store, processor: Processor, config: Config) -> Store:
    """Four tickets in three languages; the first answered by Ann with a file."""
    mail(
        store,
        processor,
        subject="Printer broken",
        body="The printer on the second floor prints nothing.\n\n"
        "On Monday, Kim wrote:\n> Did you try the café's printer?\n",
        cc="Bob Builder <bob@partner.example>",
        attachments=[("error-log_2026.txt", "text/plain", b"paper jam")],
    )
    mail(
        store, processor, "kim@example.kr", subject="프린터가 고장났어요", body="인쇄가 안 됩니다."
    )
    mail(store, processor, "sara@example.ir", subject="چاپگر", body="دستگاه کار نمی‌کند")
    mail(
        store,
        processor,
        "somchai@example.th",
        to="billing@helpdesk.test",
        subject="ใบแจ้งหนี้",
        body="เครื่องพิมพ์ไม่ทำงาน ครับ",
    )
    notifier = Notifier(config, Templates())
    post_reply(
        store,
        notifier,
        1,
        "Please reinstall the Überdrucker driver.",
        ANN,
        attachments=[OutAttachment("driver-setup.exe", "application/octet-stream", b"MZ")],
    )
    return store


def test_tickets_are_found_by_subject_text_addresses_and_file_names(helpdesk: Store) -> None:
    store = helpdesk
    assert found(store, "printer") == [1]
    assert found(store, "PRINTS nothing") == [1]
    assert found(store, "second floor") == [1]
    assert found(store, "jo@client.test") == [1]
    assert found(store, "client.test") == [1]
    assert found(store, "Bob Builder") == [1]
    assert found(store, "partner.example") == [1]
    assert found(store, "error-log_2026.txt") == [1]
    assert found(store, "error log") == [1]
    # An agent's answer and its file.
    assert found(store, "reinstall") == [1]
    assert found(store, "driver-setup.exe") == [1]
    # Not the quoted history, not the acknowledgment's template text.
    assert found(store, "café") == []
    assert found(store, "received") == []
    assert found(store, "nothing here") == []


def test_words_match_whatever_their_case_accents_and_script(helpdesk: Store) -> None:
    store = helpdesk
    assert found(store, "uberdrucker") == [1]
    assert found(store, "ÜBERDRUCKER") == [1]
    assert found(store, "프린터가") == [2]
    assert found(store, "인쇄가") == [2]
    assert found(store, "example.kr") == [2]
    assert found(store, "چاپگر") == [3]
    # A zero-width non-joiner separates, in the mail as in the query.
    assert found(store, "نمی‌کند") == [3]
    assert found(store, "کند") == [3]
    # Thai's vowel signs and tone marks are part of its words.
    assert found(store, "ครับ") == [4]
    assert found(store, "ใบแจ้งหนี้") == [4]


def test_the_last_word_is_a_prefix_and_every_piece_must_match(helpdesk: Store) -> None:
    store = helpdesk
    assert found(store, "print") == [1]
    assert found(store, "floor print") == [1]
    assert found(store, "print floor") == [], "only the last word is a prefix"
    assert found(store, "프린") == [2]
    assert found(store, "example") == [4, 3, 2, 1]
    assert found(store, "example.kr printer") == []
    assert found(store, "jo@client") == [1]


def test_search_combines_with_the_lists_filters(
    helpdesk: Store, config: Config, processor: Processor
) -> None:
    store = helpdesk
    assert found(store, "example", department="billing") == [4]
    assert found(store, "example", status="answered") == [1]
    assert found(store, "example", status="open") == [4, 3, 2]
    notifier = Notifier(config, Templates())
    change_status(store, notifier, 3, "closed", ANN, notify=False)
    assign(store, config, 2, ANN.address, ANN)
    assert found(store, "example", assignee=ANN.address) == [2]
    assert found(store, "example", queue=True) == [2, 4]
    # A client's reply is found on its ticket.
    mail(store, processor, "kim@example.kr", subject="Re: #[2] 프린터가 고장났어요", body="Toner?")
    assert found(store, "toner") == [2]
    with store.read() as session:
        [summary] = ticket_list(session, limit=50, q="toner")
        count = session.query(Message).filter_by(ticket_id=2).count()
    assert summary["message_count"] == count == 5  # the mails, acknowledgment and alerts


# A user's text and what it finds: only its words count, every piece must match.
HOSTILE = [
    ('"', []),
    ('"unbalanced', []),
    ("*", []),
    ("printer*", [1]),
    ("printer OR nothing", []),
    ("NOT printer", []),
    ("NEAR(printer floor)", []),
    ("document:printer", []),
    ("ticket_id:1", []),
    ("^printer", [1]),
    ("printer -floor", [1]),
    ("'", []),
    ("\\", []),
    ("printer & !floor |", [1]),
    ("printer <-> floor", [1]),
    ("printer:*", [1]),
    ("(printer", [1]),
    ("printer)", [1]),
    ("{printer}", [1]),
    ("printer; DROP TABLE tickets; --", []),
    ("\x00printer", [1]),
    ("—", []),
    ("..." * 50, []),
    ("a " * 500, []),
]


@pytest.mark.parametrize(("q", "expected"), HOSTILE)
def test_a_users_text_is_never_read_as_query_syntax(
    helpdesk: Store, q: str, expected: list[int]
) -> None:
    assert found(helpdesk, q) == expected
    assert found(helpdesk, "printer") == [1]


def test_a_query_without_a_word_finds_nothing(helpdesk: Store) -> None:
    for q in ("", "   ", "!!!", "— … ·", "@."):
        assert found(helpdesk, q) == []


def test_queries_are_quoted_for_each_engine() -> None:
    pieces = query_words('jo@client.test "x" Über-')
    assert pieces == [["jo", "client", "test"], ["x"], ["uber"]]
    assert fts5_query(pieces) == '"jo client test" "x" "uber" *'
    assert tsquery_text(pieces) == "'jo' <-> 'client' <-> 'test' & 'x' & 'uber':*"
    assert len([w for p in query_words("w " * 100) for w in p]) == 32


def test_the_migration_indexes_the_messages_an_older_version_wrote(
    config: Config, tmp_path: Path
) -> None:
    s = Store(config.database)
    try:
        upgrade(s, "0008")
        with s.write() as session:
            _old_ticket(session, 7, "Scanner jammed", "in", "Our scanner jams.", "scan.pdf")
            _old_ticket(session, 8, "Scanner fine", "out", "Thanks.", None, automatic=True)
        upgrade(s)
        assert found(s, "jams") == [7]
        assert found(s, "scan.pdf") == [7]
        assert found(s, "scanner") == [7], "automatic outgoing mail is not indexed"
    finally:
        s.dispose()


def _old_ticket(
    session: object,
    number: int,
    subject: str,
    direction: str,
    body: str,
    filename: str | None,
    *,
    automatic: bool = False,
) -> None:
    at = "2026-11-01 10:00:00"
    run = session.execute  # type: ignore[attr-defined]
    run(
        text(
            "INSERT INTO tickets (id, subject, status, department, priority, requester, "
            "created_at, updated_at) VALUES (:n, :s, 'open', 'support', 'normal', "
            "'jo@client.test', :at, :at)"
        ),
        {"n": number, "s": subject, "at": at},
    )
    run(
        text(
            'INSERT INTO messages (id, ticket_id, direction, from_address, "to", cc, subject, '
            "created_at, text, reply_text, kind) VALUES (:n, :n, :d, 'jo@client.test', "
            "'[]', '[]', :s, :at, :t, :r, 'human')"
        ),
        {
            "n": number,
            "d": direction,
            "s": subject,
            "at": at,
            "t": body + ("" if automatic else "\n> quoted"),
            "r": body,
        },
    )
    if filename:
        digest = hashlib.sha256(b"x").hexdigest()
        run(
            text("INSERT INTO blobs (sha256, size, data) VALUES (:h, 1, :d)"),
            {"h": digest, "d": b"x"},
        )
        run(
            text(
                "INSERT INTO attachments (message_pk, position, filename, content_type, size, "
                "sha256, inline) VALUES (:n, 1, :f, 'application/pdf', 1, :h, false)"
            ),
            {"n": number, "f": filename, "h": digest},
        )


def newest_first(monkeypatch: pytest.MonkeyPatch, chunk: int, span: int = 5000) -> None:
    """Searches read their matches newest first, however few tickets they list: on
    SQLite ``chunk`` rows at a time, stopping early when the tickets from the last one
    listed on are at most ``span``; on PostgreSQL the messages of the newest tickets, as
    many as the search lists first, then more, however many."""
    monkeypatch.setattr(ticket_queries, "SEARCH_WINDOW", 0)
    monkeypatch.setattr(ticket_queries, "_BOUND_SPAN", span)
    monkeypatch.setattr(ticket_queries, "_INDEX_COST", 10**9)
    monkeypatch.setattr(ticket_queries, "_FIRST_WINDOW", 1)
    monkeypatch.setattr(search_repo, "_FIRST_CHUNK", chunk)
    monkeypatch.setattr(search_repo, "_LAST_CHUNK", chunk)


def whole_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches read the whole index at once."""
    monkeypatch.setattr(ticket_queries, "SEARCH_WINDOW", 0)
    monkeypatch.setattr(search_repo, "_NEWEST_ROWS", 0)
    monkeypatch.setattr(ticket_queries, "_AMONG_TICKETS", 0)


ASKED: list[tuple[str, dict[str, Any]]] = [
    ("example", {}),
    ("printer", {}),
    ("toner", {}),
    ("example", {"department": "support"}),
    ("example", {"status": "open"}),
    ("e", {}),
    ("test", {}),
    ("kimchi", {}),
    ("second f", {}),
    ("printer b", {}),
    ("example", {"queue": True}),
    ("printer", {"queue": True}),
    ("toner", {"queue": True}),
]


@pytest.mark.parametrize(("chunk", "span"), [(1, 5000), (2, 0), (3, 5000), (100, 0)])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_reading_the_newest_matches_first_finds_what_the_whole_index_finds(
    helpdesk: Store,
    processor: Processor,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
    span: int,
    limit: int,
) -> None:
    # An old ticket answered last: its messages are the newest.
    mail(store=helpdesk, processor=processor, subject="Re: #[1] Printer broken", body="Toner?")
    with monkeypatch.context() as m:
        whole_index(m)
        whole = [found(helpdesk, q, limit=limit, **f) for q, f in ASKED]
    newest_first(monkeypatch, chunk, span)
    assert [found(helpdesk, q, limit=limit, **f) for q, f in ASKED] == whole
    assert whole[0] == [4, 3, 2][:limit]
    assert whole[2] == [1]
    assert whole[ASKED.index(("kimchi", {}))] == []


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_query_asked_of_the_index_for_its_few_rows_finds_what_the_whole_index_finds(
    helpdesk: Store,
    processor: Processor,
    monkeypatch: pytest.MonkeyPatch,
    limit: int,
) -> None:
    # On PostgreSQL the windows of the newest tickets are skipped when the GIN index,
    # asked for a bounded number of rows, has them all (on a table without statistics,
    # it is asked for every query).
    mail(store=helpdesk, processor=processor, subject="Re: #[1] Printer broken", body="Toner?")
    with monkeypatch.context() as m:
        whole_index(m)
        whole = [found(helpdesk, q, limit=limit, **f) for q, f in ASKED]
    newest_first(monkeypatch, 1)
    monkeypatch.setattr(ticket_queries, "_INDEX_COST", 1)  # up to √(limit·tickets) rows
    asked = SearchRepo.few_matching
    answered: list[list[int] | None] = []

    def few_matching(repo: SearchRepo, query: str, most: int) -> list[int] | None:
        answered.append(asked(repo, query, most))
        return answered[-1]

    monkeypatch.setattr(SearchRepo, "few_matching", few_matching)
    assert [found(helpdesk, q, limit=limit, **f) for q, f in ASKED] == whole
    if helpdesk.is_sqlite:
        assert answered == []  # FTS5 gives its matches newest first: no index asked first
    else:
        assert [] in answered  # "kimchi": no row
        assert any(answered)  # some query's rows all found


def test_the_index_is_asked_first_only_for_a_word_outside_the_common_ones(
    helpdesk: Store, processor: Processor
) -> None:
    # PostgreSQL estimates a prefix by its list of common words only when that list
    # holds a hundred words at least.
    stock = " ".join(f"item{n}" for n in range(120))
    mail(helpdesk, processor, "stock@example.net", subject="Stock", body=stock)
    if helpdesk.is_sqlite:
        with helpdesk.read() as session:
            assert SearchRepo(session).few_matching("printer", 10**6) is None
        return
    with helpdesk.write() as session:
        session.execute(text("ANALYZE message_search"))
    with helpdesk.read() as session:
        repo = SearchRepo(session)
        # Statistics now: "printer" is among the common words, "kimchi" in no row.
        assert repo.few_matching("printer", 10**6) is None
        assert repo.few_matching("kimchi", 10**6) == []
        assert repo.few_matching("jo@client.test kimchi", 10**6) == []


@pytest.mark.parametrize("window", [1, 2, 3])
def test_a_search_among_few_tickets_finds_what_the_whole_index_finds(
    helpdesk: Store, processor: Processor, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    mail(store=helpdesk, processor=processor, subject="Re: #[1] Printer broken", body="Toner?")
    whole = [found(helpdesk, q, limit=2, **f) for q, f in ASKED]
    monkeypatch.setattr(ticket_queries, "SEARCH_WINDOW", window)
    assert [found(helpdesk, q, limit=2, **f) for q, f in ASKED] == whole


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_a_new_ticket_found_by_old_messages_alone_is_listed_first(
    helpdesk: Store,
    processor: Processor,
    config: Config,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    # A split puts old messages on a new ticket: read newest first, the matches of older
    # tickets come before its own.
    mail(helpdesk, processor, subject="Re: #[1] Printer broken", body="Kimchi for lunch?")
    with helpdesk.read() as session:
        old = session.execute(
            text("SELECT max(id) FROM messages WHERE ticket_id = 1 AND direction = 'in'")
        ).scalar()
    for n in range(3):
        mail(helpdesk, processor, f"client{n}@example.net", subject=f"Kimchi {n}", body="Hot.")
    split = split_ticket(helpdesk, Notifier(config, Templates()), 1, old, ANN, notify=False)
    assert split.new == 8
    with monkeypatch.context() as m:
        whole_index(m)
        assert found(helpdesk, "kimchi", limit=2) == [8, 7]
        waiting = found(helpdesk, "kimchi", queue=True)
    assert sorted(waiting) == [5, 6, 7, 8]
    newest_first(monkeypatch, chunk)
    assert found(helpdesk, "kimchi", limit=2) == [8, 7]
    assert found(helpdesk, "kimchi", limit=3) == [8, 7, 6]
    assert found(helpdesk, "kimchi", queue=True) == waiting


def test_matching_documents_here_agrees_with_fts5() -> None:
    # The queue's and other narrow searches match their tickets' documents in Python
    # (SearchRepo.tickets_among); FTS5 is the reference, on the same documents and queries.
    rnd = random.Random(7)
    vocabulary = ["kim", "kimchi", "order", "orders", "12", "123", "rechnung", "ab", "a"]
    db = sqlite3.connect(":memory:")
    db.execute(f'CREATE VIRTUAL TABLE t USING fts5(d, tokenize="{FTS5_TOKENIZER}")')
    documents = [" ".join(rnd.choices(vocabulary, k=rnd.randint(1, 12))) for _ in range(300)]
    db.executemany("INSERT INTO t (rowid, d) VALUES (?, ?)", enumerate(documents))
    for _ in range(300):
        query = " ".join(
            " ".join(rnd.choices(vocabulary, k=rnd.randint(1, 3))) for _ in range(rnd.randint(1, 3))
        )
        query = query[: rnd.randint(1, len(query))].strip() or "a"
        pieces = query_words(query)
        expected = {
            r for (r,) in db.execute("SELECT rowid FROM t WHERE t MATCH ?", [fts5_query(pieces)])
        }
        assert {i for i, d in enumerate(documents) if matches(d, pieces)} == expected, query


@pytest.mark.parametrize("rows", [0, 1, 2000])
def test_the_other_words_found_first_find_what_fts_finds(
    helpdesk: Store, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    # A query whose last word begins many words is looked for through its other words
    # when they match few rows (at most _NARROW_ROWS): the same tickets either way.
    asked = [
        "jo@client.te",
        "bob@partner.ex",
        "printer brok",
        "second floor p",
        "the printer",
        "partner.example p",
        "zz printer",
    ]
    monkeypatch.setattr(search_repo, "_NARROW_ROWS", 10**9)
    narrowed = [found(helpdesk, q) for q in asked]
    monkeypatch.setattr(search_repo, "_NARROW_ROWS", rows)
    assert [found(helpdesk, q) for q in asked] == narrowed
    assert narrowed[0] == [1]
    assert narrowed[2] == [1]
    assert narrowed[-1] == []
