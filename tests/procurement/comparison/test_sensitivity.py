"""Robustness: the price weight across its legal range, winning prices, abnormally low prices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from procurement.comparison import (
    MODELLED_ABNORMAL_THRESHOLD_PERCENT,
    Bid,
    Category,
    abnormally_low_prices,
    evaluate,
    price_weight_sensitivity,
    winning_prices,
)

from .helpers import evaluate_at, rules, strictly_first, uniform

D = Decimal
CENT = D("0.01")

# A 1,000,000 (T 45, C 18), B 900,000 (T 40, C 15), C 1,200,000 (T 48, C 19); 30 price points.
# At 30 %: A 27.00 + 63.00 = 90.00; C 22.50 + 67.00 = 89.50; B 30.00 + 55.00 = 85.00.
BIDS = [Bid("A", D("1000000")), Bid("B", D("900000")), Bid("C", D("1200000"))]
SCORES = uniform({"A": (45, 18), "B": (40, 15), "C": (48, 19)})


def test_winner_changes_across_the_weight_range() -> None:
    # At weight w the non-price points scale by (100 − w) / 70.
    # w = 53: A 0.9 × 53 = 47.70 + 45 × 47/70 = 30.21 + 18 × 47/70 = 12.09 → 90.00;
    #         B 53.00 + 40 × 47/70 = 26.86 + 15 × 47/70 = 10.07 → 89.93.  A wins.
    # w = 54: A 48.60 + 29.57 + 11.83 = 90.00; B 54.00 + 26.29 + 9.86 = 90.15.  B wins.
    result = evaluate(rules(), BIDS, SCORES)
    sensitivity = price_weight_sensitivity(result)
    assert sensitivity.errors == ()
    assert (sensitivity.lower_percent, sensitivity.upper_percent) == (D(30), D(100))
    weights = [s.price_weight_percent for s in sensitivity.steps]
    assert weights == [D(w) for w in range(30, 101)]
    at = {s.price_weight_percent: s for s in sensitivity.steps}
    assert [(e.bidder_id, e.total) for e in at[D(53)].ranking[:2]] == [
        ("A", D("90.00")),
        ("B", D("89.93")),
    ]
    assert [(e.bidder_id, e.total) for e in at[D(54)].ranking[:2]] == [
        ("B", D("90.15")),
        ("A", D("90.00")),
    ]
    # The step at the evaluation's own weight reproduces the evaluation.
    assert [(e.bidder_id, e.total) for e in at[D(30)].ranking] == [
        (b.bidder_id, b.total) for b in result.bids
    ]
    assert at[D(100)].non_price_factor == 0
    assert [
        (c.from_percent, c.to_percent, c.winners_before, c.winners_after)
        for c in sensitivity.winner_changes
    ] == [(D(53), D(54), ("A",), ("B",))]
    assert sensitivity.winner_changes[0].message.code == "sensitivity.winner_changes"


def test_bounded_range_and_last_step() -> None:
    # 磋商 goods: 30–60 %. With a step of 7 the weights are 30, 37, 44, 51, 58 and the top, 60.
    r = rules(method="consultation", category=Category("goods"))
    sensitivity = price_weight_sensitivity(evaluate(r, BIDS, SCORES), step=D(7))
    assert [s.price_weight_percent for s in sensitivity.steps] == [
        D(30),
        D(37),
        D(44),
        D(51),
        D(58),
        D(60),
    ]
    assert price_weight_sensitivity(evaluate(r, BIDS, SCORES), step=D(0)).errors[0].code == (
        "sensitivity.step_invalid"
    )


def test_sensitivity_needs_a_valid_evaluation() -> None:
    bad = evaluate(rules(), [Bid("A", None)], [])
    assert price_weight_sensitivity(bad).errors[0].code == "sensitivity.not_evaluated"
    assert winning_prices(bad) == ()


def test_winning_price_when_the_base_price_is_unchanged() -> None:
    # C must beat A's 90.00 with non-price 67.00: price score ≥ 23.01, i.e. raw ≥ 23.005:
    # 900000 × 30 / E ≥ 23.005 → E ≤ 27,000,000 / 23.005 = 1,173,657.9004… → 1,173,657.90.
    result = evaluate(rules(), BIDS, SCORES)
    answers = {w.bidder_id: w for w in winning_prices(result)}
    assert set(answers) == {"B", "C"}
    c = answers["C"]
    assert c.winning_price == D("1173657.90")
    assert c.case == "base_unchanged" and c.rival == "A"
    assert (c.total_at_price, c.rival_total_at_price) == (D("90.01"), D("90.00"))
    assert (c.total_one_step_above, c.rival_total_one_step_above) == (D("90.00"), D("90.00"))
    assert strictly_first(evaluate_at(rules(), BIDS, SCORES, "C", c.winning_price), "C")
    assert not strictly_first(evaluate_at(rules(), BIDS, SCORES, "C", c.winning_price + CENT), "C")


def test_winning_price_when_it_becomes_the_base_price() -> None:
    # B (non-price 55.00) is already the cheapest: at most 30.00 + 55.00 = 85.00. Lowering its
    # price lowers the base and so everyone else's price score:
    # A: 63 + round(E × 30 / 1,000,000) < 85 ⇔ raw < 21.995 ⇔ E < 733,166.67;
    # C: 67 + round(E × 30 / 1,200,000) < 85 ⇔ raw < 17.995 ⇔ E < 719,800 → 719,799.99 (C binds).
    result = evaluate(rules(), BIDS, SCORES)
    b = {w.bidder_id: w for w in winning_prices(result)}["B"]
    assert b.winning_price == D("719799.99")
    assert b.case == "becomes_base" and b.rival == "C"
    assert (b.bound, b.bound_inclusive) == (D(719800), False)
    at = evaluate_at(rules(), BIDS, SCORES, "B", b.winning_price)
    assert at.base_price == D("719799.99") and strictly_first(at, "B")
    assert not strictly_first(evaluate_at(rules(), BIDS, SCORES, "B", D("719800.00")), "B")


def test_winning_price_with_sme_deduction() -> None:
    # C is an SME with a 10 % deduction: the limit is on its evaluated price, so its quoted
    # price may be 1 / 0.9 times higher. Verified by re-evaluation.
    bids = [BIDS[0], BIDS[1], Bid("C", D("1400000"), sme_eligible=True)]
    r = rules(sme_deduction_percent=D(10))
    c = {w.bidder_id: w for w in winning_prices(evaluate(r, bids, SCORES))}["C"]
    assert c.winning_price is not None
    assert strictly_first(evaluate_at(r, bids, SCORES, "C", c.winning_price), "C")
    assert not strictly_first(evaluate_at(r, bids, SCORES, "C", c.winning_price + CENT), "C")
    # Evaluated limit 1,173,657.9004… / 0.9 = 1,304,064.33…
    assert c.winning_price == D("1304064.33")


def test_no_positive_price_wins() -> None:
    # D's non-price is 10.00: even with a price near zero (30 points) it has 40, while A keeps
    # its non-price 63.00. No answer.
    bids = [*BIDS, Bid("D", D("800000"))]
    result = evaluate(rules(), bids, SCORES + uniform({"D": (5, 5)}))
    d = {w.bidder_id: w for w in winning_prices(result)}["D"]
    assert d.winning_price is None and d.case is None
    assert d.message.code == "winning_price.none"
    assert not strictly_first(
        evaluate_at(rules(), bids, SCORES + uniform({"D": (5, 5)}), "D", CENT), "D"
    )


def test_bids_tied_first_by_lot_each_get_a_winning_price() -> None:
    bids = [Bid("A", D(100)), Bid("B", D(100))]
    member_scores = uniform({"A": (40, 10), "B": (40, 10)})
    answers = winning_prices(evaluate(rules(), bids, member_scores))
    assert [w.bidder_id for w in answers] == ["A", "B"]
    for w in answers:
        # Becoming strictly cheaper is enough: at 99.98, the other scores 99.98/100 × 30 = 29.99.
        assert w.winning_price == D("99.98")
        assert strictly_first(
            evaluate_at(rules(), bids, member_scores, w.bidder_id, w.winning_price), w.bidder_id
        )


# ------------------------------------------------------------------------ abnormally low


def test_abnormally_low_price_flagged_with_the_modelled_default() -> None:
    # Others' mean for D: (100 + 100 + 100) / 3 = 100; 80 % of it is 80; D at 79.99 is flagged.
    report = abnormally_low_prices(
        [Bid("A", D(100)), Bid("B", D(100)), Bid("C", D(100)), Bid("D", D("79.99"))]
    )
    flags = {f.bidder_id: f for f in report.flags}
    assert D(80) == MODELLED_ABNORMAL_THRESHOLD_PERCENT
    d = flags["D"]
    assert d.flagged and d.threshold_modelled
    assert (d.mean_of_others, d.threshold_price, d.threshold_percent) == (D(100), D(80), D(80))
    assert d.message.code == "abnormal.flagged_modelled"
    assert "87号令 art. 60" in d.message.text() and "modelled" in d.message.text()
    assert not flags["A"].flagged


def test_abnormally_low_exactly_at_the_threshold_is_not_flagged() -> None:
    report = abnormally_low_prices([Bid("A", D(100)), Bid("B", D(100)), Bid("D", D(80))])
    assert [f.flagged for f in report.flags] == [False, False, False]


def test_abnormally_low_with_the_documents_threshold_and_missing_prices() -> None:
    # Threshold 90 % set by the documents (not modelled). B has no price: left out of every mean
    # and not assessed. A 85 vs mean of C (100) → 90 → flagged.
    report = abnormally_low_prices(
        [Bid("A", D(85)), Bid("B", None), Bid("C", D(100))], threshold_percent=D(90)
    )
    flags = {f.bidder_id: f for f in report.flags}
    assert flags["A"].flagged and not flags["A"].threshold_modelled
    assert flags["A"].message.code == "abnormal.flagged"
    assert flags["B"].message.code == "abnormal.not_assessed" and not flags["B"].flagged
    assert abnormally_low_prices([Bid("A", D(1))]).flags[0].message.code == "abnormal.not_assessed"


@pytest.mark.parametrize("percent", [D(0), D(100), D(-5)])
def test_abnormally_low_refuses_a_threshold_out_of_range(percent: Decimal) -> None:
    report = abnormally_low_prices([Bid("A", D(1))], threshold_percent=percent)
    assert [(e.code, e.field) for e in report.errors] == [
        ("abnormal.threshold_invalid", "threshold_percent")
    ]
