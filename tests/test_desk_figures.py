"""The admins' figures, counted by the store on SQLite and on PostgreSQL for a known week
of tickets (built by processing mail and by agents' actions, at chosen times)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mailgate import lifecycle
from mailgate.config import Config, config_from_toml
from mailgate.store.desk_figures import (
    BacklogCell,
    DeskFigures,
    DeskFiguresRepo,
    Spread,
    percentile,
)
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from tests.support.config import make_toml
from tests.support.desk import NOW, Desk, known_week

HOUR = 3600.0
DAY = 86400.0


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Config, Store]]:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    config = config_from_toml(make_toml(tmp_path, db_url), "<test>")
    store = Store(config.database)
    upgrade(store)
    yield config, store
    store.dispose()


def figures_of(store: Store, days: int = 7) -> DeskFigures:
    with store.read() as session:
        return DeskFiguresRepo(session).figures(days, NOW)


def test_the_figures_of_a_known_week(desk_store: tuple[Config, Store]) -> None:
    config, store = desk_store
    known_week(Desk(config, store))
    f = figures_of(store)
    assert (f.first_day, f.last_day) == (date(2026, 11, 24), date(2026, 11, 30))
    assert [(d.day.day, d.opened, d.closed) for d in f.days] == [
        (24, 2, 0),
        (25, 0, 1),  # a; f was closed that day too but is open again
        (26, 1, 0),
        (27, 0, 1),
        (28, 1, 0),
        (29, 0, 0),
        (30, 0, 0),
    ]
    # First answers of a, c and e: 3 h 20 min, 30 min, 2 h (d was opened before).
    assert f.first_response.count == 3
    assert f.first_response.p50 == pytest.approx(2 * HOUR, abs=0.01)
    assert f.first_response.p90 == pytest.approx(7200 + 0.8 * (12000 - 7200), abs=0.01)
    assert f.unanswered == 1  # b
    # Resolutions of a (1 day) and d (7 days).
    assert f.resolution.count == 2
    assert f.resolution.p50 == pytest.approx(4 * DAY, abs=0.01)
    assert f.resolution.p90 == pytest.approx(DAY + 0.9 * 6 * DAY, abs=0.01)
    assert set(f.backlog) == {
        BacklogCell(lifecycle.ON_HOLD, "billing", 1),
        BacklogCell(lifecycle.ANSWERED, "support", 2),
        BacklogCell(lifecycle.IN_PROGRESS, "support", 1),
    }


def test_a_longer_period_counts_the_tickets_before_the_week(
    desk_store: tuple[Config, Store],
) -> None:
    config, store = desk_store
    known_week(Desk(config, store))
    f = figures_of(store, 30)
    assert len(f.days) == 30
    assert f.first_day == date(2026, 11, 1)
    assert (f.opened, f.closed) == (7, 3)  # g closed on 3 November
    by_day = {d.day.day: (d.opened, d.closed) for d in f.days}
    assert (by_day[3], by_day[20]) == ((0, 1), (1, 0))
    assert f.first_response.count == 4  # d's answer took four days
    assert f.unanswered == 3  # b, f, g


def test_an_empty_helpdesk_has_zero_days_and_no_percentiles(
    desk_store: tuple[Config, Store],
) -> None:
    _, store = desk_store
    f = figures_of(store)
    assert [(d.opened, d.closed) for d in f.days] == [(0, 0)] * 7
    assert f.first_response == Spread(0, None, None) == f.resolution
    assert (f.unanswered, f.backlog) == (0, ())


def test_percentiles_interpolate_as_postgresql_does() -> None:
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([0.0, 10.0], 0.9) == pytest.approx(9.0)
