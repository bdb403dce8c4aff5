"""Engine behaviour: missing vs N/A, caps, checks, what-if, determinism, explanations."""

import json
from dataclasses import FrozenInstanceError
from decimal import ROUND_DOWN, Context, localcontext
from decimal import Decimal as D

import pytest

from assessment.scoring import (
    AnswerMismatch,
    CountAnswer,
    FractionAnswer,
    Framework,
    LevelAnswer,
    NotApplicable,
    PercentAnswer,
    YesNoAnswer,
    result_to_dict,
    score,
    what_if,
)
from assessment.scoring.types import Answer


def test_missing_answer_scores_zero_and_is_listed(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    answers = tuple(a for a in caict_answers if a.code != "O4")
    r = score(caict, answers)
    o4 = next(i for i in r.indicators if i.code == "O4")
    assert (o4.status, o4.normalised, o4.points, o4.effective_weight) == ("missing", 0, 0, 6)
    assert o4.shortfall == 6  # the whole effective weight is recoverable
    assert r.missing == ("O4",)
    # 81.675 − O4's 4.2 points = 77.475 → 77.48; its weight is NOT redistributed.
    assert r.total == D("77.48")
    assert [m.code for m in r.notices] == ["missing_answers"]
    assert r.improvement_plan[0].code == "O4"


def test_na_is_not_missing(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    r = what_if(caict, caict_answers, {"P4": NotApplicable("P4", "none identified")})
    p4 = next(i for i in r.indicators if i.code == "P4")
    assert (p4.status, p4.normalised, p4.effective_weight, p4.points) == ("not_applicable", None, 0, 0)
    assert p4.answer == NotApplicable("P4", "none identified")
    assert r.missing == () and r.not_applicable == ("P4",)
    assert sum(i.effective_weight for i in r.indicators) == 100


def test_nothing_answered(caict: Framework) -> None:
    r = score(caict, ())
    assert r.total == 0 and r.grade.code == "not_met"
    assert len(r.missing) == 20
    # Missing gates count as failed.
    assert [(c.indicator, c.message.code) for c in r.caps] == [("S1", "cap_missing"), ("S2", "cap_missing")]
    assert r.next_grade is not None and r.next_grade.grade.code == "basic"
    assert r.next_grade.points_needed == 60


def test_everything_na_that_can_be(gbt: Framework, gbt_answers: tuple[Answer, ...]) -> None:
    changes = {i.code: NotApplicable(i.code, "r") for i in gbt.indicators if i.not_applicable_allowed}
    r = what_if(gbt, gbt_answers, changes)
    # Only Q8 (80) is left: it carries the whole 100.
    assert r.total == 80
    assert [d.status for d in r.dimensions] == ["scored", "not_applicable", "not_applicable", "not_applicable"]
    q8 = next(i for i in r.indicators if i.code == "Q8")
    assert q8.effective_weight == 100


def test_cross_check_failures_are_reported_not_scored(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    r = what_if(caict, caict_answers, {"P3": FractionAnswer("P3", D(190), D(250))})
    # P3 190/250 = 76 % scores exactly as before; the check compares 190 new cloud builds with
    # 150 systems on the cloud (O2) and 250 new systems with 200 systems in all.
    assert r.total == D("81.68")
    assert [(f.check, f.left_value, f.right_value) for f in r.cross_check_failures] == [
        ("new_cloud_builds_within_cloud_systems", 190, 150),
        ("new_systems_within_all_systems", 250, 200),
    ]
    assert r.cross_check_failures[0].message.render() == "P3.numerator (190) must be <= O2.numerator (150)."


def test_gate_cap_with_low_s1(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    r = what_if(caict, caict_answers, {"S1": LevelAnswer("S1", "tested_nonconforming")})
    assert r.grade.code == "basic"
    cap = r.caps[0]
    assert (cap.rule, cap.score, cap.fails_below) == ("gate_s1_mlps", 40, 100)
    assert cap.message.render() == (
        "S1 scored 40.00, below its pass mark of 100.00: the grade cannot exceed Basic."
    )
    assert cap.message.render(language="zh-hans").endswith("基础级.")
    assert "合格" in cap.reason.zh


def test_cap_does_not_lower_an_already_lower_grade(caict: Framework) -> None:
    r = score(caict, [YesNoAnswer("S2", False)])
    assert r.grade.code == "not_met"
    assert [c.lowered_grade for c in r.caps] == [False, False]


def test_top_grade_has_no_next_grade(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    best = {
        "O1": PercentAnswer("O1", D(100)), "O2": PercentAnswer("O2", D(100)),
        "O3": PercentAnswer("O3", D(100)), "O4": LevelAnswer("O4", "L4"), "O6": PercentAnswer("O6", D(95)),
        "C1": CountAnswer("C1", 20), "C5": LevelAnswer("C5", "L4"),
    }  # fmt: skip
    r = what_if(caict, caict_answers, best)
    # 81.675 + O1 1.5 + O2 1.5 + O3 0.9 + O4 1.8 + O6 0.9 + C1 0.75 + C5 1.875 = 90.9
    assert r.total == D("90.90")
    assert r.grade.code == "advanced"
    assert r.next_grade is None


def test_what_if_mutates_nothing(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    before = score(caict, caict_answers)
    snapshot = tuple(caict_answers)
    changed = what_if(caict, caict_answers, {"C5": LevelAnswer("C5", "L4")})
    assert caict_answers == snapshot
    assert score(caict, caict_answers) == before
    assert changed.total == D("83.55")  # C5 70 → 100 adds 30 % of 6.25 = 1.875: 81.675 + 1.875
    assert changed.inputs_hash != before.inputs_hash


def test_what_if_refuses_bad_changes(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    with pytest.raises(AnswerMismatch):
        what_if(caict, caict_answers, {"Z1": None})
    with pytest.raises(AnswerMismatch):
        what_if(caict, caict_answers, {"C5": LevelAnswer("C4", "L4")})


@pytest.mark.parametrize(
    "answers",
    [
        [PercentAnswer("Z1", D(1))],
        [PercentAnswer("P1", D(1)), PercentAnswer("P1", D(2))],
        [LevelAnswer("P1", "L1")],
        [NotApplicable("S1", "no")],
    ],
)
def test_engine_refuses_answers_that_do_not_fit(caict: Framework, answers: list[Answer]) -> None:
    with pytest.raises(AnswerMismatch):
        score(caict, answers)


def test_results_are_frozen(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    r = score(caict, caict_answers)
    with pytest.raises(FrozenInstanceError):
        r.total = D(100)  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        r.indicators[0].points = D(100)  # type: ignore[misc]


def test_same_inputs_same_result_and_hash(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    a = score(caict, caict_answers)
    b = score(caict, tuple(reversed(caict_answers)))
    c = score(caict, {x.code: x for x in caict_answers})
    assert a == b == c
    assert a.inputs_hash == b.inputs_hash == c.inputs_hash


def test_equal_decimals_hash_equal(caict: Framework) -> None:
    one = score(caict, [PercentAnswer("O1", D("87.5"))]).inputs_hash
    two = score(caict, [PercentAnswer("O1", D("87.50"))]).inputs_hash
    assert one == two
    assert one != score(caict, [PercentAnswer("O1", D("87.6"))]).inputs_hash


def test_hash_depends_on_framework_identity(caict: Framework, gbt: Framework) -> None:
    from dataclasses import replace

    answers = [PercentAnswer("O1", D(90))]
    base = score(caict, answers).inputs_hash
    assert score(replace(caict, content_hash="0" * 64), answers).inputs_hash != base
    assert score(replace(caict, version=2), answers).inputs_hash != base


def test_callers_decimal_context_does_not_matter(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    expected = score(caict, caict_answers)
    with localcontext(Context(prec=3, rounding=ROUND_DOWN)):
        assert score(caict, caict_answers) == expected


def test_plan_is_ranked_with_framework_order_on_ties(caict: Framework, caict_answers: tuple[Answer, ...]) -> None:
    r = score(caict, caict_answers)
    gaps = [i.shortfall for i in r.improvement_plan]
    assert gaps == sorted(gaps, reverse=True)
    assert all(g > 0 for g in gaps)
    # O1 and O2 both lose 1.5: framework order keeps O1 first; P2, P3, P4, C4, S4 all lose 1.0.
    codes = [i.code for i in r.improvement_plan]
    assert codes.index("O1") < codes.index("O2")
    assert [c for c in codes if next(i for i in r.improvement_plan if i.code == c).shortfall == 1] == [
        "P2", "P3", "P4", "C4", "S4",
    ]  # fmt: skip
    assert r.improvement_plan[0].advice.zh


def test_result_to_dict_is_json_with_rounded_strings(gbt: Framework, gbt_answers: tuple[Answer, ...]) -> None:
    r = score(gbt, gbt_answers)
    data = result_to_dict(r)
    text = json.dumps(data, ensure_ascii=False)  # no Decimal, no dataclass left
    assert data["total"] == "80.88"
    benefits = next(d for d in data["dimensions"] if d["code"] == "benefits")
    assert benefits["score"] == "81.33" and benefits["points"] == "16.27"
    e1 = next(i for i in data["indicators"] if i["code"] == "E1")
    assert e1["effective_weight"] == "5.33" and e1["weight"] == "20"
    e4 = next(i for i in data["indicators"] if i["code"] == "E4")
    assert e4["answer"] == {"not_applicable": True, "reason": "生产能力无法界定 / capacity cannot be defined"}
    assert e4["normalised"] is None
    assert data["grade"]["name"] == {"zh-hans": "良", "en": "Good"}
    assert data["next_grade"]["message"]["message"].startswith("To reach Excellent: gain 9.12 points")
    assert data["improvement_plan"][0]["points_recoverable"]
    assert "生产能力" in text
