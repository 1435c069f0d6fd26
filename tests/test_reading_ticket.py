"""What an agent reads of a client's mail on the ticket: the new part of each reply by
default, the whole text with ``--full``, the files of a forwarded message and of a
winmail.dat among the ticket's attachments, a signature noted."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from mailgate.config import config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import winmail_dat
from tests.support.schemas import migrated

CLIENT = "jo@client.test"


def _signed_reply() -> bytes:
    return (
        f"From: Jo <{CLIENT}>\r\nTo: support@helpdesk.test\r\nSubject: Re: #[1] Printer\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="b"'
        "\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Restarted, it prints again.\r\n\r\nOn Mon, 23 Nov 2026 at 10:00, Support "
        "<support@helpdesk.test> wrote:\r\n> Please restart it.\r\n"
        '--b\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\nMIIBAAYJKoZIhvcNAQcCoIIB\r\n--b--\r\n"
    ).encode()


def _forward_with_winmail() -> bytes:
    inner = EmailMessage(policy=SMTP)
    inner["From"] = "Ann <ann@customer.test>"
    inner["To"] = CLIENT
    inner["Subject"] = "Printer error"
    inner.set_content("It shows error 42.\n")
    inner.add_attachment(
        winmail_dat([("error42.png", b"\x89PNG\r\n\x1a\nPIXELS")]),
        maintype="application",
        subtype="ms-tnef",
        filename="winmail.dat",
    )
    outer = EmailMessage(policy=SMTP)
    outer["From"] = f"Jo <{CLIENT}>"
    outer["To"] = "support@helpdesk.test"
    outer["Subject"] = "Printer"
    outer.set_content("Our printer fails, see Ann's mail.\n")
    outer.add_attachment(inner)
    return outer.as_bytes()


def test_ticket_shows_the_new_text_by_default_and_everything_with_full(tmp_path: Path) -> None:
    text = make_toml(tmp_path)
    config = config_from_toml(text)
    store = Store(config.database)
    migrated(store)
    for raw in (_forward_with_winmail(), _signed_reply()):
        store_messages(store, [(Envelope("smtp", CLIENT, ("support@helpdesk.test",)), raw)])
        Processor(config, store).drain()
    store.dispose()

    p = run_cli(text, tmp_path, "ticket", "1")
    assert p.returncode == 0, p.stderr
    assert "Our printer fails, see Ann's mail." in p.stdout
    assert "It shows error 42." not in p.stdout  # the forward is in the full text
    assert "📎 Printer error.eml" in p.stdout
    assert "📎 error42.png (image/png" in p.stdout  # out of the forward's winmail.dat
    assert "Restarted, it prints again." in p.stdout
    assert "Please restart it." not in p.stdout
    assert "Signed: S/MIME (kept as it came; not verified)" in p.stdout

    p = run_cli(text, tmp_path, "ticket", "1", "--full")
    assert p.returncode == 0, p.stderr
    assert "---------- Forwarded message ----------" in p.stdout
    assert "From: Ann <ann@customer.test>" in p.stdout
    assert "It shows error 42." in p.stdout
    assert "> Please restart it." in p.stdout
