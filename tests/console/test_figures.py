"""The admins' figures page, /figures, over real HTTP on loopback: charts and tables of
the tickets of the period, for admins only, the period within its bounds, and names
from the database shown as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from markupsafe import escape
from sqlalchemy import update

from mailgate import lifecycle
from mailgate.config import Config, config_from_toml
from mailgate.console.app import CSP
from mailgate.console.figures import backlog_table, render_charts
from mailgate.store.desk_figures import BacklogCell, Day, DeskFigures, Spread
from mailgate.store.engine import Store
from mailgate.store.models import Ticket, utcnow
from tests.support.console import ANN, BOB, Browser, console_toml, sign_in_directly
from tests.support.daemon import RunningDaemon
from tests.support.desk import Desk
from tests.support.svg import chart_texts, charts_in, parse_chart

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return config_from_toml(console_toml(tmp_path), "<test>")


@pytest.fixture
def served(config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]) -> int:
    """Three tickets of the last hours — one answered after an hour, one waiting in
    billing, one in a department named like a script (a row written under another
    configuration) — and the daemon serving the console: its port."""
    desk = Desk(config, store)
    now = utcnow().replace(microsecond=0)
    answered = desk.open(now - timedelta(hours=2))
    desk.reply(answered, now - timedelta(hours=1))
    desk.open(now - timedelta(minutes=30), "billing@helpdesk.test")
    odd = desk.open(now - timedelta(minutes=10))
    with store.write() as s:
        s.execute(update(Ticket).where(Ticket.id == odd).values(department=HOSTILE))
    return run_daemon(config, ("http",)).config.http.port


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}"')[1].split("</section>", maxsplit=1)[0]


def test_an_admin_sees_the_figures_as_charts_and_tables(served: int, store: Store) -> None:
    page = Browser(served, sign_in_directly(store, ANN)).get("/figures")
    assert page.status == 200
    assert page.headers["Content-Security-Policy"] == CSP
    assert len(charts_in(page.text)) == 3
    assert re.search(r'id="nav-figures"[^>]*aria-current="page"', page.text)
    summary = " ".join(page.text.split('<p class="summary">')[1].split("</p>")[0].split())
    assert "<strong>3</strong> tickets opened, <strong>0</strong> closed" in summary
    assert "<strong>2</strong> of those opened have no answer" in summary
    assert "Open now: <strong>3</strong>" in summary
    times = section(page.text, "times")
    assert (
        '<th scope="row">First response</th><td>1 h</td><td>1 h</td><td>1 ticket answered</td>'
        in times
    )
    assert '<th scope="row">Resolution</th><td>no data</td><td>no data</td>' in times
    backlog = section(page.text, "backlog")
    (chart,) = charts_in(backlog)
    assert {"support", "billing"} <= set(chart_texts(chart))
    assert any(HOSTILE in t for t in chart_texts(chart))  # in full in its tooltip
    # Configured departments link to their queue; the unknown one is text only.
    assert '<a href="/queue/department/billing">billing</a></th><td>1</td>' in backlog
    assert f'<th scope="row">{escape(HOSTILE)}</th><td>1</td>' in backlog
    assert "<script>alert" not in page.text


def test_the_period_is_chosen_within_its_bounds(served: int, store: Store) -> None:
    browser = Browser(served, sign_in_directly(store, ANN))
    week = browser.get("/figures?days=7")
    assert week.status == 200
    assert len(re.findall(r'<tr><th scope="row">\d{4}-\d\d-\d\d</th>', week.text)) == 7
    assert '<option value="7" selected>' in week.text
    chosen = browser.get("/figures?days=45")
    assert '<option value="45" selected>' in chosen.text
    for wrong in ("6", "366", "x", "-7", "1e2", "%D9%A3%D9%A0"):  # the last: Arabic-Indic 30
        refused = browser.get(f"/figures?days={wrong}")
        assert refused.status == 400, wrong
        assert "days: expected a number from 7 to 365" in refused.text


def test_the_figures_are_for_admins_only(served: int, store: Store) -> None:
    agent = Browser(served, sign_in_directly(store, BOB))
    page = agent.get("/figures")
    assert page.status == 403
    assert "<svg" not in page.text
    assert 'id="nav-figures"' not in agent.get("/").text
    anonymous = Browser(served).get("/figures")
    assert anonymous.status in (302, 303)
    assert anonymous.headers["Location"].startswith("/login")


def test_the_page_draws_a_hostile_department_as_text_in_every_chart() -> None:
    first = date(2026, 11, 24)
    figures = DeskFigures(
        first_day=first,
        last_day=first + timedelta(days=6),
        days=tuple(Day(first + timedelta(days=i), i, 1) for i in range(7)),
        first_response=Spread(3, 7200.0, 11040.0),
        unanswered=1,
        resolution=Spread(0, None, None),
        backlog=(
            BacklogCell(lifecycle.OPEN, HOSTILE, 2),
            BacklogCell(lifecycle.ANSWERED, "support", 1),
            BacklogCell(lifecycle.OPEN, "bad\x00\x1bname", 1),
        ),
    )
    config = config_from_toml(console_toml(Path("/nonexistent")), "<test>")
    drawn = render_charts(figures, backlog_table(figures, config))
    for svg in drawn.values():
        assert "<script" not in svg
        assert "\x00" not in svg
        parse_chart(svg)
    assert any(HOSTILE in t for t in chart_texts(parse_chart(drawn["backlog"])))


def test_the_backlog_table_lists_configured_departments_first_with_their_zeros() -> None:
    figures = DeskFigures(
        first_day=date(2026, 11, 24),
        last_day=date(2026, 11, 30),
        days=(),
        first_response=Spread(0, None, None),
        unanswered=0,
        resolution=Spread(0, None, None),
        backlog=(
            BacklogCell(lifecycle.ON_HOLD, "archive", 4),
            BacklogCell(lifecycle.OPEN, "support", 2),
            BacklogCell(lifecycle.ANSWERED, "support", 1),
        ),
    )
    config = config_from_toml(console_toml(Path("/nonexistent")), "<test>")
    table = backlog_table(figures, config)
    assert table.statuses == tuple(s for s in lifecycle.STATUSES if s != lifecycle.CLOSED)
    assert table.departments == ("support", "billing", "archive")
    column = table.statuses.index
    assert table.counts[0][column(lifecycle.OPEN)] == 2
    assert table.counts[0][column(lifecycle.ANSWERED)] == 1
    assert sum(table.counts[1]) == 0
    assert table.counts[2][column(lifecycle.ON_HOLD)] == 4
    assert table.total == 7
    assert table.status_totals[column(lifecycle.OPEN)] == 2
