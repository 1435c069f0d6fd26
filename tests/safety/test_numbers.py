"""Ticket numbers are written in ASCII digits, wherever one is read: Python's ``int()``
and ``\\d`` take every script's digits (``int("١٢") == 12``), so ``#[１]`` in a subject,
``mailgate ticket ١`` or a reply address tagged ``+١.…`` must name no ticket."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailgate.process import Processor
from mailgate.reply_addresses import reply_address, ticket_of
from mailgate.store.engine import Store
from mailgate.store.models import Ticket
from mailgate.subjects import find_ticket_number
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import build
from tests.support.store import receive

# 1 in other scripts: Arabic-Indic, fullwidth, Devanagari, mathematical bold, superscript.
ONES = ["\u0661", "\uff11", "\u0967", "\U0001d7cf", "\u00b9"]


@pytest.mark.parametrize("one", ONES)
def test_the_command_line_takes_ticket_numbers_and_ids_in_ascii_digits_only(
    tmp_path: Path, store: Store, processor: Processor, one: str
) -> None:
    receive(store, build(subject="Printer"))
    processor.run_once()
    conf = make_toml(tmp_path)
    assert run_cli(conf, tmp_path, "ticket", "1").returncode == 0
    for args in (
        ("ticket", one),
        ("ticket", one, "--status", "closed", "--quiet"),
        ("reply", one, "--body-file", "-"),
        ("assign", one, "none"),
        ("explain", one),
        ("reprocess", one),
        ("accept", one),
        ("accept", "1", "--ticket", one),
    ):
        done = run_cli(conf, tmp_path, *args, input="hello\n")
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "is not a number (digits 0-9)" in done.stderr, args
    with store.read() as s:
        ticket = s.get(Ticket, 1)
        assert ticket is not None
        assert ticket.status == "open"


@pytest.mark.parametrize("one", ONES)
def test_a_subject_token_in_other_digits_names_no_ticket(
    store: Store, processor: Processor, one: str
) -> None:
    assert find_ticket_number("Re: #[1] Printer", "#[{number}]") == 1
    assert find_ticket_number(f"Re: #[{one}] Printer", "#[{number}]") is None
    receive(store, build(subject="Printer", message_id="first@client.test"))
    receive(store, build(subject=f"Re: #[{one}] Printer", message_id="second@client.test"))
    processor.drain()
    with store.read() as s:
        assert s.query(Ticket).count() == 2  # the second mail is a ticket of its own


@pytest.mark.parametrize("one", ONES)
def test_a_reply_address_tagged_in_other_digits_names_no_ticket(one: str) -> None:
    secret = b"0123456789abcdef0123456789abcdef"
    address = reply_address("support@helpdesk.test", 1, secret, "+")
    assert ticket_of(address, secret, "+") == 1
    assert ticket_of(address.replace("+1.", f"+{one}."), secret, "+") is None
