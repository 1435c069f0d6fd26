"""Service levels: the business calendars (``[[calendars]]``) and the targets per
department and priority (``[[sla]]``).

A target's durations are business time in its calendar (``mailgate.businesstime``): with
office hours of nine hours a day, ``"3d"`` is 72 business hours, eight working days;
write office targets in hours (``"27h"``).  A target without a calendar counts around the
clock in UTC.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BeforeValidator, field_validator, model_validator

from mailgate.businesstime import ALWAYS, WEEKDAYS, Calendar, Hours, parse_hours
from mailgate.config.types import Duration, Section


def _hours(value: object) -> tuple[Hours, ...]:
    if not isinstance(value, str):
        raise ValueError('expected hours such as "09:00-18:00", or "closed"')
    return parse_hours(value)


WeekHours = Annotated[tuple[Hours, ...], BeforeValidator(_hours)]


def _day(value: object) -> date:
    # TOML has date literals (2026-12-25); a quoted "2026-12-25" is read the same.
    if isinstance(value, datetime):
        raise ValueError("expected a date such as 2026-12-25, without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("expected a date such as 2026-12-25")


Day = Annotated[date, BeforeValidator(_day)]


class CalendarConfig(Section):
    """Working hours in a time zone, and the holidays: the clock of a service level."""

    name: str
    # An IANA time zone name (the tz database): "Europe/Berlin", "America/New_York".
    time_zone: str = "UTC"
    mon: WeekHours = ()
    tue: WeekHours = ()
    wed: WeekHours = ()
    thu: WeekHours = ()
    fri: WeekHours = ()
    sat: WeekHours = ()
    sun: WeekHours = ()
    holidays: tuple[Day, ...] = ()

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,62}", v):
            raise ValueError("expected a short lower-case name (letters, digits, - and _)")
        if v == ALWAYS.name:
            raise ValueError(f"{v!r} is the built-in calendar of targets that name none")
        return v

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                'expected a time zone of the tz database such as "Europe/Berlin"'
            ) from None
        return v

    @model_validator(mode="after")
    def _some_hours(self) -> CalendarConfig:
        if not any(getattr(self, d) for d in WEEKDAYS):
            raise ValueError(
                f"calendar {self.name!r} has no working hours "
                '(expected mon … sun such as mon = "09:00-18:00")'
            )
        return self

    def calendar(self) -> Calendar:
        week = tuple(getattr(self, d) for d in WEEKDAYS)
        return Calendar(self.name, self.time_zone, week, frozenset(self.holidays))


class SlaConfig(Section):
    """A service level target: how soon a ticket of a department and priority is first
    answered and resolved, in business time."""

    # None: every department (a target naming the department wins over it).
    department: str | None = None
    # None: every priority (a target naming the priority wins over it).
    priority: Literal["low", "normal", "high", "urgent"] | None = None
    first_response: Duration | None = None
    resolution: Duration | None = None
    # A name of [[calendars]]; None: around the clock, UTC.
    calendar: str | None = None
    # The assignee is warned this long (business time) before a target is missed.
    warn_before: Duration = 3600.0

    @model_validator(mode="after")
    def _something(self) -> SlaConfig:
        if self.first_response is None and self.resolution is None:
            raise ValueError(
                'a target needs first_response or resolution (such as first_response = "4h")'
            )
        return self

    def specificity(self) -> int:
        return (2 if self.department else 0) + (1 if self.priority else 0)


class SlaPolicy:
    """The service level of one department and priority, ready to count with."""

    __slots__ = ("calendar", "first_response", "name", "resolution", "warn_before")

    def __init__(self, target: SlaConfig, calendar: Calendar) -> None:
        self.calendar = calendar
        self.first_response = _delta(target.first_response)
        self.resolution = _delta(target.resolution)
        self.warn_before = timedelta(seconds=target.warn_before)
        self.name = f"{target.department or '*'}/{target.priority or '*'}"


def _delta(seconds: float | None) -> timedelta | None:
    return None if seconds is None else timedelta(seconds=seconds)


def check_sla(
    calendars: tuple[CalendarConfig, ...], targets: tuple[SlaConfig, ...], departments: set[str]
) -> None:
    """The checks across the tables: names unique, every name a target uses known."""
    names: set[str] = set()
    for i, c in enumerate(calendars):
        if c.name in names:
            raise ValueError(f"calendars[{i}].name: {c.name!r} is used twice")
        names.add(c.name)
    seen: dict[tuple[str | None, str | None], int] = {}
    for i, t in enumerate(targets):
        if t.calendar is not None and t.calendar not in names:
            known = f"expected one of {sorted(names)}" if names else "[[calendars]] lists none"
            raise ValueError(f"sla[{i}].calendar: {t.calendar!r} is not a calendar ({known})")
        if t.department is not None and t.department not in departments:
            raise ValueError(
                f"sla[{i}].department: {t.department!r} is not the name of a department "
                f"(expected one of {sorted(departments)})"
            )
        key = (t.department, t.priority)
        if key in seen:
            raise ValueError(
                f"sla[{i}]: department {t.department or '(any)'} and priority "
                f"{t.priority or '(any)'} already have a target (sla[{seen[key]}])"
            )
        seen[key] = i


def policy_for(
    calendars: tuple[CalendarConfig, ...],
    targets: tuple[SlaConfig, ...],
    department: str,
    priority: str,
) -> SlaPolicy | None:
    """The most specific target for ``department`` and ``priority``: one naming both,
    then the department, then the priority, then one naming neither; None: no target."""
    best: SlaConfig | None = None
    for t in targets:
        if t.department not in (None, department) or t.priority not in (None, priority):
            continue
        if best is None or t.specificity() > best.specificity():
            best = t
    if best is None:
        return None
    cal = ALWAYS
    for c in calendars:
        if c.name == best.calendar:
            cal = c.calendar()
    return SlaPolicy(best, cal)
