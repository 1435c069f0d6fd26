"""Render every mail a client or the team receives, in every shipped language, into
docs/mails/.

    .venv/bin/python docs/mails/render.py           # writes docs/mails/<language>/<name>.txt, .html
    .venv/bin/python docs/mails/render.py --check   # exit 1 when a committed file differs

Each mail is rendered by mailgate's own notifier from the shipped templates, for a
sample ticket in that language (#[123], its client's subject, an agent's answer), as
it would be received: ``<name>.txt`` is the subject and the text part, ``<name>.html``
the HTML part.  The client's mail is written in the ticket's language; the team's
(``agent_alert``, ``agent_note``, ``sla_warning``, ``sla_breach``) in ``[helpdesk]
language``, so it is rendered for a helpdesk configured in that language.
``ticket_opened_copied`` is the acknowledgment of a client of an organization whose
contacts are copied.  tests/test_languages_docs.py runs ``--check``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from mailgate.config import Config, config_from_toml  # noqa: E402
from mailgate.notify import Notifier, Party, Templates, TicketFacts  # noqa: E402
from mailgate.notify.notifier import SAMPLE  # noqa: E402
from mailgate.notify.templates import (  # noqa: E402
    AGENT_TEMPLATES,
    CLIENT_TEMPLATES,
    SHIPPED_LANGUAGES,
)

LANGUAGES = ("en", *SHIPPED_LANGUAGES)
# The helpdesk, its own language (the team's mail) filled in.
CONFIG = """
[helpdesk]
name = "Example Hosting"
language = "{language}"
domain = "example.com"

[[departments]]
name = "support"
address = "support@example.com"
display_name = "Example Hosting Support"
"""
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
# The acknowledgment as a client of an organization receives it, its contacts copied.
COPIED = "ticket_opened_copied"
ORGANIZATION = {"name": "Client Ltd", "copied": ["boss@example.net", "it@example.net"]}

# A client's ticket in each language: the subject they wrote, their name, and what the
# agent answers.
SAMPLES: dict[str, dict[str, str]] = {
    "en": {
        "subject": "The website is down since yesterday",
        "name": "Jo Client",
        "answer": "We restarted the web server. Please try again and tell us how it goes.",
        "message": "Since yesterday evening the website shows error 500. Can you check?",
        "note": "The client called: the error started after their plugin update.",
    },
    "ko": {
        "subject": "어제부터 홈페이지 접속 불가",
        "name": "김민지",
        "answer": "웹 서버를 재시작했습니다. 다시 접속해 보시고 결과를 알려 주십시오.",
        "message": "어제 저녁부터 홈페이지에 500 오류가 납니다. 확인 부탁드립니다.",
        "note": "고객 전화: 플러그인을 업데이트한 뒤부터 오류가 났다고 합니다.",
    },
    "fa": {
        "subject": "سایت از دیروز بالا نمی\u200cآید",
        "name": "رضا احمدی",
        "answer": "وب\u200cسرور را دوباره راه\u200cاندازی کردیم. لطفاً دوباره امتحان کنید "
        "و نتیجه را به ما اطلاع دهید.",
        "message": "با سلام، سایت ما از دیشب خطای 500 می\u200cدهد. لطفاً بررسی کنید.",
        "note": "مشتری تماس گرفت: خطا پس از به\u200cروزرسانی افزونه شروع شده است.",
    },
    "th": {
        "subject": "เข้าเว็บไซต์ไม่ได้ตั้งแต่เมื่อวาน",
        "name": "สมชาย ใจดี",
        "answer": "เราได้รีสตาร์ตเว็บเซิร์ฟเวอร์แล้ว กรุณาลองเข้าใช้งานอีกครั้งและแจ้งผลให้เราทราบ",
        "message": "เว็บไซต์ขึ้นข้อผิดพลาด 500 ตั้งแต่เมื่อวานเย็น รบกวนช่วยตรวจสอบด้วย",
        "note": "ลูกค้าโทรมาแจ้งว่าข้อผิดพลาดเริ่มเกิดหลังจากอัปเดตปลั๊กอิน",
    },
}


def _extra(name: str, config: Config, language: str) -> dict[str, Any]:
    """What each template is given besides the ticket: its main case."""
    answer = SAMPLES[language]["answer"]

    def label(status: str) -> str:
        return config.status_labels(language)[status]

    status = {
        "old": "answered",
        "new": "closed" if name == "ticket_closed" else "on_hold",
        "old_label": label("answered"),
        "new_label": label("closed" if name == "ticket_closed" else "on_hold"),
    }
    return {
        # The other mails' cases (a rating's links, a merge, a split, an organization's
        # copies) as check-config renders them.
        **SAMPLE,
        "organization": {"name": "", "copied": []},
        "unauthenticated": False,
        "refers_to_ticket": None,
        "previous_ticket": None,
        "reply": {"body": answer if name == "agent_reply" else ""},
        "agent": {"name": "Ann"},
        "status": status,
        "closed": {
            "automatically": True,
            "by_client": False,
            "after": "24 hours",
            "after_count": "24",
            "after_unit": "hour",
        },
        "moved": {"from": "sales", "from_display_name": "Example Hosting Sales"},
        # The team's mail: a new ticket's alert, a note, a service level's warning and
        # escalation.
        "alert": {"reason": "new_ticket"},
        "client": {"name": SAMPLES[language]["name"], "address": "client@example.net"},
        "message": {
            "text": SAMPLES[language]["message"],
            "subject": SAMPLES[language]["subject"],
            "attachments": ["screenshot.png"],
        },
        "note": {"body": SAMPLES[language]["note"], "author": "Ann"},
        "sla": {
            "target": "first_response",
            "target_label": "first response",
            "due": "Tue 1 Dec 2026 13:20 (Europe/Berlin)",
            "left": "3 hours 50 minutes",
            "left_units": [{"count": 3, "unit": "hour"}, {"count": 50, "unit": "minute"}],
            "late": "",
            "policy": "support/high",
            "priority": "high",
            "assignee": "ann@example.com",
        },
    }


def render_all() -> dict[Path, str]:
    """Every file of docs/mails/, by path, as it should read."""
    files: dict[Path, str] = {}
    for language in LANGUAGES:
        config = config_from_toml(CONFIG.format(language=language), "<docs/mails/render.py>")
        notifier = Notifier(config, Templates())
        sample = SAMPLES[language]
        facts = TicketFacts(
            123,
            sample["subject"],
            "on_hold",
            "support",
            "client@example.net",
            sample["name"],
            NOW,
            language=language,
        )
        client = Party(sample["name"], "client@example.net")
        team = Party("Ann", "ann@example.com")
        for name in (*CLIENT_TEMPLATES, COPIED, *AGENT_TEMPLATES):
            extra = _extra(name, config, language)
            if name == COPIED:
                extra["organization"] = ORGANIZATION
            prepared = notifier.prepare(
                name.removesuffix("_copied"),
                facts,
                to=(team,) if name in AGENT_TEMPLATES else (client,),
                extra=extra,
                in_reply_to=None if name in AGENT_TEMPLATES else "client-1@example.net",
                now=NOW,
            )
            folder = HERE / language
            files[folder / f"{name}.txt"] = f"Subject: {prepared.subject}\n\n{prepared.text}"
            if prepared.html is not None:
                files[folder / f"{name}.html"] = prepared.html.rstrip("\n") + "\n"
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="Compare, write nothing.")
    args = parser.parse_args()
    files = render_all()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"{p.relative_to(HERE.parents[1])}: differs from the templates", file=sys.stderr)
        return 1 if stale else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(HERE.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
