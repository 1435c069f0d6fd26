"""``mailgate import``: mbox, Maildir, a folder of .eml files, one file."""

from __future__ import annotations

import json
import mailbox
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import load_config
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket
from tests.support.config import make_toml
from tests.support.mailfactory import build


@pytest.fixture
def conf_file(tmp_path: Path) -> Path:
    path = tmp_path / "mailgate.toml"
    path.write_text(make_toml(tmp_path))
    return path


def mailgate(conf: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def inbox(store: Store) -> list[InboxRow]:
    with store.read() as s:
        return list(s.query(InboxRow).order_by(InboxRow.id))


def messages(n: int, prefix: str) -> list[bytes]:
    return [build(message_id=f"{prefix}{i}@client.test", subject=f"question {i}") for i in range(n)]


def test_import_mbox_with_summary(conf_file: Path, tmp_path: Path, store: Store) -> None:
    box = mailbox.mbox(str(tmp_path / "archive.mbox"))
    for raw in messages(5, "mbox"):
        box.add(raw)
    box.flush()
    p = mailgate(conf_file, "import", str(tmp_path / "archive.mbox"))
    assert p.returncode == 0, p.stderr
    assert "5 message(s) read, 5 stored, 0 duplicate(s), 0 error(s)" in p.stdout
    assert "importing mbox" in p.stderr  # the progress bar
    rows = inbox(store)
    assert [r.source for r in rows] == ["import"] * 5
    assert rows[0].source_ref == f"{tmp_path / 'archive.mbox'}#1"
    # Running it again after an interruption doubles nothing.
    again = mailgate(conf_file, "import", str(tmp_path / "archive.mbox"))
    assert "0 stored, 5 duplicate(s)" in again.stdout
    assert len(inbox(store)) == 5


def test_import_maildir(conf_file: Path, tmp_path: Path, store: Store) -> None:
    md = mailbox.Maildir(str(tmp_path / "Maildir"))
    for raw in messages(3, "md"):
        md.add(raw)
    p = mailgate(
        conf_file, "import", str(tmp_path / "Maildir"), "--recipient", "billing@helpdesk.test"
    )
    assert p.returncode == 0, p.stderr
    assert "(maildir)" in p.stdout
    assert [r.recipients for r in inbox(store)] == [["billing@helpdesk.test"]] * 3


def test_import_folder_of_eml_and_process(conf_file: Path, tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "mails"
    (folder / "sub").mkdir(parents=True)
    for i, raw in enumerate(messages(4, "eml")):
        (folder / ("sub" if i % 2 else "") / f"m{i}.eml").write_bytes(raw)
    (folder / "notes.txt").write_text("not mail")
    p = mailgate(conf_file, "import", str(folder))
    assert p.returncode == 0, p.stderr
    assert "4 message(s) read, 4 stored" in p.stdout
    done = mailgate(conf_file, "process")
    assert "processed 4" in done.stdout, done.stderr
    assert "tickets opened 4" in done.stdout
    tickets = mailgate(conf_file, "tickets", "--json")
    assert tickets.stdout.count('"number"') == 4


def test_import_unknown_recipient_is_refused(conf_file: Path, tmp_path: Path) -> None:
    f = tmp_path / "one.eml"
    f.write_bytes(build())
    p = mailgate(conf_file, "import", str(f), "--recipient", "nobody@helpdesk.test")
    assert p.returncode == 2
    assert "no department owns" in p.stderr


def dated(i: int, day: int, sender: str = "jo@client.test", **kw: object) -> bytes:
    from email.utils import format_datetime

    raw = build(
        from_=f"Client {i} <{sender}>",
        message_id=f"old{i}@client.test",
        subject=f"old question {i}",
        **kw,  # type: ignore[arg-type]
    )
    when = format_datetime(datetime(2024, 3, day, 9, 30, tzinfo=UTC)).encode()
    return raw.replace(b"Date: Mon, 23 Nov 2026 10:00:00 +0000", b"Date: " + when)


def test_an_import_mails_nobody_and_dates_tickets_by_their_mail(
    tmp_path: Path, store: Store
) -> None:
    """An import is a migration: no acknowledgment, alert or notice for an archive's
    clients, and each ticket and message keeps its mail's date (the queue sorts by it)."""
    text = make_toml(
        tmp_path,
        extra='\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n',
    )
    conf = tmp_path / "mailgate.toml"
    conf.write_text(text)
    folder = tmp_path / "archive"
    folder.mkdir()
    # Three clients, a reply on the first ticket, written out of order on disk.
    (folder / "a.eml").write_bytes(dated(1, 20, "c1@client.test"))
    (folder / "b.eml").write_bytes(dated(2, 5, "c2@client.test"))
    (folder / "c.eml").write_bytes(dated(3, 12, "c3@client.test"))
    reply = dated(4, 22, "c1@client.test", in_reply_to="old1@client.test").replace(
        b"Subject: old question 4", b"Subject: Re: old question 1"
    )
    (folder / "d.eml").write_bytes(reply)
    p = mailgate(conf, "import", str(folder))
    assert p.returncode == 0, p.stderr
    assert "nobody is mailed about them (--notify to acknowledge and alert)" in p.stdout
    assert "dated by their own Date" in p.stdout
    done = mailgate(conf, "process")
    assert "tickets opened 3" in done.stdout, done.stdout + done.stderr
    assert "mail sent 0" in done.stdout
    with store.read() as s:
        assert s.query(OutboxRow).count() == 0, "no acknowledgment, no alert"
        tickets = {t.requester: t for t in s.query(Ticket)}
        assert tickets["c2@client.test"].created_at == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
        first = tickets["c1@client.test"]
        assert first.created_at == datetime(2024, 3, 20, 9, 30, tzinfo=UTC)
        assert first.last_client_message_at == datetime(2024, 3, 22, 9, 30, tzinfo=UTC)
        dates = [m.created_at for m in s.query(Message).filter_by(ticket_id=first.id)]
        assert dates == [
            datetime(2024, 3, 20, 9, 30, tzinfo=UTC),
            datetime(2024, 3, 22, 9, 30, tzinfo=UTC),
        ]
        events = s.query(Event).filter_by(ticket_id=first.id).order_by(Event.id)
        assert {e.at for e in events} <= {
            datetime(2024, 3, 20, 9, 30, tzinfo=UTC),
            datetime(2024, 3, 22, 9, 30, tzinfo=UTC),
        }
    queue = mailgate(conf, "tickets", "--queue", "--json")
    order = [t["requester"] for t in json.loads(queue.stdout)]
    assert order == ["c2@client.test", "c3@client.test", "c1@client.test"]


def test_an_import_with_notify_acknowledges_as_new_mail(tmp_path: Path, store: Store) -> None:
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path))
    f = tmp_path / "one.eml"
    f.write_bytes(dated(1, 20))
    p = mailgate(conf, "import", "--notify", str(f))
    assert p.returncode == 0, p.stderr
    assert "acknowledged and agents alerted as for new mail (--notify)" in p.stdout
    mailgate(conf, "process")
    with store.read() as s:
        assert [o.kind for o in s.query(OutboxRow)] == ["ticket_opened"]


def _threading_of(conf: Path, folder: Path, workers: str) -> dict[str, object]:
    """Import ``folder`` and process it with ``workers``; what became of each file."""
    p = mailgate(conf, "import", "--notify", "--batch-size", "3", "-j", workers, str(folder))
    assert p.returncode == 0, p.stderr
    done = mailgate(conf, "process", "--workers", workers)
    assert done.returncode == 0, done.stderr
    store = Store(load_config(str(conf)).database)
    try:
        with store.read() as s:
            rows = list(s.query(InboxRow).order_by(InboxRow.id))
            outbox = sorted((o.ticket_id, o.kind) for o in s.query(OutboxRow))
            tickets = sorted((t.id, t.requester, t.subject) for t in s.query(Ticket))
    finally:
        store.dispose()
    return {
        "inbox": [
            (Path(r.source_ref or "").name, r.state, r.ticket_id, r.thread_rule) for r in rows
        ],
        "outbox": outbox,
        "tickets": tickets,
        "summary": done.stdout,
    }


def test_workers_thread_an_archive_as_one_worker_does(tmp_path: Path) -> None:
    """Originals and their replies in one folder, imported and processed by two workers
    each: every file ends on the ticket it ends on with one worker, the replies on
    their originals' tickets (applied after them, whichever process planned which), the
    same tickets with the same numbers and the same acknowledgments."""
    folder = tmp_path / "archive"
    folder.mkdir()
    n = 24
    for i in range(n):
        client = f"c{i}@client.test"
        (folder / f"m{2 * i:03d}.eml").write_bytes(
            build(from_=client, message_id=f"q{i}@client.test", subject=f"question {i}")
        )
        reply = build(
            from_=client,
            message_id=f"r{i}@client.test",
            subject=f"Re: question {i}",
            in_reply_to=f"q{i}@client.test",
            references=[f"q{i}@client.test"],
            body="Any news?\n",
        )
        if i % 6 == 5:  # a stranger answering: not proof, a ticket of its own
            reply = reply.replace(client.encode(), f"other{i}@else.test".encode())
        (folder / f"m{2 * i + 1:03d}.eml").write_bytes(reply)
    # A reply stored before its original: with one worker it opens a ticket of its own
    # and the original another (by its Message-ID, the original is no answer to it).
    (folder / "a000.eml").write_bytes(
        build(
            from_="late@client.test",
            message_id="late-r@client.test",
            subject="Re: late",
            in_reply_to="late-q@client.test",
        )
    )
    (folder / "z999.eml").write_bytes(
        build(from_="late@client.test", message_id="late-q@client.test", subject="late")
    )
    got = {}
    for workers in ("1", "2"):
        where = tmp_path / f"j{workers}"
        where.mkdir()
        conf = where / "mailgate.toml"
        conf.write_text(make_toml(where))
        got[workers] = _threading_of(conf, folder, workers)
    one, two = got["1"], got["2"]
    assert two["inbox"] == one["inbox"]
    assert two["tickets"] == one["tickets"]
    assert two["outbox"] == one["outbox"]
    by_file = {name: ticket for name, _state, ticket, _rule in one["inbox"]}  # type: ignore[attr-defined]
    for i in range(n):
        original, reply = by_file[f"m{2 * i:03d}.eml"], by_file[f"m{2 * i + 1:03d}.eml"]
        assert (reply == original) is (i % 6 != 5), i
    assert by_file["a000.eml"] != by_file["z999.eml"]
    assert "processed 50" in two["summary"]  # type: ignore[operator]
    assert len(one["tickets"]) == n + n // 6 + 2  # type: ignore[arg-type]


def test_large_messages_are_committed_a_few_at_a_time(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is bounded by its octets as well as by its messages: an archive of large
    messages is not held in memory a hundred at once.  Nothing is lost or doubled."""
    from mailgate.inbox import commit
    from mailgate.receive import importer

    raws = messages(7, "large")
    monkeypatch.setattr(importer, "BATCH_BYTES", 2 * max(len(r) for r in raws))
    batches: list[int] = []
    store_new_messages = commit.store_new_messages

    def counted(store: Store, items: list[Any], **kw: Any) -> Any:
        batches.append(len(items))
        return store_new_messages(store, items, **kw)

    monkeypatch.setattr(importer, "store_new_messages", counted)
    source = [(f"m{i}", raw) for i, raw in enumerate([*raws, raws[0]])]
    summary = importer.import_messages(store, source, batch_size=100)
    assert batches == [2, 2, 2, 2]
    assert (summary.seen, summary.stored, summary.duplicates) == (8, 7, 1)
    assert [bytes(r.raw) for r in inbox(store)] == raws
