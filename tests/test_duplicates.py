"""The decisions of one problem, one ticket, over values: how alike two requests are,
which open ticket a new mail repeats, what ``[duplicates] mode`` makes of it, and when a
merge or a split is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mailgate.classify import Verdict
from mailgate.config import config_from_toml
from mailgate.duplicates import Candidate, DuplicateMode, Request, likely_duplicate, similarity
from mailgate.errors import ActionRefused, ConfigError, NotFound
from mailgate.notify.notifier import SAMPLE
from mailgate.notify.templates import Templates, shipped_templates
from mailgate.parse import parse_message
from mailgate.process.disposition import Action, Facts, Settings, decide
from mailgate.thread import Match, MessageRef, find_ticket
from mailgate.tickets.merging import UNCONFIRMED, Side, dismissal_refusal, merge_refusal
from mailgate.tickets.splitting import Line, split_plan
from tests.support.config import make_toml
from tests.support.lookups import NothingKnown
from tests.support.mailfactory import build

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
TOKEN = "#[{number}]"
PRINTER = Request("Printer broken", "My printer on the second floor prints only blank pages.")


def test_the_same_request_again_is_wholly_alike_whatever_its_prefix_and_token() -> None:
    again = Request("Re: #[12] AW: printer BROKEN", PRINTER.text.upper())
    score, subject, body = similarity(again, PRINTER, TOKEN)
    assert (score, subject, body) == pytest.approx((1.0, 1.0, 1.0))


def test_a_request_about_something_else_is_not_alike() -> None:
    invoice = Request("Invoice for November", "Please send me the invoice for November.")
    score, _subject, _body = similarity(invoice, PRINTER, TOKEN)
    assert score < 0.2


def test_without_a_body_the_subjects_decide() -> None:
    score, subject, body = similarity(Request("Printer broken", ""), PRINTER, TOKEN)
    assert (score, subject, body) == (1.0, 1.0, None)


def test_only_the_start_of_a_long_body_is_compared() -> None:
    from mailgate.duplicates import MAX_CHARS

    start = ("printer blank pages second floor " * 200)[:MAX_CHARS]
    # Two pasted logs that differ after the start: as alike as their starts.
    a = Request("Printer", start + " ".join(f"alpha{i}" for i in range(50_000)))
    b = Request("Printer", start + " ".join(f"omega{i}" for i in range(50_000)))
    assert similarity(a, b, TOKEN) == similarity(Request("Printer", start), b, TOKEN)
    assert similarity(a, b, TOKEN)[0] == pytest.approx(1.0)


def test_thai_written_without_spaces_is_compared_by_pairs_of_letters() -> None:
    thai = Request("เครื่องพิมพ์เสีย", "เครื่องพิมพ์ชั้นสองพิมพ์ออกมาเป็นกระดาษเปล่า")
    again = Request("เครื่องพิมพ์ยังเสีย", "เครื่องพิมพ์ชั้นสองยังพิมพ์ออกมาเป็นกระดาษเปล่า")
    other = Request("ขอใบแจ้งหนี้", "กรุณาส่งใบแจ้งหนี้เดือนพฤศจิกายน")
    assert similarity(again, thai, TOKEN)[0] > 0.7
    assert similarity(other, thai, TOKEN)[0] < 0.2


def test_the_most_alike_candidate_over_the_threshold_is_the_likely_duplicate() -> None:
    candidates = [
        Candidate(3, "Invoice for November", "Please send me the invoice."),
        Candidate(5, "Printer broken", PRINTER.text),
        Candidate(7, "Printer", "The printer makes a noise."),
    ]
    again = Request("Printer still broken", "My printer on the second floor prints blank pages.")
    likely = likely_duplicate(again, candidates, 0.6, TOKEN)
    assert likely is not None
    assert likely.number == 5
    assert "ticket 5" in likely.reason(0.6)
    assert likely_duplicate(again, candidates, 0.99, TOKEN) is None
    assert likely_duplicate(again, [], 0.1, TOKEN) is None


@dataclass
class Lookups(NothingKnown):
    open: dict[str, list[Candidate]] = field(default_factory=dict)
    asked: list[tuple[str, datetime]] = field(default_factory=list)

    def open_tickets_of(self, requester: str, since: datetime) -> list[Candidate]:
        self.asked.append((requester, since))
        return self.open.get(requester, [])


def facts(mode: DuplicateMode, request: Request = PRINTER, **kw: object) -> Facts:
    return Facts(
        verdict=Verdict("human", "default"),
        match=Match(None, "new_ticket", "no reference"),
        now=NOW,
        settings=Settings(duplicates=mode, duplicates_window=3 * 86400.0),
        sender="jo@client.test",
        request=request,
        **kw,  # type: ignore[arg-type]
    )


JO_OPEN = {"jo@client.test": [Candidate(4, "Printer broken", PRINTER.text)]}


def test_flag_mode_opens_a_ticket_that_names_the_one_it_repeats() -> None:
    look = Lookups(JO_OPEN)
    d = decide(facts(DuplicateMode.FLAG), look)
    assert d.action is Action.OPEN
    assert d.match.duplicate is not None
    assert d.match.duplicate.number == 4
    # Only the sender's tickets changed within the window are compared.
    assert look.asked == [("jo@client.test", NOW - timedelta(days=3))]


def test_join_mode_adds_the_mail_to_the_ticket_it_repeats() -> None:
    d = decide(facts(DuplicateMode.JOIN), Lookups(JO_OPEN))
    assert (d.action, d.ticket_id, d.rule) == (Action.JOIN, 4, "duplicate")
    assert "duplicates.mode = join" in d.reason
    # A message a person accepted to open a ticket of its own is only flagged.
    accepted = decide(facts(DuplicateMode.JOIN, reviewed=True), Lookups(JO_OPEN))
    assert accepted.action is Action.OPEN


def test_off_mode_and_unlike_mail_compare_nothing_or_flag_nothing() -> None:
    look = Lookups(JO_OPEN)
    assert decide(facts(DuplicateMode.OFF), look).match.duplicate is None
    assert look.asked == []
    other = Request("Invoice", "Please send me the invoice for November.")
    assert decide(facts(DuplicateMode.JOIN, other), look).action is Action.OPEN


def test_automatic_mail_is_never_a_duplicate() -> None:
    auto = Facts(
        verdict=Verdict("auto_generated", "auto_submitted"),
        match=Match(None, "new_ticket", "no reference"),
        now=NOW,
        settings=Settings(duplicates=DuplicateMode.JOIN),
        sender="jo@client.test",
        request=PRINTER,
    )
    assert decide(auto, Lookups(JO_OPEN)).action is not Action.JOIN


def test_a_bad_duplicates_key_is_named_with_its_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as e:
        config_from_toml(make_toml(tmp_path, extra='\n[duplicates]\nmode = "merge"\n'), "<t>")
    assert "duplicates.mode" in str(e.value)
    assert "'merge'" in str(e.value)
    with pytest.raises(ConfigError) as e:
        config_from_toml(make_toml(tmp_path, extra='\n[duplicates]\nwindow = "7"\n'), "<t>")
    assert "duplicates.window" in str(e.value)
    with pytest.raises(ConfigError) as e:
        config_from_toml(make_toml(tmp_path, extra="\n[duplicates]\nthreshold = 1.5\n"), "<t>")
    assert "duplicates.threshold" in str(e.value)


# -- merge and split, decided --------------------------------------------------------------------


def side(number: int, requester: str = "jo@client.test", into: int | None = None) -> Side:
    return Side(number, requester, "open", into)


def test_a_merge_is_refused_into_itself_twice_or_into_a_merged_ticket() -> None:
    assert "itself" in (merge_refusal(side(2), side(2), confirmed=True) or "")
    assert "already merged" in (merge_refusal(side(2, into=1), side(3), confirmed=True) or "")
    into_stub = merge_refusal(side(3), side(2, into=1), confirmed=True)
    assert "merge into ticket 1 instead" in (into_stub or "")
    assert merge_refusal(side(2), side(1), confirmed=False) is None


def test_two_requesters_tickets_merge_only_when_confirmed() -> None:
    bob = side(3, "bob@client.test")
    assert merge_refusal(bob, side(1), confirmed=False) == UNCONFIRMED
    assert merge_refusal(bob, side(1), confirmed=True) is None


THREAD = [
    Line(10, "in", "human", "jo@client.test", NOW),
    Line(11, "out", "ticket_opened", "support@helpdesk.test", NOW),
    Line(12, "in", "human", "jo@client.test", NOW),
    Line(13, "out", "agent_reply", "support@helpdesk.test", NOW),
    Line(14, "in", "human", "ann@client.test", NOW),
]


def test_a_split_moves_the_message_or_the_thread_from_it() -> None:
    assert split_plan(1, THREAD, 12, tail=False, merged_into=None).moved == (12,)
    assert split_plan(1, THREAD, 12, tail=True, merged_into=None).moved == (12, 13, 14)
    assert split_plan(1, THREAD, 10, tail=False, merged_into=None).moved == (10,)


def test_a_split_is_refused_for_our_mail_a_whole_thread_or_a_merged_ticket() -> None:
    with pytest.raises(ActionRefused, match="not a client's message"):
        split_plan(1, THREAD, 11, tail=False, merged_into=None)
    with pytest.raises(ActionRefused, match="nothing of the client's would be left"):
        split_plan(1, THREAD, 10, tail=True, merged_into=None)
    # An automatic reply or an agent's mail kept for the team is no client's request.
    for kind in ("auto_reply", "bounce", "agent_mail"):
        thread = [*THREAD, Line(15, "in", kind, "jo@client.test", NOW)]
        with pytest.raises(ActionRefused, match="not a client's message"):
            split_plan(1, thread, 15, tail=False, merged_into=None)
    with pytest.raises(ActionRefused, match="merged into ticket 4"):
        split_plan(1, THREAD, 12, tail=False, merged_into=4)
    with pytest.raises(NotFound):
        split_plan(1, THREAD, 99, tail=False, merged_into=None)


# -- the old number of a merged ticket, and the templates ---------------------------------------


@dataclass
class Merged:
    """Ticket 2 was merged into ticket 1; Jo takes part in ticket 1."""

    def message_refs(self, message_ids: list[str]) -> list[MessageRef]:
        return []

    def ticket_exists(self, ticket_id: int) -> bool:
        return ticket_id in (1, 2)

    def is_participant(self, ticket_id: int, address: str) -> bool:
        return ticket_id == 1 and address == "jo@client.test"

    def merged_into(self, ticket_id: int) -> int | None:
        return 1 if ticket_id == 2 else None


def test_the_old_number_leads_to_the_ticket_it_was_merged_into() -> None:
    token = find_ticket(parse_message(build(subject="Re: #[2] Printer")), Merged())
    assert (token.ticket_id, token.rule) == (1, "subject_token")
    assert "ticket 2 was merged into ticket 1" in token.reason
    signed = find_ticket(parse_message(build(subject="Printer")), Merged(), signed_ticket=2)
    assert (signed.ticket_id, signed.rule) == (1, "reply_token")


@pytest.mark.parametrize("language", ["en", "ko", "fa", "th"])
@pytest.mark.parametrize("name", ["ticket_merged", "ticket_split"])
def test_the_merge_and_split_notices_are_written_in_each_shipped_language(
    language: str, name: str
) -> None:
    context = {
        "helpdesk": {"name": "Desk"},
        "ticket": {"number": 9, "token": "#[9]", "subject": "Printer broken"},
        "department": {"name": "support", "display_name": "Support", "address": "s@x.test"},
        "requester": {"name": "Jo", "address": "jo@client.test"},
    } | SAMPLE
    shipped = shipped_templates()
    folder = shipped / name if language == "en" else shipped / language / name
    assert (folder / "body.html").is_file()
    rendered = Templates().render(name, context, language=language)
    assert "#[9]" in rendered.text
    assert "#[12" in rendered.text  # the merged (#[122]) or the old (#[121]) ticket
    assert rendered.html is not None
    assert ('dir="rtl" lang="fa"' in rendered.html) == (language == "fa")
    english = Templates().render(name, context, language="en").text
    assert (rendered.text == english) == (language == "en")


def test_only_an_unsettled_flag_is_dismissed() -> None:
    assert dismissal_refusal({"duplicate"}, 2, 1) is None
    assert "not flagged" in (dismissal_refusal(set(), 2, 1) or "")
    assert "already" in (dismissal_refusal({"duplicate", "not_duplicate"}, 2, 1) or "")
    assert "merged" in (dismissal_refusal({"duplicate", "merged"}, 2, 1) or "")
