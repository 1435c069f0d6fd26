"""Service levels in the console, over real HTTP on loopback: a badge per ticket in the
queues, the targets on the ticket's page, the list of tickets at risk or breached, and
the targets met and breached on the figures page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.scheduler import run_job
from mailgate.store.engine import Store
from mailgate.store.models import utcnow
from tests.support.console import ANN, Browser, console_toml, sign_in_directly
from tests.support.daemon import RunningDaemon
from tests.support.desk import Desk

SLA = """
[[sla]]
department = "support"
first_response = "4h"
resolution = "3d"
warn_before = "1h"
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return config_from_toml(console_toml(tmp_path) + SLA, "<test>")


@pytest.fixture
def served(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> tuple[int, dict[str, int]]:
    """Support tickets opened 5 hours ago (first response breached), 3½ hours ago (at
    risk) and 10 minutes ago, and one of billing (no target); the sla job run; the
    console served."""
    desk = Desk(config, store)
    now = utcnow().replace(microsecond=0)
    tickets = {
        "breached": desk.open(now - timedelta(hours=5)),
        "at_risk": desk.open(now - timedelta(hours=3, minutes=30)),
        "fresh": desk.open(now - timedelta(minutes=10)),
        "billing": desk.open(now - timedelta(minutes=10), "billing@helpdesk.test"),
    }
    assert run_job("sla", config, store, now=now).outcome == "ok"
    return run_daemon(config, ("http",)).config.http.port, tickets


def badge(html: str, number: int) -> str:
    row = html.split(f'data-number="{number}"')[1].split("</tr>", maxsplit=1)[0]
    found = re.search(r'<span class="sla-badge sla-([a-z-]+)"[^>]*>([^<]*)</span>', row)
    return f"{found.group(1)}: {found.group(2)}" if found else ""


def test_the_queue_shows_each_tickets_service_level_as_a_badge(
    served: tuple[int, dict[str, int]], store: Store
) -> None:
    port, t = served
    page = Browser(port, sign_in_directly(store, ANN)).get("/")
    assert page.status == 200
    assert "<th>Service level</th>" in page.text
    assert badge(page.text, t["breached"]) == "breached: response breached"
    assert badge(page.text, t["at_risk"]) == "at-risk: response at risk, due in 30 minutes"
    assert badge(page.text, t["fresh"]) == "running: response due in 3 hours 50 minutes"
    assert badge(page.text, t["billing"]) == ""


def test_the_at_risk_list_holds_the_breached_and_warned_tickets_soonest_due_first(
    served: tuple[int, dict[str, int]], store: Store
) -> None:
    port, t = served
    page = Browser(port, sign_in_directly(store, ANN)).get("/queue/sla")
    assert page.status == 200
    assert re.search(r'id="nav-sla"[^>]*aria-current="page"', page.text)
    assert re.search(r'id="nav-sla"[^>]*>At risk <span class="count">2</span>', page.text)
    listed = [int(n) for n in re.findall(r'<tr class="ticket[^"]*" data-number="(\d+)"', page.text)]
    assert listed == [t["breached"], t["at_risk"]]


def test_the_ticket_page_shows_its_targets(
    served: tuple[int, dict[str, int]], store: Store
) -> None:
    port, t = served
    page = Browser(port, sign_in_directly(store, ANN)).get(f"/tickets/{t['breached']}")
    assert page.status == 200
    level = page.text.split('id="ticket-sla"')[1].split("</p>")[0]
    assert "support/*" in level
    assert "response breached" in level
    assert "resolution due in" in level


def test_the_figures_count_met_and_breached_targets(
    served: tuple[int, dict[str, int]], store: Store
) -> None:
    port, _ = served
    page = Browser(port, sign_in_directly(store, ANN)).get("/figures")
    assert page.status == 200
    levels = page.text.split('<section id="service-levels"')[1].split("</section>")[0]
    row = " ".join(levels.split('<th scope="row">support</th>')[1].split("</tr>")[0].split())
    # 3 tickets; first responses: 0 met, 1 breached (the job escalated it), share 0%.
    assert row.startswith('<td>normal</td><td>3</td> <td>0</td><td class="sla-breached">1</td>')
