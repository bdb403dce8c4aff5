"""/api/v1/procurement/projects/: saved guidance, visible and creatable through the access rule."""

import pytest
from django.db import connection
from django.db.models.deletion import ProtectedError
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import Role
from procurement.models import ProcurementProject
from procurement.services.projects import procurement_project_create
from tests.procurement.conftest import base_facts

URL = "/api/v1/procurement/projects/"


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def create(client, body, title="政务云扩容", language="en", **facts):
    return client.post(
        URL, {"title": title, "body": body.pk, "facts": base_facts(**facts)},
        format="json", HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.fixture
def saved(loaded_rules, world):
    """One project per body, made through the service."""
    a = procurement_project_create(
        user=world["official_a"], body=world["body_a"], title="甲项目", facts=base_facts()
    )
    b = procurement_project_create(
        user=world["official_b"], body=world["body_b"], title="乙项目",
        facts=base_facts(buyer_type="state_owned_enterprise"),
    )
    return {"a": a, "b": b}


def test_official_saves_guidance_for_own_body(loaded_rules, world):
    response = create(client_for(world["official_a"]), world["body_a"], limited_supplier_pool=True)
    assert response.status_code == 201, response.json()
    data = response.json()
    project = ProcurementProject.objects.get(pk=data["id"])
    assert (project.body, project.created_by, project.rule_set) == (
        world["body_a"], world["official_a"], loaded_rules[0])
    assert project.recommended_method == "public_tender" and project.law_applies is True
    assert str(project.amount) == "2500000.00" and project.category == "services"
    assert project.facts["limited_supplier_pool"] is True
    assert "facts" not in project.result and "text" not in str(project.result)  # language-neutral
    assert data["result"]["rules"]["id"] == loaded_rules[0].pk
    assert data["result"]["verdicts"][1]["reasons"][0]["text"].startswith("The item is special")


def test_official_cannot_create_for_another_body(loaded_rules, world):
    response = create(client_for(world["official_a"]), world["body_b"])
    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    assert ProcurementProject.objects.count() == 0


def test_consultant_creates_for_engaged_bodies_only(loaded_rules, world):
    consultant = client_for(world["consultant"])
    assert create(consultant, world["body_a"]).status_code == 201
    assert create(consultant, world["body_b"]).status_code == 403
    assert ProcurementProject.objects.count() == 1


def test_reviewer_reads_but_does_not_create(saved, world):
    reviewer = client_for(world["reviewer"])
    assert create(reviewer, world["body_a"]).status_code == 403
    assert reviewer.get(URL).json()["count"] == 2


def test_administrator_sees_all_and_may_create_for_any_body(saved, world):
    admin = client_for(world["admin"])
    assert admin.get(URL).json()["count"] == 2
    assert create(admin, world["body_b"]).status_code == 201


def test_impossible_facts_on_create_are_field_errors_and_nothing_is_saved(loaded_rules, world):
    response = create(client_for(world["official_a"]), world["body_a"], amount="-3")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"facts.amount": ["The amount cannot be negative."]}
    response = create(client_for(world["official_a"]), world["body_a"], date="2001-01-01")
    assert list(response.json()["error"]["fields"]) == ["facts.date"]
    assert ProcurementProject.objects.count() == 0


def test_bad_title_body_and_unknown_keys_are_field_errors(loaded_rules, world):
    client = client_for(world["official_a"])
    response = client.post(
        URL, {"title": "", "body": 999999, "facts": base_facts(), "colour": 1}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"colour"}
    response = client.post(URL, {"title": "", "body": 999999, "facts": base_facts()}, format="json")
    assert set(response.json()["error"]["fields"]) == {"title", "body"}
    assert ProcurementProject.objects.count() == 0


def test_list_and_retrieve_follow_the_access_rule(saved, world):
    official_a = client_for(world["official_a"])
    listing = official_a.get(URL).json()
    assert [p["title"] for p in listing["results"]] == ["甲项目"]
    assert official_a.get(f"{URL}{saved['a'].pk}/").status_code == 200
    assert official_a.get(f"{URL}{saved['b'].pk}/").status_code == 404
    assert official_a.get(f"{URL}abc/").status_code == 404
    consultant = client_for(world["consultant"])
    assert [p["title"] for p in consultant.get(URL).json()["results"]] == ["甲项目"]
    assert consultant.get(f"{URL}{saved['b'].pk}/").status_code == 404


def test_list_filters(saved, world):
    admin = client_for(world["admin"])
    titles = lambda q: [p["title"] for p in admin.get(URL, q).json()["results"]]  # noqa: E731
    assert titles({"body": world["body_b"].pk}) == ["乙项目"]
    assert titles({"law_applies": "false"}) == ["乙项目"]
    assert titles({"recommended_method": "public_tender"}) == ["甲项目"]
    assert titles({"search": "甲"}) == ["甲项目"]
    assert titles({"category": "goods"}) == []
    assert titles({"date_from": "2025-06-03"}) == []
    bad = admin.get(URL, {"recommended_method": "bribery", "date_from": "soon"})
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"recommended_method", "date_from"}


def test_retrieve_renders_stored_messages_in_the_request_language(saved, world):
    client = client_for(world["official_a"])
    data = client.get(f"{URL}{saved['a'].pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["result"]["applicability"]["reasons"][0]["text"].startswith("The buyer (state organ)")
    assert data["facts"]["amount"] == "2500000"


def test_list_runs_a_constant_number_of_queries(loaded_rules, world, make_user):
    admin = client_for(world["admin"])

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert admin.get(URL).status_code == 200
        return len(ctx.captured_queries)

    consultant = world["consultant"]
    procurement_project_create(user=consultant, body=world["body_a"], title="1", facts=base_facts())
    few = count_queries()
    for i in range(6):
        author = make_user(Role.OFFICIAL, world["body_b"])
        procurement_project_create(user=author, body=world["body_b"], title=f"p{i}", facts=base_facts())
    assert count_queries() == few


def test_a_rule_set_version_in_use_cannot_be_deleted(saved, loaded_rules):
    with pytest.raises(ProtectedError):
        loaded_rules[0].delete()


def test_schema_documents_the_endpoints_and_the_facts(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json", HTTP_ACCEPT_LANGUAGE="en")
    schema = response.json()
    assert "/api/v1/procurement/guidance/" in schema["paths"]
    assert "/api/v1/procurement/projects/{id}/" in schema["paths"]
    facts = schema["components"]["schemas"]["FactsInputRequest"]["properties"]
    assert {"date", "amount", "addon", "approvals_obtained", "preferences"} <= set(facts)
    assert "Amount of this purchase" in facts["amount"]["description"]
