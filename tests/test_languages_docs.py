"""The documentation of the clients' languages says what the code does: docs/mails/
holds every client mail in every shipped language as the templates render it now, and
the README shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mailgate.notify.templates import CLIENT_TEMPLATES, SHIPPED_LANGUAGES

ROOT = Path(__file__).resolve().parents[1]


def test_docs_mails_are_rendered_from_the_templates_as_they_are() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "mails" / "render.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr or "render.py --check failed"
    for language in ("en", *SHIPPED_LANGUAGES):
        for name in CLIENT_TEMPLATES:
            text = (ROOT / "docs" / "mails" / language / f"{name}.txt").read_text("utf-8")
            assert text.startswith("Subject: #[123] "), (language, name)
            assert (ROOT / "docs" / "mails" / language / f"{name}.html").is_file()
    assert 'dir="rtl"' in (ROOT / "docs" / "mails" / "fa" / "ticket_opened.html").read_text()


def test_the_readme_links_the_languages_and_what_the_client_sees() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## The clients' languages", 1)[1].split("\n## ", 1)[0]
    for link in ("docs/languages.md", "docs/mails/", "docs/mails/fa/ticket_opened.txt"):
        assert f"({link})" in section, link
        assert (ROOT / link).exists(), link
    assert readme.index("## The clients' languages") < readme.index("## Where to read on")
