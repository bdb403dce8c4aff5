"""Impossible facts give field-level errors; JSON-like input is converted or rejected per field."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from procurement.guidance import advise, advise_on_date, facts_from_mapping, validate_facts
from procurement.guidance.types import (
    AddOnFacts,
    BudgetLevel,
    Category,
    InvalidFacts,
    ModelPreferences,
)
from tests.procurement.guidance.conftest import BASE, make

CASES = [
    ("negative amount", {"amount": Decimal("-1")}, "amount", "NEGATIVE_AMOUNT"),
    ("zero amount", {"amount": Decimal("0")}, "amount", "AMOUNT_NOT_POSITIVE"),
    ("float amount", {"amount": 1.5}, "amount", "NOT_AN_AMOUNT"),
    ("NaN amount", {"amount": Decimal("NaN")}, "amount", "NOT_AN_AMOUNT"),
    (
        "negative same-year purchases",
        {"same_item_purchases_ytd": Decimal("-5")},
        "same_item_purchases_ytd",
        "NEGATIVE_AMOUNT",
    ),
    (
        "fiscal share over 100",
        {"fiscal_funds_percent": Decimal("100.01")},
        "fiscal_funds_percent",
        "PERCENT_OUT_OF_RANGE",
    ),
    ("negative suppliers", {"capable_suppliers": -1}, "capable_suppliers", "NEGATIVE_COUNT"),
    ("negative bidders", {"responsive_bidders": -2}, "responsive_bidders", "NEGATIVE_COUNT"),
    ("zero-month term", {"contract_term_months": 0}, "contract_term_months", "TERM_NOT_POSITIVE"),
    ("date before every rule set", {"date": date(2019, 12, 31)}, "date", "DATE_OUTSIDE_RULE_SET"),
    (
        "unknown province",
        {"budget_level": BudgetLevel.CITY, "province": "atlantis"},
        "province",
        "UNKNOWN_PROVINCE",
    ),
    (
        "province missing below central",
        {"budget_level": BudgetLevel.COUNTY},
        "province",
        "PROVINCE_REQUIRED",
    ),
    (
        "info system as works",
        {"is_info_system": True, "category": Category.WORKS},
        "category",
        "INFO_SYSTEM_NOT_WORKS",
    ),
    (
        "sole-supplier evidence with 4 suppliers",
        {"sole_supplier_evidence": True, "capable_suppliers": 4},
        "sole_supplier_evidence",
        "SOLE_SUPPLIER_CONTRADICTS_COUNT",
    ),
    (
        "add-on without original",
        {"addon": AddOnFacts(None, Decimal("1500000"))},
        "addon.original_contract_amount",
        "ADDON_WITHOUT_ORIGINAL",
    ),
    (
        "add-on amount differs",
        {"addon": AddOnFacts(Decimal("9000000"), Decimal("100"))},
        "addon.amount",
        "ADDON_AMOUNT_MISMATCH",
    ),
    (
        "negative already added",
        {"addon": AddOnFacts(Decimal("9000000"), Decimal("1500000"), already_added=Decimal("-1"))},
        "addon.already_added",
        "NEGATIVE_AMOUNT",
    ),
    (
        "weight out of range",
        {"preferences": ModelPreferences(security=6)},
        "preferences.security",
        "WEIGHT_OUT_OF_RANGE",
    ),
    ("category not an enum", {"category": "goods"}, "category", "INVALID_CHOICE"),
]


@pytest.mark.parametrize(("label", "changes", "field", "code"), CASES, ids=[c[0] for c in CASES])
def test_impossible_facts_give_field_errors(rules, label, changes, field, code):
    facts = dataclasses.replace(BASE, **changes)  # no conversion: bad types stay bad
    errors = validate_facts(facts, rules)
    assert (field, code) in [(e.field, e.code) for e in errors]
    with pytest.raises(InvalidFacts) as raised:
        advise(rules, facts)
    assert (field, code) in [(e.field, e.code) for e in raised.value.errors]


def test_valid_facts_have_no_errors(rules):
    assert validate_facts(make(), rules) == ()


def test_several_errors_at_once(rules):
    errors = validate_facts(
        make(amount=Decimal(-1), capable_suppliers=-3, contract_term_months=-1), rules
    )
    assert {e.field for e in errors} == {"amount", "capable_suppliers", "contract_term_months"}


def test_date_outside_every_loaded_rule_set(rules):
    with pytest.raises(InvalidFacts) as raised:
        advise_on_date([rules], make(date=date(2010, 5, 1)))
    (error,) = raised.value.errors
    assert (error.field, error.code) == ("date", "DATE_OUTSIDE_RULE_SETS")
    assert "cn-gov-procurement v1" in error.params["ranges"]


def test_advise_on_date_picks_the_rule_set(rules):
    assert advise_on_date([rules], make()).rules.version == 1


# --------------------------------------------------------------------------- from JSON-like input

GOOD = {
    "date": "2025-06-02",
    "buyer_type": "state_organ",
    "fiscal_funds_percent": "100",
    "budget_level": "province",
    "province": "福建",
    "category": "services",
    "amount": "1500000.50",
    "capable_suppliers": 4,
    "approvals_obtained": ["finance_department_approval"],
    "addon": {"original_contract_amount": "20000000", "amount": "1500000.50"},
    "preferences": {"security": 5},
}


def test_facts_from_mapping_converts_types(rules):
    facts, errors = facts_from_mapping(GOOD, rules)
    assert errors == ()
    assert facts.amount == Decimal("1500000.50")
    assert facts.province == "fujian"
    assert facts.date == date(2025, 6, 2)
    assert facts.addon.original_contract_amount == Decimal(20000000)
    assert facts.preferences.security == 5


FROM_MAPPING_CASES = [
    ({"amount": 1.5}, "amount", "NOT_AN_AMOUNT"),
    ({"amount": "lots"}, "amount", "NOT_AN_AMOUNT"),
    ({"amount": "Infinity"}, "amount", "NOT_AN_AMOUNT"),
    ({"date": "2025-13-01"}, "date", "NOT_A_DATE"),
    ({"category": "software"}, "category", "INVALID_CHOICE"),
    ({"capable_suppliers": "four"}, "capable_suppliers", "NOT_A_COUNT"),
    ({"is_info_system": "yes"}, "is_info_system", "NOT_A_BOOLEAN"),
    ({"approvals_obtained": ["blessing"]}, "approvals_obtained", "INVALID_CHOICE"),
    ({"addon": {"amount": "1"}}, "addon.original_contract_amount", "REQUIRED"),
    ({"addon": "big"}, "addon", "NOT_A_MAPPING"),
    ({"colour": "red"}, "colour", "UNKNOWN_FIELD"),
    ({"amount": None}, "amount", "REQUIRED"),
    ({"province": "火星"}, "province", "UNKNOWN_PROVINCE"),
    ({"date": "2001-01-01"}, "date", "DATE_OUTSIDE_RULE_SET"),
]


@pytest.mark.parametrize(("changes", "field", "code"), FROM_MAPPING_CASES)
def test_facts_from_mapping_field_errors(rules, changes, field, code):
    facts, errors = facts_from_mapping({**GOOD, **changes}, rules)
    assert facts is None
    assert (field, code) in [(e.field, e.code) for e in errors]


def test_facts_from_mapping_missing_required_fields():
    facts, errors = facts_from_mapping({})
    assert facts is None
    assert {e.field for e in errors} >= {"date", "buyer_type", "amount", "category"}
    assert facts_from_mapping([1, 2])[1][0].code == "NOT_A_MAPPING"


def test_every_field_error_renders(rules):
    from procurement.guidance.messages import render_message

    for _, changes, _, _ in CASES:
        for error in validate_facts(dataclasses.replace(BASE, **changes), rules):
            assert "%(" not in render_message(error)
    for changes, _, _ in FROM_MAPPING_CASES:
        for error in facts_from_mapping({**GOOD, **changes}, rules)[1]:
            assert render_message(error)
