"""Resolve the 采购限额标准 and 公开招标数额标准 for a purchase from rule data.

Figures are looked up by jurisdiction (``central`` for central-budget purchases, else the
province), budget level, category and date. The rule data holds the figures of the domain file
only; a figure the data does not hold falls back to the central figure, always with a visible
warning. A figure recorded as ``amount: null`` (public tender for works: 招标投标法 governs)
stays unknown — no fallback, no guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from procurement.guidance.rules_model import RuleSet, ThresholdItem
from procurement.guidance.types import (
    BudgetLevel,
    Category,
    Facts,
    GuidanceWarning,
    ResolvedThresholds,
    Severity,
    ThresholdValue,
)

PROCUREMENT_LIMIT = "procurement_limit"
PUBLIC_TENDER = "public_tender"
CENTRAL = "central"


@dataclass(frozen=True)
class Lookup:
    jurisdiction: str
    level: BudgetLevel
    category: Category


def jurisdiction_of(facts: Facts) -> str:
    """``central`` for central-budget purchases, else the province key (validated upstream)."""
    if facts.budget_level == BudgetLevel.CENTRAL or not facts.province:
        return CENTRAL
    return facts.province


def find_item(rules: RuleSet, kind: str, where: Lookup, on: date) -> ThresholdItem | None:
    for item in rules.thresholds:
        if (
            item.kind == kind
            and item.jurisdiction == where.jurisdiction
            and where.level in item.levels
            and where.category in item.categories
            and item.in_force(on)
        ):
            return item
    return None


def _value(item: ThresholdItem, fallback: bool) -> ThresholdValue:
    return ThresholdValue(
        kind=item.kind,
        amount=item.amount,
        jurisdiction=item.jurisdiction,
        fallback=fallback,
        secondary=item.secondary,
        basis=item.basis,
        note=item.note,
    )


def resolve_one(
    rules: RuleSet, facts: Facts, kind: str
) -> tuple[ThresholdValue | None, list[GuidanceWarning]]:
    """One figure for the purchase, or the central one with a ``THRESHOLD_FALLBACK`` warning.

    Edge cases: a central-budget purchase never falls back (it *is* central); a province with
    no figures at all gets ``PROVINCE_FALLBACK`` from :func:`resolve_thresholds` instead of one
    warning per figure; ``None`` only if even the central figure is missing (a rule file that
    passes validation always has one).
    """
    jur = jurisdiction_of(facts)
    local = find_item(rules, kind, Lookup(jur, facts.budget_level, facts.category), facts.date)
    if local is not None:
        return _value(local, fallback=False), []
    central = find_item(
        rules, kind, Lookup(CENTRAL, BudgetLevel.CENTRAL, facts.category), facts.date
    )
    if central is None:
        return None, []
    warnings: list[GuidanceWarning] = []
    if jur != CENTRAL and _province_has_figures(rules, jur):
        warnings.append(
            GuidanceWarning(
                code="THRESHOLD_FALLBACK",
                params={
                    "province": rules.jurisdictions[jur].name_zh,
                    "kind": kind,
                    "category": facts.category.value,
                    "amount": central.amount if central.amount is not None else "-",
                },
                basis=central.basis,
            )
        )
    return _value(central, fallback=jur != CENTRAL), warnings


def _province_has_figures(rules: RuleSet, jurisdiction: str) -> bool:
    return any(item.jurisdiction == jurisdiction for item in rules.thresholds)


def at_or_above(amount: Decimal, value: ThresholdValue | None) -> bool | None:
    """``amount >= threshold`` (the law says 以上 / 达到: the threshold itself counts);
    ``None`` where there is no figure."""
    if value is None or value.amount is None:
        return None
    return amount >= value.amount


def resolve_thresholds(
    rules: RuleSet, facts: Facts
) -> tuple[ResolvedThresholds, list[GuidanceWarning]]:
    """Both figures for the purchase plus any fallback warnings.

    A province absent from the threshold data gets one ``PROVINCE_FALLBACK`` warning; secondary
    figures get a ``THRESHOLD_SECONDARY`` info note so the user checks the local document.
    """
    warnings: list[GuidanceWarning] = []
    limit, w1 = resolve_one(rules, facts, PROCUREMENT_LIMIT)
    tender, w2 = resolve_one(rules, facts, PUBLIC_TENDER)
    warnings += w1 + w2
    jur = jurisdiction_of(facts)
    if jur != CENTRAL and not _province_has_figures(rules, jur):
        warnings.append(
            GuidanceWarning(
                code="PROVINCE_FALLBACK",
                params={"province": rules.jurisdictions[jur].name_zh},
                basis=tuple(b for v in (limit, tender) if v for b in v.basis),
            )
        )
    secondary = [v for v in (limit, tender) if v is not None and v.secondary and not v.fallback]
    if secondary:
        warnings.append(
            GuidanceWarning(
                code="THRESHOLD_SECONDARY",
                params={"province": rules.jurisdictions[jur].name_zh},
                basis=tuple(b for v in secondary for b in v.basis),
                severity=Severity.INFO,
            )
        )
    resolved = ResolvedThresholds(
        procurement_limit=limit,
        public_tender=tender,
        above_procurement_limit=at_or_above(facts.amount, limit),
        above_public_tender=at_or_above(facts.amount, tender),
    )
    return resolved, warnings
