"""Business time: the hours a helpdesk works, in its own time zone, without its holidays.

A :class:`Calendar` is a time zone, the working hours of each weekday and a set of
holiday dates.  :func:`add` finds the instant a number of business seconds after a
start; :func:`between` counts the business seconds between two instants.  Both walk the
calendar's working periods as UTC intervals (:func:`periods`), so a daylight-saving
change is real time: a night shift that spans the autumn change is an hour longer that
night, and the spring one an hour shorter.

The rules, stated once:

- Hours are local wall-clock times of the calendar's zone.  ``22:00-06:00`` runs over
  midnight into the next day; ``00:00-24:00`` is the whole day.  Periods that overlap
  count once.
- A holiday is a local date: no period *starts* on it.  A night shift that began the
  evening before runs to its end.
- A wall-clock time that does not exist on a day (skipped by a spring change) is read
  with the offset before the change, as :mod:`zoneinfo` does (``fold=0``); an hour
  that occurs twice is its first occurrence.
- :func:`add` of zero is the start itself; of anything more, an instant inside or at the
  end of a working period, never the opening of the next one.  So ``add(add(t, a), b) ==
  add(t, a + b)`` and ``between(t, add(t, d)) == d``.

Pure: values in, values out; no clock, no configuration.  Instants are timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Monday first, as datetime.weekday() counts.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# How far ahead :func:`periods` looks for a working period before it gives up: a
# calendar whose holidays leave it no working day for ten years is not one.
_HORIZON_DAYS = 3660


@dataclass(frozen=True)
class Hours:
    """One working period of a weekday: from ``start`` to ``end`` local time; ``end`` at
    or before ``start`` runs into the next day, and ``00:00-24:00`` (``end`` None) is the
    whole day."""

    start: time
    end: time | None  # None: midnight at the end of the day

    @property
    def overnight(self) -> bool:
        return self.end is not None and self.end <= self.start


@dataclass(frozen=True)
class Calendar:
    name: str
    zone: str = "UTC"
    # For each weekday (0 = Monday) its working periods; a day missing is closed.
    week: tuple[tuple[Hours, ...], ...] = ((),) * 7
    holidays: frozenset[date] = frozenset()
    _tz: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_tz", ZoneInfo(self.zone))
        if len(self.week) != 7:
            raise ValueError("a calendar's week has seven days")
        if not any(self.week):
            raise ValueError("a calendar needs working hours on one day at least")

    @property
    def tz(self) -> ZoneInfo:
        return self._tz


# Around the clock, every day, no holidays: the calendar of a target that names none.
ALWAYS = Calendar("always", "UTC", ((Hours(time(0), None),),) * 7)


def parse_hours(text: str) -> tuple[Hours, ...]:
    """``"09:00-12:00, 13:00-18:00"`` → two periods; ``""`` or ``"closed"`` → none.
    ValueError says what was expected."""
    text = text.strip()
    if text.lower() in ("", "closed"):
        return ()
    out = []
    for part in text.split(","):
        start_s, sep, end_s = part.strip().partition("-")
        if not sep:
            raise ValueError(f'expected hours such as "09:00-18:00", not {part.strip()!r}')
        start = _clock(start_s)
        if start is None:
            raise ValueError(f"{start_s.strip()!r}: a period cannot start at 24:00")
        out.append(Hours(start, _clock(end_s)))
    return tuple(out)


def _clock(text: str) -> time | None:
    """``"09:30"`` → 09:30; ``"24:00"`` → None (the end of the day)."""
    hh, sep, mm = text.strip().partition(":")
    if not sep or not hh.isdigit() or not mm.isdigit() or len(mm) != 2:
        raise ValueError(f"expected a time such as 09:00, not {text.strip()!r}")
    h, m = int(hh), int(mm)
    if (h, m) == (24, 0):
        return None
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"expected a time from 00:00 to 24:00, not {text.strip()!r}")
    return time(h, m)


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def _periods_of(cal: Calendar, day: date) -> Iterator[tuple[datetime, datetime]]:
    if day in cal.holidays:
        return
    for h in cal.week[day.weekday()]:
        start = _local(day, h.start, cal.tz)
        if h.end is None:
            end = _local(day + timedelta(days=1), time(0), cal.tz)
        elif h.overnight:
            end = _local(day + timedelta(days=1), h.end, cal.tz)
        else:
            end = _local(day, h.end, cal.tz)
        if end > start:
            yield start, end


def periods(cal: Calendar, since: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The working periods that end after ``since``, in order, as UTC intervals that do
    not overlap (the first clipped to start at ``since``; one that overlaps the one before
    is clipped to start at its end).  Endless for a calendar with working hours; raises
    ValueError after ten years without any."""
    since = _aware(since)
    day = since.astimezone(cal.tz).date() - timedelta(days=1)  # a night shift of the eve
    last = since
    idle = 0
    while idle <= _HORIZON_DAYS:
        idle += 1
        for start, end in sorted(_periods_of(cal, day)):
            if end <= last:
                continue
            idle = 0
            yield max(start, last), end
            last = end
        day += timedelta(days=1)
    raise ValueError(f"calendar {cal.name!r} has no working hours after {since}")


def add(cal: Calendar, start: datetime, duration: timedelta) -> datetime:
    """The instant ``duration`` of business time after ``start``."""
    start = _aware(start)
    if duration < timedelta(0):
        raise ValueError("a negative business duration")
    if duration == timedelta(0):
        return start
    left = duration
    for begin, end in periods(cal, start):
        if end - begin >= left:
            return begin + left
        left -= end - begin
    raise AssertionError("periods() ends only by raising")  # pragma: no cover


def between(cal: Calendar, start: datetime, end: datetime) -> timedelta:
    """The business time from ``start`` to ``end`` (zero when ``end`` is not after it)."""
    start, end = _aware(start), _aware(end)
    total = timedelta(0)
    if end <= start:
        return total
    for begin, finish in periods(cal, start):
        if begin >= end:
            break
        total += min(finish, end) - begin
        if finish >= end:
            break
    return total


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a naive datetime given to business time")
    return at.astimezone(UTC)
