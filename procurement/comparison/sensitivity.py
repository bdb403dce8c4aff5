"""How robust an evaluation result is.

* :func:`price_weight_sensitivity` — the ranking as the price weight moves across its legal range.
* :func:`winning_prices` — for each losing bid, the highest price at which it would rank first.
* :func:`abnormally_low_prices` — prices far below the other bids (87号令 art. 60 action).

All three start from an :class:`EvaluationResult` (or the bids) and use the same scoring and
rounding as :func:`evaluate`; nothing here changes the evaluation itself.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from .evaluation import Line, Scored, score_lines
from .messages import Message, msg
from .price_score import evaluated_price
from .rounding import below_threshold, exact_context, quantum, round_score
from .types import (
    AbnormalPriceFlag,
    AbnormalPriceReport,
    Bid,
    BidResult,
    Criterion,
    EvaluationResult,
    RankedEntry,
    WeightSensitivity,
    WeightStep,
    WinnerChange,
    WinningPrice,
)
from .validation import as_decimal

# MODELLED default: no legal figure for an "abnormally low" price is in the rule data. 87号令
# art. 60 gives the consequence (the panel asks for proof the price is reasonable), not a
# threshold. Pass the figure the tender documents or local rules state instead, where they do.
MODELLED_ABNORMAL_THRESHOLD_PERCENT = Decimal(80)

HUNDRED = Decimal(100)


def _lines(result: EvaluationResult) -> list[Line]:
    return [
        Line(
            b.bidder_id,
            b.bid_price,
            b.evaluated_price,
            {c.code: c.raw_mean for c in b.criteria},
        )
        for b in result.bids
    ]


def _non_price(result: EvaluationResult) -> list[Criterion]:
    return [Criterion(c.code, c.name, c.kind, c.max_points) for c in result.bids[0].criteria]


# ------------------------------------------------------------------------- price weight


def price_weight_sensitivity(
    result: EvaluationResult,
    *,
    step: Decimal = Decimal(1),
    open_upper_percent: Decimal = HUNDRED,
) -> WeightSensitivity:
    """Re-rank the bids at every price weight across the legal range, ``step`` points apart.

    At price weight w (the original being w0), the price points are w and every non-price
    criterion (its maximum and every member's score) is scaled by (100 − w) / (100 − w0), so the
    table still adds up to 100; each bid's scaled mean is its exact mean × that factor, rounded
    as in the evaluation; price scores use the same base price. The range is the legal one
    (87号令 art. 55 / 214号 art. 24) from the evaluation; where the law sets no maximum (tender),
    the top is ``open_upper_percent`` (default 100: price only). The last step is the top of the
    range even when ``step`` does not divide it. A tie at the top lists every tied bidder as a
    winner. An evaluation with errors yields only an error.
    """
    if not result.ok or result.price_weight_range is None or result.price_weight_percent is None:
        return WeightSensitivity(errors=(msg("sensitivity.not_evaluated"),))
    if step <= 0:
        return WeightSensitivity(errors=(msg("sensitivity.step_invalid", field="step", step=step),))
    w0 = result.price_weight_percent
    lower = result.price_weight_range.min_percent
    upper = result.price_weight_range.max_percent
    if upper is None:
        upper = open_upper_percent
    weights: list[Decimal] = []
    w = lower
    while w < upper:
        weights.append(w)
        w += step
    weights.append(upper)

    lines = _lines(result)
    non_price = _non_price(result)
    steps: list[WeightStep] = []
    changes: list[WinnerChange] = []
    for weight in weights:
        factor = (HUNDRED - weight, HUNDRED - w0) if w0 != HUNDRED else (Decimal(0), Decimal(1))
        scored, outcomes, _ = score_lines(
            lines, weight, non_price, result.rounding, result.tie_break, factor
        )
        with decimal.localcontext(exact_context()):
            shown_factor = factor[0] / factor[1]
        ranking = tuple(
            RankedEntry(
                o.bidder_id,
                o.rank,
                scored[o.bidder_id].price_score.rounded,
                scored[o.bidder_id].non_price,
                scored[o.bidder_id].total,
                o.decided_by,
            )
            for o in outcomes
        )
        winners = tuple(sorted(o.bidder_id for o in outcomes if o.rank == 1))
        if steps and steps[-1].winners != winners:
            before = steps[-1]
            changes.append(
                WinnerChange(
                    before.price_weight_percent,
                    weight,
                    before.winners,
                    winners,
                    msg(
                        "sensitivity.winner_changes",
                        before=", ".join(before.winners),
                        after=", ".join(winners),
                        from_percent=before.price_weight_percent,
                        to_percent=weight,
                    ),
                )
            )
        steps.append(WeightStep(weight, shown_factor, ranking, winners))
    return WeightSensitivity(
        errors=(),
        lower_percent=lower,
        upper_percent=upper,
        steps=tuple(steps),
        winner_changes=tuple(changes),
    )


# ------------------------------------------------------------------------ winning price


def winning_prices(
    result: EvaluationResult, *, price_step: Decimal = Decimal("0.01")
) -> tuple[WinningPrice, ...]:
    """For each bid not alone in first place: the highest price at which it would be.

    Everything else stays fixed (other bids' prices, every non-price mean, rounding). "Rank
    first" means its total strictly exceeds every other bid's total, without relying on a
    tie-break. The answer is a multiple of ``price_step`` (default 0.01 yuan), solved exactly:

    * Its total falls as its price rises, and the others' totals are fixed while its evaluated
      price E stays above the lowest other evaluated price m (base price m unchanged); below m
      its price score is full and it becomes the base price, so every other bid's price score
      round(E × P / E_j) falls with E. Either way a lower price never hurts it, so the prices at
      which it wins are all prices up to one limit.
    * Base unchanged (E > m): need round(m × P / E) > max_j T_j − N_i; inverting the rounding
      (:func:`below_threshold`) gives E ≤ m × P / t (or <).
    * Becomes base (E ≤ m): need round(E × P / E_j) < round(P) + N_i − N_j for every j, i.e.
      E < t_j × E_j / P (or ≤) for each j.
    * The price is E / (1 − SME deduction) for an eligible bid. Limits are compared by exact
      multiplication (no division), so the answer is exact to the step.

    ``winning_price`` is None when no positive price achieves it (its non-price score is too far
    behind). The result re-evaluates totals at the answer and one step above. An evaluation with
    errors yields an empty tuple.
    """
    if not result.ok or result.price_weight_percent is None:
        return ()
    solved: list[WinningPrice] = []
    first = [b for b in result.bids if b.rank == 1]
    for bid in result.bids:
        if len(first) == 1 and bid.bidder_id == first[0].bidder_id:
            continue
        if len(result.bids) < 2:
            continue
        solved.append(_solve(result, bid, price_step))
    return tuple(solved)


def _solve(result: EvaluationResult, bid: BidResult, step: Decimal) -> WinningPrice:
    rounding = result.rounding
    q = quantum(rounding)
    points = result.price_weight_percent
    assert points is not None
    others = [b for b in result.bids if b.bidder_id != bid.bidder_id]
    factor = (HUNDRED - bid.sme_deduction_percent) / HUNDRED  # exact: a short decimal
    m = min(b.evaluated_price for b in others)
    n_i = bid.non_price_score

    # Case "base unchanged": other totals fixed at base m.
    with decimal.localcontext(exact_context()):
        other_totals = {
            b.bidder_id: round_score(m * points / b.evaluated_price, rounding) + b.non_price_score
            for b in others
        }
    rival_b = max(other_totals, key=lambda k: (other_totals[k], k))
    t, inclusive = below_threshold(other_totals[rival_b] - n_i + q, rounding)
    if t > 0:
        # E = c × factor must satisfy m × P / E ≥ t (or > t): c × factor × t ≤ m × P (or <).
        bound_inclusive = not inclusive
        c = _max_multiple(factor * t, m * points, bound_inclusive, step)
        if c is not None and c * factor > m:
            with decimal.localcontext(exact_context()):
                bound = m * points / t
            return _answer(result, bid, c, step, "base_unchanged", bound, bound_inclusive, rival_b)

    # Case "becomes base": E ≤ m, every other bid's price score falls with E.
    best: tuple[Decimal, str, Decimal, bool] | None = None
    p_rounded = round_score(points, rounding)
    region = _max_multiple(factor, m, True, step)
    if region is not None:
        best = (region, "", m, True)
    for other in sorted(others, key=lambda b: b.bidder_id):
        t_j, incl_j = below_threshold(p_rounded + n_i - other.non_price_score, rounding)
        if t_j <= 0:
            return _no_answer(bid, other.bidder_id)
        # E × P / E_j < t_j (or ≤): c × factor × P < t_j × E_j (or ≤).
        c = _max_multiple(factor * points, t_j * other.evaluated_price, incl_j, step)
        if c is None:
            return _no_answer(bid, other.bidder_id)
        if best is None or c < best[0]:
            with decimal.localcontext(exact_context()):
                bound = t_j * other.evaluated_price / points
            best = (c, other.bidder_id, bound, incl_j)
    if best is None:
        return _no_answer(bid, rival_b)
    c, rival, bound, bound_inclusive = best
    if not rival:  # the region limit binds: the highest price that keeps it the base price
        rival = rival_b
    return _answer(result, bid, c, step, "becomes_base", bound, bound_inclusive, rival)


def _max_multiple(a: Decimal, b: Decimal, inclusive: bool, step: Decimal) -> Decimal | None:
    """The largest positive multiple c of ``step`` with c × a ≤ b (inclusive) or c × a < b."""
    with decimal.localcontext(exact_context()):

        def ok(c: Decimal) -> bool:
            return c * a <= b if inclusive else c * a < b

        c = (b / a / step).to_integral_value(rounding=ROUND_FLOOR) * step
        while c > 0 and not ok(c):
            c -= step
        while ok(c + step):
            c += step
        return c if c > 0 else None


def _totals_at(result: EvaluationResult, bidder_id: str, price: Decimal) -> dict[str, Scored]:
    lines = []
    for line, bid in zip(_lines(result), result.bids, strict=True):
        if bid.bidder_id == bidder_id:
            evaluated = evaluated_price(price, bid.sme_eligible, bid.sme_deduction_percent)
            line = Line(bid.bidder_id, price, evaluated, line.raw_means)
        lines.append(line)
    scored, _, _ = score_lines(
        lines,
        result.price_weight_percent or Decimal(0),
        _non_price(result),
        result.rounding,
        result.tie_break,
    )
    return scored


def _answer(
    result: EvaluationResult,
    bid: BidResult,
    price: Decimal,
    step: Decimal,
    case: str,
    bound: Decimal,
    bound_inclusive: bool,
    rival: str,
) -> WinningPrice:
    at = _totals_at(result, bid.bidder_id, price)
    above = _totals_at(result, bid.bidder_id, price + step)
    rival_at = max((k for k in at if k != bid.bidder_id), key=lambda k: (at[k].total, k))
    rival_above = max((k for k in above if k != bid.bidder_id), key=lambda k: (above[k].total, k))
    return WinningPrice(
        bidder_id=bid.bidder_id,
        current_price=bid.bid_price,
        winning_price=price,
        case=case,
        bound=bound,
        bound_inclusive=bound_inclusive,
        rival=rival,
        total_at_price=at[bid.bidder_id].total,
        rival_total_at_price=at[rival_at].total,
        total_one_step_above=above[bid.bidder_id].total,
        rival_total_one_step_above=above[rival_above].total,
        message=msg(
            "winning_price.found", bidder=bid.bidder_id, price=price, current=bid.bid_price
        ),
    )


def _no_answer(bid: BidResult, rival: str) -> WinningPrice:
    return WinningPrice(
        bidder_id=bid.bidder_id,
        current_price=bid.bid_price,
        winning_price=None,
        case=None,
        bound=None,
        bound_inclusive=None,
        rival=rival,
        total_at_price=None,
        rival_total_at_price=None,
        total_one_step_above=None,
        rival_total_one_step_above=None,
        message=msg("winning_price.none", bidder=bid.bidder_id, rival=rival),
    )


# ---------------------------------------------------------------------- abnormally low


def abnormally_low_prices(
    bids: Sequence[Bid],
    *,
    threshold_percent: Decimal | None = None,
    threshold_modelled: bool | None = None,
) -> AbnormalPriceReport:
    """Flag each quoted price below ``threshold_percent`` % of the mean of the other bids' prices.

    The threshold is an input: by default the MODELLED figure of 80 % (no legal figure is in the
    rule data), marked ``threshold_modelled``; pass the documents' figure where there is one. The
    legal basis is for the action, not the threshold: 87号令 art. 60 — where a price is clearly
    below the other compliant bids' and may affect quality or performance, the panel asks the
    bidder to show in writing that it is reasonable, and treats the bid as invalid if it cannot.
    Quoted prices (before any SME deduction) are compared; "below" is strict (exactly at the
    threshold is not flagged). Bids without a positive price are left out of every mean and are
    not assessed; a bid with no other priced bid is not assessed.
    """
    errors: list[Message] = []
    modelled = threshold_percent is None if threshold_modelled is None else threshold_modelled
    percent = (
        MODELLED_ABNORMAL_THRESHOLD_PERCENT
        if threshold_percent is None
        else as_decimal(threshold_percent, "threshold_percent", errors)
    )
    if percent is not None and not Decimal(0) < percent < HUNDRED:
        errors.append(msg("abnormal.threshold_invalid", field="threshold_percent", percent=percent))
    if errors or percent is None:
        return AbnormalPriceReport(errors=tuple(errors))
    priced: dict[str, Decimal] = {}
    for index, bid in enumerate(bids):
        if bid.price is None:
            continue
        value = as_decimal(bid.price, f"bids[{index}].price", errors)
        if value is not None and value > 0:
            priced[bid.bidder_id] = value
    if errors:
        return AbnormalPriceReport(errors=tuple(errors))
    cent = Decimal("0.01")
    flags: list[AbnormalPriceFlag] = []
    for bid in sorted(bids, key=lambda b: b.bidder_id):
        price = priced.get(bid.bidder_id)
        others = [p for k, p in priced.items() if k != bid.bidder_id]
        if price is None or not others:
            flags.append(
                AbnormalPriceFlag(
                    bid.bidder_id,
                    price,
                    None,
                    percent,
                    None,
                    modelled,
                    False,
                    msg("abnormal.not_assessed", bidder=bid.bidder_id),
                )
            )
            continue
        with decimal.localcontext(exact_context()):
            mean = sum(others, Decimal(0)) / len(others)
            threshold = mean * percent / HUNDRED
        flagged = price < threshold
        code = (
            ("abnormal.flagged_modelled" if modelled else "abnormal.flagged")
            if flagged
            else "abnormal.not_flagged"
        )
        flags.append(
            AbnormalPriceFlag(
                bid.bidder_id,
                price,
                mean,
                percent,
                threshold,
                modelled,
                flagged,
                msg(
                    code,
                    bidder=bid.bidder_id,
                    price=price,
                    percent=percent,
                    mean=mean.quantize(cent),
                ),
            )
        )
    return AbnormalPriceReport(errors=(), flags=tuple(flags))
