"""Hypothesis strategies: valid typed answers for any indicator of any framework."""

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from assessment.scoring.types import (
    Answer,
    BandParams,
    ChecklistAnswer,
    ChecklistParams,
    CountAnswer,
    DeductionParams,
    EventsAnswer,
    FractionAnswer,
    Framework,
    Indicator,
    LevelAnswer,
    LevelParams,
    NotApplicable,
    NumberAnswer,
    PercentAnswer,
    ThresholdParams,
    YesNoAnswer,
)


def decimals(lo: Decimal | int, hi: Decimal | int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=lo, max_value=hi, places=2, allow_nan=False, allow_infinity=False)


def fractions(code: str) -> st.SearchStrategy[FractionAnswer]:
    return st.integers(1, 5000).flatmap(
        lambda den: st.integers(0, den).map(lambda num: FractionAnswer(code, Decimal(num), Decimal(den)))
    )


def answer_for(ind: Indicator) -> st.SearchStrategy[Answer]:
    """Any valid (non-N/A) answer to ``ind``."""
    code, p = ind.code, ind.params
    if ind.type == "ratio":
        return decimals(0, 100).map(lambda v: PercentAnswer(code, v)) | fractions(code)
    if ind.type == "band":
        assert isinstance(p, BandParams)
        return decimals(p.min_value, p.max_value).map(lambda v: PercentAnswer(code, v))
    if ind.type == "level":
        assert isinstance(p, LevelParams)
        return st.sampled_from([c.code for c in p.levels]).map(lambda lv: LevelAnswer(code, lv))
    if ind.type == "checklist":
        assert isinstance(p, ChecklistParams)
        return st.frozensets(st.sampled_from([c.code for c in p.items])).map(lambda s: ChecklistAnswer(code, s))
    if ind.type == "yes_no":
        return st.booleans().map(lambda b: YesNoAnswer(code, b))
    if ind.type == "capped_count":
        return st.integers(0, 100).map(lambda n: CountAnswer(code, n))
    if ind.type == "deduction":
        assert isinstance(p, DeductionParams)
        kinds = [c.code for c in p.events]
        return st.dictionaries(st.sampled_from(kinds), st.integers(1, 5)).map(
            lambda d: EventsAnswer(code, tuple(sorted(d.items())))
        )
    if ind.type == "threshold":
        assert isinstance(p, ThresholdParams)
        lo = p.min_value if p.min_value is not None else Decimal(-1000)
        hi = p.max_value if p.max_value is not None else Decimal(1000)
        return decimals(lo, hi).map(lambda v: NumberAnswer(code, v))
    raise AssertionError(ind.type)


def maybe_answer(ind: Indicator) -> st.SearchStrategy[Answer | None]:
    """An answer, N/A (where allowed) or nothing (missing)."""
    options: list[st.SearchStrategy[Any]] = [answer_for(ind), answer_for(ind), st.none()]
    if ind.not_applicable_allowed:
        options.append(st.just(NotApplicable(ind.code, "not applicable here")))
    return st.one_of(options)


@st.composite
def answer_sets(draw: st.DrawFn, framework: Framework, complete: bool = False) -> tuple[Answer, ...]:
    """A set of answers in framework order (missing ones left out)."""
    out = []
    for ind in framework.indicators:
        answer = draw(answer_for(ind) if complete else maybe_answer(ind))
        if answer is not None:
            out.append(answer)
    return tuple(out)


@st.composite
def better_answer(draw: st.DrawFn, ind: Indicator, answer: Answer) -> Answer:
    """An answer to ``ind`` at least as good as ``answer`` by the indicator's own measure."""
    code, p = ind.code, ind.params
    if isinstance(answer, PercentAnswer | FractionAnswer) and ind.type == "ratio":
        value = answer.value if isinstance(answer, PercentAnswer) else 100 * answer.numerator / answer.denominator
        return PercentAnswer(code, draw(decimals(min(Decimal(100), value.quantize(Decimal("0.01"), rounding="ROUND_CEILING")), 100)))
    if isinstance(answer, PercentAnswer) and isinstance(p, BandParams):
        v = answer.value
        if v < p.full_from:  # move up towards the band, not beyond its top
            return PercentAnswer(code, draw(decimals(v, p.full_to)))
        if v > p.full_to:
            return PercentAnswer(code, draw(decimals(p.full_from, v)))
        return PercentAnswer(code, draw(decimals(p.full_from, p.full_to)))
    if isinstance(answer, LevelAnswer) and isinstance(p, LevelParams):
        current = p.scores[answer.level]
        return LevelAnswer(code, draw(st.sampled_from([c.code for c in p.levels if c.score >= current])))
    if isinstance(answer, ChecklistAnswer) and isinstance(p, ChecklistParams):
        extra = draw(st.frozensets(st.sampled_from([c.code for c in p.items])))
        return ChecklistAnswer(code, answer.items | extra)
    if isinstance(answer, YesNoAnswer):
        return YesNoAnswer(code, answer.value or draw(st.booleans()))
    if isinstance(answer, CountAnswer):
        return CountAnswer(code, answer.count + draw(st.integers(0, 50)))
    if isinstance(answer, EventsAnswer):
        fewer = tuple((k, n - draw(st.integers(0, n))) for k, n in answer.events)
        return EventsAnswer(code, tuple((k, n) for k, n in fewer if n))
    if isinstance(answer, NumberAnswer) and isinstance(p, ThresholdParams):
        if p.direction == "lower_is_better":
            lo = p.min_value if p.min_value is not None else Decimal(-1000)
            return NumberAnswer(code, draw(decimals(lo, answer.value)))
        hi = p.max_value if p.max_value is not None else Decimal(1000)
        return NumberAnswer(code, draw(decimals(answer.value, hi)))
    raise AssertionError((ind.type, answer))
