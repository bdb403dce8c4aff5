"""evaluate(): 综合评分法 validation, member means, totals and the derivation shown."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from procurement.comparison import (
    Bid,
    Category,
    Criterion,
    MemberScore,
    PriceWeightTable,
    Rounding,
    evaluate,
)

from .helpers import PRICE_WEIGHT_YAML, by_id, criteria, rules, scores, uniform

D = Decimal

BIDS = [Bid("A", D("1000000"), "甲公司"), Bid("B", D("900000"), "乙公司"), Bid("C", D("1200000"))]


def codes(messages) -> list[tuple[str, str | None]]:
    return [(m.code, m.field) for m in messages]


# ------------------------------------------------------------------ a worked evaluation


def test_worked_evaluation_with_derivation() -> None:
    # Tender, goods, price 30 / technical 50 / commercial 20, five members.
    # Base price = 900,000 (B).
    # A: price 900000/1000000 × 30 = 27.00; T mean (45+44+46+45+43)/5 = 44.6 → 44.60;
    #    C mean (18+18+17+19+18)/5 = 18.00; total 27.00 + 44.60 + 18.00 = 89.60.
    # B: price 30.00; T (40+41+39+40+40)/5 = 40.00; C (15+16+15+15+14)/5 = 15.00; total 85.00.
    # C: price 900000/1200000 × 30 = 22.50; T (48+47+48+49+48)/5 = 48.00; C 19.00; total 89.50.
    member_scores = scores(
        {
            "A": {"T": [45, 44, 46, 45, 43], "C": [18, 18, 17, 19, 18]},
            "B": {"T": [40, 41, 39, 40, 40], "C": [15, 16, 15, 15, 14]},
            "C": {"T": [48, 47, 48, 49, 48], "C": [19, 19, 19, 19, 19]},
        }
    )
    result = evaluate(rules(required_members=5), BIDS, member_scores)
    assert result.ok and result.warnings == ()
    assert result.category_applied == "goods"
    assert result.price_weight_percent == D(30)
    assert result.base_price == D("900000")
    assert result.members == ("m1", "m2", "m3", "m4", "m5")
    assert [(b.bidder_id, b.total, b.rank, b.decided_by) for b in result.bids] == [
        ("A", D("89.60"), 1, "total"),
        ("C", D("89.50"), 2, "total"),
        ("B", D("85.00"), 3, "total"),
    ]
    a = by_id(result)["A"]
    assert a.name == "甲公司"
    assert (a.price_score.base, a.price_score.price, a.price_score.points) == (
        D("900000"),
        D("1000000"),
        D(30),
    )
    assert (a.price_score.raw, a.price_score.rounded) == (D(27), D("27.00"))
    tech = a.criteria[0]
    assert tech.code == "T" and tech.max_points == D(50)
    assert [p.points for p in tech.member_scores] == [D(45), D(44), D(46), D(45), D(43)]
    assert (tech.raw_mean, tech.mean) == (D("44.6"), D("44.60"))
    assert a.technical_score == D("44.60") and a.commercial_score == D("18.00")
    assert a.total == a.price_score.rounded + a.technical_score + a.commercial_score


def test_mean_keeps_every_member_score() -> None:
    # Members 40, 42, 45, 30, 41: mean 198 / 5 = 39.6 → 39.60. Dropping the highest (45) and the
    # lowest (30) would give 41.00: this engine never drops a member's score.
    member_scores = scores({"A": {"T": [40, 42, 45, 30, 41], "C": [10] * 5}})
    result = evaluate(rules(), [Bid("A", D(100))], member_scores)
    assert by_id(result)["A"].criteria[0].mean == D("39.60")


def test_mean_rounding_and_total_is_sum_of_rounded_parts() -> None:
    # Price: base 834,500 / 3,000,000 × 30 = 8.345 → 8.35.
    # T mean of 40, 41, 41 = 40.666… → 40.67.
    # C mean of 10.5, 10.51, 10.5 = 10.503333… → 10.50.
    # Total = 8.35 + 40.67 + 10.50 = 59.52.
    member_scores = scores(
        {
            "A": {"T": [40, 41, 41], "C": ["10.5", "10.51", "10.5"]},
            "B": {"T": [50, 50, 50], "C": [20, 20, 20]},
        }
    )
    bids = [Bid("A", D("3000000")), Bid("B", D("834500"))]
    a = by_id(evaluate(rules(), bids, member_scores))["A"]
    assert a.price_score.rounded == D("8.35")
    assert a.criteria[0].mean == D("40.67") and a.criteria[1].mean == D("10.50")
    assert a.total == D("59.52")


def test_total_of_rounded_parts_differs_from_rounded_raw_total() -> None:
    # Price raw 8.345 → 8.35; T mean of two members, 40.00 and 40.01: 40.005 → 40.01 (half up). Total of rounded parts 8.35 + 40.01 + 10.00 = 58.36;
    # rounding the raw total 8.345 + 40.005 + 10 = 58.35 would give 58.35. The engine states it
    # sums rounded parts, so 58.36.
    member_scores = scores(
        {
            "A": {"T": ["40.00", "40.01"], "C": [10, 10]},
            "B": {"T": [50, 50], "C": [20, 20]},
        }
    )
    a = by_id(evaluate(rules(), [Bid("A", D("3000000")), Bid("B", D("834500"))], member_scores))[
        "A"
    ]
    assert a.criteria[0].raw_mean == D("40.005")
    assert a.total == D("58.36")


def test_rounding_mode_from_the_documents() -> None:
    member_scores = scores({"A": {"T": ["40.00", "40.01"], "C": [10, 10]}})
    result = evaluate(rules(rounding=Rounding(2, ROUND_HALF_EVEN)), [Bid("A", D(1))], member_scores)
    assert by_id(result)["A"].criteria[0].mean == D("40.00")  # 40.005 half even


# -------------------------------------------------------------------- mixed category


@pytest.mark.parametrize(
    ("goods", "services", "weight", "applied", "ok"),
    [
        # 磋商, goods funds larger → goods range 30–60: 25 refused, 35 accepted.
        (D(600000), D(400000), D(25), "goods", False),
        (D(600000), D(400000), D(35), "goods", True),
        # services funds larger → services range 10–30: 25 accepted, 35 refused.
        (D(400000), D(600000), D(25), "services", True),
        (D(400000), D(600000), D(35), "services", False),
        # shares as percentages work the same way
        (D("50.01"), D("49.99"), D(30), "goods", True),
    ],
)
def test_mixed_project_takes_the_larger_share(goods, services, weight, applied, ok) -> None:
    r = rules(
        method="consultation",
        category=Category("mixed", goods, services),
        criteria=criteria(price=weight),
    )
    result = evaluate(r, [Bid("A", D(100))], uniform({"A": (30, 10)}))
    assert result.ok is ok
    if ok:
        assert result.category_applied == applied
    else:
        assert result.errors[0].params["category"] == applied
        assert result.errors[0].field == "rules.criteria[0].max_points"


def test_mixed_project_needs_shares_and_refuses_equal_ones() -> None:
    result = evaluate(rules(category=Category("mixed", D(1), None)), [Bid("A", D(1))], [])
    assert ("rules.category.share_missing", "rules.category.services_share") in codes(result.errors)
    result = evaluate(rules(category=Category("mixed", D(5), D(5))), [Bid("A", D(1))], [])
    assert codes(result.errors) == [("rules.category.shares_equal", "rules.category.goods_share")]
    result = evaluate(rules(category=Category("mixed", D(-1), D(5))), [Bid("A", D(1))], [])
    assert codes(result.errors) == [("rules.category.share_negative", "rules.category.goods_share")]


# ----------------------------------------------------------- the legal price-weight range


@pytest.mark.parametrize(
    ("method", "category", "weight", "code"),
    [
        ("tender", "goods", D("29.99"), "rules.price_weight.below_min"),
        ("tender", "goods", D(30), None),
        ("tender", "goods", D(80), None),  # no maximum for a tender
        ("tender", "services", D("9.99"), "rules.price_weight.below_min"),
        ("tender", "services", D(10), None),
        ("consultation", "goods", D("29.99"), "rules.price_weight.below_min"),
        ("consultation", "goods", D(30), None),
        ("consultation", "goods", D(60), None),
        ("consultation", "goods", D("60.01"), "rules.price_weight.above_max"),
        ("consultation", "services", D("9.99"), "rules.price_weight.below_min"),
        ("consultation", "services", D(10), None),
        ("consultation", "services", D(30), None),
        ("consultation", "services", D("30.01"), "rules.price_weight.above_max"),
    ],
)
def test_price_weight_bounds(method, category, weight, code) -> None:
    commercial = D(10) if weight >= 80 else D(20)
    r = rules(
        method=method,
        category=Category(category),
        criteria=criteria(price=weight, commercial=commercial),
    )
    result = evaluate(r, [Bid("A", D(100))], uniform({"A": (1, 1)}))
    if code is None:
        assert result.ok, result.errors
        assert result.price_weight_percent == weight
    else:
        assert codes(result.errors) == [(code, "rules.criteria[0].max_points")]
        error = result.errors[0]
        assert error.params["weight"] == weight
        assert error.params["basis"]
        assert "%" in error.text() and str(weight) in error.text()


def test_missing_range_and_secondary_source() -> None:
    table = PriceWeightTable.from_mapping(
        {"tender": {"goods": {"min": 30, "basis": "reprint", "secondary": True}}}
    )
    result = evaluate(rules(price_weights=table), [Bid("A", D(1))], uniform({"A": (1, 1)}))
    assert result.ok
    assert [w.code for w in result.warnings] == ["price_weight.secondary_source"]
    result = evaluate(
        rules(price_weights=table, category=Category("services")), [Bid("A", D(1))], []
    )
    assert codes(result.errors) == [("rules.price_weight.range_missing", "rules.price_weights")]
    with pytest.raises(ValueError):
        PriceWeightTable.from_mapping({"tender": {"goods": {"max": 60}}})
    assert PriceWeightTable.from_mapping(PRICE_WEIGHT_YAML).lookup(
        "consultation", "goods"
    ).max_percent == D(60)


# ----------------------------------------------------------------- other refusals


def test_criteria_must_add_up_to_100() -> None:
    r = rules(criteria=criteria(price=30, technical=50, commercial=19))
    result = evaluate(r, [Bid("A", D(1))], [])
    assert codes(result.errors) == [("rules.criteria.sum_not_100", "rules.criteria")]
    assert result.errors[0].params["sum"] == D(99)
    assert result.bids == ()


def test_criteria_structure_errors() -> None:
    no_price = (
        Criterion("T", "技术", "technical", D(80)),
        Criterion("C", "商务", "commercial", D(20)),
    )
    assert ("rules.criteria.price_missing", "rules.criteria") in codes(
        evaluate(rules(criteria=no_price), [Bid("A", D(1))], []).errors
    )
    two_prices = (
        Criterion("P", "价格", "price", D(30)),
        Criterion("P2", "价格2", "price", D(30)),
        Criterion("T", "技术", "technical", D(40)),
    )
    assert ("rules.criteria.price_duplicate", "rules.criteria[1].kind") in codes(
        evaluate(rules(criteria=two_prices), [Bid("A", D(1))], []).errors
    )
    bad = (
        Criterion("P", "价格", "price", D(30)),
        Criterion("T", "技术", "technical", D(70)),
        Criterion("T", "技术", "quality", D(0)),
    )
    found = codes(evaluate(rules(criteria=bad), [Bid("A", D(1))], []).errors)
    assert ("rules.criteria.code_duplicate", "rules.criteria[2].code") in found
    assert ("rules.criteria.kind_unknown", "rules.criteria[2].kind") in found
    assert ("rules.criteria.points_not_positive", "rules.criteria[2].max_points") in found


def test_bid_errors_are_field_level() -> None:
    bids = [Bid("A", D(100)), Bid("B", None), Bid("C", D(0)), Bid("A", D(5)), Bid("D", 99.5)]
    result = evaluate(rules(), bids, [])
    assert codes(result.errors) == [
        ("bid.price_missing", "bids[1].price"),
        ("bid.price_not_positive", "bids[2].price"),
        ("bid.id_duplicate", "bids[3].bidder_id"),
        ("value.not_decimal", "bids[4].price"),
    ]
    assert result.errors[0].text() == "The bid of B has no price."
    assert codes(evaluate(rules(), [], []).errors) == [("bids.empty", "bids")]


def test_member_score_errors() -> None:
    bids = [Bid("A", D(100)), Bid("B", D(120))]
    member_scores = uniform({"A": (40, 10), "B": (40, 10)}, members=3) + [
        MemberScore("m4", "A", "T", D("50.01")),  # above the max of 50
        MemberScore("m4", "B", "T", D("-1")),  # negative
        MemberScore("m4", "Z", "T", D(1)),  # no such bid
        MemberScore("m4", "A", "X", D(1)),  # no such criterion
        MemberScore("m4", "A", "P", D(1)),  # the price is not scored by members
        MemberScore("m1", "A", "T", D(1)),  # second score by m1
    ]
    result = evaluate(rules(), bids, member_scores)
    assert codes(result.errors) == [
        ("score.above_max", "member_scores[12].points"),
        ("score.negative", "member_scores[13].points"),
        ("score.unknown_bid", "member_scores[14].bidder_id"),
        ("score.unknown_criterion", "member_scores[15].criterion_code"),
        ("score.on_price_criterion", "member_scores[16].criterion_code"),
        ("score.duplicate", "member_scores[17].member_id"),
    ]
    assert result.errors[0].params["max"] == D(50)
    # exactly the maximum and exactly zero are accepted
    ok = uniform({"A": (50, 0), "B": (0, 20)})
    assert evaluate(rules(), bids, ok).ok


def test_bid_without_any_score_on_a_criterion_is_refused() -> None:
    member_scores = uniform({"A": (40, 10)}) + scores({"B": {"T": [40] * 5}})
    result = evaluate(rules(), [Bid("A", D(1)), Bid("B", D(1))], member_scores)
    assert codes(result.errors) == [("score.none_for_criterion", "bids[1].scores.C")]


def test_fewer_members_than_needed_is_a_warning_only() -> None:
    result = evaluate(rules(required_members=5), [Bid("A", D(1))], uniform({"A": (1, 1)}, 3))
    assert result.ok
    assert [(w.code, w.params) for w in result.warnings] == [
        ("panel.too_few_members", {"members": 3, "required": 5})
    ]


def test_member_who_skipped_a_bid_warns_and_the_mean_uses_those_who_scored() -> None:
    # m3 gave B nothing on T: B's T mean is over m1 and m2 only, (30 + 30) / 2 = 30.00.
    member_scores = [
        s
        for s in uniform({"A": (40, 10), "B": (30, 10)}, members=3)
        if not (s.member_id == "m3" and s.bidder_id == "B" and s.criterion_code == "T")
    ]
    result = evaluate(rules(), [Bid("A", D(1)), Bid("B", D(1))], member_scores)
    assert result.ok
    assert [(w.code, w.params["member"], w.params["criterion"]) for w in result.warnings] == [
        ("score.member_gap", "m3", "T")
    ]
    assert by_id(result)["B"].criteria[0].mean == D("30.00")


def test_rules_errors() -> None:
    r = rules(
        method="auction",
        rounding=Rounding(11, "ROUND_05UP"),
        sme_deduction_percent=D(100),
        tie_break=("bid_price", "bid_price", "luck"),
        required_members=0,
    )
    found = codes(evaluate(r, [Bid("A", D(1))], []).errors)
    assert found == [
        ("rules.method.unknown", "rules.method"),
        ("rules.rounding.places_invalid", "rules.rounding.places"),
        ("rules.rounding.mode_unsupported", "rules.rounding.mode"),
        ("rules.sme_deduction.out_of_range", "rules.sme_deduction_percent"),
        ("rules.tie_break.duplicate_key", "rules.tie_break[1]"),
        ("rules.tie_break.unknown_key", "rules.tie_break[2]"),
        ("rules.required_members.invalid", "rules.required_members"),
    ]


def test_integers_are_accepted_floats_refused() -> None:
    result = evaluate(rules(), [Bid("A", 100)], uniform({"A": (40, 10)}))
    assert result.ok and by_id(result)["A"].bid_price == D(100)
    r = rules(criteria=(replace(criteria()[0], max_points=30.0), *criteria()[1:]))
    assert codes(evaluate(r, [Bid("A", 100)], []).errors)[0] == (
        "value.not_decimal",
        "rules.criteria[0].max_points",
    )
