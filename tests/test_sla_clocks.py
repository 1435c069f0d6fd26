"""Service level clocks over a ticket's history: due times, the pause while the ticket
waits on the client, met and breached targets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mailgate.businesstime import ALWAYS, Calendar, parse_hours
from mailgate.config.sla import SlaConfig, SlaPolicy
from mailgate.sla import History, Standing, clocks

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday
OFFICE = Calendar("office", "UTC", (*(parse_hours("09:00-17:00"),) * 5, (), ()))


def policy(first: str = "4h", resolution: str = "24h", cal: Calendar = ALWAYS) -> SlaPolicy:
    target = SlaConfig.model_validate(
        {"first_response": first, "resolution": resolution, "warn_before": "1h"}
    )
    return SlaPolicy(target, cal)


def h(n: float) -> timedelta:
    return timedelta(hours=n)


def test_a_new_ticket_is_due_its_targets_after_opening() -> None:
    state = clocks(policy(), History(T0, "open"))
    assert state.first_response is not None
    assert state.resolution is not None
    assert state.first_response.due == T0 + h(4)
    assert state.first_response.warn_at == T0 + h(3)
    assert state.resolution.due == T0 + h(24)
    assert state.first_response.standing(T0 + h(1)) == Standing.RUNNING
    assert state.first_response.standing(T0 + h(4)) == Standing.BREACHED


def test_office_hours_push_the_due_time_to_the_next_morning() -> None:
    state = clocks(policy(cal=OFFICE), History(T0 + h(6), "open"))  # Monday 15:00
    assert state.first_response is not None
    assert state.first_response.due == T0 + h(24 + 2)  # Tuesday 11:00


def test_the_first_agent_reply_meets_the_first_response_target() -> None:
    history = History(T0, "open", [(T0 + h(2), "answered")], first_reply_at=T0 + h(2))
    first = clocks(policy(), history).first_response
    assert first is not None
    assert first.done_at == T0 + h(2)
    assert first.standing(T0 + h(100)) == Standing.MET


def test_a_late_first_reply_is_a_breach() -> None:
    history = History(T0, "open", [(T0 + h(5), "answered")], first_reply_at=T0 + h(5))
    first = clocks(policy(), history).first_response
    assert first is not None
    assert first.standing(T0 + h(6)) == Standing.BREACHED


def test_waiting_on_the_client_pauses_and_a_reply_moves_the_due_time() -> None:
    history = History(
        T0,
        "open",
        [(T0 + h(2), "answered"), (T0 + h(12), "customer_reply")],
        first_reply_at=T0 + h(2),
    )
    resolution = clocks(policy(), history).resolution
    assert resolution is not None
    # Ten hours waiting on the client: due ten hours later.
    assert resolution.due == T0 + h(34)
    paused = clocks(policy(), History(T0, "open", [(T0 + h(2), "on_hold")])).resolution
    assert paused is not None
    assert paused.due is None
    assert paused.left == h(22)
    assert paused.standing(T0 + h(500)) == Standing.PAUSED


def test_closing_meets_the_resolution_and_reopening_runs_it_again() -> None:
    closed = History(T0, "open", [(T0 + h(20), "closed")])
    resolution = clocks(policy(), closed).resolution
    assert resolution is not None
    assert resolution.standing(T0 + h(30)) == Standing.MET
    reopened = History(T0, "open", [(T0 + h(20), "closed"), (T0 + h(40), "customer_reply")])
    resolution = clocks(policy(), reopened).resolution
    assert resolution is not None
    assert resolution.done_at is None
    assert resolution.due == T0 + h(44)


def test_a_target_shorter_than_the_warning_warns_at_once() -> None:
    first = clocks(policy(first="30m"), History(T0, "open")).first_response
    assert first is not None
    assert first.warn_at == T0


def test_time_left_is_said_in_its_two_largest_units_rounded_up_to_the_minute() -> None:
    from mailgate.tickets.sla import in_words

    assert in_words(timedelta(seconds=1)) == "1 minute"
    assert in_words(h(4) - timedelta(seconds=5)) == "4 hours"
    assert in_words(h(3) + timedelta(minutes=50)) == "3 hours 50 minutes"
    assert in_words(h(100) + timedelta(minutes=7)) == "4 days 4 hours"
    assert in_words(timedelta(0)) == "no time"
