"""Hostile content in client mail: tracking images, programs posing as documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.parse import ParseOptions, parse_message
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Attachment
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import build

HTML = (
    '<p>Hello<img src="https://tracker.example/p.gif?u=1" width="1" height="1">'
    '<img src="cid:logo@x" alt="logo"><img srcset="https://tracker.example/2x.png 2x">'
    '<a href="javascript:alert(1)" onclick="x()">click</a></p><script>alert(2)</script>'
)


def test_remote_images_and_scripts_are_removed_inline_images_kept() -> None:
    mail = parse_message(build(html=HTML))
    assert mail.html is not None
    assert "tracker.example" not in mail.html
    assert 'src="cid:logo@x"' in mail.html
    assert "javascript:" not in mail.html
    assert "onclick" not in mail.html
    assert "<script" not in mail.html
    allowed = parse_message(build(html=HTML), ParseOptions(remote_images=True))
    assert allowed.html is not None
    assert "https://tracker.example/p.gif" in allowed.html
    assert "javascript:" not in allowed.html


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("invoice.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60, "windows-pe"),
        ("photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "elf"),
        ("notes.txt", b"#!/bin/sh\nrm -rf ~\n", "script"),
        ("update.scr", b"\x00\x01 not an obvious format", "windows-scr"),
        ("tool", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "mach-o"),
    ],
)
def test_programs_are_recognised_by_their_content(name: str, data: bytes, kind: str) -> None:
    mail = parse_message(build(attachments=[(name, "application/pdf", data)]))
    [attachment] = mail.attachments
    assert attachment.executable == kind
    assert any("is a program" in d for d in mail.defects)


def test_ordinary_attachments_are_not_flagged() -> None:
    files = [
        ("report.pdf", "application/pdf", b"%PDF-1.7\n%\xe2\xe3"),
        ("screen.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("log.txt", "text/plain", b"2026-11-30 error: printer offline\n"),
        ("data.zip", "application/zip", b"PK\x03\x04" + b"\x00" * 20),
    ]
    mail = parse_message(build(attachments=files))
    assert [a.executable for a in mail.attachments] == [None, None, None, None]


def test_a_flagged_program_is_stored_and_shown_as_one(
    store: Store, processor: Processor, tmp_path: Path
) -> None:
    raw = build(attachments=[("invoice.pdf", "application/pdf", b"MZ" + b"\x00" * 62)])
    store_messages(
        store, [(Envelope("smtp", "jo@client.test", ("support@helpdesk.test",), "x"), raw)]
    )
    processor.run_once()
    with store.read() as s:
        [a] = s.query(Attachment).all()
        assert (a.filename, a.executable) == ("invoice.pdf", "windows-pe")
    store.dispose()
    shown = run_cli(make_toml(tmp_path), tmp_path, "ticket", "1")
    assert shown.returncode == 0, shown.stderr
    assert "invoice.pdf" in shown.stdout
    assert "a program (windows-pe): do not open" in shown.stdout
