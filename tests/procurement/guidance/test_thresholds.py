"""Thresholds per jurisdiction in the rule data, each tested just below, at and just above."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procurement.guidance.thresholds import resolve_thresholds
from procurement.guidance.types import BudgetLevel, Category
from tests.procurement.guidance.conftest import make

C, P, CI, CO = BudgetLevel.CENTRAL, BudgetLevel.PROVINCE, BudgetLevel.CITY, BudgetLevel.COUNTY
G, S, W = Category.GOODS, Category.SERVICES, Category.WORKS

# (level, province, category, kind, figure in yuan, warning expected for this figure)
FIGURES = [
    (C, None, G, "procurement_limit", 1000000, None),
    (C, None, S, "procurement_limit", 1000000, None),
    (C, None, W, "procurement_limit", 1200000, None),
    (C, None, G, "public_tender", 2000000, None),
    (C, None, S, "public_tender", 2000000, None),
    (P, "fujian", S, "procurement_limit", 1000000, "THRESHOLD_SECONDARY"),
    (P, "fujian", G, "public_tender", 4000000, "THRESHOLD_SECONDARY"),
    (CI, "fujian", S, "procurement_limit", 300000, "THRESHOLD_SECONDARY"),
    (CO, "fujian", G, "procurement_limit", 300000, "THRESHOLD_SECONDARY"),
    (CI, "fujian", S, "public_tender", 2000000, "THRESHOLD_SECONDARY"),
    (CO, "fujian", S, "public_tender", 2000000, "THRESHOLD_SECONDARY"),
    (P, "sichuan", S, "public_tender", 4000000, "THRESHOLD_SECONDARY"),
    (CI, "sichuan", G, "public_tender", 4000000, "THRESHOLD_SECONDARY"),
    (CO, "sichuan", S, "procurement_limit", 1000000, "THRESHOLD_FALLBACK"),
    (P, "henan", S, "public_tender", 4000000, "THRESHOLD_SECONDARY"),
    (CI, "henan", S, "public_tender", 2000000, "THRESHOLD_SECONDARY"),
    (CO, "henan", G, "public_tender", 2000000, "THRESHOLD_SECONDARY"),
    (P, "henan", G, "procurement_limit", 1000000, "THRESHOLD_FALLBACK"),
    (P, "fujian", W, "procurement_limit", 1200000, "THRESHOLD_FALLBACK"),
    (CI, "guangdong", S, "procurement_limit", 1000000, "PROVINCE_FALLBACK"),
    (P, "guangdong", G, "public_tender", 2000000, "PROVINCE_FALLBACK"),
]
CENT = Decimal("0.01")
CASES = [
    pytest.param(
        *row[:5],
        offset,
        offset >= 0,
        row[5],
        id=f"{row[1] or 'central'}-{row[0]}-{row[2]}-{row[3]}-{['below', 'at', 'above'][offset + 1]}",
    )
    for row in FIGURES
    for offset in (-1, 0, 1)
]


@pytest.mark.parametrize(
    ("level", "province", "category", "kind", "figure", "offset", "above", "warning"), CASES
)
def test_threshold_boundaries(
    rules, level, province, category, kind, figure, offset, above, warning
):
    amount = Decimal(figure) + offset * CENT
    facts = make(budget_level=level, province=province, category=category, amount=amount)
    resolved, warnings = resolve_thresholds(rules, facts)
    value = getattr(resolved, kind)
    assert value.amount == Decimal(figure)
    flag = (
        resolved.above_procurement_limit
        if kind == "procurement_limit"
        else resolved.above_public_tender
    )
    assert flag is above
    assert value.basis
    if warning is not None:
        assert warning in [w.code for w in warnings]
    if warning in ("THRESHOLD_FALLBACK", "PROVINCE_FALLBACK"):
        assert value.fallback and value.jurisdiction == "central"


def test_works_have_no_public_tender_figure_and_no_guess(rules):
    resolved, _ = resolve_thresholds(rules, make(category=W, amount=Decimal("99000000")))
    assert resolved.public_tender.amount is None
    assert resolved.above_public_tender is None
    assert "招标投标法" in resolved.public_tender.note


def test_fallback_warnings_name_the_province_and_figure(rules):
    _, warnings = resolve_thresholds(rules, make(budget_level=P, province="sichuan"))
    fallback = [w for w in warnings if w.code == "THRESHOLD_FALLBACK"]
    assert len(fallback) == 1
    assert fallback[0].params["province"] == "四川省"
    assert fallback[0].params["kind"] == "procurement_limit"
    assert fallback[0].params["amount"] == Decimal("1000000")


def test_unlisted_province_gets_one_province_warning_not_one_per_figure(rules):
    _, warnings = resolve_thresholds(rules, make(budget_level=CO, province="xizang"))
    codes = [w.code for w in warnings]
    assert codes.count("PROVINCE_FALLBACK") == 1
    assert "THRESHOLD_FALLBACK" not in codes


def test_central_level_uses_central_figures_even_with_a_province(rules):
    resolved, warnings = resolve_thresholds(rules, make(budget_level=C, province="fujian"))
    assert resolved.public_tender.amount == Decimal(2000000)
    assert not resolved.public_tender.fallback
    assert warnings == []
