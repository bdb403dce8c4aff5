"""Who sees what: other bodies see nothing (404); only panel members and reviewers or
administrators see member scores; members see only their own until the evaluation closes."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from evaluations import services
from evaluations.services.scores import ScoreEntry
from tests.evaluations.conftest import CRITERIA


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(evaluation, tail=""):
    return f"/api/v1/evaluations/{evaluation.pk}/{tail}"


@pytest.mark.parametrize("tail", [
    "", "bids/", "panel/", "member-scores/", "result/", "sensitivity/", "ocds/", "record/",
])
def test_an_official_of_another_body_gets_404_everywhere(world, scored, tail):
    response = client_for(world["official_b"]).get(url(scored["evaluation"], tail))
    assert response.status_code == 404


def test_an_official_of_another_body_cannot_write_either(world, scored):
    client = client_for(world["official_b"])
    evaluation = scored["evaluation"]
    assert client.post(url(evaluation, "bids/"), {"bidder_name": "X", "price": "1"}, format="json").status_code == 404
    assert client.post(url(evaluation, "close/")).status_code == 404
    assert client.get("/api/v1/evaluations/").json()["count"] == 0


def test_creating_for_another_bodys_project_is_refused(world, project_a):
    response = client_for(world["official_b"]).post("/api/v1/evaluations/", {
        "project": project_a.pk, "title": "x", "procurement_method": "public_tender",
        "category": "services",
        "criteria": [{**c, "max_points": str(c["max_points"])} for c in CRITERIA],
    }, format="json")
    assert response.status_code == 400 and "project" in response.json()["error"]["fields"]


def test_reviewer_sees_every_member_score_but_cannot_edit(world, scored):
    client = client_for(world["reviewer"])
    evaluation = scored["evaluation"]
    assert client.get(url(evaluation, "member-scores/")).json()["count"] == 12
    assert client.post(url(evaluation, "bids/"), {"bidder_name": "X", "price": "1"}, format="json").status_code == 403
    assert client.post(url(evaluation, "close/")).status_code == 403


def test_a_panel_member_sees_only_own_scores_while_open_and_no_result(world, scored):
    member, other = scored["panel"]
    client = client_for(member)
    evaluation = scored["evaluation"]
    scores = client.get(url(evaluation, "member-scores/")).json()["results"]
    assert len(scores) == 6 and {s["member"]["id"] for s in scores} == {member.pk}
    assert client.get(url(evaluation, "result/")).status_code == 403
    assert client.get(url(evaluation, "sensitivity/")).status_code == 403
    assert client.get(url(evaluation, "record/")).status_code == 403


def test_after_closing_panel_members_see_everyone(world, scored):
    member = scored["panel"][0]
    evaluation = scored["evaluation"]
    services.evaluation_close(user=world["official_a"], evaluation=evaluation)
    client = client_for(member)
    assert client.get(url(evaluation, "member-scores/")).json()["count"] == 12
    result = client.get(url(evaluation, "result/")).json()
    assert len(result["bids"][0]["criteria"][0]["member_scores"]) == 2


def test_an_editor_off_the_panel_sees_means_but_no_member_scores(world, scored):
    client = client_for(world["official_a"])
    evaluation = scored["evaluation"]
    assert client.get(url(evaluation, "member-scores/")).status_code == 403
    result = client.get(url(evaluation, "result/")).json()
    assert result["members"] == [] and result["member_count"] == 2
    criterion = result["bids"][0]["criteria"][0]
    assert criterion["member_scores"] == [] and criterion["mean"] == "46.00"
    services.evaluation_close(user=world["official_a"], evaluation=evaluation)
    assert client.get(url(evaluation, "member-scores/")).status_code == 403
    assert client.get(url(evaluation, "result/")).json()["bids"][0]["criteria"][0]["member_scores"] == []


def test_only_panel_members_score_and_only_their_own(world, scored):
    evaluation = scored["evaluation"]
    bid = scored["bids"]["甲公司"]
    body = {"scores": [{"bid": bid.pk, "criterion": "tech", "points": "41"}]}
    assert client_for(world["official_a"]).post(url(evaluation, "member-scores/"), body, format="json").status_code == 403
    assert client_for(world["reviewer"]).post(url(evaluation, "member-scores/"), body, format="json").status_code == 403
    member, other = scored["panel"]
    response = client_for(member).post(url(evaluation, "member-scores/"), body, format="json")
    assert response.status_code == 200
    points = {
        (s["member"]["id"], s["criterion"]): s["points"]
        for s in client_for(world["reviewer"]).get(url(evaluation, "member-scores/")).json()["results"]
        if s["bid"] == bid.pk
    }
    assert points[(member.pk, "tech")] == "41.00" and points[(other.pk, "tech")] == "40.00"


@pytest.mark.parametrize(("score", "field"), [
    ({"criterion": "price", "points": "10"}, "scores.0.criterion"),
    ({"criterion": "tech", "points": "50.01"}, "scores.0.points"),
    ({"criterion": "tech", "points": "-1"}, "scores.0.points"),
    ({"criterion": "tech", "points": "1.234"}, "scores.0.points"),
    ({"criterion": "nope", "points": "1"}, "scores.0.criterion"),
])
def test_bad_scores_are_field_errors_and_change_nothing(world, scored, score, field):
    member = scored["panel"][0]
    bid = scored["bids"]["甲公司"]
    before = list(scored["evaluation"].events.values_list("id", flat=True))
    response = client_for(member).post(
        url(scored["evaluation"], "member-scores/"), {"scores": [{"bid": bid.pk, **score}]}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert list(scored["evaluation"].events.values_list("id", flat=True)) == before


def test_panel_members_must_be_able_to_see_the_project(world, project_a, make_evaluation):
    evaluation = make_evaluation(world["official_a"], project_a)
    client = client_for(world["official_a"])
    refused = client.post(url(evaluation, "panel/"), {"user": world["official_b"].pk}, format="json")
    assert refused.status_code == 400 and "user" in refused.json()["error"]["fields"]
    assert client.post(url(evaluation, "panel/"), {"user": world["reviewer"].pk}, format="json").status_code == 201
    again = client.post(url(evaluation, "panel/"), {"user": world["reviewer"].pk}, format="json")
    assert again.status_code == 400
    assert client.delete(url(evaluation, f"panel/{world['reviewer'].pk}/")).status_code == 204


def test_a_member_who_scored_stays_on_the_panel(world, scored):
    member = scored["panel"][0]
    response = client_for(world["official_a"]).delete(url(scored["evaluation"], f"panel/{member.pk}/"))
    assert response.status_code == 400


def test_score_removal_with_null(world, scored):
    member = scored["panel"][0]
    bid = scored["bids"]["甲公司"]
    services.member_scores_submit(user=member, evaluation=scored["evaluation"],
                                  entries=[ScoreEntry(bid.pk, "tech", None)])
    response = client_for(world["reviewer"]).get(url(scored["evaluation"], "result/")).json()
    jia = next(b for b in response["bids"] if b["bidder_id"] == "甲公司")
    assert [m["points"] for m in jia["criteria"][0]["member_scores"]] == ["40.00"]
    assert any(w["code"] == "score.member_gap" for w in response["warnings"])
    assert Decimal(jia["criteria"][0]["mean"]) == Decimal(40)
