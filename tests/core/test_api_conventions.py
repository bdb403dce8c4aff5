"""API conventions: token authentication, one error format, an offline OpenAPI UI."""

import re

from rest_framework.test import APIClient

from tests.conftest import PASSWORD


def test_token_for_good_credentials_and_use_it(world):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": world["official_a"].username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/clouds/").json()["count"] == 1


def test_wrong_password_is_a_clear_400_in_chinese(world):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": world["official_a"].username, "password": "nope"},
        format="json", HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["non_field_errors"][0] == "无法使用提供的认证信息登录。"


def test_missing_fields_are_reported_per_field(db):
    response = APIClient().post("/api/v1/auth/token/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"username", "password"}


def test_malformed_json_is_a_400_not_a_500(db):
    response = APIClient().post(
        "/api/v1/auth/token/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_openapi_schema_lists_the_endpoints(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/v1/auth/token/", "/api/v1/bodies/", "/api/v1/clouds/{id}/"):
        assert path in paths


def test_swagger_ui_is_served_offline(client):
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    external = [u for u in re.findall(r'(?:src|href)="(https?://[^"]+)"', html)]
    assert external == []
