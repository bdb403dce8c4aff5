"""/api/v1/evaluations/: set-up checked against the legal weight range, bids, scores, result."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from evaluations import services
from evaluations.models import Evaluation, EvaluationEvent
from tests.evaluations.conftest import CRITERIA


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def criteria(price, tech=None, service=None):
    rest = Decimal(100) - Decimal(price)
    tech = Decimal(tech) if tech is not None else rest - Decimal(20)
    service = Decimal(service) if service is not None else rest - tech
    return [
        {"code": "price", "name": "价格", "kind": "price", "max_points": str(price)},
        {"code": "tech", "name": "技术", "kind": "technical", "max_points": str(tech)},
        {"code": "service", "name": "服务", "kind": "commercial", "max_points": str(service)},
    ]


def create(client, project_row, **overrides):
    body = {
        "project": project_row.pk, "title": "评标", "procurement_method": "public_tender",
        "category": "services", "criteria": criteria(30),
    }
    body.update(overrides)
    return client.post("/api/v1/evaluations/", body, format="json")


def test_create_pins_the_project_rule_set(world, project_a):
    response = create(client_for(world["official_a"]), project_a)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["rule_set"]["slug"] == "cn-gov-procurement" and body["method"] == "tender"
    assert body["rule_set"]["content_hash"] == project_a.rule_set.content_hash
    assert body["rounding_places"] == 2 and body["rounding_mode"] == "ROUND_HALF_UP"
    assert EvaluationEvent.objects.filter(action="evaluation.created").count() == 1


@pytest.mark.parametrize(("method", "category", "price", "ok"), [
    ("public_tender", "goods", "29.5", False), ("public_tender", "goods", "30", True),
    ("invited_tender", "services", "9", False), ("invited_tender", "services", "10", True),
    ("competitive_consultation", "goods", "60", True), ("competitive_consultation", "goods", "61", False),
    ("competitive_consultation", "services", "30", True), ("competitive_consultation", "services", "30.5", False),
])
def test_price_weight_outside_the_legal_range_is_refused(world, project_a, method, category, price, ok):
    response = create(
        client_for(world["official_a"]), project_a, procurement_method=method, category=category,
        criteria=criteria(price),
    )
    if ok:
        assert response.status_code == 201, response.json()
    else:
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["criteria.0.max_points"]
        assert not Evaluation.objects.exists()


def test_mixed_project_takes_the_category_with_the_larger_share(world, project_a):
    client = client_for(world["official_a"])
    # Goods hold the larger share: the goods range (≥ 30 % for tenders) applies to 20 points.
    refused = create(client, project_a, category="mixed", goods_share="700", services_share="300",
                     criteria=criteria(20))
    assert refused.status_code == 400
    assert "criteria.0.max_points" in refused.json()["error"]["fields"]
    accepted = create(client, project_a, category="mixed", goods_share="300", services_share="700",
                      criteria=criteria(20))
    assert accepted.status_code == 201
    equal = create(client, project_a, category="mixed", goods_share="500", services_share="500",
                   criteria=criteria(30))
    assert "goods_share" in equal.json()["error"]["fields"]


@pytest.mark.parametrize(("overrides", "fields"), [
    ({"criteria": criteria(30, 50, 10)}, {"criteria"}),
    ({"criteria": [c | {"kind": "technical"} for c in criteria(30)]}, {"criteria"}),
    ({"criteria": criteria(30) + [criteria(30)[1]]}, {"criteria.3.code", "criteria"}),
    ({"sme_deduction_percent": "100"}, {"sme_deduction_percent"}),
    ({"rounding_places": 11}, {"rounding_places"}),
    ({"tie_break": ["coin_toss"]}, {"tie_break.0"}),
    ({"abnormal_threshold_percent": "120"}, {"abnormal_threshold_percent"}),
    ({"project": 999999}, {"project"}),
    ({"procurement_method": "single_source"}, {"procurement_method"}),
    ({"criteria": []}, {"criteria.non_field_errors"}),
])
def test_bad_set_up_is_refused_per_field(world, project_a, overrides, fields):
    response = create(client_for(world["official_a"]), project_a, **overrides)
    assert response.status_code == 400
    assert fields <= set(response.json()["error"]["fields"]), response.json()
    assert not Evaluation.objects.exists()


def test_rounding_at_xx5_in_an_evaluation_result(world, project_a, make_evaluation, panel):
    official = world["official_a"]
    evaluation = make_evaluation(official, project_a)
    services.panel_member_add(user=official, evaluation=evaluation, member=panel[0])
    low = services.bid_create(user=official, evaluation=evaluation, bidder_name="低价", price=Decimal("111"))
    high = services.bid_create(user=official, evaluation=evaluation, bidder_name="高价", price=Decimal("400"))
    from evaluations.services.scores import ScoreEntry

    services.member_scores_submit(user=panel[0], evaluation=evaluation, entries=[
        ScoreEntry(b.pk, code, Decimal(10)) for b in (low, high) for code in ("tech", "service")
    ])
    body = client_for(world["reviewer"]).get(f"/api/v1/evaluations/{evaluation.pk}/result/").json()
    high_result = next(b for b in body["bids"] if b["bidder_id"] == "高价")
    assert high_result["price_score"]["raw"] == "8.325" and high_result["price_score"]["rounded"] == "8.33"
    assert high_result["total"] == "28.33"


def test_result_derivation_and_sensitivity(world, scored):
    evaluation = scored["evaluation"]
    client = client_for(world["reviewer"])
    body = client.get(f"/api/v1/evaluations/{evaluation.pk}/result/").json()
    assert body["sealed"] is None and body["ok"] is True
    ranking = [(b["bidder_id"], b["total"], b["rank"]) for b in body["bids"]]
    # 乙: 25.00 + 46 + 18 = 89.00; 丙: 27.27 + 43 + 16 = 86.27; 甲: 30 + 40 + 15 = 85.00.
    assert ranking == [("乙公司", "89.00", 1), ("丙公司", "86.27", 2), ("甲公司", "85.00", 3)]
    b = body["bids"][0]
    assert b["price_score"] == {"base": "1000000.00", "price": "1200000.00", "points": "30.00",
                                "raw": "25.00", "rounded": "25.00"}
    assert {m["points"] for m in b["criteria"][0]["member_scores"]} == {"45.00", "47.00"}
    assert any(w["code"] == "panel.too_few_members" for w in body["warnings"])
    sensitivity = client.get(f"/api/v1/evaluations/{evaluation.pk}/sensitivity/").json()
    steps = sensitivity["price_weight"]["steps"]
    assert steps[0]["price_weight_percent"] == "10" and steps[-1]["price_weight_percent"] == "100"
    assert {w["bidder_id"] for w in sensitivity["winning_prices"]} == {"甲公司", "丙公司"}
    assert len(sensitivity["abnormally_low"]["flags"]) == 3
    assert sensitivity["abnormally_low"]["flags"][0]["threshold_modelled"] is True


def test_bids_crud_and_bad_input(world, project_a, make_evaluation):
    evaluation = make_evaluation(world["official_a"], project_a)
    client = client_for(world["consultant"])  # engaged by body A: may edit
    url = f"/api/v1/evaluations/{evaluation.pk}/bids/"
    created = client.post(url, {"bidder_name": "甲公司", "price": "1000000.00"}, format="json")
    assert created.status_code == 201
    bid_id = created.json()["id"]
    for body, field in [
        ({"bidder_name": "甲公司", "price": "1"}, "bidder_name"),
        ({"bidder_name": "乙", "price": "0"}, "price"),
        ({"bidder_name": "乙", "price": "1.234"}, "price"),
        ({"bidder_name": "乙", "price": "1", "vendor": 999999}, "vendor"),
    ]:
        response = client.post(url, body, format="json")
        assert response.status_code == 400 and field in response.json()["error"]["fields"]
    patched = client.patch(f"{url}{bid_id}/", {"price": "990000"}, format="json")
    assert patched.status_code == 200 and patched.json()["price"] == "990000.00"
    assert patched.json()["sme_eligible"] is False
    assert client.delete(f"{url}{bid_id}/").status_code == 204
    assert client.get(url).json()["count"] == 0
    actions = list(EvaluationEvent.objects.values_list("action", flat=True))
    assert actions == ["evaluation.created", "bid.created", "bid.changed", "bid.deleted"]


def test_lists_run_a_constant_number_of_queries(world, make_project, make_evaluation, panel):
    official = world["official_a"]
    client = client_for(official)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    project = make_project(official, world["body_a"])
    first = make_evaluation(official, project)
    services.panel_member_add(user=official, evaluation=first, member=panel[0])
    services.bid_create(user=official, evaluation=first, bidder_name="A", price=Decimal(1))
    small = (count("/api/v1/evaluations/"), count(f"/api/v1/evaluations/{first.pk}/bids/"))
    for index in range(4):
        evaluation = make_evaluation(official, project)
        services.panel_member_add(user=official, evaluation=evaluation, member=panel[0])
        services.panel_member_add(user=official, evaluation=evaluation, member=panel[1])
        services.bid_create(user=official, evaluation=first, bidder_name=f"B{index}", price=Decimal(2))
    assert (count("/api/v1/evaluations/"), count(f"/api/v1/evaluations/{first.pk}/bids/")) == small


def test_member_scores_list_runs_a_constant_number_of_queries(world, scored):
    client = client_for(world["reviewer"])
    url = f"/api/v1/evaluations/{scored['evaluation'].pk}/member-scores/"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).json()["count"] == 12
    from evaluations.services.scores import ScoreEntry

    extra = services.bid_create(user=world["official_a"], evaluation=scored["evaluation"],
                                bidder_name="丁公司", price=Decimal(900000))
    for member in scored["panel"]:
        services.member_scores_submit(user=member, evaluation=scored["evaluation"], entries=[
            ScoreEntry(extra.pk, "tech", Decimal(30)), ScoreEntry(extra.pk, "service", Decimal(10)),
        ])
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).json()["count"] == 16
    assert len(large) == len(small)


def test_schema_documents_the_evaluation_endpoints(world):
    paths = client_for(world["reviewer"]).get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    ).json()["paths"]
    for path in ("/api/v1/evaluations/", "/api/v1/evaluations/{id}/bids/",
                 "/api/v1/evaluations/{id}/member-scores/", "/api/v1/evaluations/{id}/result/",
                 "/api/v1/evaluations/{id}/sensitivity/", "/api/v1/evaluations/{id}/close/",
                 "/api/v1/evaluations/{id}/ocds/", "/api/v1/procurement/bid-scores/"):
        assert path in paths


def test_criteria_stay_fixed_once_members_scored(world, scored):
    response = client_for(world["official_a"]).patch(
        f"/api/v1/evaluations/{scored['evaluation'].pk}/", {"criteria": CRITERIA_STR}, format="json"
    )
    assert response.status_code == 400 and "criteria" in response.json()["error"]["fields"]


CRITERIA_STR = [{**c, "max_points": str(c["max_points"])} for c in CRITERIA]
