"""Kill tests: `mailgate run` killed with SIGKILL at random moments while mail arrives,
over SMTP and from an IMAP mailbox; nothing acknowledged is lost, nothing becomes two
tickets.  Sized to take a minute or two each here (200 messages, 4 kills); ``bench/chaos.py``
runs the full numbers (2,000 messages, 20 kills)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chaos.harness import imap_chaos, smtp_chaos
from tests.support.dovecot import Dovecot

pytestmark = pytest.mark.slow


def test_smtp_clients_lose_nothing_and_duplicate_nothing_across_kills(tmp_path: Path) -> None:
    figures = smtp_chaos(tmp_path, n=200, kills=4)
    print(figures.line())
    assert figures.acknowledged == 200
    assert figures.stored == 200
    assert figures.lost == 0
    assert figures.duplicated_tickets == 0
    # Each message one inbox row and one ticket, however often it was sent.
    assert (figures.inbox_rows, figures.tickets) == (200, 200)
    # The kills did break sessions: some messages had to be sent again.
    assert figures.resent > 0


def test_imap_drain_loses_nothing_and_duplicates_nothing_across_kills(
    dovecot: Dovecot, tmp_path: Path
) -> None:
    figures = imap_chaos(dovecot, tmp_path, n=200, kills=4)
    print(figures.line())
    assert figures.acknowledged == 200  # every message \Seen in the end
    assert figures.stored == 200
    assert figures.lost == 0  # nor was any flagged before it was stored
    assert figures.duplicated_tickets == 0
    assert (figures.inbox_rows, figures.tickets) == (200, 200)
