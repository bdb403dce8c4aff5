"""Frozen dataclasses of a scoring result.

Figures are kept exact (full Decimal precision): rounding is a presentation step, done by
``serialise.result_to_dict`` and by whoever renders a Result (``round_half_up``). The one
exception is ``total``, rounded half-up to 2 places because the grade is read from the total
the user sees. All points are on the 0–100 total scale.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from assessment.scoring.messages import Message
from assessment.scoring.types import Answer, Dimension, GradeBand, Indicator, Text

IndicatorStatus = Literal["answered", "not_applicable", "missing"]


@dataclass(frozen=True)
class IndicatorResult:
    """raw answer → measured figure → normalised score → weighted points → shortfall.

    ``indicator`` is the framework's own (immutable, shared) Indicator, so names, unit, help,
    evidence and advice are at hand without copying; ``code``, ``name``… are shortcuts to it.
    """

    indicator: Indicator
    status: IndicatorStatus
    answer: Answer | None  # None when missing; NotApplicable carries the reason
    measured: Decimal | None  # the figure the formula read (%, count, hours, points…)
    normalised: Decimal | None  # 0–100; 0 when missing; None when not applicable
    effective_weight: Decimal  # share of the 0–100 total after N/A redistribution
    points: Decimal  # normalised × effective_weight / 100
    shortfall: Decimal  # effective_weight − points = points recoverable at full marks

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def name(self) -> Text:
        return self.indicator.name

    @property
    def dimension(self) -> str:
        return self.indicator.dimension

    @property
    def type(self) -> str:
        return self.indicator.type

    @property
    def weight(self) -> Decimal:
        """Nominal weight within the dimension (framework file)."""
        return self.indicator.weight

    @property
    def advice(self) -> Text:
        return self.indicator.advice


@dataclass(frozen=True)
class DimensionResult:
    dimension: Dimension  # the framework's own Dimension (code, name, nominal weight)
    status: Literal["scored", "not_applicable"]
    effective_weight: Decimal  # after a fully-N/A dimension's weight is redistributed
    score: Decimal | None  # 0–100 within the dimension; None when not applicable
    points: Decimal  # weighted: contribution to the total
    shortfall: Decimal

    @property
    def code(self) -> str:
        return self.dimension.code

    @property
    def name(self) -> Text:
        return self.dimension.name

    @property
    def weight(self) -> Decimal:
        return self.dimension.weight


@dataclass(frozen=True)
class CapOutcome:
    """A veto / cap rule that fired (一票否决)."""

    rule: str
    indicator: str
    cap_grade: GradeBand
    score: Decimal  # the indicator's normalised score (0 when missing)
    fails_below: Decimal
    lowered_grade: bool  # False when the total alone already put the grade at or below the cap
    reason: Text  # the rule's own reason from the framework file
    message: Message


@dataclass(frozen=True)
class CrossCheckFailure:
    check: str
    left: str  # "O3.denominator"
    left_value: Decimal
    op: str
    right: str
    right_value: Decimal
    description: Text
    message: Message


@dataclass(frozen=True)
class NextGrade:
    grade: GradeBand
    points_needed: Decimal  # next grade's min_score − total (0 when only a cap blocks it)
    required: tuple[str, ...]  # gate indicators whose cap must be cleared first
    indicators: tuple[str, ...]  # fewest indicators (required ones first) whose full marks get there
    points_gained: Decimal  # points those indicators recover at full marks
    message: Message


@dataclass(frozen=True)
class Result:
    framework_slug: str
    framework_version: int
    framework_content_hash: str
    inputs_hash: str
    total: Decimal  # 0–100, rounded half-up to 2 places (the grade is read from it)
    score_grade: GradeBand  # grade from the total alone
    grade: GradeBand  # after caps
    dimensions: tuple[DimensionResult, ...]
    indicators: tuple[IndicatorResult, ...]  # framework order
    caps: tuple[CapOutcome, ...]  # fired caps only
    cross_check_failures: tuple[CrossCheckFailure, ...]
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    # Indicators with points to recover, most first (framework order on ties); each carries
    # its shortfall (= points recoverable) and advice.
    improvement_plan: tuple[IndicatorResult, ...]
    next_grade: NextGrade | None  # None at the top grade
    notices: tuple[Message, ...]


# Hot-path constructors. A frozen dataclass's __init__ sets each field through
# object.__setattr__; filling a fresh instance's own __dict__ in field order builds the same
# frozen, equal object several times faster (CPython then stores the values against keys the
# class's instances share). tests/assessment/scoring/test_results.py keeps them in step with
# the field lists.
new_object = _new = object.__new__


def make_indicator_result(
    indicator: Indicator, status: IndicatorStatus, answer: Answer | None,
    measured: Decimal | None, normalised: Decimal | None, effective_weight: Decimal,
    points: Decimal, shortfall: Decimal,
) -> IndicatorResult:  # fmt: skip
    obj = _new(IndicatorResult)
    d = obj.__dict__
    d["indicator"] = indicator
    d["status"] = status
    d["answer"] = answer
    d["measured"] = measured
    d["normalised"] = normalised
    d["effective_weight"] = effective_weight
    d["points"] = points
    d["shortfall"] = shortfall
    return obj  # type: ignore[no-any-return]


def make_dimension_result(
    dimension: Dimension, status: Literal["scored", "not_applicable"],
    effective_weight: Decimal, score: Decimal | None, points: Decimal, shortfall: Decimal,
) -> DimensionResult:  # fmt: skip
    obj = _new(DimensionResult)
    d = obj.__dict__
    d["dimension"] = dimension
    d["status"] = status
    d["effective_weight"] = effective_weight
    d["score"] = score
    d["points"] = points
    d["shortfall"] = shortfall
    return obj  # type: ignore[no-any-return]


def make_cap_outcome(
    rule: str, indicator: str, cap_grade: GradeBand, score: Decimal, fails_below: Decimal,
    lowered_grade: bool, reason: Text, message: Message,
) -> CapOutcome:  # fmt: skip
    obj = _new(CapOutcome)
    d = obj.__dict__
    d["rule"] = rule
    d["indicator"] = indicator
    d["cap_grade"] = cap_grade
    d["score"] = score
    d["fails_below"] = fails_below
    d["lowered_grade"] = lowered_grade
    d["reason"] = reason
    d["message"] = message
    return obj  # type: ignore[no-any-return]


def make_cross_check_failure(
    check: str, left: str, left_value: Decimal, op: str, right: str, right_value: Decimal,
    description: Text, message: Message,
) -> CrossCheckFailure:  # fmt: skip
    obj = _new(CrossCheckFailure)
    d = obj.__dict__
    d["check"] = check
    d["left"] = left
    d["left_value"] = left_value
    d["op"] = op
    d["right"] = right
    d["right_value"] = right_value
    d["description"] = description
    d["message"] = message
    return obj  # type: ignore[no-any-return]


def make_next_grade(
    grade: GradeBand, points_needed: Decimal, required: tuple[str, ...],
    indicators: tuple[str, ...], points_gained: Decimal, message: Message,
) -> NextGrade:  # fmt: skip
    obj = _new(NextGrade)
    d = obj.__dict__
    d["grade"] = grade
    d["points_needed"] = points_needed
    d["required"] = required
    d["indicators"] = indicators
    d["points_gained"] = points_gained
    d["message"] = message
    return obj  # type: ignore[no-any-return]


_RESULT_FIELDS = tuple(Result.__dataclass_fields__)


def make_result(**values: object) -> Result:
    """Keyword constructor equivalent to ``Result(**values)`` (all fields required)."""
    if values.keys() != set(_RESULT_FIELDS):
        raise TypeError(f"Result needs {_RESULT_FIELDS}")
    obj = _new(Result)
    d = obj.__dict__
    for name in _RESULT_FIELDS:  # field order, whatever order the keywords came in
        d[name] = values[name]
    return obj  # type: ignore[no-any-return]
