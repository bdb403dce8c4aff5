"""One scoring function per indicator type: answer → (normalised score 0–100, measured figure).

All functions are pure, run in the engine's Decimal context and never round (rounding is a
presentation step, see ``rounding``). They receive a *validated* answer (``answers.py``); values
outside the documented range are clamped, never raised on. N/A and missing answers never reach
these functions: the engine excludes N/A indicators and scores a missing answer 0 before calling
anything here. The "measured" figure is what the formula read (a percentage, a count, hours…),
shown next to the score so the result explains itself.
"""

from collections.abc import Callable
from decimal import Decimal

from assessment.scoring.rounding import HUNDRED, ZERO
from assessment.scoring.types import (
    Answer,
    BandParams,
    CappedCountParams,
    ChecklistAnswer,
    ChecklistParams,
    CountAnswer,
    DeductionParams,
    EventsAnswer,
    FractionAnswer,
    IndicatorParams,
    LevelAnswer,
    LevelParams,
    NumberAnswer,
    PercentAnswer,
    RatioParams,
    ThresholdParams,
    YesNoAnswer,
    YesNoParams,
)

Scored = tuple[Decimal, Decimal | None]


def percent_of(answer: PercentAnswer | FractionAnswer) -> Decimal:
    """The percentage an answer states: ``value``, or ``100 × numerator / denominator``.

    A zero denominator is rejected by answer validation (the indicator should be N/A); if one
    arrives anyway the percentage is taken as 0 rather than dividing by zero.
    """
    if isinstance(answer, PercentAnswer):
        return answer.value
    if answer.denominator <= ZERO:
        return ZERO
    return HUNDRED * answer.numerator / answer.denominator


def score_ratio(params: RatioParams, answer: PercentAnswer | FractionAnswer) -> Scored:
    """Ratio (e.g. CAICT 部门上云率, GB/T 42584 §4.3.4 服务响应及时性): linear floor → target.

    ``p ≤ floor`` → 0 (so O1's "below 60 % scores 0" is ``floor: 60``); ``p ≥ target`` → 100
    (so P3's "≥ 95 % is full" is ``target: 95``); in between ``100 × (p − floor) / (target −
    floor)``. Input is a percentage or numerator/denominator; above 100 % clamps to full.
    N/A (e.g. nothing to count) and missing answers are handled by the engine, not here.
    """
    if type(answer) is PercentAnswer:
        p = answer.value
    else:  # percent_of, inlined: this is the hottest formula
        den = answer.denominator
        p = HUNDRED * answer.numerator / den if den > ZERO else ZERO
    if p <= params.floor:
        return ZERO, p
    if p >= params.target:
        return HUNDRED, p
    # Divide last: an exact result stays exact (76/95 of the way is exactly 80).
    return HUNDRED * (p - params.floor) / params.span, p


def score_band(params: BandParams, answer: PercentAnswer | FractionAnswer) -> Scored:
    """Band (e.g. GB/T 42584 §4.2.4 资源利用率 "30–70 % is healthy"): full inside a range.

    Full marks for ``full_from ≤ v ≤ full_to``; linear down to 0 at ``zero_below`` and at
    ``zero_above``; 0 outside them. Both ends are inclusive for full marks; a limit equal to its
    full-marks edge makes a cliff (no slope) on that side. N/A and missing answers are handled
    by the engine, not here.
    """
    v = answer.value if type(answer) is PercentAnswer else percent_of(answer)
    if v < params.full_from:
        if v <= params.zero_below:
            return ZERO, v
        return HUNDRED * (v - params.zero_below) / (params.full_from - params.zero_below), v
    if v > params.full_to:
        if v >= params.zero_above:
            return ZERO, v
        return HUNDRED * (params.zero_above - v) / (params.zero_above - params.full_to), v
    return HUNDRED, v


def score_level(params: LevelParams, answer: LevelAnswer) -> Scored:
    """Graded level (e.g. CAICT 民众办事效率提升成效, 4 levels): the level's own score.

    Each level in the framework file carries its normalised score; an unknown level (rejected by
    validation) scores 0. No measured figure. N/A and missing answers are handled by the engine.
    """
    return params.scores.get(answer.level, ZERO), None


def score_checklist(params: ChecklistParams, answer: ChecklistAnswer) -> Scored:
    """Checklist (e.g. CAICT 规划与制度完备度): points per item present, normalised.

    ``100 × points of ticked items / points of all items``; an empty list scores 0 (it is an
    answer: "none of these"), unknown items (rejected by validation) count nothing. Measured
    figure: points earned. N/A and missing answers are handled by the engine.
    """
    get = params.points.get
    earned = ZERO
    for item in answer.items:  # = sum(..., ZERO), without a generator on the hot path
        earned += get(item, ZERO)
    return HUNDRED * earned / params.total_points, earned


def score_yes_no(params: YesNoParams, answer: YesNoAnswer) -> Scored:
    """Yes/no (e.g. CAICT S2 passed the CAC cloud security assessment): yes 100, no 0.

    There are no edge values; no measured figure. N/A and missing answers are handled by the
    engine (a gate like S2 cannot be N/A, and a missing gate answer counts as failed).
    """
    return (HUNDRED if answer.value else ZERO), None


def score_capped_count(params: CappedCountParams, answer: CountAnswer) -> Scored:
    """Capped count (e.g. CAICT 服务目录丰富度): ``points_per_unit`` per unit, capped at 100.

    0 units → 0; the cap is reached at ``100 / points_per_unit`` units and more earn nothing
    extra; negative counts (rejected by validation) are treated as 0. Measured: the count. N/A
    and missing answers are handled by the engine.
    """
    n = answer.count
    count = Decimal(n if n > 0 else 0)
    points = count * params.points_per_unit
    return (points if points < HUNDRED else HUNDRED), count  # = min(HUNDRED, points)


def score_deduction(params: DeductionParams, answer: EventsAnswer) -> Scored:
    """Deduction (e.g. CAICT 安全运营成效): start at 100, minus points per event, floor 0.

    Event kinds and their points come from the framework; no events → 100 (so an empty event
    list is a real answer, not missing data). Measured figure: points deducted (before the
    floor). N/A and missing answers are handled by the engine.
    """
    get = params.points.get
    deducted = ZERO
    for kind, n in answer.events:  # = sum(..., ZERO), without a generator on the hot path
        deducted += get(kind, ZERO) * n
    left = HUNDRED - deducted
    return (left if left > ZERO else ZERO), deducted  # = max(ZERO, left)


def score_threshold(params: ThresholdParams, answer: NumberAnswer) -> Scored:
    """Threshold steps (e.g. CAICT 弹性与交付时效: ≤ 4 h full, ≤ 24 h partial, …).

    ``lower_is_better``: the first step with ``value ≤ bound`` gives its score;
    ``higher_is_better``: the first step with ``value ≥ bound``. Bounds are inclusive; beyond the
    last step ``otherwise`` applies. Measured: the value. N/A and missing answers are handled
    by the engine.
    """
    v = answer.value
    if params.direction == "lower_is_better":
        for step in params.steps:
            if v <= step.bound:
                return step.score, v
    else:
        for step in params.steps:
            if v >= step.bound:
                return step.score, v
    return params.otherwise, v


Scorer = Callable[[IndicatorParams, Answer], Scored]

#: type name → (scoring function, answer classes it accepts). The only type dispatch there is.
SCORERS: dict[str, tuple[Scorer, tuple[type, ...]]] = {
    "ratio": (score_ratio, (PercentAnswer, FractionAnswer)),  # type: ignore[dict-item]
    "band": (score_band, (PercentAnswer, FractionAnswer)),  # type: ignore[dict-item]
    "level": (score_level, (LevelAnswer,)),  # type: ignore[dict-item]
    "checklist": (score_checklist, (ChecklistAnswer,)),  # type: ignore[dict-item]
    "yes_no": (score_yes_no, (YesNoAnswer,)),  # type: ignore[dict-item]
    "capped_count": (score_capped_count, (CountAnswer,)),  # type: ignore[dict-item]
    "deduction": (score_deduction, (EventsAnswer,)),  # type: ignore[dict-item]
    "threshold": (score_threshold, (NumberAnswer,)),  # type: ignore[dict-item]
}

INDICATOR_TYPES: tuple[str, ...] = tuple(SCORERS)
