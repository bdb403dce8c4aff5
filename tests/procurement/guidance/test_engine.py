"""End to end: applicability, recommendations, one case per province, serialisation, purity."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from procurement.guidance import result_to_dict
from procurement.guidance.types import (
    AddOnFacts,
    Approval,
    BudgetLevel,
    BuyerType,
    Category,
    Method,
    Verdict,
)

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


@pytest.mark.parametrize(
    ("changes", "applies", "code"),
    [
        ({"buyer_type": BuyerType.STATE_ORGAN}, True, "BUYER_IN_SCOPE"),
        ({"buyer_type": BuyerType.PUBLIC_INSTITUTION}, True, "BUYER_IN_SCOPE"),
        ({"buyer_type": BuyerType.SOCIAL_ORGANISATION}, True, "BUYER_IN_SCOPE"),
        ({"buyer_type": BuyerType.STATE_OWNED_ENTERPRISE}, False, "BUYER_NOT_IN_SCOPE"),
        ({"buyer_type": BuyerType.OTHER}, False, "BUYER_NOT_IN_SCOPE"),
        ({"fiscal_funds_percent": Decimal(0)}, False, "NO_FISCAL_FUNDS"),
        ({"fiscal_funds_percent": Decimal("0.01")}, True, "FISCAL_FUNDS_USED"),
        ({"amount": Decimal("999999.99")}, False, "BELOW_LIMIT_NOT_IN_CATALOGUE"),
        ({"amount": Decimal("1000000")}, True, "AT_OR_ABOVE_LIMIT"),
        (
            {"amount": Decimal("500"), "cloud_in_central_catalogue": True},
            True,
            "IN_CENTRAL_CATALOGUE",
        ),
        (
            {"category": Category.WORKS, "amount": Decimal("1199999.99")},
            False,
            "BELOW_LIMIT_NOT_IN_CATALOGUE",
        ),
        ({"category": Category.WORKS, "amount": Decimal("1200000")}, True, "AT_OR_ABOVE_LIMIT"),
        (
            {
                "budget_level": BudgetLevel.CITY,
                "province": "fujian",
                "amount": Decimal("300000"),
                "cloud_in_central_catalogue": False,
            },
            True,
            "AT_OR_ABOVE_LIMIT",
        ),
        (
            {
                "budget_level": BudgetLevel.CITY,
                "province": "fujian",
                "amount": Decimal("299999.99"),
                "cloud_in_central_catalogue": False,
            },
            False,
            "BELOW_LIMIT_NOT_IN_CATALOGUE",
        ),
    ],
)
def test_applicability(run, changes, applies, code):
    result = run(**changes)
    assert result.applicability.applies is applies
    assert code in [r.code for r in result.applicability.reasons]
    assert all(r.basis for r in result.applicability.reasons)
    if not applies:
        assert result.recommended == ()
        assert "LAW_NOT_APPLICABLE" in result.warning_codes()


def order(result):
    return [r.method for r in result.recommended]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"category": Category.GOODS, "standard_goods": True}, [PT, EQ]),
        ({"specs_fixable": False}, [CC, CN, PT]),
        ({"specs_fixable": False, "amount": Decimal("3000000")}, [PT, CC, CN]),
        ({"specs_fixable": False, "is_info_system": True, "amount": Decimal("3000000")}, [PT, CC]),
        (
            {
                "addon": AddOnFacts(
                    Decimal("30000000"), Decimal("3000000"), Decimal(0), "扩容一致性"
                ),
                "amount": Decimal("3000000"),
            },
            [SS, PT],
        ),
        ({"repeat_small_orders": True}, [FA, PT]),
        ({"rd_need": True, "no_market_solution": True}, [CI, PT]),
        ({"earlier_tender_failed": True}, [CN, PT]),
    ],
)
def test_recommendation_order(run, changes, expected):
    assert order(run(**changes)) == expected


def test_recommendations_carry_reasons(run):
    result = run(specs_fixable=False, amount=Decimal("3000000"))
    by_method = {r.method: [m.code for m in r.reasons] for r in result.recommended}
    assert "RECOMMEND_NEEDS_APPROVAL" in by_method[CC]
    assert "RECOMMEND_PROFILE_SUPPLIER_PROPOSES" in by_method[CC]


@pytest.mark.parametrize(
    ("level", "province", "tender_threshold", "warning"),
    [
        (BudgetLevel.CENTRAL, None, Decimal(2000000), None),
        (BudgetLevel.PROVINCE, "fujian", Decimal(4000000), "THRESHOLD_SECONDARY"),
        (BudgetLevel.CITY, "fujian", Decimal(2000000), "THRESHOLD_SECONDARY"),
        (BudgetLevel.PROVINCE, "sichuan", Decimal(4000000), "THRESHOLD_FALLBACK"),
        (BudgetLevel.PROVINCE, "henan", Decimal(4000000), "THRESHOLD_FALLBACK"),
        (BudgetLevel.COUNTY, "henan", Decimal(2000000), "THRESHOLD_FALLBACK"),
        (BudgetLevel.CITY, "zhejiang", Decimal(2000000), "PROVINCE_FALLBACK"),
    ],
)
def test_one_case_per_province_in_the_rule_data(run, level, province, tender_threshold, warning):
    result = run(
        budget_level=level,
        province=province,
        amount=Decimal("2500000"),
        specs_fixable=False,
        cloud_in_central_catalogue=False,
    )
    assert result.thresholds.public_tender.amount == tender_threshold
    above = Decimal("2500000") >= tender_threshold
    assert result.verdict(CC).verdict == (
        Verdict.ALLOWED_WITH_APPROVAL if above else Verdict.ALLOWED
    )
    if warning:
        assert warning in result.warning_codes()


def test_seed_scenario_new_provincial_cloud_platform(run):
    """Seed 004: a new platform is technically complex; 磋商 is increasingly used."""
    result = run(
        budget_level=BudgetLevel.PROVINCE,
        province="henan",
        is_info_system=True,
        amount=Decimal("50000000"),
        specs_fixable=False,
        capable_suppliers=6,
        government_purchase_of_services=True,
        contract_term_months=36,
        multi_year_budget_assured=True,
        timeline_start=date(2025, 9, 30),
    )
    assert result.verdict(PT).verdict == Verdict.ALLOWED
    assert result.verdict(CC).verdict == Verdict.ALLOWED_WITH_APPROVAL
    assert result.verdict(CN).verdict == Verdict.NOT_ALLOWED
    assert "NEEDS_SURVEY_AMOUNT" in result.warning_codes()
    assert {a.approval for a in result.approvals} == {
        Approval.COMPETENT_BUDGET_UNIT_CONSENT,
        Approval.FINANCE_DEPARTMENT_APPROVAL,
    }
    assert "SERVICE_TERM_NEEDS_ASSURED_BUDGET" not in result.warning_codes()


def test_result_serialises_to_json(run):
    result = run(
        addon=AddOnFacts(Decimal("20000000"), Decimal("1500000"), Decimal(0), "一致"),
        approvals_obtained=frozenset({Approval.FINANCE_DEPARTMENT_APPROVAL}),
    )
    data = result_to_dict(result)
    text = json.dumps(data, ensure_ascii=False)
    assert data["thresholds"]["public_tender"]["amount"] == "2000000"
    assert data["facts"]["amount"] == "1500000"
    assert data["facts"]["date"] == "2025-06-02"
    assert data["facts"]["approvals_obtained"] == ["finance_department_approval"]
    assert data["rules"]["slug"] == "cn-gov-procurement"
    assert data["verdicts"][0]["method"] == "public_tender"
    assert data["timelines"][0]["steps"][0]["date"].count("-") == 2
    assert "text" not in data["verdicts"][0]["reasons"][0]
    assert "政府采购法" in text


def test_engine_and_schema_import_no_django():
    root = Path(__file__).resolve().parents[3]
    code = (
        "import sys, procurement.guidance, procurement.guidance.engine;"
        "bad=[m for m in sys.modules if m=='django' or m.startswith('django.')];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
    for path in (root / "procurement" / "guidance").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "django" for n in names), path.name
