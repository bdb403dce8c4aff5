"""/api/v1/vendors/: list, filters, retrieve, and the comparison with qualification gates."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.vendors.conftest import certificate
from vendors.models import Vendor

DEADLINE = date(2026, 3, 31)


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world["official_a"])
    return client


def ids(*vendors):
    return ",".join(str(v.pk) for v in vendors)


def test_anonymous_gets_nothing(db):
    assert APIClient().get("/api/v1/vendors/").status_code in (401, 403)


def test_list_and_filters(api, catalogue):
    body = api.get("/api/v1/vendors/").json()
    assert body["count"] == 9
    huawei = next(v for v in body["results"] if v["name"] == "华为云")
    assert set(huawei["deployment_models"]) == {"private", "public", "hybrid", "dedicated"}
    assert "mlps" in huawei["credential_kinds"]
    names = lambda q: sorted(v["name"] for v in api.get(f"/api/v1/vendors/?{q}").json()["results"])  # noqa: E731
    assert names("kind=telecom") == ["天翼云"]
    assert names("credential=ccrc") == ["中国电子云"]
    assert names("deployment_model=dedicated&kind=public_cloud") == ["京东智联云", "金山云"]
    assert names("search=华为") == ["华为云"]


def test_bad_filters_are_field_errors(api, catalogue):
    response = api.get("/api/v1/vendors/?kind=bank&deployment_model=cloud9")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"kind", "deployment_model"}


def test_retrieve_shows_every_fact_with_its_source(api, catalogue):
    vendor = Vendor.objects.get(name="中国电子云")
    body = api.get(f"/api/v1/vendors/{vendor.pk}/").json()
    ccrc = next(c for c in body["credentials"] if c["kind"] == "ccrc")
    assert ccrc["level"] == 3 and ccrc["verified"] is False and ccrc["evidence"] == "claimed"
    assert ccrc["number"] == "" and ccrc["valid_to"] is None
    assert ccrc["source"] == {
        "file": "001_19d9a5fc8b6925f5.txt",
        "section": "构建数字底座跻身政务云服务运营市场前列（资质和认证）",
        "secondary": True,
    }
    share = body["market_facts"][0]
    assert share["figure"] == "5.2000" and share["year"] == 2020
    assert {r["name"] for r in body["references"]} >= {"四川遂宁政务云"}


@pytest.mark.parametrize("pk", ["999999", "abc"])
def test_unknown_vendor_is_404(api, catalogue, pk):
    assert api.get(f"/api/v1/vendors/{pk}/").status_code == 404


def test_list_runs_a_constant_number_of_queries(api, make_vendor):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/v1/vendors/").status_code == 200
        return len(ctx)

    for _ in range(2):
        make_vendor(credentials=[certificate("iso27001", DEADLINE)])
    small = count()
    for _ in range(6):
        make_vendor(credentials=[certificate("iso27001", DEADLINE), certificate("mlps", DEADLINE, level=3)])
    assert count() == small


def compare(api, query):
    return api.get(f"/api/v1/vendors/compare/?{query}")


def test_credential_expiring_on_the_deadline_day_warns_and_the_day_before_fails(api, make_vendor):
    on_day = make_vendor("到期当日云", credentials=[certificate("mlps", DEADLINE, level=3),
                                                   certificate("cac_cloud_assessment", DEADLINE + timedelta(days=400))])
    day_before = make_vendor("前一日到期云", credentials=[certificate("mlps", DEADLINE - timedelta(days=1), level=3),
                                                       certificate("cac_cloud_assessment", DEADLINE + timedelta(days=400))])
    fine = make_vendor("有效云", credentials=[certificate("mlps", DEADLINE + timedelta(days=31), level=4),
                                             certificate("cac_cloud_assessment", DEADLINE + timedelta(days=400))])
    response = compare(
        api, f"ids={ids(on_day, day_before, fine)}&deadline={DEADLINE}&min_mlps_level=3&cac_required=true"
    )
    assert response.status_code == 200, response.json()
    columns = {c["name"]: c for c in response.json()["vendors"]}
    assert [c["name"] for c in response.json()["vendors"]] == ["到期当日云", "前一日到期云", "有效云"]
    assert columns["到期当日云"]["status"] == "warn"
    mlps = next(g for g in columns["到期当日云"]["gates"] if g["gate"] == "mlps")
    assert mlps["status"] == "warn" and DEADLINE.isoformat() in mlps["reason"]
    assert columns["前一日到期云"]["status"] == "fail"
    assert columns["有效云"]["status"] == "pass"
    assert all(not g["unverified"] for g in columns["有效云"]["gates"])


def test_level_too_low_and_missing_cac_fail(api, catalogue):
    huawei, cec = Vendor.objects.get(name="华为云"), Vendor.objects.get(name="中国电子云")
    body = compare(api, f"ids={ids(huawei, cec)}&deadline={DEADLINE}&min_mlps_level=4&cac_required=1").json()
    by_name = {c["name"]: {g["gate"]: g for g in c["gates"]} for c in body["vendors"]}
    assert by_name["华为云"]["cac_cloud_assessment"]["status"] == "fail"
    # A level claimed by a source, with no certificate: not failed on level, flagged unverified.
    assert by_name["华为云"]["mlps"]["status"] == "warn" and by_name["华为云"]["mlps"]["unverified"]
    assert by_name["中国电子云"]["mlps"]["status"] == "fail"
    assert "4" in by_name["中国电子云"]["mlps"]["reason"]


def test_rows_mark_differences(api, catalogue):
    a, b, c = (Vendor.objects.get(name=n) for n in ("华为云", "天翼云", "金山云"))
    body = compare(api, f"ids={ids(a, b, c)}&deadline={DEADLINE}").json()
    rows = {r["key"]: r for r in body["rows"]}
    assert rows["kind"]["differs"] is True
    # 天翼云 and 金山云 both offer every model, as does 华为云: that row is equal.
    assert rows["deployment:hybrid"]["differs"] is False
    assert rows["credential:mlps"]["cells"][0]["unverified"] is True
    assert rows["credential:mlps"]["cells"][1]["text"] == ""
    assert body["rules"]["deadline"] == DEADLINE.isoformat()


def test_repeated_ids_are_accepted(api, catalogue):
    a, b = Vendor.objects.order_by("pk")[:2]
    response = compare(api, f"ids={a.pk}&ids={b.pk}")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["vendors"]] == [a.pk, b.pk]


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("", {"ids"}),
        ("ids=abc", {"ids"}),
        ("ids=1", {"ids"}),
        ("ids=999998,999999", {"ids"}),
        ("ids=99999999999999999999999", {"ids"}),
        ("ids={a},{a}", {"ids"}),
        ("ids={a},{b}&min_mlps_level=9", {"min_mlps_level"}),
        ("ids={a},{b}&deadline=2026-02-30", {"deadline"}),
        ("ids={a},{b}&warn_days=-1", {"warn_days"}),
        ("ids={a},{b}&cac_required=perhaps", {"cac_required"}),
        ("ids={a},{b}&required=iso27001,unicorn", {"required"}),
        ("ids={a},{b}&required=iso9001", {"required"}),
    ],
)
def test_bad_comparison_parameters_are_field_errors(api, catalogue, query, fields):
    a, b = Vendor.objects.order_by("pk")[:2]
    response = compare(api, query.format(a=a.pk, b=b.pk))
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields


def test_schema_documents_the_vendor_endpoints(api):
    paths = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    assert {"/api/v1/vendors/", "/api/v1/vendors/{id}/", "/api/v1/vendors/compare/"} <= set(paths)
