"""Closing seals the evaluation: an immutable record with its SHA-256; nothing changes after."""

from decimal import Decimal

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from evaluations import services
from evaluations.models import Evaluation, MemberScore, SealedRecord
from evaluations.services.scores import ScoreEntry


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(evaluation, tail=""):
    return f"/api/v1/evaluations/{evaluation.pk}/{tail}"


def test_closing_with_missing_scores_is_refused_and_changes_nothing(world, project_a, make_evaluation):
    evaluation = make_evaluation(world["official_a"], project_a)
    services.bid_create(user=world["official_a"], evaluation=evaluation, bidder_name="甲", price=Decimal(1))
    response = client_for(world["official_a"]).post(url(evaluation, "close/"))
    assert response.status_code == 400
    assert "bids.0.scores.tech" in response.json()["error"]["fields"]
    evaluation.refresh_from_db()
    assert evaluation.status == "draft" and not SealedRecord.objects.exists()


def test_close_freezes_inputs_rule_version_scores_ranking_and_history(world, scored):
    evaluation = scored["evaluation"]
    reviewer = client_for(world["reviewer"])
    live = reviewer.get(url(evaluation, "result/")).json()
    response = client_for(world["official_a"]).post(url(evaluation, "close/"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "closed" and len(body["seal"]["sha256"]) == 64
    record = SealedRecord.objects.get(evaluation=evaluation)
    assert services.seal_verify(record)
    payload = record.payload
    assert payload["rule_set"]["content_hash"] == evaluation.rule_set.content_hash
    assert payload["rule_set"]["version"] == evaluation.rule_set.version
    assert len(payload["bids"]) == 3 and len(payload["member_scores"]) == 12
    assert payload["bids"][0]["entered_by"]["id"] == world["official_a"].pk
    assert {s["member"] for s in payload["member_scores"]} == {m.get_username() for m in scored["panel"]}
    actions = [e["action"] for e in payload["events"]]
    assert actions[0] == "evaluation.created" and actions[-1] == "evaluation.closed"
    assert actions.count("score.entered") == 12
    sealed = reviewer.get(url(evaluation, "result/")).json()
    assert sealed["sealed"]["sha256"] == record.sha256
    assert [(b["bidder_id"], b["total"]) for b in sealed["bids"]] == [
        (b["bidder_id"], b["total"]) for b in live["bids"]
    ]
    full = reviewer.get(url(evaluation, "record/")).json()
    assert full["sha256"] == record.sha256 and full["record"] == payload


def test_a_closed_evaluation_refuses_every_change(world, scored):
    evaluation = scored["evaluation"]
    official = world["official_a"]
    services.evaluation_close(user=official, evaluation=evaluation)
    record = SealedRecord.objects.get(evaluation=evaluation)
    digest, scores_before = record.sha256, MemberScore.objects.count()
    editor, member = client_for(official), client_for(scored["panel"][0])
    bid = scored["bids"]["甲公司"]
    attempts = [
        editor.patch(url(evaluation), {"title": "改"}, format="json"),
        editor.post(url(evaluation, "bids/"), {"bidder_name": "新", "price": "1"}, format="json"),
        editor.patch(url(evaluation, f"bids/{bid.pk}/"), {"price": "1"}, format="json"),
        editor.delete(url(evaluation, f"bids/{bid.pk}/")),
        editor.post(url(evaluation, "panel/"), {"user": world["reviewer"].pk}, format="json"),
        editor.delete(url(evaluation, f"panel/{scored['panel'][0].pk}/")),
        editor.post(url(evaluation, "close/")),
        member.post(url(evaluation, "member-scores/"),
                    {"scores": [{"bid": bid.pk, "criterion": "tech", "points": "1"}]}, format="json"),
    ]
    for response in attempts:
        assert response.status_code == 400
        assert list(response.json()["error"]["fields"]) == ["status"]
    record.refresh_from_db()
    assert record.sha256 == digest and services.seal_verify(record)
    assert MemberScore.objects.count() == scores_before
    assert Evaluation.objects.get(pk=evaluation.pk).title == evaluation.title
    with pytest.raises(ValidationError):
        services.member_scores_submit(user=scored["panel"][0], evaluation=evaluation,
                                      entries=[ScoreEntry(bid.pk, "tech", Decimal(1))])


def test_a_tampered_record_no_longer_verifies(world, scored):
    record = services.evaluation_close(user=world["official_a"], evaluation=scored["evaluation"])
    record.payload["result"]["bids"][0]["total"] = "99.99"
    assert not services.seal_verify(record)


# The release schema's required fields and the codelists used (OCDS 1.1 release-schema.json).
OCDS_RELEASE = {
    "type": "object",
    "required": ["ocid", "id", "date", "tag", "initiationType"],
    "properties": {
        "ocid": {"type": "string", "pattern": "^ocds-[a-z0-9]{6}-"},
        "id": {"type": "string", "minLength": 1},
        "date": {"type": "string", "format": "date-time"},
        "tag": {"type": "array", "items": {"enum": ["planning", "tender", "award", "contract", "implementation"]}},
        "initiationType": {"enum": ["tender"]},
        "parties": {"type": "array", "items": {
            "type": "object", "required": ["id", "name", "roles"],
            "properties": {"roles": {"type": "array", "items": {"enum": [
                "buyer", "procuringEntity", "supplier", "tenderer", "funder", "enquirer", "payer",
                "payee", "reviewBody"]}}},
        }},
        "buyer": {"type": "object", "required": ["id", "name"]},
        "tender": {"type": "object", "required": ["id"], "properties": {
            "procurementMethod": {"enum": ["open", "selective", "limited", "direct"]},
            "procurementMethodDetails": {"type": "string"},
            "mainProcurementCategory": {"enum": ["goods", "works", "services"]},
            "awardCriteria": {"enum": ["priceOnly", "costOnly", "qualityOnly", "ratedCriteria"]},
            "numberOfTenderers": {"type": "integer"},
        }},
        "awards": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "properties": {
                "status": {"enum": ["pending", "active", "cancelled", "unsuccessful"]},
                "value": {"type": "object", "properties": {
                    "amount": {"type": "number"}, "currency": {"enum": ["CNY"]}}},
                "suppliers": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}},
            },
        }},
    },
}


@pytest.mark.parametrize(("method", "code", "details"), [
    ("public_tender", "open", "公开招标"),
    ("invited_tender", "selective", "邀请招标"),
    ("competitive_consultation", "limited", "竞争性磋商"),
])
def test_ocds_release_validates_and_names_the_chinese_method(world, scored, method, code, details):
    evaluation = scored["evaluation"]
    services.evaluation_update(user=world["official_a"], evaluation=evaluation, procurement_method=method)
    assert client_for(world["official_a"]).get(url(evaluation, "ocds/")).status_code == 400  # not sealed yet
    services.evaluation_close(user=world["official_a"], evaluation=evaluation)
    release = client_for(world["official_a"]).get(url(evaluation, "ocds/")).json()
    jsonschema.validate(release, OCDS_RELEASE, format_checker=jsonschema.FormatChecker())
    tender = release["tender"]
    assert tender["procurementMethod"] == code and details in tender["procurementMethodDetails"]
    assert tender["mainProcurementCategory"] == "services" and tender["numberOfTenderers"] == 3
    award = release["awards"][0]
    assert award["suppliers"] == [{"id": f"bidder-{scored['bids']['乙公司'].pk}", "name": "乙公司"}]
    assert award["value"] == {"amount": 1200000, "currency": "CNY"}
    party_ids = [p["id"] for p in release["parties"]]
    assert len(party_ids) == len(set(party_ids)) and release["buyer"]["id"] in party_ids
    assert release["buyer"]["name"] == "甲市数据局"
