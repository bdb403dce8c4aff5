"""Bodies and clouds endpoints: access rules, writes by administrators, errors, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from orgs.models import GovernmentBody


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_official_lists_only_their_clouds(world):
    data = client_for(world["official_a"]).get("/api/v1/clouds/").json()
    assert data["count"] == 1
    assert data["results"][0]["name"] == "甲市政务云"
    assert data["results"][0]["owner"]["name"] == "甲市数据局"


@pytest.mark.parametrize("path", ["/api/v1/bodies/{body_b}/", "/api/v1/clouds/{cloud_b}/"])
def test_official_of_a_gets_404_for_body_b(world, path):
    url = path.format(body_b=world["body_b"].pk, cloud_b=world["cloud_b"].pk)
    response = client_for(world["official_a"]).get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client_for(world["reviewer"]).get(url).status_code == 200


def test_non_integer_id_is_404_not_500(world):
    assert client_for(world["admin"]).get("/api/v1/clouds/abc/").status_code == 404


def test_unauthenticated_requests_are_refused(world):
    response = APIClient().get("/api/v1/clouds/")
    assert response.status_code in (401, 403)
    assert "error" in response.json()


def test_only_administrators_create_bodies(world):
    payload = {"name": "丙县数据局", "division_code": "320321", "level": "county"}
    assert client_for(world["official_a"]).post("/api/v1/bodies/", payload).status_code == 403
    response = client_for(world["admin"]).post("/api/v1/bodies/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert GovernmentBody.objects.filter(name="丙县数据局").exists()


def test_malformed_body_gives_field_errors_in_chinese_and_changes_nothing(world):
    before = GovernmentBody.objects.count()
    response = client_for(world["admin"]).post(
        "/api/v1/bodies/", {"name": "", "division_code": "12", "level": "galaxy"},
        format="json", HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error["fields"]) == {"name", "division_code", "level"}
    assert "不能为空" in error["fields"]["name"][0]
    assert GovernmentBody.objects.count() == before


def test_field_errors_follow_accept_language(world):
    response = client_for(world["admin"]).post(
        "/api/v1/bodies/", {"name": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "may not be blank" in response.json()["error"]["fields"]["name"][0]


def test_service_rules_surface_as_field_errors(world):
    # The same name and division code twice: refused by the model's unique constraint via the service.
    payload = {"name": "甲市数据局", "division_code": "320100", "level": "city"}
    response = client_for(world["admin"]).post("/api/v1/bodies/", payload, format="json")
    assert response.status_code == 400
    assert "fields" in response.json()["error"]


def test_cloud_list_runs_a_constant_number_of_queries(world, make_body, make_cloud):
    client = client_for(world["reviewer"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/clouds/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(6):
        make_cloud(make_body(f"新增单位{i}"))
    assert count() == small


def test_pagination_shape(world):
    data = client_for(world["reviewer"]).get("/api/v1/bodies/?page_size=1").json()
    assert data["count"] == 2 and len(data["results"]) == 1 and data["next"]
