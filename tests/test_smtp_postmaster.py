"""postmaster@ every domain the helpdesk serves is accepted and reaches a department
(RFC 5321 §4.5.1), over SMTP against the running daemon, though no department has it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, Ticket
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import Dialogue
from tests.support.waiting import wait_for

Start = Callable[..., RunningDaemon]


def deliver(port: int, rcpt: bytes, message_id: str) -> bytes:
    """The answer to RCPT TO; the message is sent when it is accepted."""
    with Dialogue(port) as s:
        assert s.reply().startswith(b"220")
        assert s.say(b"EHLO client.test").startswith(b"250")
        assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
        answer = s.say(b"RCPT TO:<" + rcpt + b">")
        if answer.startswith(b"250"):
            assert s.say(b"DATA").startswith(b"354")
            s.send(build(to=rcpt.decode(), message_id=message_id) + b".\r\n")
            assert s.reply().startswith(b"250 2.0.0")
        assert s.say(b"QUIT").startswith(b"221")
    return answer


def departments_of_tickets(store: Store) -> list[str]:
    with store.read() as s:
        return [t.department for t in s.query(Ticket).order_by(Ticket.id)]


@pytest.mark.parametrize(
    ("setting", "department"),
    [("", "support"), ('postmaster_department = "billing"\n', "billing")],
    ids=["default_department", "configured"],
)
def test_postmaster_of_a_served_domain_is_accepted_and_routed_to_its_department(
    setting: str, department: str, tmp_path: Path, store: Store, run_daemon: Start
) -> None:
    toml = make_toml(tmp_path).replace("[helpdesk]\n", "[helpdesk]\n" + setting)
    config = config_from_toml(toml, "<test>")
    assert not any(a.startswith("postmaster") for a in config.own_addresses())
    d = run_daemon(config, roles=("smtp", "process"))
    for n, rcpt in enumerate([b"postmaster@helpdesk.test", b"PostMaster@HelpDesk.TEST"]):
        assert deliver(d.port, rcpt, f"pm{n}@client.test").startswith(b"250 2.1.5"), rcpt
    # RFC 5321 §4.1.1.3: <Postmaster> without a domain too.
    assert deliver(d.port, b"Postmaster", "pm-bare@client.test").startswith(b"250 2.1.5")
    # Not for a domain the helpdesk does not serve, nor a look-alike.
    assert deliver(d.port, b"postmaster@elsewhere.test", "x@c.t").startswith(b"550 5.1.1")
    assert deliver(d.port, b"postmaster2@helpdesk.test", "y@c.t").startswith(b"550 5.1.1")
    wait_for(lambda: len(departments_of_tickets(store)) == 3, what="three tickets")
    assert departments_of_tickets(store) == [department] * 3
    with store.read() as s:
        assert s.query(InboxRow).count() == 3
