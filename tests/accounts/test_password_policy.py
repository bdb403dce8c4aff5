"""Password policy in the service layer: length, common list, character classes, not the
current one; maximum age forces a change at the next login."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role, User
from accounts.password_policy import character_classes, password_expired
from accounts.services import user_create, user_set_password
from audit.models import AuditRecord
from tests.conftest import PASSWORD


@pytest.mark.parametrize("password", [
    "Short-1a",                  # too short
    "password1234",              # common
    "alllowercaseletters",       # one class
    "lowercaseanddigits123",     # two classes
    "84736251948372615",         # numeric
])
def test_user_create_refuses_weak_passwords_with_a_field_error(make_body, password):
    with pytest.raises(ValidationError) as err:
        user_create(username="o1", password=password, role=Role.OFFICIAL, body=make_body())
    assert "password" in err.value.message_dict
    assert not User.objects.filter(username="o1").exists()


def test_three_classes_pass_and_cjk_counts_as_other(make_body):
    assert character_classes("政务云abcDEF") == {"other", "lower", "upper"}
    user = user_create(username="o2", password="政务云评估Abcdefgh", role=Role.OFFICIAL, body=make_body())
    assert user.check_password("政务云评估Abcdefgh")


def test_complexity_is_configurable(make_body, settings):
    settings.PASSWORD_MIN_CHARACTER_CLASSES = 4
    with pytest.raises(ValidationError):
        user_create(username="o3", password="NoSymbolsHere1234", role=Role.OFFICIAL, body=make_body())
    settings.PASSWORD_MIN_CHARACTER_CLASSES = 2
    user_create(username="o3", password="nosymbolshere1234x", role=Role.OFFICIAL, body=make_body())


def test_set_password_checks_policy_current_password_and_records_it(make_user):
    user = make_user(Role.CONSULTANT)
    with pytest.raises(ValidationError) as err:
        user_set_password(user=user, password="Another-Strong-Pass-9", current_password="wrong")
    assert "old_password" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        user_set_password(user=user, password="weakweakweak", current_password=PASSWORD)
    assert "password" in err.value.message_dict
    with pytest.raises(ValidationError):
        user_set_password(user=user, password=PASSWORD, current_password=PASSWORD)  # not the same again
    before = User.objects.get(pk=user.pk).password_changed_at
    user_set_password(user=user, password="Another-Strong-Pass-9", current_password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password("Another-Strong-Pass-9") and user.password_changed_at > before
    assert AuditRecord.objects.filter(event="password_change", object_id=str(user.pk)).exists()


def test_password_expires_after_the_maximum_age(make_user, settings):
    user = make_user(Role.CONSULTANT)
    settings.PASSWORD_MAX_AGE_DAYS = 90
    assert not password_expired(user)
    assert password_expired(user, now=timezone.now() + timedelta(days=91))
    settings.PASSWORD_MAX_AGE_DAYS = 0
    assert not password_expired(user, now=timezone.now() + timedelta(days=10_000))


def test_expired_password_forces_a_change_at_next_login(client, make_user, settings):
    user = make_user(Role.CONSULTANT)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=settings.PASSWORD_MAX_AGE_DAYS + 1))
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/password/change/")
    assert client.get("/assessments/").status_code == 302
    api = client.get("/api/v1/assessments/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "password_expired"
    response = client.post("/accounts/password/change/?next=/assessments/", {
        "old_password": PASSWORD, "new_password1": "Fresh-Password-2026", "new_password2": "Fresh-Password-2026",
        "next": "/assessments/",
    })
    assert response.status_code == 302 and response["Location"] == "/assessments/"
    assert client.get("/assessments/").status_code == 200  # still signed in, no longer diverted


def test_password_change_page_shows_field_errors_and_changes_nothing(client, make_user):
    user = make_user(Role.CONSULTANT)
    client.force_login(user)
    response = client.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_argon2_hashes_outside_the_test_settings(db):
    from django.contrib.auth.hashers import make_password

    from config.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("Correct-Horse-Battery-42").startswith("argon2$")
