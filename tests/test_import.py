"""``mailgate import``: mbox, Maildir, a folder of .eml files, one file."""

from __future__ import annotations

import mailbox
import subprocess
import sys
from pathlib import Path

import pytest

from mailgate.store.engine import Store
from mailgate.store.models import InboxRow
from tests.conftest import make_toml
from tests.mailfactory import build


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
