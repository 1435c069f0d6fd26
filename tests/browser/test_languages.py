"""The clients' languages in a real browser (headless Chromium against `mailgate run`):
a Thai client's ticket shows its language, the statuses read as `[labels.en]` writes
them (the survey's scheme), and the answer's preview is the mail in Thai."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.browser import BOB, Browser, ConsoleServer, serving
from tests.support.config import SURVEY_LABELS
from tests.support.mailfactory import THAI

CLIENT = "somchai@client.test"
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("languages"), console=SURVEY_LABELS) as server:
        yield server


def test_a_thai_ticket_is_answered_in_thai_and_its_statuses_read_as_configured(
    console: ConsoleServer, browser: Browser, tmp_path: Path
) -> None:
    message_id = console.send(CLIENT, from_=f"Somchai <{CLIENT}>", subject="เว็บไซต์ล่ม", body=THAI)
    number = console.ticket_of(message_id)
    browser.sign_in(BOB)
    browser.go(f"/tickets/{number}")
    browser.wait_for("#thread article.message")
    head = browser.find(".ticket-head .meta").text
    assert "New" in head
    assert "writes in th" in head
    options = [
        o.text
        for o in browser.driver.find_elements(
            "css selector", "form#reply select[name=status] option"
        )
    ]
    assert "Awaiting clarification" in options

    browser.fill("form#reply textarea[name=body]", "กรุณาล้างแคชของเบราว์เซอร์แล้วลองอีกครั้ง")
    browser.click("form#reply button[name=action][value=preview]")
    preview = browser.wait_for("#preview")
    body = browser.find(".body", preview).text
    assert "กรุณาล้างแคชของเบราว์เซอร์แล้วลองอีกครั้ง" in body
    assert "หากต้องการตอบกลับ เพียงตอบกลับอีเมลฉบับนี้" in body
    assert "to answer, simply reply to this mail" not in body
    assert browser.console_errors() == []


# -- what a mail program shows of the Persian text part ---------------------------------------

SHOW_TEXT = """
const [text, token] = arguments;
document.body.innerHTML = "";
for (const paragraph of text.split(/\\n\\s*\\n/)) {
  // As programs that set each paragraph's direction by its text show plain text.
  const p = document.createElement("p");
  p.dir = "auto";
  p.style.whiteSpace = "pre-wrap";
  p.textContent = paragraph;
  document.body.appendChild(p);
}
const out = {paragraphs: [], directions: [], tokens: []};
for (const p of document.body.children) {
  out.paragraphs.push(p.textContent);
  out.directions.push(getComputedStyle(p).direction);
  const node = p.firstChild;
  let at = node.data.indexOf(token);
  while (at >= 0) {
    const x = (i) => {
      const r = document.createRange();
      r.setStart(node, at + i);
      r.setEnd(node, at + i + 1);
      return r.getBoundingClientRect().left;
    };
    // Where each character of the token is drawn, left to right on the screen.
    out.tokens.push([...token].map((_, i) => x(i)));
    at = node.data.indexOf(token, at + 1);
  }
}
return out;
"""


def _shown(browser: Browser, text: str, token: str) -> dict[str, list[object]]:
    browser.driver.get("data:text/html;charset=utf-8,<!DOCTYPE html><html><body></body></html>")
    return dict(browser.driver.execute_script(SHOW_TEXT, text, token))


def test_a_mail_program_shows_the_persian_acknowledgment_right_to_left_with_the_token_whole(
    browsers: Callable[[], Browser], tmp_path: Path
) -> None:
    from mailgate.config import config_from_toml
    from mailgate.notify import Notifier, Templates, TicketFacts
    from mailgate.notify.templates import FSI, LRI, PDI, RLM

    config = config_from_toml(
        '[[departments]]\nname = "support"\naddress = "support@example.com"\n', "<test>"
    )
    facts = TicketFacts(
        123, "سایت بالا نمی‌آید", "open", "support", CLIENT, "Reza Ahmadi", NOW, language="fa"
    )
    ack = Notifier(config, Templates()).prepare_acknowledgment(
        facts, client_message_id="c@client.test", refers_to_ticket=None, now=NOW
    )
    body = ack.text.split("\n-- \n")[0]
    browser = browsers()
    shown = _shown(browser, body, "#[123]")
    # Every paragraph in Persian right to left, the one that begins with the client's
    # Latin name too (the token's own line has no letters: it stays left to right).
    persian = [
        d
        for p, d in zip(shown["paragraphs"], shown["directions"], strict=True)
        if any("\u0600" <= ch <= "\u06ff" for ch in str(p))
    ]
    assert len(persian) >= 4
    assert set(persian) == {"rtl"}, shown
    # The token drawn as "#[123]": each character to the right of the one before.
    assert len(shown["tokens"]) == 2
    for xs in shown["tokens"]:
        assert xs == sorted(xs), xs  # type: ignore[type-var]
    # Without the isolates the same text shows "[123]#" and turns the greeting around:
    # what the test guards against.
    bare = body.replace(LRI, "").replace(FSI, "").replace(PDI, "").replace(RLM, "")
    broken = _shown(browser, bare, "#[123]")
    assert broken["directions"][0] == "ltr"
    assert any(xs != sorted(xs) for xs in broken["tokens"]), broken  # type: ignore[type-var]


def test_a_mail_program_shows_the_persian_sla_warning_right_to_left_with_the_due_time_whole(
    browsers: Callable[[], Browser], tmp_path: Path
) -> None:
    from mailgate.config import config_from_toml
    from mailgate.notify import Notifier, Party, Templates, TicketFacts
    from mailgate.notify.notifier import SAMPLE
    from mailgate.notify.templates import FSI, LRI, PDI, RLM

    config = config_from_toml(
        '[helpdesk]\nlanguage = "fa"\n'
        '[[departments]]\nname = "support"\naddress = "support@example.com"\n',
        "<test>",
    )
    facts = TicketFacts(123, "Website down", "open", "support", CLIENT, "Somchai", NOW)
    warning = Notifier(config, Templates()).prepare(
        "sla_warning", facts, to=(Party("Ann", "ann@example.com"),), extra=SAMPLE, now=NOW
    )
    body = warning.text.split("\n-- \n")[0]
    due = "13:00 (Europe/Berlin)"
    browser = browsers()
    browser.driver.set_window_size(1600, 900)
    shown = _shown(browser, body, due)
    # Both paragraphs right to left, the subject and the client in Latin letters
    # notwithstanding; the due time drawn in its own order.
    assert shown["directions"] == ["rtl", "rtl"], shown
    [xs] = shown["tokens"]
    assert xs == sorted(xs), xs  # type: ignore[type-var]
    tokens = _shown(browser, body, "#[123]")["tokens"]
    assert tokens != []
    for xs in tokens:
        assert xs == sorted(xs), xs  # type: ignore[type-var]
    # Without the isolates the token shows as "[123]#": what the test guards against.
    bare = body.replace(LRI, "").replace(FSI, "").replace(PDI, "").replace(RLM, "")
    broken = _shown(browser, bare, "#[123]")["tokens"]
    assert any(xs != sorted(xs) for xs in broken), broken  # type: ignore[type-var]
