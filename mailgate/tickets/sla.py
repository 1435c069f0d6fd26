"""Service levels at work: the tickets' clocks kept up to date, their warnings and
escalations sent, and the clocks as agents see them.

The clocks (``mailgate.sla``) are computed from a ticket's history, so nothing that
changes a ticket has to know of them: the scheduler's ``sla`` job computes again the
clocks of every ticket changed since they were computed (``ticket_sla``), then

- warns the ticket's assignee (``sla_warning``; the department's agents when nobody has
  it) when a target not met has ``warn_before`` of business time left, and
- escalates to the admins of ``[[agents]]`` (``sla_breach``; the department's agents when
  there are none) when its due time passes.

Each is sent once per target per ticket: its ``sla_warning`` / ``sla_breach`` event is
written with the mail, in the transaction that marks it sent on the ticket's clocks
under their row lock, so a restart or a second instance does not send it again.  The
mail goes From the department's address with the ticket token, like every mail of a
ticket, and stays in the ticket's thread for the team (the client never sees it).

What the queues and the ticket pages show (:func:`views`) is computed from the history
when the stored clocks are older than the ticket: always current, without a write.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from mailgate.config import Config
from mailgate.config.sla import SlaPolicy
from mailgate.errors import TemplateError
from mailgate.notify import Notifier, Party, Prepared
from mailgate.sla import Clock, SlaState, Standing, Target, business_left, clocks
from mailgate.store.engine import Store
from mailgate.store.models import TicketSla, utcnow
from mailgate.store.sla_repo import SlaFacts, SlaRepo, paused_left
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.addressing import facts_of
from mailgate.tickets.outgoing import queue_mail

log = logging.getLogger(__name__)

ACTOR = "system"
WARNING, BREACH = "warning", "breach"
TARGET_LABELS = {Target.FIRST_RESPONSE: "first response", Target.RESOLUTION: "resolution"}


def compute(config: Config, facts: SlaFacts) -> tuple[SlaPolicy | None, SlaState | None]:
    policy = config.sla_policy(facts.department, facts.priority)
    return policy, (clocks(policy, facts.history) if policy else None)


# -- keeping the clocks up to date ---------------------------------------------------------


# The targets this process last computed every open ticket's clocks for: a new
# configuration (a start, a reload) computes them all again, not only those of the
# tickets changed since.
_computed_for: dict[str, str] = {}  # database URL → targets
# From when the next run looks for changed tickets: the latest change seen when the last
# complete run began, less a margin for the transactions that were still writing then (a
# change is stamped when it is made and seen when it commits).  Without it every run
# read the whole table of tickets, every minute.
_changed_since: dict[str, datetime] = {}  # database URL → time
_COMMIT_MARGIN = timedelta(hours=1)


def refresh(
    store: Store,
    config: Config,
    now: datetime,
    stop: threading.Event | None,
    *,
    open_too: bool = False,
    since: datetime | None = None,
) -> int:
    """Compute again the clocks of every ticket changed since they were computed (with
    ``open_too``, of every ticket not closed too; with ``since``, of those changed at
    or after it), a batch per transaction; how many."""
    done = 0
    last = 0
    while stop is None or not stop.is_set():
        with store.read() as session:
            repo = SlaRepo(session)
            numbers = repo.stale(after=last, open_too=open_too, since=since)
            facts = repo.facts(numbers)
        if not numbers:
            break
        last = numbers[-1]
        computed = [(f, compute(config, f)[1]) for f in facts]
        with store.write() as session:
            repo = SlaRepo(session)
            for f, state in computed:
                repo.save(f, state, now)
        done += len(computed)
    return done


# -- warnings and escalations ------------------------------------------------------------


@dataclass(frozen=True)
class SlaResult:
    refreshed: int = 0
    warned: tuple[tuple[int, str], ...] = ()
    escalated: tuple[tuple[int, str], ...] = ()
    failed: tuple[tuple[int, str], ...] = ()

    @property
    def summary(self) -> str:
        text = (
            f"{self.refreshed} clocks computed, {len(self.warned)} warned, "
            f"{len(self.escalated)} escalated"
        )
        if self.failed:
            text += f", {len(self.failed)} not sent"
        return text


def run_sla(
    store: Store,
    notifier: Notifier,
    config: Config,
    now: datetime | None = None,
    *,
    stop: threading.Event | None = None,
) -> SlaResult:
    """One run of the ``sla`` job: clocks up to date, then the warnings and escalations
    that have come, each once."""
    now = now or utcnow()
    if not config.sla:
        return SlaResult()
    targets = repr((config.calendars, config.sla))
    database = str(store.url)
    changed = _computed_for.get(database) != targets
    with store.read() as session:
        latest = SlaRepo(session).latest_change()
    since = None if changed else _changed_since.get(database)
    refreshed = refresh(store, config, now, stop, open_too=changed, since=since)
    if stop is None or not stop.is_set():
        _computed_for[database] = targets
        if latest is not None:
            _changed_since[database] = latest - _COMMIT_MARGIN
    sent: dict[str, list[tuple[int, str]]] = {WARNING: [], BREACH: []}
    failed: list[tuple[int, str]] = []
    for kind in (WARNING, BREACH):
        tried: set[tuple[int, str]] = set()
        while stop is None or not stop.is_set():
            with store.read() as session:
                due = [
                    d for d in SlaRepo(session).due(kind, now) if (d.number, d.target) not in tried
                ]
                prepared = {}
                for d in due:
                    tried.add((d.number, d.target))
                    try:
                        mail = _prepare(session, notifier, config, kind, d.number, d.target, now)
                    except TemplateError as e:
                        log.error("sla %s of ticket %d not sent: %s", kind, d.number, e)
                        failed.append((d.number, str(e)))
                        continue
                    prepared[(d.number, d.target)] = mail
            if not due:
                break
            sent[kind] += _send(store, kind, prepared, now)
    return SlaResult(refreshed, tuple(sent[WARNING]), tuple(sent[BREACH]), tuple(failed))


def _prepare(
    session: Session,
    notifier: Notifier,
    config: Config,
    kind: str,
    number: int,
    target: Target,
    now: datetime,
) -> Prepared | None:
    """The mail of a warning or an escalation; None: nobody to send it to (the event
    is still written)."""
    ticket = TicketRepo(session).get(number)
    row = SlaRepo(session).rows([number]).get(number)
    if ticket is None or row is None:
        return None
    policy = config.sla_policy(ticket.department, ticket.priority)
    due = getattr(row, f"{target}_due")
    if policy is None or due is None:
        return None
    to = _recipients(config, kind, ticket.department, ticket.assignee)
    if not to:
        return None
    left = business_left(policy, Clock(target, timedelta(0), due, None, None, timedelta(0)), now)
    return notifier.prepare(
        f"sla_{kind}",
        facts_of(ticket),
        to=to,
        extra={
            "sla": {
                "target": str(target),
                "target_label": TARGET_LABELS[target],
                "due": local_time(policy, due),
                "left": in_words(left),
                "left_units": [{"count": n, "unit": w} for n, w in in_units(left)],
                "policy": policy.name,
                "priority": ticket.priority,
                "assignee": ticket.assignee or "",
            }
        },
        now=now,
    )


def _recipients(
    config: Config, kind: str, department: str, assignee: str | None
) -> tuple[Party, ...]:
    """A warning goes to the assignee, an escalation to the admins of ``[[agents]]``; to
    the department's agents when there is nobody of that kind."""
    if kind == WARNING and assignee:
        known = config.agent(assignee)
        return (Party(known.name if known else "", assignee),)
    admins = tuple(a for a in config.agents if a.role == "admin") if kind == BREACH else ()
    return tuple(Party(a.name, a.address) for a in admins or config.agents_of(department))


def _send(
    store: Store, kind: str, prepared: dict[tuple[int, Target], Prepared | None], now: datetime
) -> list[tuple[int, str]]:
    done = []
    with store.write() as session:
        repo, tickets = SlaRepo(session), TicketRepo(session)
        for (number, target), mail in sorted(prepared.items()):
            ticket = tickets.get_for_update(number)
            row = repo.claim(ticket, target, kind, now) if ticket is not None else None
            if ticket is None or row is None:
                continue  # sent by another instance, changed meanwhile, no longer due
            due = getattr(row, f"{target}_due")
            data = {
                "target": str(target),
                "due": due.isoformat() if due else None,
                "policy": row.policy,
                "to": mail.recipients if mail else [],
            }
            tickets.add_event(ticket, f"sla_{kind}", ACTOR, now, data)
            if mail is not None:
                queue_mail(tickets, ticket, mail, now)
            done.append((number, str(target)))
    for number, name in done:
        log.info("ticket %d: sla %s of its %s", number, kind, name, extra={"ticket": number})
    return done


# -- what agents see -----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetView:
    """One target of a ticket as the queues and the ticket page show it."""

    target: str
    standing: str  # running | paused | met | breached
    due: datetime | None
    done_at: datetime | None
    # Business time left (running: before due; paused: when it runs again).
    left: timedelta | None
    at_risk: bool  # running, and its warning time has come

    def as_json(self) -> dict[str, object]:
        return {
            "standing": self.standing,
            "due": self.due.isoformat() if self.due else None,
            "met_at": self.done_at.isoformat() if self.done_at else None,
            "business_seconds_left": (
                int(self.left.total_seconds()) if self.left is not None else None
            ),
            "at_risk": self.at_risk,
        }


@dataclass(frozen=True)
class SlaView:
    policy: str
    first_response: TargetView | None
    resolution: TargetView | None

    def targets(self) -> tuple[TargetView, ...]:
        return tuple(t for t in (self.first_response, self.resolution) if t is not None)

    @property
    def next(self) -> TargetView | None:
        """The target that matters now: breached first, then the soonest due, then paused."""
        pending = [t for t in self.targets() if t.standing != Standing.MET]
        if not pending:
            return None
        return min(
            pending,
            key=lambda t: (t.standing != Standing.BREACHED, t.due is None, t.due or t.done_at),
        )

    def as_json(self) -> dict[str, object]:
        return {
            "policy": self.policy,
            "first_response": self.first_response.as_json() if self.first_response else None,
            "resolution": self.resolution.as_json() if self.resolution else None,
        }


def views(
    session: Session, config: Config, numbers: Sequence[int], now: datetime | None = None
) -> dict[int, SlaView]:
    """The service levels of tickets ``numbers`` that have a target, now: the stored
    clocks where they are current, else computed from the history."""
    if not config.sla:
        return {}
    now = now or utcnow()
    repo = SlaRepo(session)
    rows = repo.rows(numbers)
    out: dict[int, SlaView] = {}
    facts = repo.facts(numbers)
    for f in facts:
        row = rows.get(f.number)
        policy = config.sla_policy(f.department, f.priority)
        if policy is None:
            continue
        if row is not None and row.ticket_updated_at == f.updated_at and row.policy == policy.name:
            out[f.number] = _from_row(policy, row, now)
        else:
            out[f.number] = _from_state(policy, clocks(policy, f.history), now)
    return out


def _target_view(
    policy: SlaPolicy,
    target: Target,
    due: datetime | None,
    warn_at: datetime | None,
    done_at: datetime | None,
    paused: timedelta | None,
    now: datetime,
) -> TargetView:
    clock = Clock(target, timedelta(0), due, warn_at, done_at, paused or timedelta(0))
    standing = clock.standing(now)
    left = None
    if standing == Standing.RUNNING:
        left = business_left(policy, clock, now)
    elif standing == Standing.PAUSED:
        left = paused
    at_risk = standing == Standing.RUNNING and warn_at is not None and warn_at <= now
    return TargetView(str(target), str(standing), due, done_at, left, at_risk)


def _from_row(policy: SlaPolicy, row: TicketSla, now: datetime) -> SlaView:
    out: dict[Target, TargetView | None] = {}
    for target in Target:
        allowed = policy.first_response if target == Target.FIRST_RESPONSE else policy.resolution
        if allowed is None:
            out[target] = None
            continue
        out[target] = _target_view(
            policy,
            target,
            getattr(row, f"{target}_due"),
            getattr(row, f"{target}_warn_at"),
            getattr(row, f"{target}_done_at"),
            paused_left(row, target),
            now,
        )
    return SlaView(policy.name, out[Target.FIRST_RESPONSE], out[Target.RESOLUTION])


def _from_state(policy: SlaPolicy, state: SlaState, now: datetime) -> SlaView:
    def view(c: Clock | None) -> TargetView | None:
        if c is None:
            return None
        paused = c.left if c.due is None else None
        return _target_view(policy, c.target, c.due, c.warn_at, c.done_at, paused, now)

    return SlaView(policy.name, view(state.first_response), view(state.resolution))


def local_time(policy: SlaPolicy, at: datetime) -> str:
    """A due time as agents read it: in the calendar's zone, named."""
    local = at.astimezone(policy.calendar.tz)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} ({policy.calendar.zone})"


def in_units(left: timedelta) -> list[tuple[int, str]]:
    """Business time left, in whole minutes rounded up, as its two largest units:
    ``[(50, "minute")]``, ``[(3, "hour"), (50, "minute")]``, ``[(4, "day"), (3,
    "hour")]`` (days from three on, as :func:`~mailgate.config.duration_in_words` says
    them); none when no time is left.  A template in another language writes them with
    its own unit words."""
    minutes = -(-int(left.total_seconds()) // 60)
    if minutes <= 0:
        return []
    hours, minutes = divmod(minutes, 60)
    days = 0
    if hours >= 72:
        days, hours = divmod(hours, 24)
    units = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    shown = [(n, w) for n, w in units if n][:2] if not days else [(days, "day"), (hours, "hour")]
    return [(n, w) for n, w in shown if n]


def in_words(left: timedelta) -> str:
    """Business time left in English words: ``"50 minutes"``, ``"3 hours 50 minutes"``,
    ``"4 days 3 hours"``, ``"no time"`` (:func:`in_units`)."""
    units = in_units(left)
    if not units:
        return "no time"
    return " ".join(f"{n} {w}{'' if n == 1 else 's'}" for n, w in units)


SHORT_LABELS = {Target.FIRST_RESPONSE: "response", Target.RESOLUTION: "resolution"}


def describe(view: TargetView | None, *, named: bool = False) -> str:
    """A target in a few words: ``due in 3 hours``, ``breached``, ``paused``, ``met``;
    ``named``: after its short name (``response due in 3 hours``)."""
    if view is None:
        return ""
    if named:
        return f"{SHORT_LABELS[Target(view.target)]} {describe(view)}"
    if view.standing == Standing.RUNNING and view.left is not None:
        words = in_words(view.left)
        return f"{'at risk, ' if view.at_risk else ''}due in {words}"
    if view.standing == Standing.PAUSED:
        return "paused"
    return str(view.standing)


def add_sla(
    session: Session, config: Config, docs: Sequence[dict[str, Any]], now: datetime | None = None
) -> None:
    """Put each ticket document's service level (``sla``; None without a target) in it:
    the documents of ``mailgate tickets --json`` and the API."""
    found = views(session, config, [int(d["number"]) for d in docs], now)
    for d in docs:
        view = found.get(int(d["number"]))
        d["sla"] = view.as_json() if view else None


# -- figures ---------------------------------------------------------------------------------


@dataclass
class Outcomes:
    """How the targets of a group of tickets stand: met, breached, neither yet."""

    met: int = 0
    breached: int = 0
    open: int = 0

    def count(self, standing: Standing) -> None:
        if standing == Standing.MET:
            self.met += 1
        elif standing == Standing.BREACHED:
            self.breached += 1
        else:
            self.open += 1

    def as_json(self) -> dict[str, int]:
        return {"met": self.met, "breached": self.breached, "open": self.open}


@dataclass(frozen=True)
class ReportRow:
    department: str
    priority: str
    tickets: int
    first_response: Outcomes
    resolution: Outcomes

    def as_json(self) -> dict[str, object]:
        return {
            "department": self.department,
            "priority": self.priority,
            "tickets": self.tickets,
            "first_response": self.first_response.as_json(),
            "resolution": self.resolution.as_json(),
        }


def report(
    session: Session, since: datetime, until: datetime, now: datetime | None = None
) -> list[ReportRow]:
    """Met and breached targets of the tickets opened in [since, until), per department
    and priority (the ``sla`` job's clocks: as of its last run)."""
    now = now or utcnow()
    groups: dict[tuple[str, str], tuple[list[int], Outcomes, Outcomes]] = {}
    for department, priority, _opened, row in SlaRepo(session).outcomes(since, until):
        count, first, resolution = groups.setdefault(
            (department, priority), ([0], Outcomes(), Outcomes())
        )
        count[0] += 1
        for target, outcomes in ((Target.FIRST_RESPONSE, first), (Target.RESOLUTION, resolution)):
            due = getattr(row, f"{target}_due")
            done = getattr(row, f"{target}_done_at")
            if due is None and done is None and getattr(row, f"{target}_left") is None:
                continue  # the target names no such duration
            standing = Clock(target, timedelta(0), due, None, done, timedelta(0)).standing(now)
            if standing != Standing.MET and getattr(row, f"{target}_escalated_at") is not None:
                standing = Standing.BREACHED  # the job escalated it: breached by its clock
            outcomes.count(standing)
    return [
        ReportRow(d, p, count[0], first, resolution)
        for (d, p), (count, first, resolution) in sorted(groups.items())
    ]


def report_document(session: Session, first: date, last: date) -> dict[str, Any]:
    """The report of the tickets opened from day ``first`` to ``last`` (UTC, included):
    what ``mailgate sla report --json`` and ``/api/sla/report`` return."""
    start = datetime.combine(first, time(0), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=UTC)
    return {
        "since": first.isoformat(),
        "until": last.isoformat(),
        "rows": [r.as_json() for r in report(session, start, end)],
    }
