"""The documentation of the clients' languages says what the code does: docs/mails/
holds every mail — the client's and the team's — in every shipped language as the
templates render it now, docs/languages.md tables them all, and each README section
links the mail it adds in every language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from mailgate.notify.templates import AGENT_TEMPLATES, CLIENT_TEMPLATES, SHIPPED_LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", *SHIPPED_LANGUAGES)
# Besides the templates, the acknowledgment of an organization's client, its contacts
# copied.
RENDERED = (*CLIENT_TEMPLATES, "ticket_opened_copied", *AGENT_TEMPLATES)
# Each README section, with the mail it brought.
SECTIONS = {
    "## Organizations and contacts": ["ticket_opened_copied"],
    "## Duplicates, merging and splitting": ["ticket_merged", "ticket_split"],
    "## Satisfaction ratings": ["rating_request"],
    "## Service levels": ["sla_warning", "sla_breach"],
    "## The clients' languages": ["ticket_opened", "agent_alert"],
}


def _section(text: str, heading: str) -> str:
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_docs_mails_are_rendered_from_the_templates_as_they_are() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "mails" / "render.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr or "render.py --check failed"
    for language in LANGUAGES:
        for name in RENDERED:
            text = (ROOT / "docs" / "mails" / language / f"{name}.txt").read_text("utf-8")
            assert text.startswith("Subject: #[123] "), (language, name)
            html = (ROOT / "docs" / "mails" / language / f"{name}.html").read_text("utf-8")
            assert f'<html lang="{language}"' in html, (language, name)
    assert 'dir="rtl"' in (ROOT / "docs" / "mails" / "fa" / "ticket_opened.html").read_text()
    # The team's mail is rendered in the language of a helpdesk configured in it.
    assert "새 티켓" in (ROOT / "docs" / "mails" / "ko" / "agent_alert.txt").read_text("utf-8")
    copied = (ROOT / "docs" / "mails" / "th" / "ticket_opened_copied.txt").read_text("utf-8")
    assert "boss@example.net" in copied


def test_docs_languages_tables_every_rendered_mail_in_every_language() -> None:
    doc = (ROOT / "docs" / "languages.md").read_text("utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"(?m)^\| `([a-z_]+)` \|.*$", doc)}
    assert set(rows) >= set(RENDERED), set(RENDERED) - set(rows)
    for name in RENDERED:
        for language in LANGUAGES:
            for kind in ("txt", "html"):
                link = f"mails/{language}/{name}.{kind}"
                assert f"({link})" in rows[name], link
                assert (ROOT / "docs" / link).is_file(), link


def test_the_readme_links_the_languages_and_what_the_client_sees() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## The clients' languages", 1)[1].split("\n## ", 1)[0]
    for link in ("docs/languages.md", "docs/mails/", "docs/mails/fa/ticket_opened.txt"):
        assert f"({link})" in section, link
        assert (ROOT / link).exists(), link
    assert readme.index("## The clients' languages") < readme.index("## Where to read on")


def test_each_readme_section_links_its_mail_in_every_language() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for heading, names in SECTIONS.items():
        section = _section(readme, heading)
        for name in names:
            for language in LANGUAGES:
                link = f"docs/mails/{language}/{name}.txt"
                assert f"]({link})" in section, (heading, link)
                assert (ROOT / link).is_file(), link
