"""Prometheus metrics and the health verdict of ``mailgate run``.

Two sources, so that counts survive the process that made them:

- the **database** (:mod:`mailgate.store.figures_repo`): mail received by source,
  processed by verdict, quarantined, the inbox's and the outbox's backlog and the age of
  their oldest message, sending failures.  Right whichever process or instance did the
  work, and after any crash.
- the **daemon's memory** (:class:`SharedMetrics`), for what leaves no row: the
  processing latency histogram (reported by the processing workers) and IMAP reconnects
  (reported by the IMAP poller process).  Child processes come and go; the counts are
  the daemon's, so they add up until the daemon itself restarts (Prometheus reads that
  as a counter reset).

The text is Prometheus' exposition format 0.0.4, written here: a few lines, no
dependency.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mailgate.config import Config
from mailgate.store import inbox_repo, outbox_repo
from mailgate.store.figures_repo import Figures

# Seconds from a message's arrival in the inbox to the commit that processed it.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 1800.0)


class SharedMetrics:
    """What the daemon's child processes report for /metrics, in the daemon's memory:
    ``latency`` holds one count per bucket, then +Inf, the sum and the count;
    ``reconnects`` one count per ``[[inbound.imap]]`` account, in the configuration's
    order.  The children report over their links (:mod:`mailgate.ops.links`): no memory
    or lock is shared with them."""

    def __init__(self, imap_accounts: int = 0) -> None:
        self.latency = [0.0] * (len(LATENCY_BUCKETS) + 3)
        self.reconnects = [0.0] * max(1, imap_accounts)
        self._lock = threading.Lock()  # the loop writes; the API's threads may read

    @classmethod
    def create(cls, imap_accounts: int = 0) -> SharedMetrics:
        return cls(imap_accounts)

    def observe_latency(self, seconds: float) -> None:
        n = len(LATENCY_BUCKETS)
        with self._lock:
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    self.latency[i] += 1
                    break
            else:
                self.latency[n] += 1
            self.latency[n + 1] += seconds
            self.latency[n + 2] += 1

    def add_reconnects(self, account: int, n: int) -> None:
        if n and 0 <= account < len(self.reconnects):
            with self._lock:
                self.reconnects[account] += n

    def latency_snapshot(self) -> tuple[list[float], float, float]:
        """Cumulative bucket counts (the +Inf one last), the sum and the count."""
        with self._lock:
            values = list(self.latency)
        n = len(LATENCY_BUCKETS)
        cumulative, total = [], 0.0
        for v in values[: n + 1]:
            total += v
            cumulative.append(total)
        return cumulative, values[n + 1], values[n + 2]

    def reconnects_snapshot(self) -> list[float]:
        with self._lock:
            return list(self.reconnects)


# -- the health verdict -------------------------------------------------------------------


@dataclass(frozen=True)
class Health:
    ok: bool
    problems: tuple[str, ...]


def health(figures: Figures | None, stuck_after: float, database_error: str | None) -> Health:
    """Unhealthy when the database does not answer or a queue's oldest message has waited
    longer than ``[daemon] stuck_after``: mail is arriving and not moving on."""
    if figures is None:
        return Health(False, (f"database unavailable: {database_error}",))
    problems = []
    for name, backlog in (("inbox", figures.inbox_backlog), ("outbox", figures.outbox_backlog)):
        if backlog.waiting and backlog.oldest_age > stuck_after:
            problems.append(
                f"{name}: the oldest of {backlog.waiting} waiting message(s) has waited "
                f"{backlog.oldest_age:.0f}s (stuck_after {stuck_after:.0f}s)"
            )
    return Health(not problems, tuple(problems))


def health_document(figures: Figures | None, verdict: Health, stuck_after: float) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "status": "ok" if verdict.ok else "failing",
        "database": "ok" if figures is not None else "unavailable",
        "problems": list(verdict.problems),
        "stuck_after_seconds": stuck_after,
    }
    if figures is not None:
        for name, b in (("inbox", figures.inbox_backlog), ("outbox", figures.outbox_backlog)):
            doc[name] = {"waiting": b.waiting, "oldest_age_seconds": round(b.oldest_age, 3)}
    return doc


# -- the exposition format ----------------------------------------------------------------


class _Text:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def family(self, name: str, kind: str, help_text: str) -> None:
        self.lines.append(f"# HELP {name} {help_text}")
        self.lines.append(f"# TYPE {name} {kind}")

    def sample(self, name: str, value: float, **labels: str) -> None:
        if labels:
            inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
            self.lines.append(f"{name}{{{inner}}} {_number(value)}")
        else:
            self.lines.append(f"{name} {_number(value)}")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def render(
    config: Config,
    figures: Figures | None,
    shared: SharedMetrics | None,
    verdict: Health,
    sources: Sequence[str] = ("smtp", "lmtp", "imap", "deliver", "import"),
) -> str:
    """The ``/metrics`` text.  Without the database the metrics the children report are still
    served, with ``mailgate_database_up 0``."""
    t = _Text()
    t.family("mailgate_up", "gauge", "1 while the daemon serves; see mailgate_healthy")
    t.sample("mailgate_up", 1)
    t.family("mailgate_healthy", "gauge", "1 when /healthz answers 200")
    t.sample("mailgate_healthy", 1 if verdict.ok else 0)
    t.family("mailgate_database_up", "gauge", "1 when the database answered this scrape")
    t.sample("mailgate_database_up", 1 if figures is not None else 0)
    if figures is not None:
        t.family("mailgate_received_total", "counter", "messages stored in the inbox, by source")
        for source in sorted(set(sources) | set(figures.received_by_source)):
            t.sample(
                "mailgate_received_total", figures.received_by_source.get(source, 0), source=source
            )
        t.family(
            "mailgate_processed_total", "counter", "messages processed, by classification verdict"
        )
        for verdict_name, n in sorted(figures.processed_by_verdict.items()):
            t.sample("mailgate_processed_total", n, verdict=verdict_name)
        t.family("mailgate_inbox_messages", "gauge", "inbox rows by state")
        for state in inbox_repo.STATES:
            t.sample("mailgate_inbox_messages", figures.inbox_by_state.get(state, 0), state=state)
        t.family("mailgate_held", "gauge", "messages on no ticket, held for a person by a rule")
        t.sample("mailgate_held", figures.inbox_by_state.get(inbox_repo.HELD, 0))
        t.family("mailgate_quarantined", "gauge", "messages quarantined for a person")
        t.sample("mailgate_quarantined", figures.inbox_by_state.get(inbox_repo.QUARANTINED, 0))
        t.family("mailgate_inbox_backlog", "gauge", "messages waiting to be processed")
        t.sample("mailgate_inbox_backlog", figures.inbox_backlog.waiting)
        t.family(
            "mailgate_inbox_oldest_age_seconds",
            "gauge",
            "how long the oldest message waiting to be processed has waited",
        )
        t.sample("mailgate_inbox_oldest_age_seconds", round(figures.inbox_backlog.oldest_age, 3))
        t.family("mailgate_outbox_messages", "gauge", "outbox rows by state")
        for out_state in outbox_repo.STATES:
            t.sample(
                "mailgate_outbox_messages",
                figures.outbox_by_state.get(out_state, 0),
                state=out_state,
            )
        t.family("mailgate_outbox_backlog", "gauge", "outgoing messages waiting to be sent")
        t.sample("mailgate_outbox_backlog", figures.outbox_backlog.waiting)
        t.family(
            "mailgate_outbox_oldest_age_seconds",
            "gauge",
            "how long the oldest outgoing message waiting has waited",
        )
        t.sample("mailgate_outbox_oldest_age_seconds", round(figures.outbox_backlog.oldest_age, 3))
        t.family(
            "mailgate_outbox_retrying",
            "gauge",
            "outgoing messages waiting again after a temporary failure",
        )
        t.sample("mailgate_outbox_retrying", figures.outbox_retrying)
        t.family(
            "mailgate_send_failures_total",
            "counter",
            "outgoing messages that failed for good (a permanent refusal, or max_age)",
        )
        t.sample("mailgate_send_failures_total", figures.outbox_by_state.get("failed", 0))
    if shared is not None:
        t.family(
            "mailgate_imap_reconnects_total",
            "counter",
            "IMAP sessions ended by an error and opened again, by account",
        )
        counts = shared.reconnects_snapshot()
        for i, account in enumerate(config.inbound.imap):
            t.sample("mailgate_imap_reconnects_total", counts[i], account=account.name)
        name = "mailgate_processing_latency_seconds"
        t.family(name, "histogram", "time from a message's arrival to the commit of its processing")
        cumulative, total, count = shared.latency_snapshot()
        for bound, below in zip((*LATENCY_BUCKETS, math.inf), cumulative, strict=True):
            t.sample(f"{name}_bucket", below, le=_number(bound))
        t.sample(f"{name}_sum", round(total, 6))
        t.sample(f"{name}_count", count)
    return "\n".join(t.lines) + "\n"
