"""The engine's per-framework tables (``Framework.compiled``) and the hot-path constructors.

The tables are derived once per Framework; these tests hold them to what they are derived from:
a result scored through them equals one computed straight from the framework (its indicators,
``weights.redistribute`` and the ``indicator_types`` functions, as the engine did before the
tables existed), figure for figure and digit for digit; no two frameworks share tables; and the
inputs hash the engine takes is the canonical-JSON hash.
"""

from dataclasses import fields, replace
from decimal import Decimal, localcontext
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import (
    Framework,
    LevelAnswer,
    NotApplicable,
    PercentAnswer,
    Result,
    score,
)
from assessment.scoring.hashing import canonical_json, inputs_document, sha256_hex
from assessment.scoring.indicator_types import SCORERS
from assessment.scoring.messages import Message
from assessment.scoring.results import (
    CapOutcome,
    CrossCheckFailure,
    NextGrade,
    make_cap_outcome,
    make_cross_check_failure,
    make_next_grade,
)
from assessment.scoring.rounding import HUNDRED, SCORING_CONTEXT, ZERO, round_half_up
from assessment.scoring.types import Answer, Indicator
from assessment.scoring.weights import redistribute

from .conftest import load
from .strategies import answer_sets

FRAMEWORKS = [load("caict-gov-cloud-v1.yaml"), load("gbt-42584-2023-v1.yaml")]
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
each_framework = pytest.mark.parametrize("framework", FRAMEWORKS, ids=lambda f: f.slug)


def exact(value: Any) -> Any:
    """A value compared digit for digit: Decimal("6") and Decimal("6.00") differ here."""
    return ("D", str(value)) if isinstance(value, Decimal) else value


def reference(fw: Framework, answers: tuple[Answer, ...]) -> dict[str, Any]:
    """The figures of the module docstring of ``engine``, computed straight from ``fw``."""
    by_code = {a.code: a for a in answers}
    with localcontext(SCORING_CONTEXT):
        na = {c for c, a in by_code.items() if isinstance(a, NotApplicable)}
        eff_by_code, dim_eff = redistribute(fw.dimensions, fw.indicators, na)
        indicators, nw, normalised = [], dict.fromkeys(dim_eff, ZERO), {}
        for ind in fw.indicators:
            answer = by_code.get(ind.code)
            if isinstance(answer, NotApplicable):
                indicators.append((ind.code, "not_applicable", None, None, ZERO, ZERO, ZERO))
                continue
            n, measured = (ZERO, None) if answer is None else SCORERS[ind.type][0](ind.params, answer)
            normalised[ind.code] = n
            eff = eff_by_code[ind.code]
            points = n * (eff / HUNDRED)
            nw[ind.dimension] += n * ind.weight
            status = "missing" if answer is None else "answered"
            indicators.append((ind.code, status, exact(measured), exact(n), exact(eff), exact(points), exact(eff - points)))
        dimensions, total = [], ZERO
        for dim in fw.dimensions:
            if dim.code not in dim_eff:
                dimensions.append((dim.code, "not_applicable", None, ZERO, ZERO))
                continue
            eff, applicable = dim_eff[dim.code]
            dim_score = nw[dim.code] / applicable
            points = dim_score * eff / HUNDRED
            total += points
            dimensions.append((dim.code, "scored", exact(dim_score), exact(points), exact(eff - points)))
        shown = round_half_up(total)
        grade = next(g for g in fw.grades if shown >= g.min_score)
        capped, caps = grade, []
        for rule in fw.caps:  # gates cannot be N/A
            if (n := normalised[rule.indicator]) < rule.fails_below:
                caps.append((rule.code, exact(n)))
                if fw.grade_rank[rule.cap_grade] > fw.grade_rank[capped.code]:
                    capped = fw.grade_by_code[rule.cap_grade]
    return {
        "indicators": indicators,
        "dimensions": dimensions,
        "total": exact(shown),
        "grade": (grade.code, capped.code),
        "caps": caps,
        "inputs_hash": sha256_hex(canonical_json(inputs_document(fw.slug, fw.version, fw.content_hash, answers))),
    }


def figures(r: Result) -> dict[str, Any]:
    return {
        "indicators": [
            (i.code, i.status, exact(i.measured), exact(i.normalised), exact(i.effective_weight), exact(i.points), exact(i.shortfall))
            if i.status != "not_applicable"
            else (i.code, i.status, i.measured, i.normalised, i.effective_weight, i.points, i.shortfall)
            for i in r.indicators
        ],
        "dimensions": [
            (d.code, d.status, exact(d.score), exact(d.points), exact(d.shortfall))
            if d.status == "scored"
            else (d.code, d.status, d.score, d.points, d.shortfall)
            for d in r.dimensions
        ],
        "total": exact(r.total),
        "grade": (r.score_grade.code, r.grade.code),
        "caps": [(c.rule, exact(c.score)) for c in r.caps],
        "inputs_hash": r.inputs_hash,
    }


@each_framework
@SETTINGS
@given(data=st.data())
def test_scoring_through_the_tables_equals_scoring_from_the_framework(framework: Framework, data: st.DataObject) -> None:
    # Answer sets with N/A (tables rebuilt for the call), missing answers and complete ones.
    answers = data.draw(answer_sets(framework) | answer_sets(framework, complete=True))
    assert figures(score(framework, answers)) == reference(framework, answers)


def test_a_level_outside_the_framework_hashes_like_any_other_string(caict: Framework) -> None:
    # Levels of the framework use ready-made fragments; anything else is encoded on the spot.
    for level in ("L3", "L9", 'q"\\\u2028', "等级"):
        answers = (LevelAnswer("O4", level), PercentAnswer("P4", Decimal("12.5")))
        document = inputs_document(caict.slug, caict.version, caict.content_hash, answers)
        assert score(caict, answers).inputs_hash == sha256_hex(canonical_json(document))


def test_frameworks_do_not_share_tables(caict: Framework, gbt: Framework) -> None:
    assert caict.compiled is not gbt.compiled
    assert [row[0] for row in caict.compiled.rows] == list(caict.indicators)  # its own objects
    assert [row[0] for row in gbt.compiled.rows] == list(gbt.indicators)
    assert all(row[0] is ind for row, ind in zip(caict.compiled.rows, caict.indicators, strict=True))
    # Equal content, separate objects: equal frameworks, tables of their own.
    again = load("caict-gov-cloud-v1.yaml")
    assert again == caict and again.compiled is not caict.compiled


def test_a_replaced_framework_gets_tables_of_its_own(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    # dataclasses.replace builds a new Framework, and with it new tables from its own fields.
    version2 = replace(caict, version=2)
    assert version2.compiled is not caict.compiled
    document = inputs_document(caict.slug, 2, caict.content_hash, caict_answers)
    assert score(version2, caict_answers).inputs_hash == sha256_hex(canonical_json(document))
    # Swap the weights of P1 (30) and P2 (25): the new framework scores with its own weights.
    swapped: list[Indicator] = []
    for ind in caict.indicators:
        if ind.code in ("P1", "P2"):
            ind = replace(ind, weight=Decimal(55) - ind.weight)
        swapped.append(ind)
    reweighted = replace(caict, indicators=tuple(swapped))
    assert [row[6] for row in reweighted.compiled.rows[:2]] == [Decimal(25), Decimal(30)]
    assert figures(score(reweighted, caict_answers)) == reference(reweighted, caict_answers)
    assert score(reweighted, caict_answers).total != score(caict, caict_answers).total
    assert figures(score(caict, caict_answers)) == reference(caict, caict_answers)  # untouched


def test_rows_for_not_applicable_match_redistribution(gbt: Framework) -> None:
    optional = [i.code for i in gbt.indicators if i.not_applicable_allowed]
    with localcontext(SCORING_CONTEXT):
        for na in ([], optional[:1], optional[:3], optional):
            rows, dimension_rows = gbt.compiled.rows_for(na)
            eff_by_code, dim_eff = redistribute(gbt.dimensions, gbt.indicators, na)
            assert [(r[1], r[7]) for r in rows] == [(i.code, eff_by_code.get(i.code)) for i in gbt.indicators]
            assert all(r[8] == (None if r[7] is None else r[7] / HUNDRED) for r in rows)
            assert [(d.code, e, w) for d, e, w in dimension_rows] == [
                (d.code, *dim_eff.get(d.code, (None, None))) for d in gbt.dimensions
            ]
        assert gbt.compiled.rows_for([]) == (gbt.compiled.rows, gbt.compiled.dimension_rows)


def test_fast_constructors_match_the_dataclasses(caict: Framework) -> None:
    grade, message = caict.grades[1], Message("next_grade", {"grade": "x"})
    cases = [
        (make_cap_outcome, CapOutcome, ("gate", "S1", grade, Decimal(40), Decimal(100), True, grade.name, message)),
        (make_cross_check_failure, CrossCheckFailure, ("c", "O3.denominator", Decimal(3), "lte", "O2.numerator", Decimal(2), grade.name, message)),
        (make_next_grade, NextGrade, (grade, Decimal("1.5"), ("S1",), ("S1", "P1"), Decimal(3), message)),
    ]  # fmt: skip
    for make, cls, values in cases:
        built = make(*values)
        assert type(built) is cls and built == cls(*values)
        assert [f.name for f in fields(cls)] == list(vars(built))
