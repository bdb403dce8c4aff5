"""Frozen dataclasses of the scoring engine's inputs: frameworks and typed answers.

A :class:`Framework` is parsed once from its YAML file (see ``framework_schema``) and then
shared read-only by every scoring call; lookups the engine needs are precomputed here.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from assessment.scoring.rounding import SCORING_CONTEXT

if TYPE_CHECKING:
    from assessment.scoring.compiled import CompiledFramework


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both shipped languages (zh-hans and en)."""

    zh: str
    en: str


# --- indicator parameters, one class per indicator type -----------------------------------


@dataclass(frozen=True, slots=True)
class RatioParams:
    """Linear from ``floor`` % (scores 0) to ``target`` % (scores 100)."""

    floor: Decimal
    target: Decimal
    span: Decimal = field(init=False, compare=False, repr=False)  # target − floor

    def __post_init__(self) -> None:
        object.__setattr__(self, "span", self.target - self.floor)


@dataclass(frozen=True, slots=True)
class BandParams:
    """Full marks in [full_from, full_to], linear to 0 at zero_below / zero_above."""

    zero_below: Decimal
    full_from: Decimal
    full_to: Decimal
    zero_above: Decimal
    min_value: Decimal
    max_value: Decimal


@dataclass(frozen=True, slots=True)
class Choice:
    """A level of a graded-level indicator or an item of a checklist."""

    code: str
    label: Text
    score: Decimal  # level: normalised score; checklist item: points


@dataclass(frozen=True, slots=True)
class LevelParams:
    levels: tuple[Choice, ...]
    scores: Mapping[str, Decimal] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ChecklistParams:
    items: tuple[Choice, ...]
    points: Mapping[str, Decimal] = field(compare=False, repr=False)
    total_points: Decimal = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class YesNoParams:
    pass


@dataclass(frozen=True, slots=True)
class CappedCountParams:
    points_per_unit: Decimal


@dataclass(frozen=True, slots=True)
class DeductionParams:
    events: tuple[Choice, ...]  # Choice.score = points deducted per event
    points: Mapping[str, Decimal] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ThresholdStep:
    bound: Decimal
    score: Decimal


@dataclass(frozen=True, slots=True)
class ThresholdParams:
    """Steps ordered from the best bound outwards; ``otherwise`` beyond the last."""

    direction: Literal["lower_is_better", "higher_is_better"]
    steps: tuple[ThresholdStep, ...]
    otherwise: Decimal
    min_value: Decimal | None
    max_value: Decimal | None


IndicatorParams = (
    RatioParams
    | BandParams
    | LevelParams
    | ChecklistParams
    | YesNoParams
    | CappedCountParams
    | DeductionParams
    | ThresholdParams
)


# --- framework ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Dimension:
    code: str
    name: Text
    weight: Decimal  # share of the total, the dimension weights add up to 100
    provenance: str


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: Text
    dimension: str
    weight: Decimal  # share within its dimension; a dimension's weights add up to 100
    type: str
    params: IndicatorParams
    unit: Text
    help: Text
    evidence: Text
    advice: Text
    provenance: str
    not_applicable_allowed: bool


@dataclass(frozen=True, slots=True)
class GradeBand:
    code: str
    name: Text
    min_score: Decimal
    status: Literal["confirmed", "modelled"]
    provenance: str


@dataclass(frozen=True, slots=True)
class CapRule:
    """一票否决: when ``indicator`` scores below ``fails_below`` the grade is capped."""

    code: str
    indicator: str
    fails_below: Decimal
    cap_grade: str
    reason: Text
    provenance: str


@dataclass(frozen=True, slots=True)
class NaPolicy:
    within_dimension: Literal["proportional"]
    empty_dimension: Literal["proportional"]
    note: Text


@dataclass(frozen=True, slots=True)
class CrossCheck:
    """``left <op> right`` where each side is ``<indicator>.<field>`` of an answer."""

    code: str
    left: tuple[str, str]
    op: Literal["lt", "lte", "eq", "gte", "gt"]
    right: tuple[str, str]
    description: Text


@dataclass(frozen=True, slots=True)
class Framework:
    slug: str
    version: int
    title: Text
    source: Text
    published: date
    effective: date
    languages: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[GradeBand, ...]  # highest min_score first
    caps: tuple[CapRule, ...]
    na_policy: NaPolicy
    cross_checks: tuple[CrossCheck, ...]
    notes: Text
    content_hash: str
    # Precomputed lookups (derived from the fields above, so excluded from eq/repr).
    indicator_by_code: Mapping[str, Indicator] = field(compare=False, repr=False)
    indicator_position: Mapping[str, int] = field(compare=False, repr=False)
    accepts: Mapping[str, frozenset[type]] = field(compare=False, repr=False)  # answer classes
    grade_by_code: Mapping[str, GradeBand] = field(compare=False, repr=False)
    grade_rank: Mapping[str, int] = field(compare=False, repr=False)  # 0 = highest grade
    # The engine's per-framework tables, derived from the fields above whenever a Framework is
    # built — also by ``dataclasses.replace`` — so a framework never scores with another's.
    compiled: "CompiledFramework" = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        from assessment.scoring.compiled import compile_framework  # it imports this module

        object.__setattr__(self, "compiled", compile_framework(self))


# --- typed answers -----------------------------------------------------------------------
# Answers are canonical by construction: equal inputs make equal objects with identical text
# (Decimal("87.50") is stored as Decimal("87.5"), events are sorted with zero counts dropped),
# so the inputs hash can use str() directly and never depends on how a value was written.

_ONE = Decimal(1)


def canonical_decimal(value: Decimal | int) -> Decimal:
    """The one representation of a value: no trailing zeros, no exponent above 0, no -0."""
    d = Decimal(value).normalize(SCORING_CONTEXT)
    if not d:
        return Decimal(0)
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0 and d.adjusted() < SCORING_CONTEXT.prec:
        d = d.quantize(_ONE, context=SCORING_CONTEXT)  # 1E+2 → 100
    return d


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)  # frozen: only __post_init__ canonicalises


@dataclass(frozen=True, slots=True)
class PercentAnswer:
    """ratio / band answered as a percentage (0–100 for ratio)."""

    code: str
    value: Decimal

    def __post_init__(self) -> None:
        _set(self, "value", canonical_decimal(self.value))


@dataclass(frozen=True, slots=True)
class FractionAnswer:
    """ratio answered as counts, e.g. 150 of 200 business systems migrated."""

    code: str
    numerator: Decimal
    denominator: Decimal

    def __post_init__(self) -> None:
        _set(self, "numerator", canonical_decimal(self.numerator))
        _set(self, "denominator", canonical_decimal(self.denominator))


@dataclass(frozen=True, slots=True)
class LevelAnswer:
    code: str
    level: str


@dataclass(frozen=True, slots=True)
class ChecklistAnswer:
    code: str
    items: frozenset[str]

    def __post_init__(self) -> None:
        _set(self, "items", frozenset(self.items))


@dataclass(frozen=True, slots=True)
class YesNoAnswer:
    code: str
    value: bool


@dataclass(frozen=True, slots=True)
class CountAnswer:
    code: str
    count: int


@dataclass(frozen=True, slots=True)
class EventsAnswer:
    """deduction: events per kind, sorted by event code, zero counts dropped."""

    code: str
    events: tuple[tuple[str, int], ...]

    def __post_init__(self) -> None:
        _set(self, "events", tuple(sorted((k, int(n)) for k, n in self.events if n)))


@dataclass(frozen=True, slots=True)
class NumberAnswer:
    """threshold: a measured figure, e.g. provisioning time in hours."""

    code: str
    value: Decimal

    def __post_init__(self) -> None:
        _set(self, "value", canonical_decimal(self.value))


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """The indicator does not apply; ``reason`` is mandatory and kept for the reviewer."""

    code: str
    reason: str


Answer = (
    PercentAnswer
    | FractionAnswer
    | LevelAnswer
    | ChecklistAnswer
    | YesNoAnswer
    | CountAnswer
    | EventsAnswer
    | NumberAnswer
    | NotApplicable
)
