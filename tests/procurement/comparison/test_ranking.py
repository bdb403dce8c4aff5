"""Ranking: total descending, tie-break keys as data, a remaining tie decided by lot."""

from __future__ import annotations

from decimal import Decimal

from procurement.comparison import DEFAULT_TIE_BREAK, Bid, evaluate

from .helpers import by_id, rules, uniform

D = Decimal


def ranks(result) -> list[tuple[str, int, str, tuple[str, ...]]]:
    return [(b.bidder_id, b.rank, b.decided_by, b.tied_with) for b in result.bids]


def test_default_order_is_price_then_technical() -> None:
    assert DEFAULT_TIE_BREAK == ("bid_price", "technical_score")


def test_equal_totals_lower_bid_price_ranks_higher() -> None:
    # A 100 (base): 30.00 + T 40 + C 10 = 80.00. B 120: 100/120 × 30 = 25.00 + T 45 + C 10 = 80.00.
    # Equal totals → A (lower price) first.
    result = evaluate(
        rules(), [Bid("B", D(120)), Bid("A", D(100))], uniform({"A": (40, 10), "B": (45, 10)})
    )
    assert [b.total for b in result.bids] == [D("80.00"), D("80.00")]
    assert ranks(result) == [("A", 1, "bid_price", ()), ("B", 2, "bid_price", ())]
    assert result.warnings == ()


def test_equal_totals_and_prices_higher_technical_ranks_higher() -> None:
    # Same price 100: both 30.00. A: T 38 + C 12 = 50; B: T 40 + C 10 = 50. Totals 80.00 each.
    # Equal price → B (technical 40 > 38) first.
    result = evaluate(
        rules(), [Bid("A", D(100)), Bid("B", D(100))], uniform({"A": (38, 12), "B": (40, 10)})
    )
    assert ranks(result) == [("B", 1, "technical_score", ()), ("A", 2, "technical_score", ())]


def test_full_tie_is_reported_for_lot_not_drawn() -> None:
    # A and B identical; C lower. A and B share rank 1, C is rank 3.
    bids = [Bid("B", D(100)), Bid("C", D(100)), Bid("A", D(100))]
    result = evaluate(rules(), bids, uniform({"A": (40, 10), "B": (40, 10), "C": (30, 10)}))
    assert ranks(result) == [
        ("A", 1, "lot", ("B",)),
        ("B", 1, "lot", ("A",)),
        ("C", 3, "total", ()),
    ]
    assert [(w.code, w.params) for w in result.warnings] == [
        ("ranking.tie_by_lot", {"rank": 1, "bidders": "A, B"})
    ]
    assert "decide by lot" in result.warnings[0].text()


def test_three_way_tie_split_at_different_levels() -> None:
    # A, B, C all total 80.00. A price 100 (base, 30.00, T 40 C 10); B and C price 120
    # (25.00; B T 45 C 10, C T 44 C 11). A first by bid price; B before C by technical.
    result = evaluate(
        rules(),
        [Bid("C", D(120)), Bid("B", D(120)), Bid("A", D(100))],
        uniform({"A": (40, 10), "B": (45, 10), "C": (44, 11)}),
    )
    assert ranks(result) == [
        ("A", 1, "bid_price", ()),
        ("B", 2, "technical_score", ()),
        ("C", 3, "technical_score", ()),
    ]


def test_documents_may_set_another_tie_break_order() -> None:
    # As in the first test, but the documents rank equal totals by technical score first:
    # B (45) before A (40).
    result = evaluate(
        rules(tie_break=("technical_score", "bid_price")),
        [Bid("A", D(100)), Bid("B", D(120))],
        uniform({"A": (40, 10), "B": (45, 10)}),
    )
    assert ranks(result) == [("B", 1, "technical_score", ()), ("A", 2, "technical_score", ())]
    # No tie-break keys at all: a tie goes straight to lot.
    result = evaluate(
        rules(tie_break=()),
        [Bid("A", D(100)), Bid("B", D(120))],
        uniform({"A": (40, 10), "B": (45, 10)}),
    )
    assert ranks(result) == [("A", 1, "lot", ("B",)), ("B", 1, "lot", ("A",))]


def test_bid_price_key_uses_the_quoted_price_not_the_evaluated_one() -> None:
    # 10 % SME deduction. A quotes 110 (SME → evaluated 99, the base, 30.00) with T 40 C 10 = 80.00.
    # B quotes 100 (evaluated 100, 99/100 × 30 = 29.70) with T 40.3 C 10 = 80.00.
    # bid_price: B (100 < 110) first; evaluated_price: A (99 < 100) first.
    bids = [Bid("A", D(110), sme_eligible=True), Bid("B", D(100))]
    member_scores = uniform({"A": (40, 10), "B": ("40.3", 10)})
    by_bid = evaluate(rules(sme_deduction_percent=D(10)), bids, member_scores)
    assert [b.total for b in by_bid.bids] == [D("80.00"), D("80.00")]
    assert ranks(by_bid)[0] == ("B", 1, "bid_price", ())
    by_evaluated = evaluate(
        rules(sme_deduction_percent=D(10), tie_break=("evaluated_price",)), bids, member_scores
    )
    assert ranks(by_evaluated)[0] == ("A", 1, "evaluated_price", ())


def test_single_bid_ranks_first_by_total() -> None:
    result = evaluate(rules(), [Bid("A", D(5))], uniform({"A": (1, 1)}))
    assert ranks(result) == [("A", 1, "total", ())]
    assert by_id(result)["A"].price_score.rounded == D("30.00")
