"""The assessment and framework API: same rules as the pages, field-level errors, schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from assessment.models import Assessment
from assessment.services.assessments import assessment_create
from tests.assessment.conftest import CAICT_PAYLOAD, GBT_PAYLOAD


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_framework_list_and_detail(world, frameworks):
    data = api(world["official_a"]).get("/api/v1/frameworks/").json()
    assert {(f["slug"], f["version"]) for f in data["results"]} == {("caict-gov-cloud", 1), ("gbt-42584-2023", 1)}
    detail = api(world["official_a"]).get("/api/v1/frameworks/caict-gov-cloud/1/").json()
    assert len(detail["dimensions"]) == 4 and len(detail["indicators"]) == 20
    assert all(i["provenance"] for i in detail["indicators"])
    assert api(world["official_a"]).get("/api/v1/frameworks/caict-gov-cloud/9/").status_code == 404


@pytest.mark.parametrize(("slug", "payload"), [("caict-gov-cloud", CAICT_PAYLOAD), ("gbt-42584-2023", GBT_PAYLOAD)])
def test_stateless_score_for_both_shipped_frameworks(world, frameworks, slug, payload):
    response = api(world["official_a"]).post(f"/api/v1/frameworks/{slug}/1/score/", {"answers": payload}, format="json")
    assert response.status_code == 200, response.json()
    result = response.json()
    assert result["framework"]["slug"] == slug and result["grade"]["code"]
    assert len(result["dimensions"]) == 4 and not result["missing"]
    assert all("points" in i and "normalised" in i for i in result["indicators"])


def test_score_errors_are_field_level_and_in_the_request_language(world, frameworks):
    body = {"answers": {"ZZ9": {"value": 1}, "P1": {"numerator": 30, "denominator": 20}, "O4": {"level": "L9"}, "P4": {"not_applicable": True}}}
    response = api(world["official_a"]).post("/api/v1/frameworks/caict-gov-cloud/1/score/", body, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"answers.ZZ9", "answers.P1.numerator", "answers.O4.level", "answers.P4.reason"} <= set(fields), fields
    assert "不得大于分母" in fields["answers.P1.numerator"][0]
    en = api(world["official_a"]).post("/api/v1/frameworks/caict-gov-cloud/1/score/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot exceed" in en.json()["error"]["fields"]["answers.P1.numerator"][0]


def test_wrong_types_are_400_not_500(world, frameworks):
    for body in ({"answers": []}, {"answers": {"P1": "x"}}, {"answers": {"P1": {"value": "abc"}}}, {}, {"answers": {"C1": {"count": -1}}}):
        response = api(world["official_a"]).post("/api/v1/frameworks/caict-gov-cloud/1/score/", body, format="json")
        assert response.status_code == 400, body


def test_create_fill_submit_and_approve_over_the_api(world, frameworks, make_user):
    official = api(world["official_a"])
    created = official.post("/api/v1/assessments/", {"cloud": world["cloud_a"].pk, "year": 2026,
                            "framework_slug": "caict-gov-cloud", "framework_version": 1}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    saved = official.patch(f"/api/v1/assessments/{pk}/responses/", {"answers": CAICT_PAYLOAD, "lock_version": 0}, format="json")
    assert saved.status_code == 200 and saved.json()["answered_count"] == 20
    stale = official.put(f"/api/v1/assessments/{pk}/responses/P1/", {"answer": {"value": 1}, "lock_version": 0}, format="json")
    assert stale.status_code == 400 and "lock_version" in stale.json()["error"]["fields"]
    score = official.get(f"/api/v1/assessments/{pk}/score/").json()
    assert score["total"] == saved.json()["total"]
    what_if = official.post(f"/api/v1/assessments/{pk}/what-if/", {"changes": {"S2": {"value": False}}}, format="json").json()
    assert what_if["caps"] and Assessment.objects.get(pk=pk).responses.get(indicator_code="S2").payload == {"value": True}
    assert official.post(f"/api/v1/assessments/{pk}/submit/", {}, format="json").status_code == 200
    reviewer = api(world["reviewer"])
    assert reviewer.post(f"/api/v1/assessments/{pk}/start-review/", {}, format="json").status_code == 200
    assert reviewer.post(f"/api/v1/assessments/{pk}/return/", {}, format="json").status_code == 400  # comment required
    assert reviewer.post(f"/api/v1/assessments/{pk}/approve/", {}, format="json").json()["status"] == "approved"
    assert official.post(f"/api/v1/assessments/{pk}/approve/", {}, format="json").status_code == 403
    history = official.get(f"/api/v1/assessments/{pk}/history/").json()
    assert history["count"] >= 3


def test_official_of_b_sees_nothing_of_a_over_the_api(world, frameworks, caict):
    a = assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=caict)
    b = api(world["official_b"])
    assert b.get("/api/v1/assessments/").json()["count"] == 0
    for path in ("", "responses/", "score/", "history/", "evidence/", "excel/"):
        assert b.get(f"/api/v1/assessments/{a.pk}/{path}").status_code == 404, path
    assert b.patch(f"/api/v1/assessments/{a.pk}/responses/", {"answers": {"P1": {"value": 1}}, "lock_version": 0}, format="json").status_code == 404
    assert b.post("/api/v1/assessments/", {"cloud": world["cloud_a"].pk, "year": 2025, "framework_slug": "caict-gov-cloud", "framework_version": 1}, format="json").status_code == 400


def test_assessment_list_query_count_is_constant(world, caict, make_cloud):
    client = api(world["reviewer"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/assessments/").status_code == 200
        return len(ctx.captured_queries)

    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=caict)
    small = count()
    for year in range(2016, 2022):
        assessment_create(actor=world["official_a"], cloud=make_cloud(world["body_a"]), year=year, framework=caict)
    assert count() == small


def test_bad_filters_are_400(world):
    assert api(world["reviewer"]).get("/api/v1/assessments/?year=abc").status_code == 400


def test_assignment_over_the_api(world, caict):
    a = assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=caict)
    assert api(world["official_a"]).post(f"/api/v1/assessments/{a.pk}/assignments/", {"consultant": world["consultant"].pk}, format="json").status_code == 403
    assert api(world["reviewer"]).post(f"/api/v1/assessments/{a.pk}/assignments/", {"consultant": world["official_a"].pk}, format="json").status_code == 400
    assert api(world["reviewer"]).post(f"/api/v1/assessments/{a.pk}/assignments/", {"consultant": world["consultant"].pk}, format="json").status_code == 200
    assert a.assignments.filter(consultant=world["consultant"]).exists()
