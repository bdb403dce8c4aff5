"""The 低价优先法 price score (87号令 art. 55; 214号 art. 24) and the rounding helper."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest

from procurement.comparison import (
    Bid,
    Rounding,
    base_price,
    evaluate,
    evaluated_price,
    price_score,
    round_score,
)
from procurement.comparison.rounding import below_threshold

from .helpers import by_id, rules, uniform

D = Decimal
HALF_UP = Rounding(2, ROUND_HALF_UP)


def test_round_score_half_up_at_the_xx5_boundary() -> None:
    # 保留两位小数，四舍五入: 8.345 → 8.35, 8.3449 → 8.34, 8.3450001 → 8.35.
    assert round_score(D("8.345")) == D("8.35")
    assert round_score(D("8.3449")) == D("8.34")
    assert round_score(D("8.3450001")) == D("8.35")
    assert str(round_score(D("27"))) == "27.00"


def test_round_score_follows_the_documents_mode_and_places() -> None:
    assert round_score(D("8.345"), Rounding(2, ROUND_HALF_EVEN)) == D("8.34")
    assert round_score(D("8.345"), Rounding(2, ROUND_DOWN)) == D("8.34")
    assert round_score(D("8.3456"), Rounding(3, ROUND_HALF_UP)) == D("8.346")
    assert round_score(D("8.5"), Rounding(0, ROUND_HALF_UP)) == D("9")


def test_price_score_worked_example() -> None:
    # Base 900,000; bid 1,000,000; 30 price points: 900000 / 1000000 × 30 = 27 → 27.00.
    ps = price_score(D("900000"), D("1000000"), D(30), HALF_UP)
    assert (ps.base, ps.price, ps.points, ps.raw, ps.rounded) == (
        D("900000"),
        D("1000000"),
        D(30),
        D(27),
        D("27.00"),
    )
    # Bid 1,200,000: 900000 / 1200000 × 30 = 22.5 → 22.50.
    assert price_score(D("900000"), D("1200000"), D(30), HALF_UP).rounded == D("22.50")
    # The base bid itself gets the full points.
    assert price_score(D("900000"), D("900000"), D(30), HALF_UP).rounded == D("30.00")


def test_price_score_rounds_an_exact_xx5_half_up() -> None:
    # 834,500.00 / 3,000,000.00 × 30 = 8.345 exactly → 8.35 (half up), 8.34 (half even).
    ps = price_score(D("834500.00"), D("3000000.00"), D(30), HALF_UP)
    assert ps.raw == D("8.345")
    assert ps.rounded == D("8.35")
    assert price_score(
        D("834500.00"), D("3000000.00"), D(30), Rounding(2, ROUND_HALF_EVEN)
    ).rounded == D("8.34")


def test_decimal_result_differs_from_the_float_result() -> None:
    # 1,001,000 / 2,000,000 × 30 = 15.015 exactly → 15.02 half up. In binary floating point the
    # same expression is 15.014999999999999 and rounds to 15.01: why money and scores are Decimal.
    as_float = 1001000 / 2000000 * 30
    assert as_float != 15.015
    assert round(as_float, 2) == 15.01
    ps = price_score(D("1001000"), D("2000000"), D(30), HALF_UP)
    assert ps.raw == D("15.015")
    assert ps.rounded == D("15.02")


def test_price_score_non_terminating_quotient() -> None:
    # 100 / 300 × 10 = 3.333… → 3.33; computed as 100 × 10 / 300 so no error creeps in.
    ps = price_score(D(100), D(300), D(10), HALF_UP)
    assert ps.rounded == D("3.33")
    assert ps.raw.as_tuple().exponent < -40  # kept exact to 60 digits, rounded once


def test_price_score_refuses_a_non_positive_price() -> None:
    with pytest.raises(ValueError):
        price_score(D(1), D(0), D(30), HALF_UP)
    with pytest.raises(ValueError):
        base_price([])


def test_evaluated_price_sme_deduction() -> None:
    # 10 % deduction stated by the documents: 1,000,000 × 0.90 = 900,000.
    assert evaluated_price(D("1000000"), True, D(10)) == D("900000")
    assert evaluated_price(D("1000000"), False, D(10)) == D("1000000")
    assert evaluated_price(D("1000000"), True, D(0)) == D("1000000")
    # 6 %: 123,456.78 × 0.94 = 116,049.3732 (exact, not rounded to the fen).
    assert evaluated_price(D("123456.78"), True, D(6)) == D("116049.3732")


def test_sme_deduction_changes_the_base_price() -> None:
    # A 950,000 (SME, 10 % off → evaluated 855,000), B 900,000.
    # Without the deduction B is the base: A scores 900000 / 950000 × 30 = 28.421… → 28.42.
    # With it, A's evaluated 855,000 is the base: A 30.00, B 855000 / 900000 × 30 = 28.50.
    bids = [Bid("A", D("950000"), sme_eligible=True), Bid("B", D("900000"))]
    member_scores = uniform({"A": (40, 10), "B": (40, 10)})
    without = by_id(evaluate(rules(), bids, member_scores))
    assert without["A"].price_score.rounded == D("28.42")
    assert without["B"].price_score.base == D("900000")
    result = evaluate(rules(sme_deduction_percent=D(10)), bids, member_scores)
    with_ = by_id(result)
    assert result.base_price == D("855000")
    assert with_["A"].evaluated_price == D("855000")
    assert with_["A"].sme_deduction_percent == D(10)
    assert with_["A"].price_score.rounded == D("30.00")
    assert with_["B"].price_score.rounded == D("28.50")
    assert with_["B"].sme_deduction_percent == D(0)
    assert [b.bidder_id for b in result.bids] == ["A", "B"]


@pytest.mark.parametrize(
    "mode",
    [
        "ROUND_HALF_UP",
        "ROUND_HALF_EVEN",
        "ROUND_HALF_DOWN",
        "ROUND_UP",
        "ROUND_DOWN",
        "ROUND_CEILING",
        "ROUND_FLOOR",
    ],
)
def test_below_threshold_inverts_the_rounding(mode: str) -> None:
    rounding = Rounding(2, mode)
    for target in (D("8.35"), D("8.34"), D("0.01"), D("30.00")):
        t, inclusive = below_threshold(target, rounding)
        for delta in (D("-0.01"), D("-0.0000001"), D(0), D("0.0000001"), D("0.01")):
            x = t + delta
            if x < 0:
                continue
            expected = round_score(x, rounding) < target
            assert (x <= t if inclusive else x < t) == expected, (target, x)
