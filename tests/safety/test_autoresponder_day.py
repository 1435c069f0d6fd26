"""Auto-responders wired back into mailgate over loopback for a simulated day.

The worst case: the client and the agent both have an out-of-office reply that strips
every header saying it is automatic (no Auto-Submitted, no Precedence) and answers
whatever reaches them, threaded.  Every alert to the agent comes back as the agent's
"answer", which mailgate relays to the client, whose auto-responder answers it, which
alerts the agent again … and the client, a person, writes once an hour on top.

Mail really goes round: mailgate's sender hands it over SMTP to a loopback server that
plays both mailboxes, which answers each message over SMTP to mailgate's running
listener before it accepts it.  The clock of processing and sending is the test's: a
day passes in simulated minutes.  What went out must stay within the recipient limits
(10 per recipient per ticket in 10 minutes, 100 in 10 hours), and the tickets opened
within new_tickets_per_hour.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

from mailgate.config import Config
from mailgate.process import Processor
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.models import Event, OutboxRow, Ticket
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import Relay

CLIENT = "jo@client.test"
AGENT = "ann@team.test"
SUPPORT = "support@helpdesk.test"
START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


class AutoResponders(Relay):
    """The mail servers of the client and of the agent: every message to them is answered
    at once, header-stripped.  ``threaded``: the answer keeps the subject and
    In-Reply-To; otherwise it is a new mail ("Out of office") that refers to nothing."""

    def __init__(self, listener_port: int, threaded: bool = True) -> None:
        super().__init__()
        self.listener_port = listener_port
        self.threaded = threaded
        self.answered = 0
        self.on_data = self.answer

    def answer(self, content: bytes) -> None:
        head = content.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")

        def field(name: str) -> str:
            m = re.search(rf"^{name}:\s*(.*(?:\r\n[ \t].*)*)", head, re.MULTILINE | re.IGNORECASE)
            return " ".join(m.group(1).split()) if m else ""

        to = field("To")
        me = AGENT if AGENT in to else CLIENT
        back = re.search(r"<([^>]+)>", field("Reply-To") or field("From"))
        assert back is not None
        msg = EmailMessage(policy=SMTP)
        msg["From"] = me
        msg["To"] = back.group(1)
        msg["Message-ID"] = make_msgid(domain=me.split("@")[1])
        if self.threaded:
            msg["Subject"] = "Re: " + field("Subject")
            msg["In-Reply-To"] = field("Message-ID")
            msg["References"] = field("Message-ID")
        else:
            msg["Subject"] = "Thank you for your message"
        msg.set_content("Thank you for your message.  I will read it on Monday.\n")
        with smtplib.SMTP("127.0.0.1", self.listener_port, timeout=10) as c:
            c.sendmail(me, [back.group(1)], msg.as_bytes())
        self.answered += 1


def config_for(smtp_config: Callable[..., Config], port: int) -> Config:
    return smtp_config(
        port,
        extra=f'\n[[agents]]\naddress = "{AGENT}"\nname = "Ann"\n',
    )


def max_in_window(times: list[datetime], window: timedelta) -> int:
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def simulate_day(
    config: Config, store: Store, responders: AutoResponders, first_mail: bytes
) -> Clock:
    clock = Clock()
    processor = Processor(config, store, clock=clock)
    sender = Sender(config.outbound, store, clock=clock)
    try:
        for minute in range(24 * 60):
            clock.now = START + timedelta(minutes=minute)
            if minute % 60 == 0:  # the client, a person, writes once an hour
                mail = (
                    first_mail
                    if minute == 0
                    else build(
                        subject="Re: #[1] Printer broken",
                        body=f"Still broken at {clock.now:%H:%M}.\n",
                        in_reply_to="first@client.test",
                    )
                )
                with smtplib.SMTP("127.0.0.1", responders.listener_port, timeout=10) as c:
                    c.sendmail(CLIENT, [SUPPORT], mail)
            for _hop in range(3):  # up to three round trips a minute
                processed = processor.drain().total
                sent = sender.drain().sent
                if not processed and not sent:
                    break
    finally:
        sender.close()
    return clock


def run_day(
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    run_daemon: Callable[..., RunningDaemon],
    *,
    threaded: bool,
) -> tuple[Config, Store, AutoResponders]:
    """mailgate's listener running, the auto-responders answering into it, a day
    simulated; the configuration, the store and the auto-responders after it."""
    listener = run_daemon(config_for(smtp_config, 1), roles=("smtp",))
    responders = AutoResponders(listener.port, threaded=threaded).start()
    try:
        config = config_for(smtp_config, responders.port)
        store = open_store(config)
        simulate_day(config, store, responders, build(message_id="first@client.test"))
    finally:
        responders.stop()
    return config, store, responders


def test_two_autoresponders_answering_each_other_stay_within_the_limits(
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    _config, store, responders = run_day(smtp_config, open_store, run_daemon, threaded=True)
    with store.read() as s:
        out = list(s.query(OutboxRow))
        withheld = s.query(Event).filter_by(kind="mail_withheld").count()
        tickets = s.query(Ticket).count()
    to_agent = [r.created_at for r in out if AGENT in r.recipients]
    to_client = [r.created_at for r in out if CLIENT in r.recipients]
    figures = {
        "mails out": len(out),
        "to the agent": len(to_agent),
        "to the client": len(to_client),
        "withheld": withheld,
        "auto-responses received": responders.answered,
        "tickets": tickets,
    }
    print(figures)
    assert tickets == 1  # every answer threaded onto the one ticket
    for times in (to_agent, to_client):
        assert max_in_window(times, timedelta(minutes=10)) <= 10, figures
        assert max_in_window(times, timedelta(hours=10)) <= 100, figures
    # The limits were what stopped the loop (it would otherwise run ~90 hops an hour).
    assert withheld > 0
    assert len(to_agent) <= 300
    assert len(to_client) <= 300
    assert all(r.state == "sent" for r in out)


def test_an_unthreaded_autoresponder_opens_tickets_within_the_hourly_limits(
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    """An out-of-office reply that refers to nothing opens a new ticket each time; the
    acknowledgment of each would be answered again — until the hourly limits stop it."""
    config, store, responders = run_day(smtp_config, open_store, run_daemon, threaded=False)
    with store.read() as s:
        tickets = list(s.query(Ticket))
        acks = list(s.query(OutboxRow).filter_by(kind="ticket_opened"))
    print({"tickets": len(tickets), "acknowledgments": len(acks), "answered": responders.answered})
    assert len(tickets) > 2  # the loop did run: each answer opened a ticket
    for who in (CLIENT, AGENT):
        opened = [t.created_at for t in tickets if t.requester == who]
        acked = [r.created_at for r in acks if who in r.recipients]
        assert max_in_window(opened, timedelta(hours=1)) <= config.security.new_tickets_per_hour
        assert max_in_window(acked, timedelta(hours=1)) <= config.notify.acknowledgments_per_hour
