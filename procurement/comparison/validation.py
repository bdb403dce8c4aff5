"""Input checks for the evaluation: every problem becomes a field-level :class:`Message`.

Nothing here raises on bad input; the caller gets all errors at once (and warnings, which never
stop the evaluation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .messages import Message, msg
from .rounding import SUPPORTED_MODES
from .types import (
    CATEGORY_KINDS,
    CRITERION_KINDS,
    METHODS,
    TIE_BREAK_KEYS,
    Bid,
    Category,
    Criterion,
    EvaluationRules,
    MemberScore,
    PriceWeightRange,
    Rounding,
)


def as_decimal(value: Any, field: str, errors: list[Message]) -> Decimal | None:
    """Decimal or int → Decimal; anything else (a float, NaN, None) → error, None returned."""
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    errors.append(msg("value.not_decimal", field=field, value=repr(value)))
    return None


def applied_category(category: Category, errors: list[Message]) -> str | None:
    """The category whose price-weight range applies.

    Goods or services apply as given. A mixed project takes the category with the larger share
    of funds (财库〔2014〕214号 art. 24; applied to tenders the same way). Missing or negative
    shares are errors; equal shares are an error too, since the law names no rule for them.
    """
    if category.kind not in CATEGORY_KINDS:
        errors.append(
            msg("rules.category.unknown", field="rules.category.kind", category=category.kind)
        )
        return None
    if category.kind != "mixed":
        return category.kind
    shares: dict[str, Decimal] = {}
    for name in ("goods_share", "services_share"):
        field = f"rules.category.{name}"
        raw = getattr(category, name)
        if raw is None:
            errors.append(msg("rules.category.share_missing", field=field))
            continue
        value = as_decimal(raw, field, errors)
        if value is None:
            continue
        if value < 0:
            errors.append(msg("rules.category.share_negative", field=field))
            continue
        shares[name] = value
    if len(shares) < 2:
        return None
    goods, services = shares["goods_share"], shares["services_share"]
    if goods == services:
        errors.append(
            msg("rules.category.shares_equal", field="rules.category.goods_share", share=goods)
        )
        return None
    return "goods" if goods > services else "services"


def check_rounding(rounding: Rounding, field: str, errors: list[Message]) -> None:
    places = rounding.places
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        errors.append(msg("rules.rounding.places_invalid", field=f"{field}.places", places=places))
    if rounding.mode not in SUPPORTED_MODES:
        errors.append(
            msg("rules.rounding.mode_unsupported", field=f"{field}.mode", mode=rounding.mode)
        )


def check_sme_deduction(value: Any, field: str, errors: list[Message]) -> Decimal | None:
    percent = as_decimal(value, field, errors)
    if percent is not None and not Decimal(0) <= percent < Decimal(100):
        errors.append(msg("rules.sme_deduction.out_of_range", field=field, percent=percent))
        return None
    return percent


def check_tie_break(keys: Sequence[str], field: str, errors: list[Message]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key not in TIE_BREAK_KEYS:
            errors.append(msg("rules.tie_break.unknown_key", field=f"{field}[{index}]", key=key))
        elif key in seen:
            errors.append(msg("rules.tie_break.duplicate_key", field=f"{field}[{index}]", key=key))
        seen.add(key)


def check_price_weight(
    weight: Decimal,
    weight_range: PriceWeightRange,
    category: str,
    field: str,
    errors: list[Message],
    warnings: list[Message],
) -> None:
    """The price weight must lie within the legal range, bounds included.

    87号令 art. 55: ≥ 30 % goods, ≥ 10 % services (no maximum); 214号 art. 24: 30–60 % goods,
    10–30 % services. The figures come in as data (``weight_range``); a range marked secondary
    adds a warning to check the primary text.
    """
    if weight < weight_range.min_percent:
        errors.append(
            msg(
                "rules.price_weight.below_min",
                field=field,
                weight=weight,
                min=weight_range.min_percent,
                category=category,
                basis=weight_range.basis,
            )
        )
    elif weight_range.max_percent is not None and weight > weight_range.max_percent:
        errors.append(
            msg(
                "rules.price_weight.above_max",
                field=field,
                weight=weight,
                max=weight_range.max_percent,
                category=category,
                basis=weight_range.basis,
            )
        )
    if weight_range.secondary:
        warnings.append(
            msg("price_weight.secondary_source", category=category, basis=weight_range.basis)
        )


@dataclass(frozen=True)
class CheckedRules:
    category: str
    price_criterion: Criterion
    price_points: Decimal
    weight_range: PriceWeightRange
    sme_deduction: Decimal
    non_price: tuple[Criterion, ...]
    max_points: dict[str, Decimal]


def check_rules(
    rules: EvaluationRules, errors: list[Message], warnings: list[Message]
) -> CheckedRules | None:
    """Validate the rules; return the resolved figures, or None when there are errors."""
    start = len(errors)
    if rules.method not in METHODS:
        errors.append(msg("rules.method.unknown", field="rules.method", method=rules.method))
    category = applied_category(rules.category, errors)
    check_rounding(rules.rounding, "rules.rounding", errors)
    sme = check_sme_deduction(rules.sme_deduction_percent, "rules.sme_deduction_percent", errors)
    check_tie_break(rules.tie_break, "rules.tie_break", errors)
    required = rules.required_members
    if required is not None and (
        isinstance(required, bool) or not isinstance(required, int) or required < 1
    ):
        errors.append(
            msg("rules.required_members.invalid", field="rules.required_members", value=required)
        )

    price_criteria: list[tuple[int, Criterion]] = []
    non_price: list[Criterion] = []
    max_points: dict[str, Decimal] = {}
    total = Decimal(0)
    for index, criterion in enumerate(rules.criteria):
        field = f"rules.criteria[{index}]"
        if not criterion.code:
            errors.append(msg("rules.criteria.code_missing", field=f"{field}.code"))
        elif criterion.code in max_points:
            errors.append(
                msg("rules.criteria.code_duplicate", field=f"{field}.code", code=criterion.code)
            )
        points = as_decimal(criterion.max_points, f"{field}.max_points", errors)
        if points is not None:
            total += points
            if points <= 0:
                errors.append(
                    msg(
                        "rules.criteria.points_not_positive",
                        field=f"{field}.max_points",
                        code=criterion.code,
                        points=points,
                    )
                )
            max_points.setdefault(criterion.code, points)
        if criterion.kind not in CRITERION_KINDS:
            errors.append(
                msg("rules.criteria.kind_unknown", field=f"{field}.kind", kind=criterion.kind)
            )
        elif criterion.kind == "price":
            if price_criteria:
                errors.append(
                    msg(
                        "rules.criteria.price_duplicate", field=f"{field}.kind", code=criterion.code
                    )
                )
            price_criteria.append((index, criterion))
        else:
            non_price.append(criterion)
    if not price_criteria:
        errors.append(msg("rules.criteria.price_missing", field="rules.criteria"))
    if total != Decimal(100):
        errors.append(msg("rules.criteria.sum_not_100", field="rules.criteria", sum=total))

    weight_range = None
    if category is not None and rules.method in METHODS:
        weight_range = rules.price_weights.lookup(rules.method, category)
        if weight_range is None:
            errors.append(
                msg(
                    "rules.price_weight.range_missing",
                    field="rules.price_weights",
                    method=rules.method,
                    category=category,
                )
            )
    price_points = None
    if price_criteria:
        index, criterion = price_criteria[0]
        price_points = max_points.get(criterion.code)
        if weight_range is not None and price_points is not None:
            check_price_weight(
                price_points,
                weight_range,
                category or "",
                f"rules.criteria[{index}].max_points",
                errors,
                warnings,
            )
    if len(errors) > start:
        return None
    assert category is not None and weight_range is not None and price_points is not None
    assert sme is not None
    return CheckedRules(
        category=category,
        price_criterion=price_criteria[0][1],
        price_points=price_points,
        weight_range=weight_range,
        sme_deduction=sme,
        non_price=tuple(non_price),
        max_points=max_points,
    )


def check_bids(
    bids: Sequence[Any], errors: list[Message], *, field: str = "bids"
) -> dict[str, Decimal]:
    """Every bid needs a unique bidder id and a price > 0. Returns bidder id → price."""
    prices: dict[str, Decimal] = {}
    seen: set[str] = set()
    if not bids:
        errors.append(msg("bids.empty", field=field))
    for index, bid in enumerate(bids):
        path = f"{field}[{index}]"
        if not bid.bidder_id:
            errors.append(msg("bid.id_missing", field=f"{path}.bidder_id"))
        elif bid.bidder_id in seen:
            errors.append(msg("bid.id_duplicate", field=f"{path}.bidder_id", bidder=bid.bidder_id))
        seen.add(bid.bidder_id)
        if bid.price is None:
            errors.append(msg("bid.price_missing", field=f"{path}.price", bidder=bid.bidder_id))
            continue
        price = as_decimal(bid.price, f"{path}.price", errors)
        if price is None:
            continue
        if price <= 0:
            errors.append(
                msg(
                    "bid.price_not_positive",
                    field=f"{path}.price",
                    bidder=bid.bidder_id,
                    price=price,
                )
            )
            continue
        prices.setdefault(bid.bidder_id, price)
    return prices


def check_scores(
    scores: Sequence[MemberScore],
    bids: Sequence[Bid],
    rules: CheckedRules,
    errors: list[Message],
) -> dict[tuple[str, str], dict[str, Decimal]]:
    """Member scores: known bid and non-price criterion, 0 ≤ points ≤ max, one per member.

    Returns (bidder id, criterion code) → member id → points.
    """
    bidder_ids = {bid.bidder_id for bid in bids}
    price_code = rules.price_criterion.code
    table: dict[tuple[str, str], dict[str, Decimal]] = {}
    for index, score in enumerate(scores):
        path = f"member_scores[{index}]"
        if score.bidder_id not in bidder_ids:
            errors.append(
                msg("score.unknown_bid", field=f"{path}.bidder_id", bidder=score.bidder_id)
            )
            continue
        if score.criterion_code == price_code:
            errors.append(
                msg(
                    "score.on_price_criterion",
                    field=f"{path}.criterion_code",
                    criterion=score.criterion_code,
                )
            )
            continue
        maximum = rules.max_points.get(score.criterion_code)
        if maximum is None:
            errors.append(
                msg(
                    "score.unknown_criterion",
                    field=f"{path}.criterion_code",
                    criterion=score.criterion_code,
                )
            )
            continue
        points = as_decimal(score.points, f"{path}.points", errors)
        if points is None:
            continue
        params = {
            "member": score.member_id,
            "bidder": score.bidder_id,
            "criterion": score.criterion_code,
            "points": points,
        }
        if points < 0:
            errors.append(msg("score.negative", field=f"{path}.points", **params))
            continue
        if points > maximum:
            errors.append(msg("score.above_max", field=f"{path}.points", max=maximum, **params))
            continue
        cell = table.setdefault((score.bidder_id, score.criterion_code), {})
        if score.member_id in cell:
            errors.append(msg("score.duplicate", field=f"{path}.member_id", **params))
            continue
        cell[score.member_id] = points
    return table
