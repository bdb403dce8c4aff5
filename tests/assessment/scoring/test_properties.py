"""Property tests over both shipped frameworks (hypothesis)."""

import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.scoring import (
    Framework,
    answers_to_payload,
    effective_weights,
    score,
    validate_answers,
    what_if,
)
from assessment.scoring.hashing import canonical_json, inputs_document, inputs_hash, sha256_hex
from assessment.scoring.weights import redistribute

from .conftest import load
from .strategies import answer_for, answer_sets, better_answer

FRAMEWORKS = [load("caict-gov-cloud-v1.yaml"), load("gbt-42584-2023-v1.yaml")]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TINY = Decimal("1e-20")


each_framework = pytest.mark.parametrize("framework", FRAMEWORKS, ids=lambda f: f.slug)


@each_framework
@SETTINGS
@given(data=st.data())
def test_scores_stay_within_bounds(framework: Framework, data: st.DataObject) -> None:
    r = score(framework, data.draw(answer_sets(framework)))
    assert 0 <= r.total <= 100
    for i in r.indicators:
        if i.normalised is not None:
            assert 0 <= i.normalised <= 100
            assert 0 <= i.points <= i.effective_weight
            assert abs(i.points + i.shortfall - i.effective_weight) < TINY
    for d in r.dimensions:
        assert d.score is None or 0 <= d.score <= 100
    # The total is the rounded sum of the exact points.
    assert abs(r.total - sum(i.points for i in r.indicators)) <= Decimal("0.005") + TINY


@each_framework
@SETTINGS
@given(data=st.data())
def test_better_answer_never_lowers_total_or_grade(framework: Framework, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(framework))
    ind = data.draw(st.sampled_from(framework.indicators))
    current = next((a for a in answers if a.code == ind.code), None)
    if current is None or type(current).__name__ == "NotApplicable":
        current = data.draw(answer_for(ind))
        answers = tuple(a for a in answers if a.code != ind.code) + (current,)
    improved = data.draw(better_answer(ind, current))
    before = score(framework, answers)
    after = what_if(framework, answers, {ind.code: improved})
    assert after.total >= before.total
    assert framework.grade_rank[after.grade.code] <= framework.grade_rank[before.grade.code]


@each_framework
@SETTINGS
@given(data=st.data())
def test_answering_a_missing_indicator_never_lowers_total(framework: Framework, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(framework))
    ind = data.draw(st.sampled_from(framework.indicators))
    without = what_if(framework, answers, {ind.code: None})
    with_answer = what_if(framework, answers, {ind.code: data.draw(answer_for(ind))})
    assert with_answer.total >= without.total


@each_framework
@SETTINGS
@given(data=st.data())
def test_na_redistribution_keeps_weights_at_100(framework: Framework, data: st.DataObject) -> None:
    optional = [i.code for i in framework.indicators if i.not_applicable_allowed]
    na = data.draw(st.sets(st.sampled_from(optional)))
    weights = effective_weights(framework, na)
    assert set(weights) == {i.code for i in framework.indicators} - na
    assert abs(sum(weights.values()) - 100) < TINY
    _, dims = redistribute(framework.dimensions, framework.indicators, na)
    assert abs(sum(eff for eff, _ in dims.values()) - 100) < TINY
    for dim, (weight, _) in dims.items():  # within a dimension, weights keep their proportions
        members = [i for i in framework.indicators if i.dimension == dim and i.code not in na]
        assert abs(sum(weights[i.code] for i in members) - weight) < TINY
        first = members[0]
        for other in members[1:]:
            ratio = weights[other.code] / weights[first.code]
            assert abs(ratio - other.weight / first.weight) < TINY


@each_framework
@SETTINGS
@given(data=st.data(), seed=st.integers())
def test_order_of_answers_does_not_matter(framework: Framework, data: st.DataObject, seed: int) -> None:
    answers = list(data.draw(answer_sets(framework)))
    shuffled = answers[:]
    random.Random(seed).shuffle(shuffled)
    a, b = score(framework, answers), score(framework, shuffled)
    assert a == b and a.inputs_hash == b.inputs_hash


@each_framework
@SETTINGS
@given(data=st.data())
def test_fast_inputs_hash_is_the_canonical_json_hash(framework: Framework, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(framework))
    document = inputs_document(framework.slug, framework.version, framework.content_hash, answers)
    expected = sha256_hex(canonical_json(document))
    assert inputs_hash(framework.slug, framework.version, framework.content_hash, answers) == expected


@each_framework
@SETTINGS
@given(data=st.data())
def test_payload_round_trip(framework: Framework, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(framework))
    again, errors = validate_answers(framework, answers_to_payload(answers))
    assert errors == () or {e.code for e in errors} == {"cross_check_failed"}
    assert score(framework, again) == score(framework, answers)
