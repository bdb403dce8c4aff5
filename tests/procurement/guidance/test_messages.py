"""Every code the engine can emit has an English template that renders with its params."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from procurement.guidance import messages, result_to_dict
from procurement.guidance.messages import LABELS, MESSAGES, render
from procurement.guidance.rules_sections import METHOD_SPECS
from procurement.guidance.types import (
    AddOnFacts,
    BudgetLevel,
    BuyerType,
    Category,
    Method,
    PaymentModel,
    Signatory,
)

SCENARIOS = [
    {},
    {"amount": Decimal("3000000"), "specs_fixable": False, "is_info_system": True},
    {"buyer_type": BuyerType.OTHER, "fiscal_funds_percent": Decimal(0)},
    {"amount": Decimal("999999"), "capable_suppliers": 1},
    {"category": Category.WORKS, "works_must_be_tendered": False, "capable_suppliers": 2},
    {"category": Category.WORKS, "works_must_be_tendered": True},
    {
        "category": Category.GOODS,
        "standard_goods": True,
        "repeat_small_orders": True,
        "contract_term_months": 24,
        "budget_level": BudgetLevel.PROVINCE,
        "province": "guangdong",
    },
    {
        "budget_level": BudgetLevel.CITY,
        "province": "henan",
        "earlier_tender_failed": True,
        "responsive_bidders": 2,
        "capable_suppliers": 2,
        "urgent": True,
    },
    {
        "budget_level": BudgetLevel.PROVINCE,
        "province": "fujian",
        "urgent": True,
        "urgency_caused_by_buyer": True,
        "payment_model": PaymentModel.USAGE,
    },
    {"addon": AddOnFacts(Decimal("20000000"), Decimal("1500000"), Decimal("900000"), "一致")},
    {"addon": AddOnFacts(Decimal("20000000"), Decimal("1500000"), Decimal(0), "")},
    {
        "addon": AddOnFacts(Decimal("20000000"), Decimal("1500000"), Decimal(0), "一致"),
        "amount": Decimal("1500000"),
    },
    {
        "capable_suppliers": 1,
        "sole_supplier_evidence": True,
        "amount": Decimal("3000000"),
        "signatory": Signatory.PLATFORM_COMPANY,
    },
    {"urgent": True, "urgency_unforeseeable": True, "urgency_caused_by_buyer": False},
    {
        "rd_need": True,
        "no_market_solution": True,
        "date": date(2024, 5, 6),
        "custom_it_system": True,
        "public_interest": True,
        "amount": Decimal("12000000"),
    },
    {
        "government_purchase_of_services": True,
        "contract_term_months": 60,
        "users_choose_supplier": True,
        "attestation_consulting_services": True,
        "research_or_tech_transfer": True,
        "same_item_purchases_ytd": Decimal("800000"),
        "cloud_in_central_catalogue": True,
    },
    {
        "government_purchase_of_services": True,
        "contract_term_months": 24,
        "province": "fujian",
        "limited_supplier_pool": True,
        "tender_cost_disproportionate": True,
        "price_calculable_in_advance": False,
        "handles_sensitive_data": True,
    },
    {
        "date": date(2026, 12, 20),
        "handles_sensitive_data": False,
        "public_facing": True,
        "category": Category.GOODS,
        "standard_goods": False,
        "repeat_small_orders": True,
        "contract_term_months": 36,
    },
    {
        "category": Category.WORKS,
        "specs_fixable": False,
        "date": date(2021, 3, 1),
        "repeat_small_orders": True,
    },
    {"category": Category.GOODS, "repeat_small_orders": True, "contract_term_months": 12},
]


def _emitted(result):
    data = result_to_dict(result)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("code"), str) and "params" in node:
                found.append((node["code"], node["params"]))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return found


@pytest.fixture(scope="module")
def emitted(rules):
    from procurement.guidance import advise
    from tests.procurement.guidance.conftest import make

    out = []
    for scenario in SCENARIOS:
        out += _emitted(advise(rules, make(**scenario)))
    return out


def test_every_emitted_code_renders_in_english_and_through_a_translator(emitted):
    assert len({code for code, _ in emitted}) > 80
    for code, params in emitted:
        assert code in MESSAGES, code
        text = render(code, params)
        assert "%(" not in text and text.strip()
        assert render(code, params, translate=lambda s: f"«{s}»").startswith("«")


def test_a_broken_translation_falls_back_to_english():
    text = render("BUYER_IN_SCOPE", {"buyer_type": "state_organ"}, translate=str.upper)
    assert text == "The buyer (STATE ORGAN) is a purchaser under the Government Procurement Law."


def test_translator_is_applied_to_templates_and_labels():
    text = render("CATEGORY_NOT_COVERED", {"category": "goods"}, translate=lambda s: f"<{s}>")
    assert text == "<This method cannot be used for <goods>.>"


def test_none_and_dates_render_readably():
    assert (
        render("REQ_PRICE_WEIGHT", {"min": 30, "max": None})
        == "Comprehensive scoring with a price weight of 30–— %."
    )
    assert "2027-01-01" in render(
        "TIMELINE_BEYOND_CALENDAR", {"date": date(2027, 1, 1), "last_year": 2026}
    )


def test_placeholders_are_well_formed():
    for code, template in MESSAGES.items():
        names = re.findall(r"%\((\w+)\)s", template)
        stripped = re.sub(r"%\(\w+\)s|%%", "", template)
        assert "%" not in stripped, code
        template % {n: "x" for n in names}


def test_codes_generated_from_data_all_have_templates():
    for method, spec in METHOD_SPECS.items():
        for condition in spec.conditions:
            assert f"MET_{condition.upper()}" in MESSAGES
        for period in spec.periods:
            assert f"STEP_{method.value.upper()}_{period.upper()}" in MESSAGES
    for approval in LABELS["approval"]:
        assert f"APPROVAL_MISSING_{approval.upper()}" in MESSAGES
        assert f"DOC_{approval.upper()}" in MESSAGES
    assert set(LABELS["method"]) == {m.value for m in Method}


def test_templates_are_marked_for_makemessages():
    source = Path(messages.__file__).read_text(encoding="utf-8")
    literals = re.findall(r'"([A-Z][A-Z0-9_]+)":\s*gettext_noop\(\s*"', source)
    assert set(literals) == set(MESSAGES)
    assert messages.gettext_noop("x") == "x"


def test_result_renders_with_text_when_a_translator_is_given(rules):
    from procurement.guidance import advise
    from tests.procurement.guidance.conftest import make

    data = result_to_dict(advise(rules, make()), translate=lambda s: s)
    texts = [w["text"] for w in data["verdicts"][0]["reasons"]]
    assert texts and all(isinstance(t, str) for t in texts)
    json.dumps(data, ensure_ascii=False)


def test_label_groups_cover_their_enums():
    assert set(LABELS["category"]) == {c.value for c in Category}
    assert set(LABELS["buyer_type"]) == {b.value for b in BuyerType}
    assert set(LABELS["signatory"]) == {s.value for s in Signatory}
    assert list(itertools.chain(*LABELS.values()))
