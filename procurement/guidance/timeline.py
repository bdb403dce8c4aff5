"""Minimum statutory timeline from a start date, on the Chinese working-day calendar.

Working days come from ``chinesecalendar`` (``chinese_calendar.is_workday``), which knows the
statutory holidays and the 调休 make-up working days (e.g. Sunday 2025-09-28 and Saturday
2025-10-11 around National Day 2025). The library raises ``NotImplementedError`` for years it
has no data for; such days are then counted Monday–Friday, the step is marked ``approximate``
and the engine warns — never crashes.

Counting convention (from the rule data, ``provisions.timeline_counting``; modelled): with
``start_day_counted: false`` a period of N days starting on day S ends, at the earliest, on the
N-th (working) day after S; ``before`` periods count back N days from their anchor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from procurement.guidance.rules_model import MethodRule, Period
from procurement.guidance.types import PeriodUnit, Timeline, TimelineStep

IsWorkday = Callable[[date], bool]


@lru_cache(maxsize=256)
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def supported_years() -> tuple[int, int] | None:
    """(first, last) year ``chinesecalendar`` has data for, probed once; ``None`` if none."""
    years = [y for y in range(1990, 2101) if _library_knows(y)]
    return (years[0], years[-1]) if years else None


@dataclass
class WorkdayCalendar:
    """``is_workday`` with a fallback; remembers the first day it had to approximate."""

    is_workday_fn: IsWorkday = chinese_calendar.is_workday
    first_unsupported: date | None = field(default=None)

    def check(self, day: date) -> tuple[bool, bool]:
        """Return (is working day, certain)."""
        try:
            return bool(self.is_workday_fn(day)), True
        except NotImplementedError:
            if self.first_unsupported is None or day < self.first_unsupported:
                self.first_unsupported = day
            return day.weekday() < 5, False

    def add_working_days(self, start: date, days: int, start_counted: bool) -> tuple[date, bool]:
        """The day on which ``days`` working days are complete; (date, approximate)."""
        approximate = False
        count = 0
        day = start
        if start_counted:
            workday, certain = self.check(day)
            approximate |= not certain
            count += int(workday)
        while count < days:
            day += timedelta(days=1)
            workday, certain = self.check(day)
            approximate |= not certain
            count += int(workday)
        return day, approximate

    def subtract_working_days(self, anchor: date, days: int) -> tuple[date, bool]:
        approximate = False
        count = 0
        day = anchor
        while count < days:
            day -= timedelta(days=1)
            workday, certain = self.check(day)
            approximate |= not certain
            count += int(workday)
        return day, approximate


def _step_date(
    cal: WorkdayCalendar, period: Period, anchor: date, start_counted: bool
) -> tuple[date, bool]:
    if period.before is not None:
        if period.unit == PeriodUnit.WORKING_DAYS:
            return cal.subtract_working_days(anchor, period.days)
        return anchor - timedelta(days=period.days), False
    if period.unit == PeriodUnit.WORKING_DAYS:
        return cal.add_working_days(anchor, period.days, start_counted)
    offset = period.days - 1 if start_counted else period.days
    return anchor + timedelta(days=offset), False


def build_timeline(
    rule: MethodRule,
    start: date,
    cal: WorkdayCalendar,
    *,
    start_counted: bool = False,
    situations: frozenset[str] = frozenset(),
) -> Timeline:
    """Each period of ``rule`` as a step with its earliest (or latest) date.

    Periods with ``only_when`` are included only if that situation is in ``situations``. A step
    anchored on an omitted step is omitted too.
    """
    dates: dict[str, date] = {"start": start}
    steps: list[TimelineStep] = []
    for period in rule.periods:
        if period.only_when and period.only_when not in situations:
            continue
        anchor_id = period.after or period.before or "start"
        if anchor_id not in dates:
            continue
        day, approx = _step_date(cal, period, dates[anchor_id], start_counted)
        workday, certain = cal.check(day)
        dates[period.id] = day
        steps.append(
            TimelineStep(
                code=f"STEP_{rule.method.value.upper()}_{period.id.upper()}",
                params={"days": period.days, "method_zh": rule.name_zh},
                date=day,
                kind="latest" if period.before else "earliest",
                days=period.days,
                unit=period.unit,
                is_workday=workday if certain else None,
                approximate=approx,
                basis=period.basis,
            )
        )
    return Timeline(
        method=rule.method,
        start=start,
        steps=tuple(steps),
        approximate=any(s.approximate for s in steps),
    )
