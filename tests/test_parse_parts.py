"""parse: the parts of real mail an agent must be able to read — Outlook's winmail.dat,
inline images, forwarded messages, signed and encrypted mail, mislabelled charsets and
RFC 2231 file names."""

from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from mailgate.parse import parse_message
from tests.support.mailfactory import build, winmail_dat

# -- winmail.dat --------------------------------------------------------------------------


def test_winmail_dat_is_unpacked_into_its_files() -> None:
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 4
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 300
    raw = build(
        body="The report and a screenshot are attached.\n",
        attachments=[
            (
                "winmail.dat",
                "application/ms-tnef",
                winmail_dat([("report.pdf", pdf), ("shot.png", png)]),
            )
        ],
    )
    parsed = parse_message(raw)
    files = {a.filename: a for a in parsed.attachments}
    assert set(files) == {"report.pdf", "shot.png"}
    assert files["report.pdf"].data == pdf
    assert files["report.pdf"].content_type == "application/pdf"
    assert files["shot.png"].data == png
    assert files["shot.png"].content_type == "image/png"
    assert parsed.text.strip() == "The report and a screenshot are attached."


def test_winmail_dat_body_is_the_text_when_the_mail_has_none() -> None:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@client.test>"
    msg["To"] = "support@helpdesk.test"
    msg["Subject"] = "Outlook rich text"
    msg.set_content(
        winmail_dat([("a.txt", b"hello")], body="Grüße from Outlook."),
        maintype="application",
        subtype="ms-tnef",
        filename="winmail.dat",
    )
    parsed = parse_message(msg.as_bytes())
    assert [a.filename for a in parsed.attachments] == ["a.txt"]
    assert parsed.text == "Grüße from Outlook."
    assert parsed.reply_text == "Grüße from Outlook."


def test_unreadable_winmail_dat_is_kept_with_a_defect() -> None:
    junk = b"not a TNEF container at all"
    parsed = parse_message(build(attachments=[("winmail.dat", "application/ms-tnef", junk)]))
    assert [(a.filename, a.data) for a in parsed.attachments] == [("winmail.dat", junk)]
    assert any(d.startswith("winmail.dat: cannot be read") for d in parsed.defects)


# -- inline images ---------------------------------------------------------------------------


def test_inline_image_is_an_attachment_named_in_the_text() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x01" * 64
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jo <jo@client.test>"
    msg["To"] = "support@helpdesk.test"
    msg["Subject"] = "Error"
    msg.set_content(
        '<p>The printer shows this:</p><p><img src="cid:shot1@client.test" alt=""></p>'
        "<p>What does it mean?</p>",
        subtype="html",
    )
    msg.add_related(
        png, maintype="image", subtype="png", cid="<shot1@client.test>", filename="error.png"
    )
    parsed = parse_message(msg.as_bytes())
    [image] = parsed.attachments
    assert (image.filename, image.inline, image.content_id) == (
        "error.png",
        True,
        "shot1@client.test",
    )
    assert image.data == png
    assert "The printer shows this:\n\n[image: error.png]\n\nWhat does it mean?" in parsed.text
    assert "[image: error.png]" in parsed.reply_text
    assert parsed.html is not None
    assert "cid:shot1@client.test" in parsed.html


# -- forwarded messages ------------------------------------------------------------------------


def _forwarded(outer_text: str | None) -> bytes:
    inner = EmailMessage(policy=SMTP)
    inner["From"] = "Ann Customer <ann@customer.test>"
    inner["To"] = "Jo <jo@client.test>"
    inner["Subject"] = "=?utf-8?q?Drucker_kaputt_=E2=80=93_bitte_helfen?="
    inner["Date"] = "Tue, 24 Nov 2026 09:30:00 +0100"
    inner.set_content("The printer on floor 2 prints nothing.\n")
    inner.add_attachment(
        b"\x89PNG\r\n\x1a\nXX", maintype="image", subtype="png", filename="error.png"
    )
    outer = EmailMessage(policy=SMTP)
    outer["From"] = "Jo <jo@client.test>"
    outer["To"] = "support@helpdesk.test"
    outer["Subject"] = "Fwd: printer"
    if outer_text is not None:
        outer.set_content(outer_text)
        outer.add_attachment(inner)
    else:
        outer.make_mixed()
        outer.attach(_as_part(inner))
    return outer.as_bytes()


def _as_part(inner: EmailMessage) -> EmailMessage:
    part = EmailMessage(policy=SMTP)
    part.set_content(inner)
    return part


def test_forwarded_message_is_readable_with_its_own_attachments() -> None:
    parsed = parse_message(_forwarded("Ann's mail below, can you help?\n"))
    [fwd] = parsed.forwards
    assert fwd.subject == "Drucker kaputt – bitte helfen"
    assert fwd.from_ is not None
    assert fwd.from_.address == "ann@customer.test"
    assert fwd.date is not None
    assert fwd.date.isoformat() == "2026-11-24T08:30:00+00:00"
    assert fwd.text.strip() == "The printer on floor 2 prints nothing."
    assert [a.filename for a in fwd.attachments] == ["error.png"]
    # The message is kept whole, and its file is the ticket's file too.
    assert [a.filename for a in parsed.attachments] == [
        "Drucker kaputt – bitte helfen.eml",
        "error.png",
    ]
    assert parsed.reply_text == "Ann's mail below, can you help?"
    assert "From: Ann Customer <ann@customer.test>" in parsed.text
    assert "The printer on floor 2 prints nothing." in parsed.text
    assert "[attachment: error.png]" in parsed.text


def test_forward_without_a_word_reads_as_the_forwarded_text() -> None:
    parsed = parse_message(_forwarded(None))
    assert parsed.reply_text.startswith("The printer on floor 2 prints nothing.")


# -- signed and encrypted mail -------------------------------------------------------------------


def _signed(protocol: str, sig_type: str, sig_name: str) -> bytes:
    return (
        "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: signed\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/signed; protocol="{protocol}"; micalg=sha-256; boundary="b"\r\n'
        "\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease reset my password.\r\n"
        f'--b\r\nContent-Type: {sig_type}; name="{sig_name}"\r\n'
        f'Content-Disposition: attachment; filename="{sig_name}"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\nMIIBAAYJKoZIhvcNAQcCoIIB\r\n--b--\r\n"
    ).encode()


def test_smime_signed_mail_is_noted_and_its_signature_kept() -> None:
    raw = _signed("application/pkcs7-signature", "application/pkcs7-signature", "smime.p7s")
    parsed = parse_message(raw)
    assert (parsed.signature, parsed.encryption) == ("S/MIME", None)
    assert [a.filename for a in parsed.attachments] == ["smime.p7s"]
    assert parsed.reply_text == "Please reset my password."


def test_pgp_mime_signed_mail_is_noted() -> None:
    raw = _signed("application/pgp-signature", "application/pgp-signature", "signature.asc")
    parsed = parse_message(raw)
    assert parsed.signature == "PGP/MIME"
    assert [a.filename for a in parsed.attachments] == ["signature.asc"]


def test_inline_pgp_reply_is_read_without_its_armor() -> None:
    body = (
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nPlease reset my password.\n"
        "- -- \nJo Client\n-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n=abcd\n"
        "-----END PGP SIGNATURE-----\n"
    )
    parsed = parse_message(build(body=body))
    assert parsed.signature == "inline PGP"
    assert parsed.reply_text == "Please reset my password."
    assert parsed.text.strip() == body.strip()  # stored as it came


def test_encrypted_mail_is_noted_and_kept() -> None:
    raw = (
        b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: secret\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"'
        b"\r\n\r\n--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n"
        b'--b\r\nContent-Type: application/octet-stream; name="encrypted.asc"\r\n\r\n'
        b"-----BEGIN PGP MESSAGE-----\r\nhQEMA\r\n-----END PGP MESSAGE-----\r\n--b--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.encryption == "PGP/MIME"
    assert "encrypted.asc" in [a.filename for a in parsed.attachments]


def test_rt_smime_and_gnupg_samples_are_noted(corpora: Path) -> None:
    data = corpora / "rt" / "t" / "data"
    expect = {
        "smime/mails/1-signed.eml": ("S/MIME", None),
        "smime/mails/4-encrypted-plain.eml": (None, "S/MIME"),
        "gnupg/emails/1-signed-MIME-plain.txt": ("PGP/MIME", None),
        "gnupg/emails/4-signed-inline-plain.txt": ("inline PGP", None),
        "gnupg/emails/7-encrypted-MIME-plain.txt": (None, "PGP/MIME"),
        "gnupg/emails/10-encrypted-inline-plain.txt": (None, "inline PGP"),
    }
    for name, (signature, encryption) in expect.items():
        parsed = parse_message((data / name).read_bytes())
        assert (parsed.signature, parsed.encryption) == (signature, encryption), name
    nested = parse_message((data / "gnupg/emails/19-signed-inline-plain-nested.txt").read_bytes())
    assert nested.reply_text == "This is a test email with inline nested signature.\nID:19"


# -- charsets and names ---------------------------------------------------------------------------


def test_text_declared_utf8_but_written_in_latin1_is_read_and_recorded() -> None:
    raw = (
        b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: x\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    ) + "Grüße aus Köln, der Drucker druckt nicht mehr.".encode("latin-1")
    parsed = parse_message(raw)
    assert parsed.text == "Grüße aus Köln, der Drucker druckt nicht mehr."
    assert any("declared charset utf-8 does not decode" in d for d in parsed.defects)


def test_rfc2231_file_names_with_continuations_and_encoded_words() -> None:
    raw = (
        b"From: =?iso-8859-1?q?J=F6rg_M=FCller?= <jm@client.test>\r\n"
        b"To: support@helpdesk.test\r\nSubject: =?utf-8?b?5paH5pu444KS6YCB44KK44G+44GZ?=\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
        b"--b\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment;\r\n"
        b" filename*0*=utf-8''%E6%96%B0%E3%81%97%E3%81%84;\r\n"
        b" filename*1*=%E3%83%86%E3%82%AD%E3%82%B9%E3%83%88.txt\r\n\r\nx\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="=?utf-8?q?Rechnung_M=C3=A4rz.pdf?="\r\n'
        b"\r\n%PDF\r\n--b--\r\n"
    )
    parsed = parse_message(raw)
    assert [a.filename for a in parsed.attachments] == ["新しいテキスト.txt", "Rechnung März.pdf"]
    assert parsed.subject == "文書を送ります"
    assert parsed.from_ is not None
    assert parsed.from_.name == "Jörg Müller"


# -- the JSON the scorers read ---------------------------------------------------------------


def test_parse_json_carries_reading_and_flat_keys(tmp_path: Path) -> None:
    f = tmp_path / "m.eml"
    f.write_bytes(_forwarded("See below.\n\n-- \nJo\n"))
    p = subprocess.run(
        [sys.executable, "-m", "mailgate", "parse", str(f), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(p.stdout)
    assert doc["from_address"] == "jo@client.test"
    assert doc["from_name"] == "Jo"
    assert doc["reply_text"] == "See below."
    assert doc["body_text"] == doc["text"]
    assert doc["forwards"][0]["attachments"][0]["filename"] == "error.png"
    assert (doc["signature"], doc["encryption"]) == (None, None)
    assert "verdict" in doc


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("x-mac-ce", "mac-latin2", "Příliš žluťoučký kůň"),
        ("x-mac-greek", "mac-greek", "Ο εκτυπωτής χάλασε"),
        ("koi8-ru", "koi8-u", "Принтер зламався, ґанок"),
        ("x-cp1251", "cp1251", "Принтер сломался"),
        ("x-euc-jp", "euc-jp", "プリンターが壊れました"),
        ("csksc56011987", "cp949", "프린터가 고장났습니다"),
        ("unicode-1-1-utf-8", "utf-8", "Grüße ✓"),
    ],
)
def test_charset_labels_old_mailers_write(label: str, codec: str, text: str) -> None:
    raw = (
        b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: x\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=" + label.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    ) + text.encode(codec)
    parsed = parse_message(raw)
    assert parsed.text == text
    assert parsed.defects == ()


def test_short_koi8r_subject_without_a_charset_is_read_as_russian(corpora: Path) -> None:
    # RT reads it only when told to expect KOI8-R; statistical detection alone takes
    # these eight bytes for Japanese half-width katakana.
    raw = (corpora / "rt/t/data/emails/russian-subject-no-content-type").read_bytes()
    parsed = parse_message(raw)
    assert parsed.subject == "тест тест"
    assert any("decoded as koi8-r" in d for d in parsed.defects)
    assert parsed.text == "ТЕСТ"  # the body in the charset its header was found in


def test_lowercase_accented_western_text_is_not_taken_for_russian() -> None:
    raw = (
        b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\n"
        b"Subject: =?utf-8?q?x?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    ) + "Le problème est réglé, merci à vous et à l'équipe.".encode("cp1252")
    parsed = parse_message(raw)
    assert not any(ch for ch in parsed.text if "\u0400" <= ch <= "\u04ff")
