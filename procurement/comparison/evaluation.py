"""Bid evaluation by 综合评分法 (comprehensive scoring).

Legal basis: 政府采购货物和服务招标投标管理办法 (财政部令第87号) art. 55 for 公开招标 and 邀请招标;
政府采购竞争性磋商采购方式管理暂行办法 (财库〔2014〕214号) art. 24 for 竞争性磋商. Total score
= Σ Fi × Ai with Σ Ai = 1: here the scoring table's maximum points add up to 100, so a bid's total
is its price score plus the sum of its non-price criterion scores.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .messages import Message, msg
from .price_score import base_price, evaluated_price, price_score
from .ranking import RankInput, RankOutcome, rank
from .rounding import exact_context, round_score
from .types import (
    Bid,
    BidResult,
    Criterion,
    CriterionResult,
    EvaluationResult,
    EvaluationRules,
    MemberPoints,
    MemberScore,
    PriceScore,
    Rounding,
)
from .validation import check_bids, check_rules, check_scores


@dataclass(frozen=True)
class Line:
    """What scoring needs of one bid: prices and the exact mean per non-price criterion."""

    bidder_id: str
    bid_price: Decimal
    evaluated_price: Decimal
    raw_means: Mapping[str, Decimal]


@dataclass(frozen=True)
class Scored:
    price_score: PriceScore
    means: Mapping[str, Decimal]
    technical: Decimal
    commercial: Decimal
    non_price: Decimal
    total: Decimal


def member_mean(points: Sequence[Decimal]) -> Decimal:
    """Arithmetic mean of the members' points on one criterion, exact (not yet rounded).

    87号令 art. 55 has each member score every bid independently and the scores be summarised
    per bidder; this engine summarises by the arithmetic mean, as tender documents commonly do,
    and every member's score counts (the highest and lowest are not dropped). Members who gave no score are left out of the mean (the evaluation warns); an empty
    list raises ValueError (the evaluation refuses it first).
    """
    if not points:
        raise ValueError("no member scores")
    with decimal.localcontext(exact_context()):
        return sum(points, Decimal(0)) / Decimal(len(points))


def score_lines(
    lines: Sequence[Line],
    price_points: Decimal,
    non_price: Sequence[Criterion],
    rounding: Rounding,
    tie_break: Sequence[str],
    factor: tuple[Decimal, Decimal] = (Decimal(1), Decimal(1)),
) -> tuple[dict[str, Scored], list[RankOutcome], list[Message]]:
    """Score and rank bids; where rounding happens is stated in :func:`evaluate`.

    ``factor`` = (numerator, denominator) scales every non-price mean (the sensitivity analysis
    moves the price weight and scales the non-price criteria proportionally); the scaled mean is
    raw mean × numerator / denominator, rounded once. The default (1, 1) scales nothing.
    """
    base = base_price(line.evaluated_price for line in lines)
    scored: dict[str, Scored] = {}
    inputs: list[RankInput] = []
    numerator, denominator = factor
    for line in lines:
        ps = price_score(base, line.evaluated_price, price_points, rounding)
        means: dict[str, Decimal] = {}
        technical = commercial = Decimal(0)
        for criterion in non_price:
            with decimal.localcontext(exact_context()):
                scaled = line.raw_means[criterion.code] * numerator / denominator
            mean = round_score(scaled, rounding)
            means[criterion.code] = mean
            if criterion.kind == "technical":
                technical += mean
            else:
                commercial += mean
        total = ps.rounded + technical + commercial
        scored[line.bidder_id] = Scored(
            ps, means, technical, commercial, technical + commercial, total
        )
        inputs.append(
            RankInput(
                line.bidder_id,
                total,
                {
                    "bid_price": line.bid_price,
                    "evaluated_price": line.evaluated_price,
                    "technical_score": technical,
                    "commercial_score": commercial,
                    "price_score": ps.rounded,
                },
            )
        )
    outcomes, warnings = rank(inputs, tie_break)
    return scored, outcomes, warnings


def evaluate(
    rules: EvaluationRules, bids: Sequence[Bid], member_scores: Sequence[MemberScore]
) -> EvaluationResult:
    """Evaluate bids by 综合评分法 with the 低价优先法 price score (87号令 art. 55; 214号 art. 24).

    * Price weight: the price criterion's maximum points, which must lie in the legal range for
      the method and the applied category (a mixed project takes the category with the larger
      share of funds); the criteria must add up to 100 (Σ Ai = 1).
    * Evaluated price = price × (1 − SME deduction) for eligible bids; the lowest evaluated price
      is the 评标基准价; price score = 基准价 / evaluated price × price points.
    * Non-price criterion score = arithmetic mean of the members' scores (none dropped).
    * Rounding (places and mode from the rules, default 2 places half up), in exactly two places:
      each criterion mean is rounded, the price score is rounded; the total is the sum of those
      rounded parts, so total = price score + Σ criterion means exactly as displayed.
    * Ranking: total descending, then the tie-break keys (default: lower bid price, then higher
      technical score; the tender documents may set another order); a remaining tie is reported
      for decision by lot, never drawn here.

    Refused with field-level errors (nothing computed): price weight outside the legal range,
    criteria not adding up to 100, no/duplicate price criterion, a bid without a price or with a
    price ≤ 0, a member score < 0 or above the criterion's maximum, duplicate or unknown scores,
    a bid with no score at all on a criterion. Warnings only: fewer panel members than required;
    a member who skipped a bid/criterion (mean over those who scored); secondary-source range.
    """
    errors: list[Message] = []
    warnings: list[Message] = []
    checked = check_rules(rules, errors, warnings)
    prices = check_bids(bids, errors)
    if checked is None or errors:
        return EvaluationResult(errors=tuple(errors), warnings=tuple(warnings), method=rules.method)
    table = check_scores(member_scores, bids, checked, errors)
    members = tuple(sorted({m for cell in table.values() for m in cell}))
    raw_means: dict[str, dict[str, Decimal]] = {}
    # By bidder id, so that warnings do not depend on the order the bids came in.
    for index, bid in sorted(enumerate(bids), key=lambda pair: pair[1].bidder_id):
        raw_means[bid.bidder_id] = {}
        for criterion in checked.non_price:
            cell = table.get((bid.bidder_id, criterion.code), {})
            if not cell:
                errors.append(
                    msg(
                        "score.none_for_criterion",
                        field=f"bids[{index}].scores.{criterion.code}",
                        bidder=bid.bidder_id,
                        criterion=criterion.code,
                    )
                )
                continue
            for member in members:
                if member not in cell:
                    warnings.append(
                        msg(
                            "score.member_gap",
                            member=member,
                            bidder=bid.bidder_id,
                            criterion=criterion.code,
                            count=len(cell),
                        )
                    )
            raw_means[bid.bidder_id][criterion.code] = member_mean(list(cell.values()))
    if errors:
        return EvaluationResult(errors=tuple(errors), warnings=tuple(warnings), method=rules.method)
    if rules.required_members is not None and len(members) < rules.required_members:
        warnings.append(
            msg(
                "panel.too_few_members",
                field="member_scores",
                members=len(members),
                required=rules.required_members,
            )
        )

    lines = [
        Line(
            bid.bidder_id,
            prices[bid.bidder_id],
            evaluated_price(prices[bid.bidder_id], bid.sme_eligible, checked.sme_deduction),
            raw_means[bid.bidder_id],
        )
        for bid in bids
    ]
    scored, outcomes, rank_warnings = score_lines(
        lines, checked.price_points, checked.non_price, rules.rounding, rules.tie_break
    )
    warnings.extend(rank_warnings)
    by_id = {bid.bidder_id: bid for bid in bids}
    line_by_id = {line.bidder_id: line for line in lines}
    results = []
    for outcome in outcomes:
        bid, line, s = (
            by_id[outcome.bidder_id],
            line_by_id[outcome.bidder_id],
            scored[outcome.bidder_id],
        )
        criteria = tuple(
            CriterionResult(
                code=c.code,
                name=c.name,
                kind=c.kind,
                max_points=checked.max_points[c.code],
                member_scores=tuple(
                    MemberPoints(m, p) for m, p in sorted(table[(bid.bidder_id, c.code)].items())
                ),
                raw_mean=line.raw_means[c.code],
                mean=s.means[c.code],
            )
            for c in checked.non_price
        )
        results.append(
            BidResult(
                bidder_id=bid.bidder_id,
                name=bid.name,
                bid_price=line.bid_price,
                sme_eligible=bid.sme_eligible,
                sme_deduction_percent=checked.sme_deduction if bid.sme_eligible else Decimal(0),
                evaluated_price=line.evaluated_price,
                price_score=s.price_score,
                criteria=criteria,
                technical_score=s.technical,
                commercial_score=s.commercial,
                non_price_score=s.non_price,
                total=s.total,
                rank=outcome.rank,
                decided_by=outcome.decided_by,
                tied_with=outcome.tied_with,
            )
        )
    return EvaluationResult(
        errors=(),
        warnings=tuple(warnings),
        method=rules.method,
        category_applied=checked.category,
        price_weight_percent=checked.price_points,
        price_weight_range=checked.weight_range,
        rounding=rules.rounding,
        tie_break=tuple(rules.tie_break),
        base_price=min(line.evaluated_price for line in lines),
        members=members,
        bids=tuple(results),
    )
