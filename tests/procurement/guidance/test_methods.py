"""Each method's verdict, table-driven: situations, supplier minimums, approvals, exclusions."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from procurement.guidance import advise, parse_rules
from procurement.guidance.types import (
    AddOnFacts,
    Approval,
    BudgetLevel,
    Category,
    Method,
    Verdict,
)
from tests.procurement.guidance.conftest import make

PT, IT, CN, CC = (
    Method.PUBLIC_TENDER,
    Method.INVITED_TENDER,
    Method.COMPETITIVE_NEGOTIATION,
    Method.COMPETITIVE_CONSULTATION,
)
SS, EQ, FA, CI = (
    Method.SINGLE_SOURCE,
    Method.ENQUIRY,
    Method.FRAMEWORK_AGREEMENT,
    Method.COOPERATIVE_INNOVATION,
)
OK, APPROVAL, NO = Verdict.ALLOWED, Verdict.ALLOWED_WITH_APPROVAL, Verdict.NOT_ALLOWED
ABOVE = Decimal("3000000")  # central services: tender threshold 200万; base amount is 150万
GOODS = Category.GOODS


def addon(original="20000000", already="500000", amount="1500000", reason="扩容需与原平台一致"):
    return AddOnFacts(
        original_contract_amount=Decimal(original),
        amount=Decimal(amount),
        already_added=Decimal(already),
        consistency_reason=reason,
    )


CASES = [
    # 公开招标
    ("tender below threshold", PT, {}, OK, "TENDER_PERMITTED_BELOW_THRESHOLD"),
    ("tender above threshold", PT, {"amount": ABOVE}, OK, "TENDER_DEFAULT_ABOVE_THRESHOLD"),
    ("tender for works", PT, {"category": Category.WORKS}, OK, "WORKS_TENDER_LAW"),
    ("tender with two suppliers", PT, {"capable_suppliers": 2}, OK, "TENDER_LIKELY_FAILS"),
    # 邀请招标
    ("invited without situation", IT, {}, NO, "NO_CONDITION_MET"),
    ("invited limited pool", IT, {"limited_supplier_pool": True}, OK, "MET_LIMITED_SUPPLIER_POOL"),
    (
        "invited cost above",
        IT,
        {"tender_cost_disproportionate": True, "amount": ABOVE},
        APPROVAL,
        "DEVIATION_NEEDS_APPROVAL",
    ),
    (
        "invited 2 suppliers",
        IT,
        {"limited_supplier_pool": True, "capable_suppliers": 2},
        NO,
        "TOO_FEW_SUPPLIERS",
    ),
    (
        "invited 3 suppliers",
        IT,
        {"limited_supplier_pool": True, "capable_suppliers": 3},
        OK,
        "MET_LIMITED_SUPPLIER_POOL",
    ),
    # 竞争性谈判
    ("negotiation without situation", CN, {}, NO, "NO_CONDITION_MET"),
    ("negotiation failed tender", CN, {"earlier_tender_failed": True}, OK, "MET_FAILED_TENDER"),
    (
        "negotiation specs above",
        CN,
        {"specs_fixable": False, "amount": ABOVE},
        APPROVAL,
        "MET_SPECS_NOT_FIXABLE",
    ),
    (
        "negotiation urgent not buyer",
        CN,
        {"urgent": True, "urgency_caused_by_buyer": False},
        OK,
        "MET_URGENT_NOT_CAUSED_BY_BUYER",
    ),
    (
        "negotiation urgent by buyer",
        CN,
        {"urgent": True, "urgency_caused_by_buyer": True},
        NO,
        "URGENCY_CAUSED_BY_BUYER",
    ),
    ("negotiation urgent cause unknown", CN, {"urgent": True}, NO, "URGENCY_CAUSE_UNKNOWN"),
    (
        "negotiation price not calculable",
        CN,
        {"price_calculable_in_advance": False},
        OK,
        "MET_PRICE_NOT_CALCULABLE",
    ),
    (
        "negotiation info system",
        CN,
        {"specs_fixable": False, "is_info_system": True},
        NO,
        "INFO_SYSTEM_EXCLUDED",
    ),
    (
        "negotiation 2 suppliers",
        CN,
        {"specs_fixable": False, "capable_suppliers": 2},
        NO,
        "TOO_FEW_SUPPLIERS",
    ),
    (
        "negotiation failed tender 2 bidders",
        CN,
        {"earlier_tender_failed": True, "responsive_bidders": 2, "capable_suppliers": 2},
        APPROVAL,
        "FAILED_TENDER_TWO_BIDDERS",
    ),
    (
        "negotiation failed tender 1 bidder",
        CN,
        {"earlier_tender_failed": True, "responsive_bidders": 1, "capable_suppliers": 1},
        NO,
        "TOO_FEW_SUPPLIERS",
    ),
    # 竞争性磋商
    ("consultation without situation", CC, {}, NO, "NO_CONDITION_MET"),
    (
        "consultation purchase of services, 2 suppliers",
        CC,
        {"government_purchase_of_services": True, "capable_suppliers": 2},
        OK,
        "MET_PURCHASE_OF_SERVICES",
    ),
    (
        "consultation specs, 2 suppliers",
        CC,
        {"specs_fixable": False, "capable_suppliers": 2},
        NO,
        "TOO_FEW_SUPPLIERS",
    ),
    (
        "consultation price not calculable",
        CC,
        {"price_calculable_in_advance": False},
        OK,
        "MET_PRICE_NOT_CALCULABLE",
    ),
    (
        "consultation research",
        CC,
        {"research_or_tech_transfer": True},
        OK,
        "MET_RESEARCH_OR_TECH_TRANSFER",
    ),
    (
        "consultation works not tendered",
        CC,
        {"category": Category.WORKS, "works_must_be_tendered": False},
        APPROVAL,
        "MET_WORKS_NOT_TENDERED",
    ),
    (
        "consultation works to be tendered",
        CC,
        {"category": Category.WORKS, "works_must_be_tendered": True, "specs_fixable": False},
        NO,
        "WORKS_MUST_BE_TENDERED",
    ),
    (
        "consultation works duty unknown",
        CC,
        {"category": Category.WORKS},
        NO,
        "WORKS_TENDER_DUTY_UNKNOWN",
    ),
    (
        "consultation info system above",
        CC,
        {"is_info_system": True, "specs_fixable": False, "amount": ABOVE},
        APPROVAL,
        "DEVIATION_NEEDS_APPROVAL",
    ),
    # 单一来源
    ("single source without situation", SS, {}, NO, "NO_CONDITION_MET"),
    (
        "single source sole supplier",
        SS,
        {"capable_suppliers": 1, "sole_supplier_evidence": True},
        OK,
        "MET_SOLE_SUPPLIER",
    ),
    (
        "single source sole above",
        SS,
        {"capable_suppliers": 1, "sole_supplier_evidence": True, "amount": ABOVE},
        APPROVAL,
        "DEVIATION_NEEDS_APPROVAL",
    ),
    (
        "single source claim without evidence",
        SS,
        {"capable_suppliers": 1},
        NO,
        "SOLE_SUPPLIER_NO_EVIDENCE",
    ),
    (
        "single source emergency",
        SS,
        {"urgent": True, "urgency_unforeseeable": True, "urgency_caused_by_buyer": False},
        OK,
        "MET_UNFORESEEABLE_EMERGENCY",
    ),
    (
        "single source emergency by buyer",
        SS,
        {"urgent": True, "urgency_unforeseeable": True, "urgency_caused_by_buyer": True},
        NO,
        "NO_CONDITION_MET",
    ),
    ("single source add-on at exactly 10 %", SS, {"addon": addon()}, OK, "MET_ADDON_CONSISTENCY"),
    (
        "single source add-on just over 10 %",
        SS,
        {"addon": addon(already="500000.01")},
        NO,
        "ADDON_ROUTE_OVER_LIMIT",
    ),
    (
        "single source add-on without reason",
        SS,
        {"addon": addon(reason=" ")},
        NO,
        "ADDON_NO_REASON",
    ),
    # 询价
    (
        "enquiry standard goods",
        EQ,
        {"category": GOODS, "standard_goods": True},
        OK,
        "MET_STANDARD_GOODS",
    ),
    ("enquiry services", EQ, {"standard_goods": True}, NO, "CATEGORY_NOT_COVERED"),
    (
        "enquiry non-standard goods",
        EQ,
        {"category": GOODS, "standard_goods": False},
        NO,
        "NO_CONDITION_MET",
    ),
    (
        "enquiry info system",
        EQ,
        {"category": GOODS, "standard_goods": True, "is_info_system": True},
        NO,
        "INFO_SYSTEM_EXCLUDED",
    ),
    (
        "enquiry above threshold",
        EQ,
        {"category": GOODS, "standard_goods": True, "amount": ABOVE},
        APPROVAL,
        "DEVIATION_NEEDS_APPROVAL",
    ),
    (
        "enquiry 2 suppliers",
        EQ,
        {"category": GOODS, "standard_goods": True, "capable_suppliers": 2},
        NO,
        "TOO_FEW_SUPPLIERS",
    ),
    # 框架协议
    (
        "framework goods 12 months",
        FA,
        {"category": GOODS, "repeat_small_orders": True, "contract_term_months": 12},
        OK,
        "MET_SMALL_REPEAT_CATALOGUE_ORDERS",
    ),
    (
        "framework goods 13 months",
        FA,
        {"category": GOODS, "repeat_small_orders": True, "contract_term_months": 13},
        NO,
        "FRAMEWORK_TERM_EXCEEDED",
    ),
    (
        "framework services 24 months",
        FA,
        {"users_choose_supplier": True, "contract_term_months": 24},
        OK,
        "MET_USERS_CHOOSE_SUPPLIER",
    ),
    (
        "framework services 25 months",
        FA,
        {"users_choose_supplier": True, "contract_term_months": 25},
        NO,
        "FRAMEWORK_TERM_EXCEEDED",
    ),
    (
        "framework attestation services",
        FA,
        {"attestation_consulting_services": True},
        OK,
        "MET_ATTESTATION_CONSULTING_SERVICES",
    ),
    (
        "framework attestation goods",
        FA,
        {"category": GOODS, "attestation_consulting_services": True},
        NO,
        "NO_CONDITION_MET",
    ),
    (
        "framework before in force",
        FA,
        {"repeat_small_orders": True, "date": date(2022, 2, 28)},
        NO,
        "METHOD_NOT_IN_FORCE",
    ),
    (
        "framework first day in force",
        FA,
        {"repeat_small_orders": True, "date": date(2022, 3, 1)},
        OK,
        "MET_SMALL_REPEAT_CATALOGUE_ORDERS",
    ),
    (
        "framework works",
        FA,
        {"category": Category.WORKS, "repeat_small_orders": True},
        NO,
        "CATEGORY_NOT_COVERED",
    ),
    (
        "framework above threshold",
        FA,
        {"repeat_small_orders": True, "amount": ABOVE},
        OK,
        "MET_SMALL_REPEAT_CATALOGUE_ORDERS",
    ),
    # 合作创新
    ("innovation R&D", CI, {"rd_need": True, "no_market_solution": True}, OK, "SECONDARY_RULE"),
    ("innovation R&D but market has it", CI, {"rd_need": True}, NO, "NO_CONDITION_MET"),
    (
        "innovation before 2024",
        CI,
        {"rd_need": True, "no_market_solution": True, "date": date(2023, 12, 31)},
        NO,
        "METHOD_NOT_IN_FORCE",
    ),
]


@pytest.mark.parametrize(
    ("label", "method", "changes", "verdict", "code"), CASES, ids=[c[0] for c in CASES]
)
def test_method_verdict(run, label, method, changes, verdict, code):
    result = run(**changes)
    found = result.verdict(method)
    codes = [r.code for r in found.reasons]
    assert found.verdict == verdict, codes
    assert code in codes
    assert all(r.basis for r in found.reasons if r.code.startswith("MET_")), "conditions cite basis"


def test_every_method_gets_a_verdict_with_reasons(run):
    result = run()
    assert [v.method for v in result.verdicts] == list(Method)
    assert all(v.reasons for v in result.verdicts)


def test_approval_methods_list_the_approvals(run):
    found = run(specs_fixable=False, amount=ABOVE).verdict(CN)
    assert set(found.approvals) == {
        Approval.COMPETENT_BUDGET_UNIT_CONSENT,
        Approval.FINANCE_DEPARTMENT_APPROVAL,
    }
    assert run(specs_fixable=False).verdict(CN).approvals == ()


def test_failed_tender_with_two_bidders_needs_finance_approval(run):
    found = run(earlier_tender_failed=True, responsive_bidders=2, capable_suppliers=2).verdict(CN)
    assert found.approvals == (Approval.FINANCE_DEPARTMENT_APPROVAL,)


def test_sole_supplier_above_threshold_requires_notice_and_expert_opinion(run):
    found = run(capable_suppliers=1, sole_supplier_evidence=True, amount=ABOVE).verdict(SS)
    req = {r.code: r.params for r in found.requirements}
    assert req["REQ_SOLE_SUPPLIER_NOTICE"]["days"] == 5
    assert "REQ_EXPERT_OPINION" in req


def test_consultation_states_the_price_weight_range(run):
    goods = run(category=GOODS, specs_fixable=False).verdict(CC)
    services = run(specs_fixable=False).verdict(CC)
    weight = {r.code: r.params for r in goods.requirements}["REQ_PRICE_WEIGHT"]
    assert (weight["min"], weight["max"]) == (30, 60)
    weight = {r.code: r.params for r in services.requirements}["REQ_PRICE_WEIGHT"]
    assert (weight["min"], weight["max"]) == (10, 30)


def test_removing_a_condition_from_the_data_switches_that_route_off(raw_rules):
    data = copy.deepcopy(raw_rules)
    del data["methods"]["competitive_negotiation"]["conditions"]["failed_tender"]
    rules, errors = parse_rules(data)
    assert errors == []
    found = advise(rules, make(earlier_tender_failed=True)).verdict(CN)
    assert found.verdict == NO


def test_info_system_restriction_can_be_limited_to_a_province_in_data(raw_rules):
    data = copy.deepcopy(raw_rules)
    data["provisions"]["info_system"]["jurisdictions"] = ["henan"]
    rules, errors = parse_rules(data)
    assert errors == []
    facts = dict(is_info_system=True, specs_fixable=False, budget_level=BudgetLevel.PROVINCE)
    assert advise(rules, make(province="henan", **facts)).verdict(CN).verdict == NO
    assert advise(rules, make(province="fujian", **facts)).verdict(CN).verdict == OK
