"""The client's mail in each shipped language, as a mail program reads it: the same
checks as the English mail (header order, a flowed text part with one signature
separator, a complete HTML document the Nu HTML Checker accepts), the language and the
direction declared, the ticket token plain in the subject and whole in right-to-left
text, and the status labels of the language (or of ``[labels.<language>]``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from mailgate.config import Config, config_from_toml
from mailgate.notify import Notifier, Party, Prepared, Templates, TicketFacts
from mailgate.notify.flowed import to_flowed
from mailgate.notify.notifier import SAMPLE
from mailgate.notify.templates import (
    AGENT_TEMPLATES,
    CLIENT_TEMPLATES,
    FSI,
    LRI,
    PDI,
    SHIPPED_LANGUAGES,
)
from mailgate.subjects import find_ticket_number, ticket_title
from mailgate.tickets.addressing import TicketThread
from mailgate.tickets.outgoing import status_notice
from tests.support.config import make_toml
from tests.support.mailcheck import (
    check_header,
    check_subject,
    check_text,
    html_document,
    nu_checker_problems,
    parse,
)

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
CLIENT = Party("Jo Client", "jo@client.test")
TITLES = {
    "ko": "웹호스팅 서버 접속 불가",
    "fa": "سایت از دیروز بالا نمی‌آید",
    "th": "เข้าเว็บไซต์ไม่ได้ตั้งแต่เมื่อวาน",
}
# Words each language's acknowledgment is known by.
ACKNOWLEDGED = {
    "ko": "문의가 정상적으로 접수되었으며",
    "fa": "درخواست شما دریافت شد",
    "th": "เราได้รับคำขอของท่านเรียบร้อยแล้ว",
}
# Each client template with the variants its branches take.
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "ticket_opened": [
        {},
        {"previous_ticket": None, "refers_to_ticket": 7},
        {"unauthenticated": True, "previous_ticket": None},
    ],
    "agent_reply": [{}],
    "status_changed": [
        {},
        {"status": {"new": "in_progress", "new_label": "x"}, "reply": {"body": ""}},
    ],
    "ticket_closed": [
        {},
        {"closed": {"automatically": False, "by_client": True, "after": ""}},
        {"closed": {"automatically": False, "by_client": False, "after": ""}},
    ],
    "department_changed": [{}],
    "rating_request": [{}],
    "ticket_merged": [{}, {"merged": {**SAMPLE["merged"], "same_requester": False}}],
    "ticket_split": [{}],
}
EVERY_MAIL = [
    (language, name, i)
    for language in SHIPPED_LANGUAGES
    for name in CLIENT_TEMPLATES
    for i in range(len(VARIANTS[name]))
]


def facts(language: str, *, name: str = CLIENT.name) -> TicketFacts:
    return TicketFacts(
        123,
        TITLES[language],
        "answered",
        "support",
        CLIENT.address,
        name,
        NOW.replace(hour=8),
        language=language,
    )


def prepare(config: Config, language: str, name: str, variant: int = 0) -> Prepared:
    extra = SAMPLE | VARIANTS[name][variant]
    subject_facts = facts(language, name="" if extra["unauthenticated"] else CLIENT.name)
    return Notifier(config, Templates()).prepare(
        name,
        subject_facts,
        to=(CLIENT,),
        extra=extra,
        in_reply_to="first@client.test",
        references=("first@client.test",),
        now=NOW,
    )


def assert_declares_language(html: str, language: str) -> None:
    """The HTML document names ``language`` and its direction (right to left for Persian)."""
    root = lxml.html.document_fromstring(html)
    assert root.get("lang") == language
    assert root.get("dir") == ("rtl" if language == "fa" else "ltr")


def test_every_client_template_is_shipped_in_every_language_with_its_three_parts() -> None:
    shipped = Path(__file__).resolve().parents[1] / "mailgate" / "templates"
    for language in SHIPPED_LANGUAGES:
        for name in CLIENT_TEMPLATES:
            parts = sorted(p.name for p in (shipped / language / name).iterdir())
            assert parts == ["body.html", "body.txt", "subject.txt"], (language, name)


@pytest.mark.parametrize(("language", "name", "variant"), EVERY_MAIL)
def test_every_localized_mail_has_the_conventional_header_and_a_flowed_text_part(
    config: Config, language: str, name: str, variant: int
) -> None:
    raw = prepare(config, language, name, variant).raw
    check_header(raw)
    check_text(parse(raw))


def test_every_localized_html_part_declares_its_language_and_direction_and_passes_the_nu_checker(
    config: Config, tmp_path: Path
) -> None:
    documents = {}
    for language, name, variant in EVERY_MAIL:
        msg = parse(prepare(config, language, name, variant).raw)
        html = html_document(msg)
        assert_declares_language(html, language)
        documents[f"{language}-{name}-{variant}"] = html
    assert nu_checker_problems(documents, tmp_path / "html") == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_the_acknowledgment_is_written_in_the_tickets_language(
    config: Config, language: str
) -> None:
    prepared = prepare(config, language, "ticket_opened")
    msg = parse(prepared.raw)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert ACKNOWLEDGED[language] in " ".join(text.split())
    assert "Hello" not in text
    assert "thank you for writing" not in text
    check_subject(prepared.raw, "#[123]", TITLES[language])


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_a_reply_to_a_localized_subject_finds_its_ticket_again(
    config: Config, language: str
) -> None:
    subject = prepare(config, language, "status_changed").subject
    for reply in (f"Re: {subject}", f"답장: {subject}", f"RE: RE: {subject}", f"پاسخ: {subject}"):
        assert find_ticket_number(reply, "#[{number}]") == 123
    assert TITLES[language] in ticket_title(f"Re: {subject}", "#[{number}]")


def _paragraph_direction(line: str) -> str:
    """The direction of the first strong letter, as a program that sets each paragraph's
    direction by its text shows the line: HTML's dir="auto" does not skip isolates
    (UAX #9 P2 would), so a line that begins with a Latin name needs a strong
    right-to-left mark before it."""
    for ch in line:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "neutral"


@pytest.mark.parametrize(("name", "variant"), [(n, v) for _, n, v in EVERY_MAIL if _ == "fa"])
def test_the_persian_text_reads_right_to_left_with_the_token_kept_whole(
    config: Config, name: str, variant: int
) -> None:
    msg = parse(prepare(config, "fa", name, variant).raw)
    part = msg.get_body(("plain",))
    assert part is not None
    assert part.get_content_charset() == "utf-8"
    text = part.get_content().replace("\r\n", "\n")
    # Every occurrence of the token is isolated left to right: shown as "#[123]", never
    # as "[123]#" in a right-to-left line.
    assert text.count("#[123]") >= 1
    assert text.count("#[123]") == text.count(f"{LRI}#[123]{PDI}")
    # Isolates are closed on the line that opens them (a paragraph ends them anyway, and
    # a mail program that knows none shows nothing for them).
    for line in text.splitlines():
        assert line.count(LRI) + line.count(FSI) == line.count(PDI), line
    # The Persian paragraphs start right to left, the client's Latin name notwithstanding.
    ours = text.split("\n-- \n")[0].replace(SAMPLE["reply"]["body"], "")  # not the agent's
    paragraphs = [p for p in re.split(r"\n\s*\n", ours) if p.strip()]
    directions = [_paragraph_direction(p.split("\n")[0]) for p in paragraphs]
    assert "ltr" not in directions, list(zip(directions, paragraphs, strict=True))
    assert directions.count("rtl") >= (0 if name == "agent_reply" else 2)


def test_the_status_mail_says_the_labels_of_the_tickets_language(
    make_config: Callable[..., Config],
) -> None:
    config = make_config(extra='\n[labels.ko]\non_hold = "외부 확인 대기"\n')
    notifier = Notifier(config, Templates())
    thread = TicketThread(123, "answered", (CLIENT,), (), None, (), facts("ko"))
    on_hold = status_notice(notifier, thread, "on_hold", now=NOW)
    assert on_hold.subject.endswith("[외부 확인 대기]")
    assert "외부 확인 대기" in on_hold.text
    in_progress = status_notice(notifier, thread, "in_progress", now=NOW)
    assert in_progress.subject.endswith("[처리 중]")  # shipped, not configured
    th = TicketThread(123, "answered", (CLIENT,), (), None, (), facts("th"))
    closed = status_notice(notifier, th, "closed", closed_after="24 hours", now=NOW)
    assert closed.subject.endswith("[ปิดแล้ว]")
    assert "24 ชั่วโมง" in closed.text


def test_the_english_labels_follow_the_configuration_in_the_survey_scheme(
    make_config: Callable[..., Config],
) -> None:
    survey = (
        '\n[labels.en]\nopen = "New"\nin_progress = "Assigned"\n'
        'on_hold = "Awaiting clarification"\n'
    )
    config = make_config(extra=survey)
    notifier = Notifier(config, Templates())
    english_facts = TicketFacts(123, "Printer", "open", "support", CLIENT.address, "", NOW)
    english = TicketThread(123, "open", (CLIENT,), (), None, (), english_facts)
    notice = status_notice(notifier, english, "on_hold", now=NOW)
    assert notice.subject == "#[123] Printer [Awaiting clarification]"
    assert config.status_labels("en")["in_progress"] == "Assigned"
    assert config.status_labels("en")["answered"] == "Answered"


def test_the_teams_alert_on_a_korean_ticket_stays_in_the_helpdesks_language(
    config: Config,
) -> None:
    extra = SAMPLE | {"alert": {"reason": "client_reply"}}
    alert = Notifier(config, Templates()).prepare(
        "agent_alert", facts("ko"), to=(Party("Ann", "ann@staff.test"),), extra=extra, now=NOW
    )
    assert "(now Answered)" in alert.text
    assert "답변 완료" not in alert.text
    html_part = parse(alert.raw).get_body(("html",))
    assert html_part is not None
    assert lxml.html.document_fromstring(html_part.get_content()).get("lang") == "en"


# -- the team's mail, in [helpdesk] language --------------------------------------------------

# Each of the team's templates with the variants its branches take.
AGENT_VARIANTS: dict[str, list[dict[str, Any]]] = {
    "agent_alert": [{}, {"alert": {"reason": "client_reply"}}],
    "agent_note": [{}],
    "sla_warning": [
        {},
        {
            "sla": SAMPLE["sla"]
            | {
                "target": "resolution",
                "assignee": "",
                "left": "3 hours 50 minutes",
                "left_units": [{"count": 3, "unit": "hour"}, {"count": 50, "unit": "minute"}],
            }
        },
    ],
    "sla_breach": [{}, {"sla": SAMPLE["sla"] | {"target": "resolution", "assignee": ""}}],
}
EVERY_AGENT_MAIL = [
    (language, name, i)
    for language in SHIPPED_LANGUAGES
    for name in AGENT_TEMPLATES
    for i in range(len(AGENT_VARIANTS[name]))
]
# Words each language's team mail (its first variant; a client's reply for the alert,
# which names the status) is known by, and the English it must not fall back to.
TEAM_WORDS = {
    "agent_alert": {
        "ko": "고객이 티켓에 회신했습니다",
        "fa": "پیام تازه‌ای از",
        "th": "ตอบกลับในทิกเก็ต",
        "en": "wrote on ticket",
    },
    "agent_note": {"ko": "내부 메모", "fa": "یادداشت داخلی", "th": "บันทึกภายใน", "en": "Note from"},
    "sla_warning": {
        "ko": "첫 응답 기한",
        "fa": "مهلت نخستین پاسخ",
        "th": "การตอบกลับครั้งแรก",
        "en": "first response",
    },
    "sla_breach": {
        "ko": "기한이 지났으나",
        "fa": "به پایان رسید",
        "th": "เลยกำหนดเวลา",
        "en": "was due",
    },
}


def helpdesk_in(tmp_path: Path, language: str) -> Config:
    """The tests' configuration with ``[helpdesk] language`` set to ``language``."""
    text = make_toml(tmp_path).replace("[helpdesk]\n", f'[helpdesk]\nlanguage = "{language}"\n', 1)
    config = config_from_toml(text, "<test>")
    assert config.helpdesk.language == language
    return config


def prepare_for_team(
    config: Config, name: str, variant: int = 0, *, ticket: str = "th"
) -> Prepared:
    """The team's mail on a ticket written in ``ticket``'s language."""
    return Notifier(config, Templates()).prepare(
        name,
        facts(ticket),
        to=(Party("Ann Agent", "ann@helpdesk.test"),),
        extra=SAMPLE | AGENT_VARIANTS[name][variant],
        now=NOW,
    )


def test_every_agent_template_is_shipped_in_every_language_with_its_three_parts() -> None:
    shipped = Path(__file__).resolve().parents[1] / "mailgate" / "templates"
    for language in SHIPPED_LANGUAGES:
        for name in AGENT_TEMPLATES:
            parts = sorted(p.name for p in (shipped / language / name).iterdir())
            assert parts == ["body.html", "body.txt", "subject.txt"], (language, name)


# A variable as a template names it: ``ticket.token``, ``sla.left_units``, ``RLM``.
_VARIABLE = re.compile(r"\b(?!loop\b)([a-z_A-Z]+(?:\.[a-z_]+)+)")


def _variables(source: str) -> set[str]:
    tags = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, re.S)
    return {v for tag in tags for v in _VARIABLE.findall(tag)}


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_the_translated_team_mail_says_everything_the_english_says(language: str) -> None:
    shipped = Path(__file__).resolve().parents[1] / "mailgate" / "templates"
    for name in (*AGENT_TEMPLATES, "ticket_opened"):
        for part in ("subject.txt", "body.txt", "body.html"):
            english = _variables((shipped / name / part).read_text("utf-8"))
            translated = _variables((shipped / language / name / part).read_text("utf-8"))
            assert english <= translated, (name, part, english - translated)


@pytest.mark.parametrize(("language", "name", "variant"), EVERY_AGENT_MAIL)
def test_the_teams_mail_in_each_language_has_the_conventional_header_and_a_flowed_text_part(
    tmp_path: Path, language: str, name: str, variant: int
) -> None:
    prepared = prepare_for_team(helpdesk_in(tmp_path, language), name, variant)
    check_header(prepared.raw)
    check_text(parse(prepared.raw))
    # From the department, the ticket's token plain in the subject.
    assert prepared.sender.address == "support@helpdesk.test"
    assert prepared.subject.startswith("#[123] ")


def test_the_teams_html_parts_declare_the_helpdesks_language_and_pass_the_nu_checker(
    tmp_path: Path,
) -> None:
    documents = {}
    for language, name, variant in EVERY_AGENT_MAIL:
        config = helpdesk_in(tmp_path / language, language)
        html = html_document(parse(prepare_for_team(config, name, variant).raw))
        assert_declares_language(html, language)
        documents[f"{language}-{name}-{variant}"] = html
    assert nu_checker_problems(documents, tmp_path / "html") == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_the_teams_mail_is_written_in_the_helpdesks_language_whatever_the_tickets(
    tmp_path: Path, language: str
) -> None:
    config = helpdesk_in(tmp_path, language)
    labels = config.status_labels(language)
    # A ticket in another language than the helpdesk's: the team still reads their own.
    other = next(lang for lang in SHIPPED_LANGUAGES if lang != language)
    for name in AGENT_TEMPLATES:
        prepared = prepare_for_team(config, name, int(name == "agent_alert"), ticket=other)
        text = " ".join(prepared.text.split())
        assert TEAM_WORDS[name][language] in f"{prepared.subject} {text}", name
        assert TEAM_WORDS[name]["en"] not in f"{prepared.subject} {text}", name
        assert labels["answered"] in text, name
        html_part = parse(prepared.raw).get_body(("html",))
        assert html_part is not None
        html_text = lxml.html.document_fromstring(html_part.get_content()).text_content()
        assert TEAM_WORDS[name][language] in " ".join(html_text.split()), name


def test_the_time_left_and_the_target_are_written_in_the_helpdesks_words(
    tmp_path: Path,
) -> None:
    said = {
        language: " ".join(
            prepare_for_team(
                helpdesk_in(tmp_path / language, language), "sla_warning", 1
            ).text.split()
        )
        for language in SHIPPED_LANGUAGES
    }
    assert "해결 기한" in said["ko"]
    assert "3시간 50분" in said["ko"]
    assert "مهلت حل مشکل" in said["fa"]
    assert "3 ساعت و 50 دقیقه" in said["fa"]
    assert "การแก้ไขปัญหา" in said["th"]
    assert "3 ชั่วโมง 50 นาที" in said["th"]
    assert all("hours" not in text and "minutes" not in text for text in said.values())


@pytest.mark.parametrize(
    ("name", "variant"), [(n, v) for lang, n, v in EVERY_AGENT_MAIL if lang == "fa"]
)
def test_the_persian_team_mail_reads_right_to_left_with_tokens_and_addresses_kept_whole(
    tmp_path: Path, name: str, variant: int
) -> None:
    prepared = prepare_for_team(helpdesk_in(tmp_path, "fa"), name, variant)
    part = parse(prepared.raw).get_body(("plain",))
    assert part is not None
    assert part.get_content_charset() == "utf-8"
    text = part.get_content().replace("\r\n", "\n")
    assert text.count("#[123]") >= 1
    assert text.count("#[123]") == text.count(f"{LRI}#[123]{PDI}")
    # Every address and command reads left to right.
    addresses = ("support@helpdesk.test", "jo@client.test", "jo@client.example")
    for run in (*addresses, "`mailgate ticket 123`"):
        assert text.count(run) == text.count(f"{LRI}{run}{PDI}"), run
    for line in text.splitlines():
        assert line.count(LRI) + line.count(FSI) == line.count(PDI), line
    # The Persian paragraphs start right to left; the client's words and the agent's note
    # are theirs, in whichever direction they wrote them.
    ours = text.split("\n-- \n")[0]
    for theirs in (SAMPLE["message"]["text"], SAMPLE["note"]["body"]):
        ours = ours.replace(theirs, "")
    paragraphs = [p for p in re.split(r"\n\s*\n", ours) if p.strip()]
    directions = [_paragraph_direction(p.split("\n")[0]) for p in paragraphs]
    assert "ltr" not in directions, list(zip(directions, paragraphs, strict=True))
    assert directions.count("rtl") >= 1
    footer = text.split("\n-- \n")[1]
    assert _paragraph_direction(footer) == "rtl"


def test_a_flowed_line_is_not_broken_inside_an_isolate() -> None:
    due = f"{LRI}Mon 7 Dec 2026 13:00 (Europe/Berlin){PDI}"
    for pad in range(40, 72):
        text = "ب" * pad + f" در {due} به پایان می‌رسد و این یک جمله‌ی بلند است.\n"
        lines = to_flowed(text).split("\n")
        assert "".join(lines) == text.rstrip("\n")
        assert all(line.count(LRI) == line.count(PDI) for line in lines), lines
