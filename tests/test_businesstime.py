"""Business time: adding business time to an instant and counting it between two, in a
calendar's zone, with holidays, night shifts and daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgate.businesstime import ALWAYS, Calendar, add, between, parse_hours, periods

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = Calendar(
    "office",
    "Europe/Berlin",
    (*(parse_hours("09:00-18:00"),) * 5, (), ()),
    frozenset({date(2026, 12, 25)}),
)
SPLIT = Calendar(
    "split",
    "America/New_York",
    (*(parse_hours("08:00-12:00, 13:00-17:00"),) * 5, parse_hours("10:00-14:00"), ()),
)
NIGHTS = Calendar("nights", "Europe/Berlin", (parse_hours("22:00-06:00"),) * 7)


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def test_four_hours_from_friday_afternoon_end_on_monday_morning() -> None:
    # Friday 4 December 2026, 16:00 in Berlin: two hours left that day, two on Monday.
    assert add(OFFICE, berlin(2026, 12, 4, 16, 0), hours(4)) == berlin(2026, 12, 7, 11, 0)


def test_time_before_opening_counts_from_the_opening() -> None:
    assert add(OFFICE, berlin(2026, 12, 7, 6, 30), hours(1)) == berlin(2026, 12, 7, 10, 0)


def test_a_holiday_is_skipped() -> None:
    # Thursday 24th at 17:00: one hour left; the 25th is a holiday, then the weekend.
    assert add(OFFICE, berlin(2026, 12, 24, 17, 0), hours(2)) == berlin(2026, 12, 28, 10, 0)


def test_lunch_break_of_a_split_day_is_not_counted() -> None:
    ny = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 2, 11, 0, tzinfo=ny)  # a Monday
    assert add(SPLIT, start, hours(2)) == datetime(2026, 3, 2, 14, 0, tzinfo=ny)
    assert between(SPLIT, start, datetime(2026, 3, 2, 14, 0, tzinfo=ny)) == hours(2)


def test_ending_exactly_at_closing_time_gives_the_closing_time() -> None:
    assert add(OFFICE, berlin(2026, 12, 7, 9, 0), hours(9)) == berlin(2026, 12, 7, 18, 0)


def test_adding_nothing_is_the_start_even_outside_hours() -> None:
    sunday = berlin(2026, 12, 6, 3, 0)
    assert add(OFFICE, sunday, timedelta(0)) == sunday


def test_office_hours_keep_their_wall_clock_across_the_spring_change() -> None:
    # Friday 27 March 2026 17:00 CET; the clocks go forward on Sunday 29 March.
    assert add(OFFICE, berlin(2026, 3, 27, 17, 0), hours(2)) == berlin(2026, 3, 30, 10, 0)
    assert berlin(2026, 3, 30, 10, 0).utcoffset() == hours(2)


def test_the_night_shift_is_an_hour_longer_when_the_clocks_go_back() -> None:
    # 25 October 2026 03:00 CEST becomes 02:00 CET: 22:00-06:00 lasts nine hours.
    night = berlin(2026, 10, 24, 22, 0)
    assert between(NIGHTS, night, berlin(2026, 10, 25, 12, 0)) == hours(9)
    assert between(NIGHTS, berlin(2026, 10, 23, 22, 0), berlin(2026, 10, 24, 12, 0)) == hours(8)


def test_the_night_shift_is_an_hour_shorter_when_the_clocks_go_forward() -> None:
    assert between(NIGHTS, berlin(2026, 3, 28, 22, 0), berlin(2026, 3, 29, 12, 0)) == hours(7)


def test_a_night_shift_begun_before_a_holiday_runs_to_its_end() -> None:
    cal = Calendar("n", "Europe/Berlin", NIGHTS.week, frozenset({date(2026, 5, 1)}))
    # The shift of 30 April runs into the holiday; none starts on 1 May.
    start = berlin(2026, 4, 30, 23, 0)
    assert add(cal, start, hours(7)) == berlin(2026, 5, 1, 6, 0)
    assert add(cal, start, hours(8)) == berlin(2026, 5, 2, 23, 0)


def test_a_closed_day_between_open_days_is_skipped() -> None:
    cal = Calendar("c", "UTC", (parse_hours("00:00-24:00"), (), *(parse_hours("10:00-11:00"),) * 5))
    monday = datetime(2026, 12, 7, 23, 0, tzinfo=UTC)
    assert add(cal, monday, hours(2)) == datetime(2026, 12, 9, 11, 0, tzinfo=UTC)


def test_periods_are_whole_days_around_the_clock() -> None:
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    walk = periods(ALWAYS, start)
    assert next(walk) == (start, datetime(2026, 1, 2, tzinfo=UTC))
    assert next(walk) == (datetime(2026, 1, 2, tzinfo=UTC), datetime(2026, 1, 3, tzinfo=UTC))


def test_overlapping_hours_count_once() -> None:
    cal = Calendar("o", "UTC", (parse_hours("09:00-12:00, 10:00-13:00"),) * 7)
    day = datetime(2026, 1, 1, tzinfo=UTC)
    assert between(cal, day, day + timedelta(days=1)) == hours(4)


def test_a_calendar_whose_holidays_cover_every_working_day_is_refused() -> None:
    week = (parse_hours("09:00-10:00"),) + ((),) * 6
    holidays = frozenset(date(2026, 1, 1) + timedelta(days=i) for i in range(4000))
    with pytest.raises(ValueError, match="no working hours"):
        add(Calendar("h", "UTC", week, holidays), datetime(2026, 1, 1, tzinfo=UTC), hours(1))


def test_between_counts_nothing_backwards_and_outside_hours() -> None:
    a, b = berlin(2026, 12, 5, 8), berlin(2026, 12, 6, 20)  # a weekend
    assert between(OFFICE, a, b) == timedelta(0)
    assert between(OFFICE, b, a) == timedelta(0)


def test_hours_are_read_with_errors_that_say_what_was_expected() -> None:
    assert parse_hours("closed") == ()
    assert parse_hours("09:00-24:00")[0].end is None
    assert parse_hours("22:00-06:00")[0].overnight
    for bad, words in (
        ("9-18", "expected a time such as 09:00"),
        ("09:00", 'expected hours such as "09:00-18:00"'),
        ("25:00-26:00", "expected a time from 00:00 to 24:00"),
        ("24:00-06:00", "cannot start at 24:00"),
    ):
        with pytest.raises(ValueError, match=words):
            parse_hours(bad)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        add(OFFICE, datetime(2026, 1, 1), hours(1))


# -- properties ----------------------------------------------------------------------------

CALENDARS = st.sampled_from([OFFICE, SPLIT, NIGHTS, ALWAYS])
INSTANTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
DURATIONS = st.integers(min_value=0, max_value=60 * 24 * 40).map(lambda m: timedelta(minutes=m))


@settings(max_examples=150, deadline=None)
@given(CALENDARS, INSTANTS, DURATIONS)
def test_between_start_and_added_is_the_duration(
    cal: Calendar, start: datetime, d: timedelta
) -> None:
    assert between(cal, start, add(cal, start, d)) == d


@settings(max_examples=150, deadline=None)
@given(CALENDARS, INSTANTS, DURATIONS, DURATIONS)
def test_adding_in_two_steps_is_adding_the_sum(
    cal: Calendar, start: datetime, a: timedelta, b: timedelta
) -> None:
    assert add(cal, add(cal, start, a), b) == add(cal, start, a + b)


@settings(max_examples=150, deadline=None)
@given(CALENDARS, INSTANTS, DURATIONS, DURATIONS)
def test_more_business_time_is_never_earlier(
    cal: Calendar, start: datetime, a: timedelta, b: timedelta
) -> None:
    small, large = sorted((a, b))
    assert start <= add(cal, start, small) <= add(cal, start, large)


@settings(max_examples=150, deadline=None)
@given(CALENDARS, INSTANTS, INSTANTS, INSTANTS)
def test_business_time_adds_up_over_a_point_between(
    cal: Calendar, x: datetime, y: datetime, z: datetime
) -> None:
    a, b, c = sorted((x, y, z))
    assert between(cal, a, b) + between(cal, b, c) == between(cal, a, c)
    assert between(cal, a, c) <= c - a


@settings(max_examples=100, deadline=None)
@given(INSTANTS, DURATIONS)
def test_around_the_clock_business_time_is_real_time(start: datetime, d: timedelta) -> None:
    assert add(ALWAYS, start, d) == start + d
