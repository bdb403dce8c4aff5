"""Property tests (hypothesis) over random evaluations."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procurement.comparison import (
    Bid,
    MemberScore,
    evaluate,
    price_weight_sensitivity,
    to_dict,
    winning_prices,
)

from .helpers import criteria, evaluate_at, rules, strictly_first

D = Decimal
CENT = D("0.01")

prices = st.integers(min_value=100, max_value=1_000_000_000).map(lambda c: D(c) / 100)


@st.composite
def evaluations(draw):
    price_points = draw(st.integers(min_value=30, max_value=60))
    commercial = draw(st.integers(min_value=5, max_value=100 - price_points - 5))
    technical = 100 - price_points - commercial
    deduction = draw(st.sampled_from([D(0), D(6), D(10), D(20)]))
    n_bids = draw(st.integers(min_value=2, max_value=5))
    n_members = draw(st.integers(min_value=1, max_value=5))
    bids = [Bid(f"b{i}", draw(prices), sme_eligible=draw(st.booleans())) for i in range(n_bids)]
    member_scores = []
    for bid in bids:
        for code, maximum in (("T", technical), ("C", commercial)):
            for m in range(n_members):
                half_points = draw(st.integers(min_value=0, max_value=maximum * 2))
                member_scores.append(MemberScore(f"m{m}", bid.bidder_id, code, D(half_points) / 2))
    r = rules(
        criteria=criteria(price=price_points, technical=technical, commercial=commercial),
        sme_deduction_percent=deduction,
    )
    return r, bids, member_scores


@settings(max_examples=150, deadline=None)
@given(evaluations())
def test_scores_stay_within_bounds(case) -> None:
    r, bids, member_scores = case
    result = evaluate(r, bids, member_scores)
    assert result.ok, result.errors
    points = result.price_weight_percent
    for bid in result.bids:
        # A price far above the base can round to 0.00 (e.g. 1.00 vs 6,000.01 → 0.004999…).
        assert D(0) <= bid.price_score.rounded <= points
        assert D(0) < bid.price_score.raw <= points
        for c in bid.criteria:
            assert D(0) <= c.mean <= c.max_points
        assert bid.total == bid.price_score.rounded + bid.non_price_score
        assert D(0) <= bid.total <= D(100)
    assert [b.rank for b in result.bids] == sorted(b.rank for b in result.bids)
    assert max(b.price_score.rounded for b in result.bids) == points


@settings(max_examples=150, deadline=None)
@given(evaluations(), st.data())
def test_lowering_a_price_never_lowers_its_price_score(case, data) -> None:
    r, bids, member_scores = case
    index = data.draw(st.integers(min_value=0, max_value=len(bids) - 1))
    bid = bids[index]
    lower = D(data.draw(st.integers(min_value=1, max_value=int(bid.price * 100)))) / 100
    before = {b.bidder_id: b for b in evaluate(r, bids, member_scores).bids}
    after = {b.bidder_id: b for b in evaluate_at(r, bids, member_scores, bid.bidder_id, lower).bids}
    assert after[bid.bidder_id].price_score.rounded >= before[bid.bidder_id].price_score.rounded
    assert after[bid.bidder_id].total >= before[bid.bidder_id].total


@settings(max_examples=100, deadline=None)
@given(evaluations(), st.randoms(use_true_random=False))
def test_order_of_bids_and_scores_does_not_change_the_result(case, rnd) -> None:
    r, bids, member_scores = case
    shuffled_bids, shuffled_scores = list(bids), list(member_scores)
    rnd.shuffle(shuffled_bids)
    rnd.shuffle(shuffled_scores)
    assert to_dict(evaluate(r, shuffled_bids, shuffled_scores)) == to_dict(
        evaluate(r, bids, member_scores)
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evaluations())
def test_winning_price_is_the_highest_price_that_wins(case) -> None:
    r, bids, member_scores = case
    result = evaluate(r, bids, member_scores)
    for answer in winning_prices(result):
        bidder = answer.bidder_id
        if answer.winning_price is None:
            assert not strictly_first(evaluate_at(r, bids, member_scores, bidder, CENT), bidder)
            continue
        assert answer.winning_price > 0
        at = evaluate_at(r, bids, member_scores, bidder, answer.winning_price)
        assert strictly_first(at, bidder)
        above = evaluate_at(r, bids, member_scores, bidder, answer.winning_price + CENT)
        assert not strictly_first(above, bidder)


@settings(max_examples=40, deadline=None)
@given(evaluations())
def test_weight_sensitivity_reproduces_the_evaluation_at_its_own_weight(case) -> None:
    r, bids, member_scores = case
    result = evaluate(r, bids, member_scores)
    steps = {s.price_weight_percent: s for s in price_weight_sensitivity(result).steps}
    own = steps[result.price_weight_percent]
    assert [(e.bidder_id, e.total, e.rank) for e in own.ranking] == [
        (b.bidder_id, b.total, b.rank) for b in result.bids
    ]
    for step in steps.values():
        for entry in step.ranking:
            assert entry.total <= D(100) + D("0.01") * len(result.bids[0].criteria)
