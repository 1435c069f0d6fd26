"""The mail mailgate writes, as a mail expert reads it: every template composed into a
complete message and parsed back (stdlib email, policy.default; a format=flowed decoder;
the Nu HTML Checker) — header order, one MIME-Version, the signature separator, text
that wraps cleanly and reads back as its paragraphs, HTML parts that are whole valid
documents, a subject token that survives encoding."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import formatflowed
import lxml.html
import pytest

from mailgate.config import Config
from mailgate.notify import Notifier, OutAttachment, Party, Prepared, TicketFacts, compose
from mailgate.notify.flowed import to_flowed
from mailgate.notify.notifier import SAMPLE
from mailgate.notify.templates import TEMPLATE_NAMES, Templates
from tests.support.mailcheck import (
    check_accessible,
    check_header,
    check_subject,
    check_text,
    html_document,
    nu_checker_problems,
    parse,
    read_flowed,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CLIENT = Party("Jo Client", "jo@client.test")

# Each template with the variants its branches take.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "ticket_opened": [{}, {"previous_ticket": None, "refers_to_ticket": 7}],
    "agent_reply": [{}],
    "status_changed": [
        {},
        {"status": {"new": "in_progress", "new_label": "In Progress"}, "reply": {"body": ""}},
    ],
    "ticket_closed": [
        {},
        {"closed": {"automatically": False, "by_client": True, "after": ""}},
        {"closed": {"automatically": False, "by_client": False, "after": ""}},
    ],
    "agent_alert": [
        {},
        {
            "alert": {"reason": "client_reply"},
            "message": {"text": "Still broken.", "subject": "Printer", "attachments": []},
        },
    ],
    "department_changed": [{}],
    "agent_note": [{}],
    "rating_request": [{}],
    "sla_warning": [{}, {"sla": {**SAMPLE["sla"], "target": "resolution"}}],
    "sla_breach": [{}],
    "ticket_merged": [{}, {"merged": {**SAMPLE["merged"], "same_requester": False}}],
    "ticket_split": [{}],
}
EVERY_MAIL = [(name, i) for name in TEMPLATE_NAMES for i in range(len(VARIANTS[name]))]


def facts(subject: str = "The printer is broken") -> TicketFacts:
    return TicketFacts(
        123, subject, "answered", "support", CLIENT.address, CLIENT.name, NOW.replace(hour=8)
    )


def notifier(config: Config) -> Notifier:
    return Notifier(config, Templates(config.templates.directory))


def prepare(config: Config, name: str, variant: int = 0, **kwargs: Any) -> Prepared:
    extra = SAMPLE | VARIANTS[name][variant] | kwargs.pop("extra", {})
    return notifier(config).prepare(
        name,
        kwargs.pop("facts", facts()),
        to=(CLIENT,),
        extra=extra,
        in_reply_to="first@client.test",
        references=("first@client.test", "second@client.test"),
        now=NOW,
        **kwargs,
    )


def test_every_template_has_its_text_and_html_parts() -> None:
    shipped = Path(__file__).resolve().parents[1] / "mailgate" / "templates"
    # The folders of other languages (ko/, fa/, th/) hold templates, and are none.
    templates = [p.name for p in shipped.iterdir() if (p / "subject.txt").is_file()]
    assert sorted(templates) == sorted(TEMPLATE_NAMES)
    for name in TEMPLATE_NAMES:
        assert sorted(p.name for p in (shipped / name).iterdir()) == [
            "body.html",
            "body.txt",
            "subject.txt",
        ]


@pytest.mark.parametrize(("name", "variant"), EVERY_MAIL)
def test_the_header_is_in_the_conventional_order_with_mime_version_once(
    config: Config, name: str, variant: int
) -> None:
    check_header(prepare(config, name, variant).raw)


def test_the_order_holds_with_cc_reply_to_and_attachments_in_a_persons_answer(
    config: Config,
) -> None:
    prepared = prepare(
        config,
        "agent_reply",
        cc=(Party("Bob", "bob@client.test"),),
        attachments=(
            OutAttachment("fix.pdf", "application/pdf", b"%PDF-1.4"),
            OutAttachment("shot.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ),
        automatic=False,
    )
    check_header(prepared.raw)
    msg = parse(prepared.raw)
    assert [part.get_content_type() for part in msg.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
        "image/png",
    ]
    assert msg["Cc"] == "Bob <bob@client.test>"
    assert msg["Reply-To"] is not None


@pytest.mark.parametrize(("name", "variant"), EVERY_MAIL)
def test_every_text_part_is_flowed_with_one_signature_separator(
    config: Config, name: str, variant: int
) -> None:
    check_text(parse(prepare(config, name, variant).raw))


def test_the_signature_folded_is_the_templates_even_under_a_clients_signed_mail(
    config: Config,
) -> None:
    client_text = "Nothing prints.\n\n-- \nJo Client\nACME Corp, +1 555 0100\n"
    extra = {"message": {"text": client_text, "subject": "Printer", "attachments": []}}
    msg = parse(prepare(config, "agent_alert", extra=extra).raw)
    read = check_text(msg)
    texts = [text for _, _, text in read]
    signature = texts.index("-- ")
    assert texts.index("Jo Client") < signature, "the client's signature stays readable"
    assert texts[texts.index("Jo Client") - 1] == "--"


# An agent's answer, as agents write them: a paragraph on one line, one hard-wrapped by
# their mail program at 76 columns, a list, a URL and a command line longer than a
# line, the client's words quoted, a line that begins with "From ".
ONE_LINE = (
    "The driver shipped with last week's update ignores the tray setting, so every job "
    "waits for paper in the manual feed. Open the printer's properties and set the tray "
    "to Automatic; the jobs that are waiting then print at once."
)
HARD_WRAPPED = (
    "If a job still waits after that, restart the print spooler: the service keeps "
    "the old setting in memory until it starts again, and a restart of the whole "
    "computer does the same if you prefer."
)
URL = "https://support.example.com/kb/articles/0001234-printer-tray-setting-ignored?lang=en"
COMMAND = (
    "    sc stop spooler && del /q %systemroot%\\system32\\spool\\printers\\* && sc start spooler"
)
QUOTED = (
    "> It printed nothing at all this morning, not even the test page from the printer's own menu."
)
AGENT_TEXT = "\n".join(
    [
        ONE_LINE,
        "",
        textwrap.fill(HARD_WRAPPED, 76),
        "",
        "- restart the spooler",
        "- print a test page",
        "",
        "The article with screenshots:",
        URL,
        "",
        COMMAND,
        "",
        QUOTED,
        "",
        "From now on the tray stays on Automatic.",
    ]
)


def test_an_answer_is_wrapped_at_72_and_a_flowed_reader_gets_its_paragraphs_back(
    config: Config,
) -> None:
    assert max(len(line) for line in textwrap.fill(HARD_WRAPPED, 76).split("\n")) > 72
    prepared = prepare(config, "agent_reply", extra={"reply": {"body": AGENT_TEXT}})
    msg = parse(prepared.raw)
    read = check_text(msg)
    ours = [(depth, text) for _, depth, text in read]
    sign = next(
        i for i, (kind, _, _) in enumerate(read) if kind == formatflowed.SIGNATURE_SEPARATOR
    )
    assert ours[: sign - 1] == [
        (0, ONE_LINE),
        (0, ""),
        (0, HARD_WRAPPED),  # joined and re-wrapped: no ragged 72 + 4 lines
        (0, ""),
        (0, "- restart the spooler"),
        (0, "- print a test page"),
        (0, ""),
        (0, "The article with screenshots:"),
        (0, URL),
        (0, ""),
        (0, COMMAND),  # space-stuffed on the wire, as written once read
        (0, ""),
        (1, QUOTED.removeprefix("> ")),
        (0, ""),
        (0, "From now on the tray stays on Automatic."),
    ]
    text = msg.get_body(("plain",))
    assert text is not None
    lines = text.get_content().replace("\r\n", "\n").split("\n")
    # Kept whole however long: the URL, the command, the quote; "From " is stuffed.
    assert URL in lines
    assert " " + COMMAND in lines
    assert QUOTED in lines
    assert " From now on the tray stays on Automatic." in lines
    # The thread keeps the text as the agent wrote it.
    assert prepared.text.startswith(AGENT_TEXT)


@pytest.mark.parametrize(
    "text",
    [
        # Each first line is long enough that a mail program could have broken it there.
        "Please hold the power button for ten seconds, then plug the cable back in.\nAnn",
        "Please hold the power button for ten seconds, then plug the cable back\n- Ann",
        "Please hold the power button for ten seconds, then read the page here:\n" + URL,
        "Please hold the power button for ten seconds, then type these commands:\n"
        "    net stop spooler",
    ],
)
def test_lines_the_writer_broke_on_purpose_stay_broken(text: str) -> None:
    assert [line for _, _, line in read_flowed(to_flowed(text))] == text.split("\n")


def test_every_html_part_is_a_complete_document_the_nu_checker_accepts(
    config: Config, tmp_path: Path
) -> None:
    documents = {}
    for name, variant in EVERY_MAIL:
        msg = parse(prepare(config, name, variant).raw)
        documents[f"{name}-{variant}"] = html_document(msg)
    assert nu_checker_problems(documents, tmp_path / "html") == []


def test_the_nu_checker_does_find_a_broken_document(tmp_path: Path) -> None:
    broken = '<!DOCTYPE html>\n<html lang="en"><head><title>x</title></head><body><p>a<div>b</p>'
    problems = nu_checker_problems({"broken": broken}, tmp_path / "html")
    assert any("broken.html" in p and "error" in p for p in problems), problems


def test_the_accessibility_check_finds_pale_text_and_a_bare_link() -> None:
    page = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{}</body></html>'
    check_accessible(lxml.html.document_fromstring(page.format('<p style="color:#767676">ok</p>')))
    for bad in ('<p style="color:#999999">pale</p>', '<a href="https://x.test/"></a>'):
        with pytest.raises(AssertionError):
            check_accessible(lxml.html.document_fromstring(page.format(bad)))


@pytest.mark.parametrize(
    "title",
    [
        "Drucker im Büro druckt nicht",
        "打印机坏了，请帮忙看一下这个问题，非常紧急，打印机坏了请帮忙看一下这个问题非常紧急",
        "Принтер не печатает после обновления драйвера, помогите пожалуйста срочно",
        "Café: l'imprimante est en panne depuis ce matin et le service attend ses factures",
        "=?utf-8?q?looks_encoded?= but is plain text",
        "Printer 🖨️ on fire",
    ],
)
def test_the_subject_token_stays_plain_when_the_subject_is_encoded(
    config: Config, title: str
) -> None:
    prepared = prepare(config, "ticket_opened", facts=facts(title))
    check_subject(prepared.raw, "#[123]", title)
    check_header(prepared.raw)


@pytest.mark.parametrize(
    "variant",
    [
        {},
        {"html": None},
        {"cc": (Party("Kim Agent", "kim@helpdesk.test"),), "reply_to": Party("", "r@x.test")},
        {"automatic": False, "loop_domain": "helpdesk.test", "references": ("a@b", "c@d")},
        {"subject": "Re: #[12] " + "a long subject that folds " * 6, "in_reply_to": "q@c"},
        {"text": "Hello\r\nä line\n\n" + "word " * 40, "html": "<p>ö</p>\n<p>x</p>"},
        {"text": "", "html": ""},
    ],
)
def test_a_message_without_attachments_is_written_as_the_classes_write_it(
    variant: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The direct writer of the messages without attachments (every acknowledgment)
    # stands for the email package's classes: the same bytes, boundary aside.
    monkeypatch.setattr(compose.secrets, "token_hex", lambda n: "0" * (2 * n))
    out = compose.Outgoing(
        **{
            "from_": Party("Test Support", "support@helpdesk.test"),
            "to": (Party("Jo Client", "jo@client.test"),),
            "subject": "#[12] The printer",
            "text": "Thank you.\n\n-- \nTest Support",
            "html": "<p>Thank you.</p>",
            "message_id": "m1@helpdesk.test",
            "date": datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
        }
        | variant
    )
    fields = compose._fields(out)
    assert all(compose._plain_field(v) for _n, v in fields)
    assert compose._written(out, fields) == compose._composed(out)
