"""Minimum timelines on the Chinese working-day calendar: holidays, 调休 make-up days, the
edge of the library's calendar, calendar-day periods, the counting convention."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from procurement.guidance import advise, parse_rules
from procurement.guidance.timeline import WorkdayCalendar, supported_years
from procurement.guidance.types import Category, Method, PeriodUnit
from tests.procurement.guidance.conftest import make

PT, CN, CC = Method.PUBLIC_TENDER, Method.COMPETITIVE_NEGOTIATION, Method.COMPETITIVE_CONSULTATION


def steps(result, method):
    timeline = next(t for t in result.timelines if t.method == method)
    return {s.code.removeprefix(f"STEP_{method.value.upper()}_"): s for s in timeline.steps}


@pytest.mark.parametrize(
    ("start", "method", "step", "expected", "why"),
    [
        # National Day 2025: 10-01..10-08 off; Sun 09-28 and Sat 10-11 are make-up working days
        (
            date(2025, 9, 26),
            PT,
            "DOCUMENTS_ON_SALE",
            date(2025, 10, 10),
            "Sun 09-28 counts, 10-01..08 do not",
        ),
        (
            date(2025, 9, 30),
            PT,
            "DOCUMENTS_ON_SALE",
            date(2025, 10, 14),
            "Sat 10-11 make-up day counts",
        ),
        (
            date(2025, 9, 30),
            CN,
            "RESPONSE_DEADLINE",
            date(2025, 10, 11),
            "ends on the make-up Saturday",
        ),
        (
            date(2025, 9, 26),
            PT,
            "BID_DEADLINE",
            date(2025, 10, 16),
            "20 calendar days, holidays included",
        ),
        (
            date(2025, 9, 26),
            PT,
            "CLARIFICATION_CUTOFF",
            date(2025, 10, 1),
            "15 days before the deadline",
        ),
        # Spring Festival 2026: 02-15..02-23 off; Sat 02-14 is a make-up working day
        (
            date(2026, 2, 13),
            PT,
            "DOCUMENTS_ON_SALE",
            date(2026, 2, 27),
            "Sat 02-14 counts, festival skipped",
        ),
        (date(2026, 2, 13), CN, "RESPONSE_DEADLINE", date(2026, 2, 25), "02-14, 02-24, 02-25"),
        (
            date(2026, 2, 13),
            CC,
            "FIRST_RESPONSE_DEADLINE",
            date(2026, 2, 23),
            "calendar days run through the festival",
        ),
        # an ordinary week (start day never counts)
        (date(2025, 6, 9), PT, "DOCUMENTS_ON_SALE", date(2025, 6, 16), "Mon + 5 working days"),
    ],
)
def test_step_dates(run, start, method, step, expected, why):
    result = run(timeline_start=start, specs_fixable=False)
    found = steps(result, method)[step]
    assert found.date == expected, why
    assert not found.approximate


def test_calendar_day_step_on_a_holiday_says_so(run):
    result = run(timeline_start=date(2026, 2, 13), specs_fixable=False)
    step = steps(result, CC)["FIRST_RESPONSE_DEADLINE"]
    assert step.unit == PeriodUnit.CALENDAR_DAYS
    assert step.is_workday is False
    assert steps(result, CC)["DOCUMENTS_ON_SALE"].is_workday is True


def test_latest_steps_are_marked_latest(run):
    found = steps(run(), PT)
    assert found["CLARIFICATION_CUTOFF"].kind == "latest"
    assert found["BID_DEADLINE"].kind == "earliest"
    assert (found["BID_DEADLINE"].date - found["CLARIFICATION_CUTOFF"].date).days == 15


def test_timeline_start_defaults_to_the_procurement_date(run):
    result = run(date=date(2025, 9, 26))
    assert steps(result, PT)["DOCUMENTS_ON_SALE"].date == date(2025, 10, 10)


def test_year_beyond_the_library_is_a_warning_not_a_crash(run):
    last = supported_years()[1]
    start = date(last, 12, 28)
    result = run(timeline_start=start)
    assert "TIMELINE_BEYOND_CALENDAR" in result.warning_codes()
    warning = next(w for w in result.warnings if w.code == "TIMELINE_BEYOND_CALENDAR")
    assert warning.params["date"].year == last + 1
    on_sale = steps(result, PT)["DOCUMENTS_ON_SALE"]
    assert on_sale.approximate and on_sale.date.year == last + 1
    deadline = steps(result, PT)["BID_DEADLINE"]
    assert not deadline.approximate and deadline.is_workday is None
    assert next(t for t in result.timelines if t.method == PT).approximate


def test_procurement_date_wholly_beyond_the_calendar(run):
    last = supported_years()[1]
    result = run(date=date(last + 1, 3, 1))
    assert "TIMELINE_BEYOND_CALENDAR" in result.warning_codes()
    assert all(
        s.approximate for s in steps(result, PT).values() if s.unit == PeriodUnit.WORKING_DAYS
    )


def test_library_range_is_probed_not_hard_coded():
    first, last = supported_years()
    assert first <= 2020 and last >= 2025


def test_calendar_falls_back_to_weekdays_when_the_library_refuses():
    def refuse(day):
        raise NotImplementedError("no data")

    cal = WorkdayCalendar(is_workday_fn=refuse)
    day, approximate = cal.add_working_days(date(2030, 1, 4), 3, start_counted=False)  # Friday
    assert day == date(2030, 1, 9) and approximate
    assert cal.first_unsupported == date(2030, 1, 5)


def test_start_day_counted_convention_from_data(raw_rules):
    data = copy.deepcopy(raw_rules)
    data["provisions"]["timeline_counting"]["start_day_counted"] = True
    rules, errors = parse_rules(data)
    assert errors == []
    result = advise(rules, make(timeline_start=date(2025, 6, 9)))
    found = steps(result, PT)
    assert found["DOCUMENTS_ON_SALE"].date == date(2025, 6, 13)
    assert found["BID_DEADLINE"].date == date(2025, 6, 28)


def test_single_source_notice_only_for_a_sole_supplier_above_threshold(run):
    above = run(
        capable_suppliers=1,
        sole_supplier_evidence=True,
        amount=Decimal("3000000"),
        timeline_start=date(2025, 9, 30),
    )
    assert steps(above, Method.SINGLE_SOURCE)["PUBLIC_NOTICE"].date == date(2025, 10, 14)
    below = run(capable_suppliers=1, sole_supplier_evidence=True)
    assert Method.SINGLE_SOURCE not in [t.method for t in below.timelines]


def test_methods_not_allowed_have_no_timeline(run):
    methods = [t.method for t in run(category=Category.GOODS).timelines]
    assert methods == [PT]


def test_every_step_cites_its_basis(run):
    result = run(specs_fixable=False, rd_need=True, no_market_solution=True)
    assert {t.method for t in result.timelines} >= {PT, CN, CC, Method.COOPERATIVE_INNOVATION}
    assert all(s.basis for t in result.timelines for s in t.steps)
