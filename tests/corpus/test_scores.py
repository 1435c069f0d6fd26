"""The reading scores on the corpora, held at the floor they reached: a change that reads
replies, senders, subjects or attachment names worse than this fails here.

The figures themselves, beside the libraries compared, are printed by
``python -m tests.corpus.score`` and kept in docs/reading.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.engines import FIELD_ENGINES, REPLY_ENGINES, mailgate
from tests.corpus.scoring import PART_MARK, Tally, score_fields, score_replies

CONTRADICTED = {
    ("reply-mailparser-reply", "test/emails/email_2_1.txt"),
    ("reply-mailparser-reply", "test/emails/email_nl_1_2.txt"),
}


@pytest.fixture(scope="module")
def replies(corpora: Path) -> dict[str, dict[str, Tally]]:
    return score_replies(corpora, REPLY_ENGINES)


def _share(tally: Tally, metric: str) -> float:
    share = tally.share(metric)
    assert share is not None, metric
    return share


def test_reply_text_passes_at_least_95_percent_of_the_fixtures(
    replies: dict[str, dict[str, Tally]],
) -> None:
    ours = replies["mailgate"]
    assert _share(ours["ALL"], "case_pass") >= 0.95
    assert _share(ours["ALL"], "equals_sig_tolerant") >= 0.95
    assert _share(ours["ALL"], "not_contains") == 1.0  # never a quote left in
    assert _share(ours["ALL"], "signature_hidden") >= 0.95
    for source, tally in ours.items():
        if PART_MARK not in source:
            assert _share(tally, "case_pass") >= 0.90, (source, tally.failures)


def test_reply_text_is_fast_on_pathological_quotes(replies: dict[str, dict[str, Tally]]) -> None:
    assert _share(replies["mailgate"]["ALL"], "perf") == 1.0


def test_reply_text_is_ahead_of_the_libraries_compared(
    replies: dict[str, dict[str, Tally]],
) -> None:
    ours = _share(replies["mailgate"]["ALL"], "case_pass")
    for library, per in replies.items():
        if library != "mailgate":
            assert ours > _share(per["ALL"], "case_pass"), library
    # Per source, at least as many cases as each library, but for the fixtures whose
    # expectation reply-github and reply-zapier contradict: mail-parser-reply's authors
    # expect Outlook's divider line ("------") kept above the history, GitHub's and
    # Zapier's expect the same fixture's reply without it; mailgate drops it.
    for library, per in replies.items():
        for source, tally in per.items():
            if source == "ALL" or PART_MARK in source:
                continue
            ours_tally = replies["mailgate"][source]
            excused = sum(1 for f, _c, _r in ours_tally.failures if (source, f) in CONTRADICTED)
            mine = ours_tally.counts["case_pass"][0] + excused
            assert mine >= tally.counts["case_pass"][0], (library, source, ours_tally.failures)


def test_message_fields_match_the_authors_expectations(corpora: Path) -> None:
    fields = score_fields(corpora, {"mailgate": mailgate})["mailgate"]
    for metric in ("subject", "from", "attachments"):
        assert _share(fields["ALL"], metric) == 1.0, (metric, fields["ALL"].failures)
    # One django-helpdesk case has different words in its plain and HTML alternatives;
    # the plain one is the text, the HTML is kept beside it.
    assert _share(fields["ALL"], "body") >= 13 / 14


def test_message_fields_are_read_better_than_the_standard_library(corpora: Path) -> None:
    fields = score_fields(corpora, FIELD_ENGINES)
    ours, stdlib = fields["mailgate"]["ALL"], fields["stdlib email"]["ALL"]
    assert _share(ours, "all") > _share(stdlib, "all")
