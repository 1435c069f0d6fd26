"""Link targets in the text of an HTML mail: the text (what ``mailgate ticket N`` shows,
what the API returns as ``text``) shows a link's target only for http, https, mailto
and cid — as the sanitized HTML keeps only those.  ``javascript:``, ``data:``,
``file:``, ``ms-msdt:`` (Follina), ``search-ms:`` and their disguises lose their target
and keep their words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.parse import parse_message
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from tests.support.api import Client, api_toml
from tests.support.cli import run_cli
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build

# name → the href of a link whose words are "open link N" (N its place in LINKS).
DANGEROUS = {
    "javascript": "javascript:alert(document.cookie)",
    "javascript_mixed_case": "JaVaScRiPt:alert(1)",
    "javascript_entities": "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)",
    "javascript_hex_entity_colon": "javascript&#x3a;alert(1)",
    "javascript_named_colon": "javascript&colon;alert(1)",
    "javascript_tab": "java\tscript:alert(1)",
    "javascript_newline_entity": "java&#10;script:alert(1)",
    "javascript_leading_space_and_control": " &#1;javascript:alert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data_html": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data_image": "data:image/png;base64,iVBORw0KGgo=",
    "file": "file:///C:/Windows/System32/calc.exe",
    "file_unc": "file://evil.test/share/payload.lnk",
    "ms_msdt": "ms-msdt:/id PCWDiagnostic /skip force /param IT_RebrowseForFile=?",
    "search_ms": "search-ms:query=invoice&crumb=location:\\\\evil.test@80\\share",
    "ms_officecmd": "ms-officecmd:{}",
    "smb": "smb://evil.test/share",
    "relative": "/account/reset",
}
SAFE = {
    "https": "https://example.test/manual",
    "http_upper": "HTTP://EXAMPLE.TEST/old",
    "mailto": "mailto:help@example.test",
}
LINKS = list({**DANGEROUS, **SAFE}.items())
TARGET_WORDS = ("javascript", "vbscript", "data:", "file:", "ms-", "search-ms", "smb:", "/account")


def html_mail() -> bytes:
    links = "".join(
        f'<p><a href="{href}">open link {i}</a></p>' for i, (_n, href) in enumerate(LINKS)
    )
    return build(body="", html=f"<html><body><p>Dear team,</p>{links}</body></html>")


def test_the_text_of_html_shows_only_safe_link_targets() -> None:
    text = parse_message(html_mail()).text
    for i, (name, _href) in enumerate(LINKS):
        assert f"open link {i}" in text, f"{name}: the link's words were lost"
    for word in TARGET_WORDS:
        assert word not in text.lower(), (word, text)
    assert f"[open link {len(DANGEROUS)}](https://example.test/manual)" in text
    assert "(HTTP://EXAMPLE.TEST/old)" in text
    assert "(mailto:help@example.test)" in text


@pytest.mark.parametrize(
    "html",
    [
        '<blockquote type="cite">old</blockquote><p>Try <a href="ms-msdt:/id x">this</a></p>',
        '<p>Try <a href="search-ms:query=x">this</a></p><div class="gmail_quote">old</div>',
    ],
    ids=["cited", "gmail-quote"],
)
def test_the_new_part_of_an_html_reply_shows_no_dangerous_target(html: str) -> None:
    parsed = parse_message(build(body="", html=html))
    assert "Try this" in parsed.reply_text
    for text in (parsed.reply_text, parsed.text):
        assert "ms-msdt" not in text
        assert "search-ms" not in text


def test_the_ticket_and_the_api_show_no_dangerous_link_target(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    text = api_toml(tmp_path)
    config = config_from_toml(text, "<test>")
    store = Store(config.database)
    upgrade(store)
    envelope = Envelope("smtp", "jo@client.test", ("support@helpdesk.test",), "127.0.0.1")
    store_messages(store, [(envelope, html_mail())])
    Processor(config, store).drain()
    run_daemon(config, ("http",))
    doc = Client(config.http.port).get("/api/tickets/1").body
    [message] = doc["messages"][:1]
    shown = run_cli(text, tmp_path, "ticket", "1", "--full")
    assert shown.returncode == 0, shown.stderr
    for what in (message["text"], message["reply_text"], shown.stdout):
        assert "open link 0" in what
        for word in TARGET_WORDS:
            assert word not in what.lower(), (word, what)
        assert "(https://example.test/manual)" in what
    store.dispose()
