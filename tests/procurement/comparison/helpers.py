"""Builders for the comparison-engine tests (plain data, no database)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Decimal

from procurement.comparison import (
    Bid,
    Category,
    Criterion,
    EvaluationResult,
    EvaluationRules,
    MemberScore,
    PriceWeightTable,
    evaluate,
)

D = Decimal

# The legal ranges as the rule YAML holds them (evaluation.price_weight): 87号令 art. 55,
# 财库〔2014〕214号 art. 24. Here as test data; the product reads them from procurement/rules.
PRICE_WEIGHT_YAML = {
    "tender": {
        "goods": {"min": 30, "max": None, "basis": "87号令 art. 55"},
        "services": {"min": 10, "max": None, "basis": "87号令 art. 55"},
    },
    "consultation": {
        "goods": {"min": 30, "max": 60, "basis": "财库〔2014〕214号 art. 24"},
        "services": {"min": 10, "max": 30, "basis": "财库〔2014〕214号 art. 24"},
    },
}
TABLE = PriceWeightTable.from_mapping(PRICE_WEIGHT_YAML)


def criteria(
    price: Decimal | int = 30,
    technical: Decimal | int | None = None,
    commercial: Decimal | int = 20,
) -> tuple[Criterion, ...]:
    """Price P, technical (100 − P − commercial), commercial."""
    price, commercial = D(price), D(commercial)
    tech = D(100) - price - commercial if technical is None else D(technical)
    return (
        Criterion("P", "价格", "price", price),
        Criterion("T", "技术", "technical", tech),
        Criterion("C", "商务", "commercial", commercial),
    )


def rules(**overrides: object) -> EvaluationRules:
    base = EvaluationRules(
        method="tender",
        category=Category("goods"),
        criteria=criteria(),
        price_weights=TABLE,
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def scores(
    table: Mapping[str, Mapping[str, Iterable[Decimal | int | str]]],
) -> list[MemberScore]:
    """{bidder: {criterion: [points of member m1, m2, …]}} → MemberScore rows."""
    rows = []
    for bidder, by_criterion in table.items():
        for code, points in by_criterion.items():
            for index, value in enumerate(points, start=1):
                rows.append(MemberScore(f"m{index}", bidder, code, D(str(value))))
    return rows


def uniform(
    bidder_points: Mapping[str, tuple[Decimal | int | str, Decimal | int | str]], members: int = 5
) -> list[MemberScore]:
    """Every member gives each bidder the same (technical, commercial) points."""
    return scores(
        {b: {"T": [t] * members, "C": [c] * members} for b, (t, c) in bidder_points.items()}
    )


def by_id(result: EvaluationResult) -> dict[str, object]:
    return {b.bidder_id: b for b in result.bids}


def evaluate_at(
    rules_: EvaluationRules,
    bids: list[Bid],
    member_scores: list[MemberScore],
    bidder: str,
    price: Decimal,
) -> EvaluationResult:
    changed = [replace(b, price=price) if b.bidder_id == bidder else b for b in bids]
    return evaluate(rules_, changed, member_scores)


def strictly_first(result: EvaluationResult, bidder: str) -> bool:
    totals = {b.bidder_id: b.total for b in result.bids}
    return all(totals[bidder] > t for k, t in totals.items() if k != bidder)
