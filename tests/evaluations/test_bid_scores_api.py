"""POST /api/v1/procurement/bid-scores/: the price formula against worked examples."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

URL = "/api/v1/procurement/bid-scores/"


@pytest.fixture
def api(world, rules):
    client = APIClient()
    client.force_authenticate(world["consultant"])
    return client


def post(api, body):
    return api.post(URL, body, format="json")


def by_bidder(response):
    return {b["bidder_id"]: b for b in response.json()["bids"]}


def test_anonymous_is_refused(db):
    assert APIClient().post(URL, {}, format="json").status_code in (401, 403)


def test_lowest_price_scores_full_points_and_others_base_over_price(api):
    # 87号令 art. 55: base 100万; 120万 → 100/120 × 30 = 25.00; 110万 → 27.2727… → 27.27.
    response = post(api, {"price_points": "30", "bids": [
        {"bidder_id": "A", "price": "1000000"},
        {"bidder_id": "B", "price": "1200000"},
        {"bidder_id": "C", "price": "1100000"},
    ]})
    assert response.status_code == 200, response.json()
    bids = by_bidder(response)
    assert [bids[k]["price_score"]["rounded"] for k in "ABC"] == ["30.00", "25.00", "27.27"]
    assert response.json()["base_price"] == "1000000.00"
    assert [b["bidder_id"] for b in response.json()["bids"]] == ["A", "C", "B"]


@pytest.mark.parametrize(("mode", "expected"), [
    ("ROUND_HALF_UP", "8.33"), ("ROUND_HALF_EVEN", "8.32"), ("ROUND_DOWN", "8.32"),
])
def test_rounding_at_xx5(api, mode, expected):
    # 111 / 400 × 30 = 8.325 exactly: 四舍五入 gives 8.33.
    response = post(api, {"price_points": "30", "rounding": {"places": 2, "mode": mode}, "bids": [
        {"bidder_id": "A", "price": "111"}, {"bidder_id": "B", "price": "400"},
    ]})
    assert by_bidder(response)["B"]["price_score"]["raw"] == "8.325"
    assert by_bidder(response)["B"]["price_score"]["rounded"] == expected


def test_default_rounding_is_two_places_half_up(api):
    response = post(api, {"price_points": "30", "bids": [
        {"bidder_id": "A", "price": "111"}, {"bidder_id": "B", "price": "400"},
    ]})
    assert by_bidder(response)["B"]["price_score"]["rounded"] == "8.33"


def test_sme_deduction_lowers_the_evaluated_price(api):
    # 105 with a 10 % deduction is evaluated at 94.5, the new base: A = 94.5/100 × 30 = 28.35.
    response = post(api, {"price_points": "30", "sme_deduction_percent": "10", "bids": [
        {"bidder_id": "A", "price": "100"}, {"bidder_id": "B", "price": "105", "sme_eligible": True},
    ]})
    bids = by_bidder(response)
    assert Decimal(bids["B"]["evaluated_price"]) == Decimal("94.5")
    assert bids["B"]["price_score"]["rounded"] == "30.00"
    assert bids["A"]["price_score"]["rounded"] == "28.35"


def test_totals_ranking_and_published_mismatches(api):
    response = post(api, {"price_points": "30", "bids": [
        {"bidder_id": "A", "price": "1000000", "non_price_total": "55", "published_total": "85"},
        {"bidder_id": "B", "price": "1200000", "non_price_total": "64", "published_total": "89.5",
         "published_rank": 2},
    ]})
    body = response.json()
    assert [(b["bidder_id"], b["total"], b["rank"]) for b in body["bids"]] == [("B", "89.00", 1), ("A", "85.00", 2)]
    assert {(m["params"]["bidder"], m["params"]["what"]) for m in body["mismatches"]} == {("B", "total"), ("B", "rank")}


def test_equal_totals_are_split_by_lower_price_then_reported_for_lot(api):
    response = post(api, {"price_points": "30", "bids": [
        # B: 25 + 60 = 85 = A: 30 + 55; B's price is higher, so A ranks first on price.
        {"bidder_id": "A", "price": "1000000", "non_price_total": "55"},
        {"bidder_id": "B", "price": "1200000", "non_price_total": "60"},
        # C and D are identical in every figure: tied by lot at rank 3.
        {"bidder_id": "C", "price": "1500000", "non_price_total": "10"},
        {"bidder_id": "D", "price": "1500000", "non_price_total": "10"},
    ]})
    bids = by_bidder(response)
    assert (bids["A"]["rank"], bids["A"]["decided_by"]) == (1, "bid_price")
    assert bids["B"]["rank"] == 2
    assert bids["C"]["rank"] == bids["D"]["rank"] == 3
    assert bids["C"]["decided_by"] == "lot" and bids["C"]["tied_with"] == ["D"]
    assert any(w["code"] == "ranking.tie_by_lot" for w in response.json()["warnings"])


@pytest.mark.parametrize(("method", "category", "points", "ok"), [
    ("tender", "goods", "29.99", False), ("tender", "goods", "30", True), ("tender", "goods", "100", True),
    ("tender", "services", "9.99", False), ("tender", "services", "10", True),
    ("consultation", "goods", "60", True), ("consultation", "goods", "60.01", False),
    ("consultation", "services", "30", True), ("consultation", "services", "31", False),
    ("consultation", "services", "9", False),
])
def test_legal_price_weight_range_from_the_rule_data(api, method, category, points, ok):
    response = post(api, {"method": method, "category": category, "price_points": points, "bids": [
        {"bidder_id": "A", "price": "100"}, {"bidder_id": "B", "price": "120"},
    ]})
    if ok:
        assert response.status_code == 200
        assert response.json()["rule_set"]["slug"] == "cn-gov-procurement"
    else:
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["price_points"]


@pytest.mark.parametrize(("body", "fields"), [
    ({"price_points": "30", "bids": [{"bidder_id": "A"}]}, {"bids.0.price"}),
    ({"price_points": "30", "bids": [{"bidder_id": "A", "price": "-5"}, {"bidder_id": "B", "price": "1"}]}, {"bids.0.price"}),
    ({"price_points": "30", "bids": [{"bidder_id": "A", "price": "1"}, {"bidder_id": "A", "price": "2"}]}, {"bids.1.bidder_id"}),
    ({"price_points": "0", "bids": [{"bidder_id": "A", "price": "1"}]}, {"price_points"}),
    ({"price_points": "30", "bids": []}, {"bids.non_field_errors"}),
    ({"price_points": "30", "colour": "red", "bids": [{"bidder_id": "A", "price": "1"}]}, {"colour"}),
    ({"price_points": "30", "method": "tender", "bids": [{"bidder_id": "A", "price": "1"}]}, {"category"}),
    ({"price_points": "30", "rounding": {"places": 11}, "bids": [{"bidder_id": "A", "price": "1"}]}, {"rounding.places"}),
    ({"price_points": "30", "sme_deduction_percent": "100", "bids": [{"bidder_id": "A", "price": "1"}]}, {"sme_deduction_percent"}),
    ({"price_points": "30", "bids": [{"bidder_id": "A", "price": "1", "non_price_total": "5"}, {"bidder_id": "B", "price": "2"}]},
     {"bids.1.non_price_total"}),
    ({"price_points": "abc", "bids": "nope"}, {"price_points", "bids.non_field_errors"}),
])
def test_bad_input_is_a_field_error(api, body, fields):
    response = post(api, body)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields
