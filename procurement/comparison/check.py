"""Stateless check of a published bid-scoring result.

A consultant types in the bids of a published 中标/成交 result (price, SME flag, and, if the
notice shows them, the non-price totals and the published scores) and gets the price scores,
totals and ranking recomputed by the same formula and rounding as :func:`evaluate`, with every
published figure that differs listed as a mismatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .messages import Message, msg
from .price_score import base_price, evaluated_price, price_score
from .ranking import RankInput, rank
from .types import CheckBid, CheckedBid, ScoreCheckResult, ScoreCheckRules
from .validation import (
    as_decimal,
    check_bids,
    check_price_weight,
    check_rounding,
    check_sme_deduction,
    check_tie_break,
)


def score_bids(rules: ScoreCheckRules, bids: Sequence[CheckBid]) -> ScoreCheckResult:
    """Recompute price scores, totals and ranking of a published result (87号令 art. 55).

    Price score = 基准价 / evaluated price × price points, rounded as the rules say (default 2
    places half up); total = rounded price score + the given non-price total (taken as published,
    not re-rounded). Price-only: give no non-price totals; the total is the price score. A
    non-price total given for some bids but not others is refused, as is one outside
    0 … (100 − price points). Ties are broken by ``rules.tie_break``; a key whose figure is
    missing (e.g. no technical scores given) is skipped with a warning, and a remaining tie is
    reported for decision by lot. Published figures are compared exactly as Decimals (8.3 equals
    8.30; 8.349 does not equal 8.35).
    """
    errors: list[Message] = []
    warnings: list[Message] = []
    points = as_decimal(rules.price_points, "rules.price_points", errors)
    if points is not None and not Decimal(0) < points <= Decimal(100):
        errors.append(msg("check.price_points_invalid", field="rules.price_points", points=points))
    check_rounding(rules.rounding, "rules.rounding", errors)
    sme = check_sme_deduction(rules.sme_deduction_percent, "rules.sme_deduction_percent", errors)
    check_tie_break(rules.tie_break, "rules.tie_break", errors)
    if points is not None and rules.price_weight_range is not None:
        check_price_weight(
            points,
            rules.price_weight_range,
            rules.category,
            "rules.price_points",
            errors,
            warnings,
        )
    prices = check_bids(bids, errors)
    given = [bid.non_price_total is not None for bid in bids]
    non_price: dict[str, Decimal | None] = {}
    technical: dict[str, Decimal | None] = {}
    for index, bid in enumerate(bids):
        path = f"bids[{index}]"
        if any(given) and bid.non_price_total is None:
            errors.append(
                msg(
                    "check.non_price_partial", field=f"{path}.non_price_total", bidder=bid.bidder_id
                )
            )
        value = None
        if bid.non_price_total is not None:
            value = as_decimal(bid.non_price_total, f"{path}.non_price_total", errors)
            limit = Decimal(100) - points if points is not None else Decimal(100)
            if value is not None and not Decimal(0) <= value <= limit:
                errors.append(
                    msg(
                        "check.non_price_out_of_range",
                        field=f"{path}.non_price_total",
                        bidder=bid.bidder_id,
                        value=value,
                        max=limit,
                    )
                )
        non_price[bid.bidder_id] = value
        technical[bid.bidder_id] = (
            None
            if bid.technical_score is None
            else as_decimal(bid.technical_score, f"{path}.technical_score", errors)
        )
    if errors:
        return ScoreCheckResult(errors=tuple(errors), warnings=tuple(warnings))
    assert points is not None and sme is not None

    evaluated = {
        bid.bidder_id: evaluated_price(prices[bid.bidder_id], bid.sme_eligible, sme) for bid in bids
    }
    base = base_price(evaluated.values())
    scores = {
        bidder: price_score(base, price, points, rules.rounding)
        for bidder, price in evaluated.items()
    }
    totals = {
        bidder: scores[bidder].rounded + (non_price[bidder] or Decimal(0)) for bidder in scores
    }
    outcomes, rank_warnings = rank(
        [
            RankInput(
                bid.bidder_id,
                totals[bid.bidder_id],
                {
                    "bid_price": prices[bid.bidder_id],
                    "evaluated_price": evaluated[bid.bidder_id],
                    "price_score": scores[bid.bidder_id].rounded,
                    "technical_score": technical[bid.bidder_id],
                    "commercial_score": None,
                },
            )
            for bid in bids
        ],
        rules.tie_break,
    )
    warnings.extend(rank_warnings)
    by_id = {bid.bidder_id: (index, bid) for index, bid in enumerate(bids)}
    checked: list[CheckedBid] = []
    mismatches: list[Message] = []
    for outcome in outcomes:
        index, bid = by_id[outcome.bidder_id]
        result = CheckedBid(
            bidder_id=bid.bidder_id,
            bid_price=prices[bid.bidder_id],
            evaluated_price=evaluated[bid.bidder_id],
            price_score=scores[bid.bidder_id],
            non_price_total=non_price[bid.bidder_id],
            total=totals[bid.bidder_id],
            rank=outcome.rank,
            decided_by=outcome.decided_by,
            tied_with=outcome.tied_with,
        )
        checked.append(result)
        mismatches.extend(_mismatches(index, bid, result, errors))
    if errors:
        return ScoreCheckResult(errors=tuple(errors), warnings=tuple(warnings))
    return ScoreCheckResult(
        errors=(),
        warnings=tuple(warnings),
        base_price=base,
        bids=tuple(checked),
        mismatches=tuple(mismatches),
    )


def _mismatches(
    index: int, bid: CheckBid, result: CheckedBid, errors: list[Message]
) -> list[Message]:
    found: list[Message] = []
    pairs = (
        ("price_score", bid.published_price_score, result.price_score.rounded),
        ("total", bid.published_total, result.total),
    )
    for what, published, computed in pairs:
        if published is None:
            continue
        value = as_decimal(published, f"bids[{index}].published_{what}", errors)
        if value is not None and value != computed:
            found.append(
                msg(
                    "check.mismatch",
                    field=f"bids[{index}].published_{what}",
                    what=what,
                    bidder=bid.bidder_id,
                    published=value,
                    computed=computed,
                )
            )
    if bid.published_rank is not None and bid.published_rank != result.rank:
        found.append(
            msg(
                "check.mismatch",
                field=f"bids[{index}].published_rank",
                what="rank",
                bidder=bid.bidder_id,
                published=bid.published_rank,
                computed=result.rank,
            )
        )
    return found
