"""Assigning consultants: only a consultant the assessment's body engages, refused with an error
on the consultant field in the user's language — the same from the service, the page and the API."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.test import APIClient

from accounts.models import Role
from assessment.models import HistoryKind
from assessment.services.assessments import assessment_assign
from orgs.services import engagement_grant, engagement_revoke

NOT_ENGAGED = (
    "%(consultant)s is not engaged by %(body)s. The body must engage a consultant before they "
    "can be assigned to its assessments."
)


def expected(consultant, body, language: str) -> str:
    with translation.override(language):
        return gettext(NOT_ENGAGED) % {"consultant": consultant, "body": body}


@pytest.fixture
def outsider(world, make_user):
    """A consultant engaged by body B only: not by the assessment's body A."""
    consultant = make_user(Role.CONSULTANT)
    engagement_grant(consultant=consultant, body=world["body_b"], granted_by=world["admin"])
    return consultant


def test_the_message_is_translated():
    with translation.override("zh-hans"):
        assert gettext(NOT_ENGAGED) != NOT_ENGAGED


def test_service_refuses_a_consultant_the_body_does_not_engage(world, assessment_a, outsider):
    with pytest.raises(ValidationError) as exc:
        assessment_assign(actor=world["reviewer"], assessment=assessment_a, consultant=outsider)
    assert set(exc.value.message_dict) == {"consultant"}
    assert not assessment_a.assignments.exists()
    assert not assessment_a.history.filter(kind=HistoryKind.ASSIGNMENT).exists()


def test_service_assigns_an_engaged_consultant(world, assessment_a):
    assessment_assign(actor=world["reviewer"], assessment=assessment_a, consultant=world["consultant"])
    assert assessment_a.assignments.filter(consultant=world["consultant"]).exists()


def test_a_revoked_engagement_does_not_count(world, assessment_a):
    engagement = world["consultant"].engagements.get(body=world["body_a"])
    engagement_revoke(engagement=engagement)
    with pytest.raises(ValidationError):
        assessment_assign(actor=world["admin"], assessment=assessment_a, consultant=world["consultant"])
    assert not assessment_a.assignments.exists()


def test_page_shows_the_error_in_the_users_language(client, world, assessment_a, outsider):
    client.force_login(world["reviewer"])
    url = f"/assessments/{assessment_a.pk}/assign/"
    response = client.post(url, {"consultant": outsider.pk})
    assert response.status_code == 302 and response["Location"] == f"/assessments/{assessment_a.pk}/"
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        expected(outsider, world["body_a"], "zh-hans")
    ]
    page = client.get(response["Location"]).content.decode()  # shown once, on the page it returns to
    assert expected(outsider, world["body_a"], "zh-hans") in page.replace("&#x27;", "'")
    client.cookies["django_language"] = "en"
    english = client.post(url, {"consultant": outsider.pk}, follow=True).content.decode()
    assert expected(outsider, world["body_a"], "en") in english
    assert not assessment_a.assignments.exists()


def test_api_refuses_with_a_field_error_in_the_users_language(world, assessment_a, outsider):
    api = APIClient()
    api.force_authenticate(world["reviewer"])
    url = f"/api/v1/assessments/{assessment_a.pk}/assignments/"
    for language in ("zh-hans", "en"):
        response = api.post(url, {"consultant": outsider.pk}, format="json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        assert response.json()["error"]["fields"] == {"consultant": [expected(outsider, world["body_a"], language)]}
    assert not assessment_a.assignments.exists()
    assert api.post(url, {"consultant": world["consultant"].pk}, format="json").status_code == 200
    assert assessment_a.assignments.filter(consultant=world["consultant"]).exists()


def test_api_and_page_say_the_same_for_an_unknown_consultant(client, world, assessment_a):
    api = APIClient()
    api.force_authenticate(world["reviewer"])
    response = api.post(f"/api/v1/assessments/{assessment_a.pk}/assignments/", {"consultant": world["official_a"].pk},
                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["fields"] == {"consultant": ["Choose an active consultant."]}
    client.force_login(world["reviewer"])
    client.cookies["django_language"] = "en"
    page = client.post(f"/assessments/{assessment_a.pk}/assign/", {"consultant": world["official_a"].pk}, follow=True)
    assert "Choose an active consultant." in page.content.decode()


def test_the_page_offers_only_consultants_the_body_engages(client, world, assessment_a, outsider):
    client.force_login(world["reviewer"])
    page = client.get(f"/assessments/{assessment_a.pk}/")
    offered = {c.pk for c in page.context["consultants"]}
    assert world["consultant"].pk in offered  # engaged by body A
    assert outsider.pk not in offered
