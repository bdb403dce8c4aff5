"""Answer payload validation: field-level errors keyed by indicator code and sub-field."""

from decimal import Decimal as D
from typing import Any

import pytest

from assessment.scoring import (
    ChecklistAnswer,
    CountAnswer,
    EventsAnswer,
    FractionAnswer,
    Framework,
    LevelAnswer,
    NotApplicable,
    NumberAnswer,
    PercentAnswer,
    YesNoAnswer,
    answers_to_payload,
    errors_by_field,
    validate_answers,
)
from assessment.scoring.messages import TEMPLATES

from .conftest import CAICT_PAYLOAD


def errors(framework: Framework, payload: Any) -> dict[str, str]:
    _, found = validate_answers(framework, payload)
    return {e.key: e.code for e in found}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"P1": {"value": 90}}, PercentAnswer("P1", D(90))),
        ({"P1": {"value": "87.5"}}, PercentAnswer("P1", D("87.5"))),
        ({"P1": {"value": 87.5}}, PercentAnswer("P1", D("87.5"))),  # float via its repr
        ({"P1": {"numerator": 18, "denominator": "20"}}, FractionAnswer("P1", D(18), D(20))),
        ({"O5": {"value": 50}}, PercentAnswer("O5", D(50))),
        ({"O4": {"level": "L3"}}, LevelAnswer("O4", "L3")),
        ({"P2": {"items": ["plan", "budget"]}}, ChecklistAnswer("P2", frozenset({"plan", "budget"}))),
        ({"P2": {"items": []}}, ChecklistAnswer("P2", frozenset())),
        ({"S2": {"value": False}}, YesNoAnswer("S2", False)),
        ({"C1": {"count": 16}}, CountAnswer("C1", 16)),
        ({"C1": {"count": "16.0"}}, CountAnswer("C1", 16)),
        ({"S4": {"events": {"major_incident": 0, "general_incident": 2}}}, EventsAnswer("S4", (("general_incident", 2),))),
        ({"S4": {"events": {}}}, EventsAnswer("S4", ())),
        ({"C3": {"value": "12.5"}}, NumberAnswer("C3", D("12.5"))),
        ({"P4": {"not_applicable": True, "reason": " no idle systems "}}, NotApplicable("P4", "no idle systems")),
    ],
)
def test_valid_payloads(caict: Framework, payload: dict, expected: Any) -> None:
    answers, found = validate_answers(caict, payload)
    assert found == ()
    assert answers == (expected,)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ([1, 2], {"__all__": "invalid_payload"}),
        ({"Z9": {"value": 1}}, {"Z9": "unknown_indicator"}),
        ({"P1": 90}, {"P1": "invalid_answer"}),
        ({"P1": {}}, {"P1": "ratio_form"}),
        ({"P1": {"value": 90, "numerator": 1, "denominator": 2}}, {"P1": "ratio_form"}),
        ({"P1": {"value": "ninety"}}, {"P1.value": "invalid_number"}),
        ({"P1": {"value": True}}, {"P1.value": "invalid_number"}),
        ({"P1": {"value": "NaN"}}, {"P1.value": "invalid_number"}),
        ({"P1": {"value": "1" * 41}}, {"P1.value": "invalid_number"}),
        ({"P1": {"value": 100.5}}, {"P1.value": "above_maximum"}),  # ratio > 100 %
        ({"P1": {"value": -1}}, {"P1.value": "below_minimum"}),
        ({"P1": {"numerator": 21, "denominator": 20}}, {"P1.numerator": "numerator_exceeds_denominator"}),
        ({"P1": {"numerator": 0, "denominator": 0}}, {"P1.denominator": "zero_denominator"}),
        ({"P1": {"numerator": -1, "denominator": 5}}, {"P1.numerator": "below_minimum"}),
        ({"P1": {"numerator": 3}}, {"P1.denominator": "required"}),
        ({"P1": {"value": 50, "colour": "red"}}, {"P1.colour": "unknown_field"}),
        ({"O5": {"value": 101}}, {"O5.value": "above_maximum"}),
        ({"O4": {"level": "L9"}}, {"O4.level": "unknown_choice"}),
        ({"O4": {"level": 3}}, {"O4.level": "unknown_choice"}),
        ({"O4": {}}, {"O4.level": "required"}),
        ({"P2": {"items": "plan"}}, {"P2.items": "invalid_list"}),
        ({"P2": {"items": ["plan", "wishes"]}}, {"P2.items[1]": "unknown_choice"}),
        ({"P2": {"items": ["plan", "plan"]}}, {"P2.items[1]": "duplicate_item"}),
        ({"S2": {"value": "yes"}}, {"S2.value": "invalid_boolean"}),
        ({"C1": {"count": -2}}, {"C1.count": "below_minimum"}),
        ({"C1": {"count": 2.5}}, {"C1.count": "invalid_integer"}),
        ({"S4": {"events": {"alien_attack": 1}}}, {"S4.events.alien_attack": "unknown_choice"}),
        ({"S4": {"events": {"major_incident": -1}}}, {"S4.events.major_incident": "below_minimum"}),
        ({"S4": {"events": [1]}}, {"S4.events": "invalid_mapping"}),
        ({"C3": {"value": -4}}, {"C3.value": "below_minimum"}),
        ({"C3": {"value": "1e20"}}, {"C3.value": "above_maximum"}),
        ({"C1": {"count": "1" * 29}}, {"C1.count": "invalid_number"}),
        ({"P4": {"not_applicable": True}}, {"P4.reason": "na_reason_required"}),
        ({"P4": {"not_applicable": True, "reason": "   "}}, {"P4.reason": "na_reason_required"}),
        ({"P4": {"not_applicable": True, "reason": "x" * 2001}}, {"P4.reason": "na_reason_too_long"}),
        ({"P4": {"not_applicable": "yes", "reason": "x"}}, {"P4.not_applicable": "na_flag"}),
        ({"S1": {"not_applicable": True, "reason": "not tested yet"}}, {"S1": "na_not_allowed"}),
    ],
)
def test_invalid_payloads(caict: Framework, payload: Any, expected: dict[str, str]) -> None:
    assert errors(caict, payload) == expected


def test_every_error_is_translatable(caict: Framework) -> None:
    _, found = validate_answers(
        caict,
        {"P1": {"numerator": 21, "denominator": 20}, "O4": {"level": "L9"}, "Z1": {}},
        require_complete=True,
    )
    for error in found:
        assert error.code in TEMPLATES
        as_dict = error.to_dict()
        assert set(as_dict) == {"field", "code", "params", "message"}
        assert "%(" not in as_dict["message"]  # every placeholder was filled
        # The Django layer passes its gettext: the translated template gets the same params.
        translated = error.message.render(lambda s: "译:" + s)
        assert translated == "译:" + as_dict["message"]


def test_valid_answers_survive_beside_invalid_ones(caict: Framework) -> None:
    answers, found = validate_answers(caict, {"P1": {"value": 90}, "P2": {"items": 1}})
    assert answers == (PercentAnswer("P1", D(90)),)
    assert [e.key for e in found] == ["P2.items"]


def test_null_is_no_answer_and_complete_submissions_need_all(caict: Framework) -> None:
    assert validate_answers(caict, {"P1": None}) == ((), ())
    _, found = validate_answers(caict, {"P1": {"value": 90}}, require_complete=True)
    assert len(found) == 19 and {e.code for e in found} == {"answer_required"}


def test_cross_checks_are_field_errors(caict: Framework) -> None:
    # O3 counts 160 cloud systems for data sharing, but O2 says only 150 are on the cloud.
    payload = dict(CAICT_PAYLOAD, O3={"numerator": 120, "denominator": 160})
    _, found = validate_answers(caict, payload)
    assert [(e.key, e.code, e.params["check"]) for e in found] == [
        ("O3.denominator", "cross_check_failed", "shared_within_cloud_systems")
    ]
    assert found[0].message.render() == "O3.denominator (160) must be <= O2.numerator (150)."


def test_cross_check_skipped_when_a_side_is_a_percentage(caict: Framework) -> None:
    payload = dict(CAICT_PAYLOAD, O2={"value": 75}, O3={"numerator": 120, "denominator": 160})
    assert validate_answers(caict, payload)[1] == ()


def test_all_na_is_refused(gbt: Framework) -> None:
    payload = {
        i.code: {"not_applicable": True, "reason": "r"} for i in gbt.indicators if i.not_applicable_allowed
    }
    found = errors(gbt, payload)
    assert "__all__" not in found  # Q8 cannot be N/A, so not every indicator is N/A here
    assert found == {}


def test_errors_by_field_groups_by_key(caict: Framework) -> None:
    _, found = validate_answers(caict, {"P2": {"items": ["x", "y"]}, "C1": {"count": -1}})
    grouped = errors_by_field(found)
    assert set(grouped) == {"P2.items[0]", "P2.items[1]", "C1.count"}
    assert grouped["C1.count"][0]["message"] == "Must be at least 0."


def test_payload_round_trip(caict: Framework, caict_answers: tuple) -> None:
    again, found = validate_answers(caict, answers_to_payload(caict_answers))
    assert found == () and again == caict_answers


def test_answers_are_canonical_by_construction() -> None:
    assert str(PercentAnswer("X", D("87.50")).value) == "87.5"
    assert str(NumberAnswer("X", D("1E+2")).value) == "100"
    assert str(NumberAnswer("X", D("-0.00")).value) == "0"
    assert FractionAnswer("X", D("18.0"), D(20)) == FractionAnswer("X", D(18), D("2E+1"))
    assert EventsAnswer("X", (("b", 1), ("a", 0), ("c", 2))).events == (("b", 1), ("c", 2))
    assert ChecklistAnswer("X", {"a"}).items == frozenset({"a"})  # type: ignore[arg-type]
