"""Each warning: when it fires, when it does not, and at its boundary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from procurement.guidance.types import (
    AddOnFacts,
    Approval,
    BudgetLevel,
    BuyerType,
    Category,
    PaymentModel,
    Severity,
    Signatory,
)

P = BudgetLevel.PROVINCE
CONSENT, APPROVAL = Approval.COMPETENT_BUDGET_UNIT_CONSENT, Approval.FINANCE_DEPARTMENT_APPROVAL


def _addon(already: str) -> AddOnFacts:
    return AddOnFacts(
        original_contract_amount=Decimal("20000000"),
        amount=Decimal("1500000"),
        already_added=Decimal(already),
        consistency_reason="一致性",
    )


CASES = [
    # code, facts, fires?
    ("LAW_NOT_APPLICABLE", {"buyer_type": BuyerType.STATE_OWNED_ENTERPRISE}, True),
    ("LAW_NOT_APPLICABLE", {"fiscal_funds_percent": Decimal(0)}, True),
    ("LAW_NOT_APPLICABLE", {"amount": Decimal("999999.99")}, True),
    ("LAW_NOT_APPLICABLE", {"amount": Decimal("1000000")}, False),
    ("TENDER_LAW_RISK", {"signatory": Signatory.STATE_OWNED_ENTERPRISE}, True),
    ("TENDER_LAW_RISK", {"signatory": Signatory.PLATFORM_COMPANY}, True),
    ("TENDER_LAW_RISK", {"signatory": Signatory.BUYER}, False),
    ("WORKS_FOLLOW_TENDER_LAW", {"category": Category.WORKS}, True),
    ("ASK_WORKS_TENDER_DUTY", {"category": Category.WORKS}, True),
    ("ASK_WORKS_TENDER_DUTY", {"category": Category.WORKS, "works_must_be_tendered": False}, False),
    # 化整为零: 150万 now + earlier; central threshold 200万, "past" = strictly above
    ("SPLITTING_RISK", {"same_item_purchases_ytd": Decimal("499999.99")}, False),
    ("SPLITTING_RISK", {"same_item_purchases_ytd": Decimal("500000")}, False),
    ("SPLITTING_RISK", {"same_item_purchases_ytd": Decimal("500000.01")}, True),
    (
        "SPLITTING_RISK",
        {"same_item_purchases_ytd": Decimal("900000"), "amount": Decimal("2000000")},
        False,
    ),
    # add-on: 10 % of 2000万 = 200万; 150万 now
    ("ADDON_OVER_LIMIT", {"addon": _addon("500000")}, False),
    ("ADDON_OVER_LIMIT", {"addon": _addon("500000.01")}, True),
    ("CENTRAL_PROCUREMENT_AGENCY_REQUIRED", {"cloud_in_central_catalogue": True}, True),
    ("CENTRAL_PROCUREMENT_AGENCY_REQUIRED", {"cloud_in_central_catalogue": False}, False),
    ("CENTRAL_PROCUREMENT_AGENCY_REQUIRED", {"budget_level": P, "province": "fujian"}, True),
    ("CATALOGUE_ASSUMED_FROM_DATA", {"budget_level": P, "province": "fujian"}, True),
    (
        "CATALOGUE_ASSUMED_FROM_DATA",
        {"budget_level": P, "province": "fujian", "cloud_in_central_catalogue": False},
        False,
    ),
    ("CENTRAL_PROCUREMENT_AGENCY_REQUIRED", {"budget_level": P, "province": "sichuan"}, False),
    ("NEEDS_SURVEY_AMOUNT", {"amount": Decimal("9999999.99")}, False),
    ("NEEDS_SURVEY_AMOUNT", {"amount": Decimal("10000000")}, True),
    ("NEEDS_SURVEY_AMOUNT", {"amount": Decimal("10000000.01"), "category": Category.GOODS}, True),
    ("NEEDS_SURVEY_AMOUNT", {"amount": Decimal("20000000"), "category": Category.WORKS}, False),
    ("NEEDS_SURVEY_CUSTOM_IT", {"custom_it_system": True}, True),
    ("NEEDS_SURVEY_PUBLIC_INTEREST", {"public_interest": True}, True),
    (
        "SERVICE_TERM_NEEDS_ASSURED_BUDGET",
        {"government_purchase_of_services": True, "contract_term_months": 12},
        False,
    ),
    (
        "SERVICE_TERM_NEEDS_ASSURED_BUDGET",
        {"government_purchase_of_services": True, "contract_term_months": 13},
        True,
    ),
    (
        "SERVICE_TERM_NEEDS_ASSURED_BUDGET",
        {
            "government_purchase_of_services": True,
            "contract_term_months": 36,
            "multi_year_budget_assured": True,
        },
        False,
    ),
    (
        "SERVICE_TERM_OVER_MAX",
        {
            "government_purchase_of_services": True,
            "contract_term_months": 36,
            "multi_year_budget_assured": True,
        },
        False,
    ),
    (
        "SERVICE_TERM_OVER_MAX",
        {
            "government_purchase_of_services": True,
            "contract_term_months": 37,
            "multi_year_budget_assured": True,
        },
        True,
    ),
    (
        "SERVICE_TERM_OVER_MAX",
        {"government_purchase_of_services": True, "contract_term_months": 60},
        True,
    ),
    ("ASK_PRICE_CALCULABLE", {"payment_model": PaymentModel.USAGE}, True),
    (
        "ASK_PRICE_CALCULABLE",
        {"payment_model": PaymentModel.USAGE, "price_calculable_in_advance": False},
        False,
    ),
    (
        "METHOD_EFFECTIVE_DATE_UNCERTAIN",
        {"rd_need": True, "no_market_solution": True, "date": date(2024, 6, 1)},
        True,
    ),
    ("METHOD_EFFECTIVE_DATE_UNCERTAIN", {"rd_need": True, "no_market_solution": True}, False),
    (
        "APPROVAL_MISSING_COMPETENT_BUDGET_UNIT_CONSENT",
        {"specs_fixable": False, "amount": Decimal("3000000")},
        True,
    ),
    (
        "APPROVAL_MISSING_FINANCE_DEPARTMENT_APPROVAL",
        {"specs_fixable": False, "amount": Decimal("3000000")},
        True,
    ),
    (
        "APPROVAL_MISSING_FINANCE_DEPARTMENT_APPROVAL",
        {
            "specs_fixable": False,
            "amount": Decimal("3000000"),
            "approvals_obtained": frozenset({CONSENT, APPROVAL}),
        },
        False,
    ),
    ("APPROVAL_MISSING_FINANCE_DEPARTMENT_APPROVAL", {"specs_fixable": False}, False),
    ("PROVINCE_FALLBACK", {"budget_level": P, "province": "guangdong"}, True),
    ("THRESHOLD_FALLBACK", {"budget_level": P, "province": "henan"}, True),
    ("THRESHOLD_SECONDARY", {"budget_level": P, "province": "fujian"}, True),
    ("THRESHOLD_SECONDARY", {}, False),
    ("CENTRAL_LEVEL_IGNORES_PROVINCE", {"province": "fujian"}, True),
    ("TIMELINE_BEYOND_CALENDAR", {}, False),
]


@pytest.mark.parametrize(
    ("code", "changes", "fires"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_warning(run, code, changes, fires):
    result = run(**changes)
    assert (code in result.warning_codes()) is fires, result.warning_codes()
    for warning in result.warnings:
        if warning.code == code and warning.code != "CENTRAL_LEVEL_IGNORES_PROVINCE":
            assert warning.basis, f"{code} cites its basis"


def test_splitting_warning_carries_the_figures(run):
    result = run(same_item_purchases_ytd=Decimal("600000"))
    warning = next(w for w in result.warnings if w.code == "SPLITTING_RISK")
    assert warning.params["total"] == Decimal("2100000")
    assert warning.params["threshold"] == Decimal("2000000")
    assert warning.severity == Severity.CRITICAL
    assert {b.article for b in warning.basis} == {"第二十八条"}


def test_add_on_warning_states_the_limit(run):
    warning = next(w for w in run(addon=_addon("600000")).warnings if w.code == "ADDON_OVER_LIMIT")
    assert warning.params["limit"] == Decimal("2000000")
    assert warning.params["total"] == Decimal("2100000")
    assert warning.params["percent"] == 10


def test_warnings_are_ordered_by_severity(run):
    result = run(
        same_item_purchases_ytd=Decimal("600000"),
        signatory=Signatory.PLATFORM_COMPANY,
        payment_model=PaymentModel.USAGE,
    )
    order = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranks = [order[w.severity] for w in result.warnings]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_required_approvals_are_listed_with_obtained_flag(run):
    result = run(
        specs_fixable=False, amount=Decimal("3000000"), approvals_obtained=frozenset({CONSENT})
    )
    by_kind = {a.approval: a for a in result.approvals}
    assert by_kind[CONSENT].obtained and not by_kind[APPROVAL].obtained
    assert by_kind[APPROVAL].before_start
    assert {b.article for b in by_kind[APPROVAL].basis} >= {"第二十七条", "第二十三条"}
    docs = [d.code for d in result.documents]
    assert "DOC_FINANCE_DEPARTMENT_APPROVAL" in docs


def test_needs_survey_adds_a_document(run):
    assert "DOC_NEEDS_SURVEY" in [d.code for d in run(custom_it_system=True).documents]
    assert "DOC_NEEDS_SURVEY" not in [d.code for d in run().documents]
