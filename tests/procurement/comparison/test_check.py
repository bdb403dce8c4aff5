"""score_bids(): a consultant recomputes a published result."""

from __future__ import annotations

from decimal import Decimal

from procurement.comparison import CheckBid, PriceWeightRange, ScoreCheckRules, score_bids

D = Decimal


def test_price_only_check() -> None:
    # Base 900,000. 1,000,000 → 27.00; 1,200,000 → 22.50; 900,000 → 30.00.
    result = score_bids(
        ScoreCheckRules(price_points=D(30)),
        [CheckBid("A", D("1000000")), CheckBid("B", D("900000")), CheckBid("C", D("1200000"))],
    )
    assert result.ok and result.base_price == D("900000")
    assert [(b.bidder_id, b.price_score.rounded, b.total, b.rank) for b in result.bids] == [
        ("B", D("30.00"), D("30.00"), 1),
        ("A", D("27.00"), D("27.00"), 2),
        ("C", D("22.50"), D("22.50"), 3),
    ]
    assert all(b.non_price_total is None for b in result.bids)


def test_check_with_non_price_totals_and_published_figures() -> None:
    # A: 27.00 + 62.60 = 89.60 (published 89.60, rank 1: agrees).
    # C: 22.50 + 67.00 = 89.50 (published price score 22.5: agrees, 8.3 == 8.30 style).
    # B: 30.00 + 55.00 = 85.00 but published 85.10 and rank 2: two mismatches.
    bids = [
        CheckBid(
            "A",
            D("1000000"),
            non_price_total=D("62.60"),
            published_total=D("89.60"),
            published_rank=1,
        ),
        CheckBid(
            "B",
            D("900000"),
            non_price_total=D("55.00"),
            published_total=D("85.10"),
            published_rank=2,
        ),
        CheckBid("C", D("1200000"), non_price_total=D("67.00"), published_price_score=D("22.5")),
    ]
    result = score_bids(ScoreCheckRules(price_points=D(30)), bids)
    assert [(b.bidder_id, b.total, b.rank) for b in result.bids] == [
        ("A", D("89.60"), 1),
        ("C", D("89.50"), 2),
        ("B", D("85.00"), 3),
    ]
    assert [(m.field, m.params["published"], m.params["computed"]) for m in result.mismatches] == [
        ("bids[1].published_total", D("85.10"), D("85.00")),
        ("bids[1].published_rank", 2, 3),
    ]


def test_check_sme_deduction_and_tie_break_without_technical_scores() -> None:
    # A quotes 100, B quotes 110 as SME with 10 % off → 99 = base. Price points 100 (price only).
    # A: 99/100 × 100 = 99.00; B: 100.00.
    result = score_bids(
        ScoreCheckRules(price_points=D(100), sme_deduction_percent=D(10)),
        [CheckBid("A", D(100)), CheckBid("B", D(110), sme_eligible=True)],
    )
    assert [(b.bidder_id, b.price_score.rounded) for b in result.bids] == [
        ("B", D("100.00")),
        ("A", D("99.00")),
    ]
    # Equal totals, equal prices, no technical scores given: technical key skipped, tie by lot.
    tie = score_bids(
        ScoreCheckRules(price_points=D(30)),
        [
            CheckBid("A", D(100), non_price_total=D(50)),
            CheckBid("B", D(100), non_price_total=D(50)),
        ],
    )
    assert [w.code for w in tie.warnings] == [
        "ranking.tie_break_key_unavailable",
        "ranking.tie_by_lot",
    ]
    assert [b.rank for b in tie.bids] == [1, 1]


def test_check_refusals() -> None:
    result = score_bids(
        ScoreCheckRules(price_points=D(30)),
        [CheckBid("A", D(100), non_price_total=D(71)), CheckBid("B", D(100)), CheckBid("C", None)],
    )
    assert [(e.code, e.field) for e in result.errors] == [
        ("bid.price_missing", "bids[2].price"),
        ("check.non_price_out_of_range", "bids[0].non_price_total"),
        ("check.non_price_partial", "bids[1].non_price_total"),
        ("check.non_price_partial", "bids[2].non_price_total"),
    ]
    result = score_bids(
        ScoreCheckRules(
            price_points=D(25),
            price_weight_range=PriceWeightRange(D(30), D(60), "214号 art. 24"),
            category="goods",
        ),
        [CheckBid("A", D(1))],
    )
    assert [(e.code, e.field) for e in result.errors] == [
        ("rules.price_weight.below_min", "rules.price_points")
    ]
    result = score_bids(ScoreCheckRules(price_points=D(0)), [CheckBid("A", D(1))])
    assert [e.code for e in result.errors] == ["check.price_points_invalid"]
