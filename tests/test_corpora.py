"""Real-world mail other projects collected (../shared/corpora): every message goes in,
is stored, and ends processed or quarantined — none lost, none stuck — and the results
their authors expected hold where they apply to mailgate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mailgate.config import Config
from mailgate.inbox import dedupe_fields
from mailgate.parse import parse_message
from mailgate.parse.html import html_to_text
from mailgate.process import Processor
from mailgate.receive.importer import import_messages
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo
from mailgate.store.models import InboxRow

NOT_MAIL = {"ORIGIN.txt", "EXPECTED.json", "CATALOG.md", "BEHAVIOUR.json"}


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.name not in NOT_MAIL and p.suffix != ".py"
    )


def expected(corpora: Path, folder: str) -> list[dict]:  # type: ignore[type-arg]
    return json.loads((corpora / folder / "EXPECTED.json").read_text())["cases"]


@pytest.mark.slow
def test_every_corpus_message_is_stored_and_processed(
    corpora: Path, config: Config, store: Store
) -> None:
    files = corpus_files(corpora)
    assert len(files) > 900
    source = ((str(f), f.read_bytes()) for f in files)
    summary = import_messages(store, source, recipients=("support@helpdesk.test",))
    assert summary.errors == []
    distinct = {dedupe_fields(f.read_bytes())[0] for f in files}
    assert summary.seen == len(files)
    assert summary.stored == len(distinct)
    assert summary.stored + summary.duplicates == len(files)

    result = Processor(config, store).drain()
    assert result.failed == 0
    assert result.retried == 0
    assert result.processed + result.held + result.quarantined == len(distinct)
    with store.read() as s:
        counts = InboxRepo(s).counts()
        # On a ticket, or where a person sees it: none processed without a ticket.
        assert s.query(InboxRow).filter_by(state="processed", ticket_id=None).count() == 0
    assert set(counts) <= {"processed", "held", "quarantined"}, counts
    assert sum(counts.values()) == len(distinct)


def test_rt_expectations(corpora: Path) -> None:
    checked = 0
    for case in expected(corpora, "rt"):
        if case.get("config_dependent"):
            continue
        parsed = parse_message((corpora / "rt" / case["file"]).read_bytes())
        if "subject" in case and len(case["subject"]) < 200:
            assert parsed.subject == case["subject"], case["file"]
        if "subject" in case:
            # RT cuts subjects at 200 characters for its database; mailgate keeps them.
            assert parsed.subject.startswith(case["subject"]), case["file"]
        for rx in case.get("body_contains", []):
            assert re.search(rx, parsed.text), (case["file"], rx)
        if "attachment_filenames" in case:
            names = [a.filename for a in parsed.attachments]
            assert names == case["attachment_filenames"], case["file"]
        if "from_contains" in case:
            assert parsed.from_ is not None
            assert parsed.from_.name in case["from_contains"]
            assert parsed.from_.address in case["from_contains"]
        checked += 1
    assert checked >= 12


def test_django_helpdesk_expectations(corpora: Path) -> None:
    for case in expected(corpora, "django-helpdesk"):
        parsed = parse_message((corpora / "django-helpdesk" / case["file"]).read_bytes())
        if "subject" in case:
            assert parsed.subject == case["subject"], case["file"]
        if "subject_prefix" in case:
            assert parsed.subject.startswith(case["subject_prefix"]), case["file"]
        if "body_equals" in case:
            assert parsed.text.strip() == case["body_equals"], case["file"]
        for text in case.get("body_contains", []):
            # utf-nondecodable.eml has the words only in its HTML alternative, which
            # mailgate keeps beside the plain text.
            readable = parsed.text + "\n" + html_to_text(parsed.html or "")
            assert text in readable, case["file"]
        for text in case.get("quoted_or_forwarded_contains", []):
            assert text in parsed.text, case["file"]


def test_mail_parser_expectations(corpora: Path) -> None:
    for case in expected(corpora, "mail-parser"):
        parsed = parse_message((corpora / "mail-parser" / case["file"]).read_bytes())
        if "attachments_count" in case:
            assert len(parsed.attachments) == case["attachments_count"], case["file"]
        for d in case.get("defects", []):
            assert d in parsed.defects, (case["file"], d)
        if "text_html_parts" in case:
            assert parsed.html is not None, case["file"]
        if "has_reply_to" in case:
            assert bool(parsed.reply_to) == case["has_reply_to"]
        for text in case.get("text_not_managed", []):
            assert text not in parsed.text, case["file"]
