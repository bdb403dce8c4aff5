"""The way to the next grade.

Points recoverable for an indicator = its shortfall (effective weight − points), i.e. what the
total gains when that indicator reaches full marks. N/A indicators have none (they are not in
the plan); a missing answer has its whole effective weight to recover. Edge values: at the top
grade there is no next grade; when only a cap holds the grade down, 0 points are needed.
"""

from collections.abc import Sequence
from decimal import Decimal

from assessment.scoring.messages import Message
from assessment.scoring.results import CapOutcome, IndicatorResult, NextGrade, make_next_grade
from assessment.scoring.rounding import ZERO
from assessment.scoring.types import Framework, GradeBand


def next_grade(
    framework: Framework,
    total: Decimal,
    grade: GradeBand,
    caps: Sequence[CapOutcome],
    plan: Sequence[IndicatorResult],
) -> NextGrade | None:
    """What it takes to reach the grade above ``grade`` (None at the top).

    ``total`` is the rounded total the user sees; points needed = next min_score − total (0 when
    the total already suffices and only a cap holds the grade down). Because the grade is read
    from the rounded total, gaining that many points always reaches the grade. Fired caps whose
    grade is below the target must be cleared first (their indicators are required); then
    indicators from ``plan`` (most points recoverable first) are added until the points are
    covered — greedy on the largest gains gives the fewest indicators, each assumed raised to
    full marks. "Cheapest" therefore means fewest indicators; the framework states no cost per
    indicator. Missing answers are in the plan like any other shortfall.
    """
    grade_rank = framework.grade_rank
    rank = grade_rank[grade.code]
    if rank == 0:
        return None
    target = framework.grades[rank - 1]
    gap = target.min_score - total
    needed = gap if gap > ZERO else ZERO  # = max(ZERO, gap)
    if caps:
        required = tuple(
            dict.fromkeys(c.indicator for c in caps if grade_rank[c.cap_grade.code] > rank - 1)
        )
    else:
        required = ()
    chosen: list[str] = list(required)
    gained = ZERO
    if required:  # = Σ shortfall of the required indicators, in plan order
        for r in plan:
            if r.indicator.code in required:
                gained += r.shortfall
    for r in plan:
        if gained >= needed:
            break
        code = r.indicator.code
        if code not in required:
            chosen.append(code)
            gained += r.shortfall
    params = {
        "grade": target.name,
        "points": needed,
        "indicators": ", ".join(chosen) if chosen else "-",
    }
    if required:
        message = Message("next_grade_blocked", {**params, "required": ", ".join(required)})
    else:
        message = Message("next_grade", params)
    return make_next_grade(target, needed, required, tuple(chosen), gained, message)
