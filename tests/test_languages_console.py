"""The console over real HTTP on loopback: the statuses written in the signed-in agent's
language (``[[agents]] language``; English, or ``[labels.en]``, for the others), and the
answer's preview written in the ticket's language."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.process import Processor
from mailgate.store.engine import Store
from tests.support.config import SURVEY_LABELS
from tests.support.console import BOB, Browser, console_toml, deliver, sign_in_directly
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, THAI, build

KIM = "kim@helpdesk-staff.test"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    # Kim reads the console in Korean; the others in English, as the survey labels it.
    text = (
        console_toml(tmp_path)
        + f'\n[[agents]]\naddress = "{KIM}"\nname = "Kim"\nlanguage = "ko"\n'
        + SURVEY_LABELS
    )
    return config_from_toml(text, "<test>")


@pytest.fixture
def served(
    config: Config,
    store: Store,
    processor: Processor,
    run_daemon: Callable[..., RunningDaemon],
) -> Callable[[str], Browser]:
    """Ticket 1, a Thai client's, and the daemon serving the console."""
    raw = build(subject="เว็บไซต์ล่ม", body=THAI, headers=AUTHENTICATED)
    deliver(store, processor, raw)
    run_daemon(config, ("http",))
    return lambda agent: Browser(config.http.port, sign_in_directly(store, agent))


def shown_text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_statuses_are_written_in_the_agents_language(
    served: Callable[[str], Browser],
) -> None:
    kim, bob = served(KIM), served(BOB)
    korean = kim.get("/queue/all")
    assert korean.status == 200
    assert 'class="status status-open"' in korean.text
    assert ">접수<" in korean.text
    english = bob.get("/queue/all")
    assert ">New<" in english.text
    assert ">접수<" not in english.text
    # The ticket's page: the status, the choices of a new one, the ticket's language.
    page = bob.get("/tickets/1")
    assert '<span class="status status-open">New</span>' in page.text
    assert ">Awaiting clarification</option>" in page.text
    assert "writes in th" in shown_text(page.text)
    assert ">보류</option>" in kim.get("/tickets/1").text


def test_the_answer_preview_is_written_in_the_tickets_language(
    served: Callable[[str], Browser],
) -> None:
    bob = served(BOB)
    page = bob.get("/tickets/1")
    seen = re.search(r'name="seen_message" value="(\d+)"', page.text)
    assert seen is not None
    preview = bob.post(
        "/tickets/1/reply",
        {
            "body": "กรุณาล้างแคชของเบราว์เซอร์แล้วลองอีกครั้ง",
            "template": "agent_reply",
            "action": "preview",
            "seen_message": seen.group(1),
        },
        headers={"X-Fragment": "preview"},
    )
    assert preview.status == 200
    text = shown_text(preview.text)
    assert "หากต้องการตอบกลับ เพียงตอบกลับอีเมลฉบับนี้" in text
    assert "to answer, simply reply to this mail" not in text
