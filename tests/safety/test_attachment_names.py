"""Hostile attachment names — path traversal, absolute paths, NUL and control bytes, bidi
overrides, 1,000 characters, names of dots only — plain and RFC 2231 / RFC 2047 encoded,
through the pipeline: each is shown under a safe display name, its content is stored
under its SHA-256 (never in a file named from the mail), and the disguised program is
flagged."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.parse.attachments import MAX_NAME
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Attachment, Blob, InboxRow, Message
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.store import send_queued

SUPPORT = "support@helpdesk.test"
BIDI = "invoice\u202egpj.exe"  # shows as "invoiceexe.jpg"
LONG = "a" * 996 + ".pdf"

# name → (the name as the mail carries it, the display name expected or None when only
# the properties are checked).
NAMES: dict[str, tuple[str, str | None]] = {
    "traversal": ("../../etc/passwd", "passwd"),
    "windows_traversal": ("..\\..\\windows\\system32\\x.dll", "x.dll"),
    "absolute": ("/etc/cron.d/evil", "evil"),
    "drive_letter": ("C:\\Users\\Public\\run.bat", "run.bat"),
    "unc_path": ("\\\\evil.test\\share\\doc.pdf", "doc.pdf"),
    "nul_byte": ("report\x00.exe.pdf", "report .exe.pdf"),
    "control_chars": ("re\x07po\x1b[31mrt\r\n.txt", None),
    "bidi_override": (BIDI, "invoice gpj.exe"),
    "bidi_isolates": ("\u2067fdp.exe\u2069", None),
    "zero_width": ("doc\u200b\u200d.pdf", None),
    "line_separator": ("a\u2028b\u2029c.txt", None),
    "thousand_chars": (LONG, None),
    "empty": ("", None),
    "dots_only": ("...", None),
    "dot_dot": ("..", None),
    "dots_and_spaces": (" . . ", None),
    "hidden_file": (".htaccess", "htaccess"),
    "trailing_dots": ("setup.exe...", "setup.exe"),
    "trailing_space_dot": ("setup.exe. ", "setup.exe"),
}


def _rfc2231(name: str) -> str:
    return f"filename*=utf-8''{quote(name, safe='')}"


def _rfc2231_continued(name: str) -> str:
    half = len(name) // 2
    return (
        f"filename*0*=utf-8''{quote(name[:half], safe='')};\r\n"
        f" filename*1*={quote(name[half:], safe='')}"
    )


def _rfc2047(name: str) -> str:
    return f'filename="=?utf-8?b?{base64.b64encode(name.encode()).decode()}?="'


def _plain(name: str) -> str:
    # As a careless mail program writes it: the raw name, backslashes and quotes escaped.
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\r\n", " ")
    return f'filename="{escaped}"'


ENCODINGS = {
    "plain": _plain,
    "rfc2231": _rfc2231,
    "rfc2231_continued": _rfc2231_continued,
    "rfc2047": _rfc2047,
}


def mail_with(parts: list[tuple[str, bytes]], message_id: str) -> bytes:
    """A message whose attachments carry the given Content-Disposition parameters."""
    out = [
        "From: Jo Client <jo@client.test>",
        f"To: {SUPPORT}",
        "Subject: Files",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "The files are attached.",
    ]
    for param, data in parts:
        out += [
            "--b",
            "Content-Type: application/octet-stream",
            f"Content-Disposition: attachment; {param}",
            "Content-Transfer-Encoding: base64",
            "",
            base64.b64encode(data).decode(),
        ]
    out += ["--b--", ""]
    return "\r\n".join(out).encode("utf-8", "surrogateescape")


def _content(case: str) -> bytes:
    # Windows program bytes for the bidi case: flagged by content and by name.
    return b"MZ\x90\x00" + case.encode() if case == "bidi_override" else f"<{case}>".encode()


def assert_safe(display: str) -> None:
    assert display, "an empty display name"
    assert "/" not in display, display
    assert "\\" not in display, display
    assert not display.startswith("."), display
    assert display.strip(". ") == display, f"leading/trailing dots or spaces: {display!r}"
    assert len(display) <= MAX_NAME, len(display)
    for ch in display:
        # Cc control, Cf format (bidi overrides and isolates, zero-width), Zl/Zp separators.
        assert unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"), (
            f"{display!r} holds U+{ord(ch):04X}"
        )


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_hostile_names_get_safe_display_names_and_content_addressed_storage(
    config: Config, store: Store, processor: Processor, tmp_path: Path, encoding: str
) -> None:
    cases = list(NAMES)
    if encoding == "plain":
        cases.remove("empty")  # filename="" is the no-name case below
    parts = [(ENCODINGS[encoding](NAMES[c][0]), _content(c)) for c in cases]
    parts.append(("size=4", b"<no-name>"))  # no file name at all
    raw = mail_with(parts, f"names-{encoding}@client.test")
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()
    send_queued(config, store)
    with store.read() as s:
        row = s.query(InboxRow).one()
        assert row.state == "processed", row.error
        message = s.query(Message).filter_by(inbox_id=row.id).one()
        stored = s.query(Attachment).filter_by(message_pk=message.id).order_by(Attachment.position)
        got = {a.blob.data: a for a in stored}
        assert len(got) == len(parts), "every attachment stored"
        for case in [*cases, "no-name"]:
            data = _content(case) if case != "no-name" else b"<no-name>"
            a = got[data]
            assert_safe(a.filename)
            assert a.sha256 == hashlib.sha256(data).hexdigest()
            assert s.get(Blob, a.sha256) is not None
            expected = NAMES[case][1] if case in NAMES else None
            if expected is not None:
                assert a.filename == expected, (case, a.filename)
            if case in ("empty", "dots_only", "dot_dot", "dots_and_spaces", "no-name"):
                assert re.fullmatch(r"attachment-\d+\.bin", a.filename), (case, a.filename)
            if case == "thousand_chars":
                assert a.filename.endswith(".pdf")
                assert len(a.filename) == MAX_NAME
            if case in ("bidi_override", "bidi_isolates", "trailing_dots", "trailing_space_dot"):
                assert a.executable is not None, f"{case}: {a.filename!r} not flagged"
        assert got[_content("bidi_override")].executable == "windows-pe"
    # Nothing was written under a name taken from the mail: the database and the
    # numbered outgoing mail are all there is.
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    for f in files:
        assert re.fullmatch(r"mailgate\.db(-wal|-shm|-journal)?|outbox/\d{8}\.eml", f), f


def test_the_ticket_view_shows_no_control_or_bidi_characters(
    store: Store, processor: Processor, tmp_path: Path
) -> None:
    parts = [(_rfc2231(NAMES[c][0]), _content(c)) for c in ("bidi_override", "control_chars")]
    raw = mail_with(parts, "view@client.test")
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()
    store.dispose()
    shown = run_cli(make_toml(tmp_path), tmp_path, "ticket", "1")
    assert shown.returncode == 0, shown.stderr
    assert "invoice gpj.exe" in shown.stdout
    assert "a program (windows-pe): do not open" in shown.stdout
    assert not any(
        unicodedata.category(ch) in ("Cc", "Cf") and ch != "\n" for ch in shown.stdout
    ), repr(shown.stdout)
    parsed = run_cli(make_toml(tmp_path), tmp_path, "parse", "--json", str(_write(tmp_path, raw)))
    assert parsed.returncode == 0, parsed.stderr
    assert "\\u202e" not in parsed.stdout.lower()
    assert "\u202e" not in parsed.stdout


def _write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "mail.eml"
    path.write_bytes(raw)
    return path


# Names an agent's file may have: what reaches the client must be as safe as what
# mailgate shows of a client's files.
OUTGOING = {
    "bidi_override": (BIDI, "invoice gpj.exe"),
    "bidi_isolates": ("\u2067fdp.exe\u2069", None),
    "control_chars": ("re\x07po\x1b[31mrt.txt", None),
    "line_separator": ("a\u2028b\u2029c.txt", None),
    "zero_width": ("doc\u200b.pdf", None),
    "trailing_dots": ("setup.exe...", "setup.exe"),
    "hidden_file": (".htaccess", "htaccess"),
    "long": ("a" * 240 + ".pdf", None),  # a file system's names stop at 255 bytes
}


def _sent_names(store: Store) -> list[str]:
    """The file names of the agent reply in the outbox, as the client's mail program
    reads them."""
    from email import message_from_bytes
    from email.policy import default

    from mailgate.store.models import OutboxRow

    with store.read() as s:
        [row] = s.query(OutboxRow).filter_by(kind="agent_reply").all()
        raw = row.raw
    mail = message_from_bytes(raw, policy=default)
    return [str(p.get_filename()) for p in mail.iter_attachments()]


def _shown_names(store: Store) -> list[str]:
    with store.read() as s:
        [message] = s.query(Message).filter_by(direction="out", kind="agent_reply").all()
        return [a.filename for a in message.attachments]


def test_an_agents_files_are_sent_and_kept_under_cleaned_names(
    store: Store, processor: Processor, tmp_path: Path
) -> None:
    """``mailgate reply N --attach FILE`` with files named like a client's hostile ones."""
    raw = mail_with([], "out@client.test")
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()
    folder = tmp_path / "files"
    folder.mkdir()
    args = []
    for case, (name, _expected) in OUTGOING.items():
        path = folder / (case + "-dir") / name
        path.parent.mkdir()
        path.write_bytes(_content(case))
        args += ["--attach", str(path)]
    done = run_cli(
        make_toml(tmp_path), tmp_path, "reply", "1", "--body-file", "-", *args, input="Here.\n"
    )
    assert done.returncode == 0, done.stderr
    sent, shown = _sent_names(store), _shown_names(store)
    assert len(sent) == len(OUTGOING)
    assert sent == shown, "the thread shows the names the client got"
    for name, (_given, expected) in zip(sent, OUTGOING.values(), strict=True):
        assert_safe(name)
        if expected is not None:
            assert name == expected


def test_files_of_an_api_reply_are_sent_under_cleaned_names(
    tmp_path: Path, run_daemon: object
) -> None:
    """``POST /api/tickets/1/replies`` to the running API, files named like hostile ones
    (the API refuses C0 controls and paths in a name itself; bidi and the rest pass it)."""
    from collections.abc import Callable
    from typing import cast

    from mailgate.config import config_from_toml
    from mailgate.store.migrate import upgrade
    from tests.support.api import Client, api_toml
    from tests.support.daemon import RunningDaemon

    config = config_from_toml(api_toml(tmp_path, max_request_bytes=1 << 20), "<test>")
    store = Store(config.database)
    upgrade(store)
    raw = mail_with([], "api-out@client.test")
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    Processor(config, store).run_once()
    cast(Callable[..., RunningDaemon], run_daemon)(config, ("http",))
    names = {c: n for c, (n, _e) in OUTGOING.items() if c != "control_chars"}
    reply = Client(config.http.port).post(
        "/api/tickets/1/replies",
        {
            "body": "Here.",
            "attachments": [
                {"filename": n, "data": base64.b64encode(_content(c)).decode()}
                for c, n in names.items()
            ],
        },
    )
    assert reply.status == 201, reply.body
    sent = _sent_names(store)
    assert sent == _shown_names(store)
    assert len(sent) == len(names)
    for name, case in zip(sent, names, strict=True):
        assert_safe(name)
        expected = OUTGOING[case][1]
        if expected is not None:
            assert name == expected
    store.dispose()
