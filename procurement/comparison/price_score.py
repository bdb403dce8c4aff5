"""Price score by 低价优先法 (lowest price first).

87号令 art. 55 (公开招标 / 邀请招标, 综合评分法) and 财库〔2014〕214号 art. 24 (竞争性磋商): the lowest
valid price is the 评标基准价 (磋商基准价) and gets full price points; every other bid scores
基准价 / 投标报价 × 价格权值 × 100, which, with the scoring table adding up to 100, is
基准价 / price × price points.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import Decimal

from .rounding import exact_context, round_score
from .types import PriceScore, Rounding


def evaluated_price(price: Decimal, sme_eligible: bool, deduction_percent: Decimal) -> Decimal:
    """The price that enters the evaluation: price × (1 − deduction / 100) for an eligible bid.

    The deduction for small and micro enterprises is the figure the tender documents state (an
    input; the legal range for it is not in the rule data). An ineligible bid, or a deduction of
    0, keeps its price. The result is exact (no rounding): rounding happens only in the scores.
    """
    if not sme_eligible or deduction_percent == 0:
        return price
    with decimal.localcontext(exact_context()):
        return price * (Decimal(100) - deduction_percent) / Decimal(100)


def base_price(evaluated_prices: Iterable[Decimal]) -> Decimal:
    """The 评标基准价: the lowest evaluated price among the valid bids (87号令 art. 55).

    Not an average, and no highest or lowest bid is dropped first.

    Bids with no price are invalid and must be left out by the caller (the evaluation refuses
    them). Raises ValueError for an empty set: with no valid bid there is no base price.
    """
    prices = list(evaluated_prices)
    if not prices:
        raise ValueError("no valid price: there is no base price")
    return min(prices)


def price_score(base: Decimal, price: Decimal, points: Decimal, rounding: Rounding) -> PriceScore:
    """Price score = 基准价 / evaluated price × price points, rounded as the documents state.

    87号令 art. 55 / 214号 art. 24. The quotient is computed exactly as base × points / price
    (60 significant digits) and rounded once, by :func:`round_score`. The base bid itself scores
    exactly ``points`` (before rounding). ``price`` must be > 0 and ≥ ``base`` (the base is the
    lowest price); a non-positive price raises ValueError, since the evaluation refuses it first.
    """
    if price <= 0:
        raise ValueError("price must be positive")
    with decimal.localcontext(exact_context()):
        raw = base * points / price
    return PriceScore(
        base=base, price=price, points=points, raw=raw, rounded=round_score(raw, rounding)
    )
