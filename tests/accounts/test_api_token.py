"""API tokens and the second factor: POST /api/v1/auth/token/ asks users who need one for a
one-time code (`otp_token`), and the token it then issues works; failures count for the lockout
like web logins; issues, failures and refusals are in the audit log."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import ApiTokenVerification, Role
from audit.models import AuditRecord
from tests.conftest import PASSWORD, otp_code, otp_device_for

URL = "/api/v1/auth/token/"
MISSING = ("Your account needs a second factor: enter the 6-digit code from your authenticator app, "
           "or one of your recovery codes.")
INVALID = "That code is not valid. Wait for a new code and try again."


def obtain(user, otp_token=None, *, password=PASSWORD, ip="10.7.0.1", **extra):
    data = {"username": user.username, "password": password}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return APIClient().post(URL, data, format="json", REMOTE_ADDR=ip, **extra)


def call_api(key):
    return APIClient().get("/api/v1/assessments/", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")


def refused(response) -> bool:
    """Refused at authentication (403: the session authenticator comes first, so no 401)."""
    return response.status_code in (401, 403) and response.json()["error"]["code"] == "authentication_failed"


def current_totp(device) -> str:
    """The code the authenticator app shows now (django_otp.oath.totp, as the device computes it)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:0{device.digits}d}"


def recovery_codes(user, n=3) -> list[str]:
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(n)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def clear_throttle(device) -> None:
    """A failed code throttles the device for a moment (django-otp); tests do not wait for it."""
    type(device).objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMINISTRATOR])
def test_without_a_code_a_reviewer_or_administrator_gets_a_field_error_in_their_language(make_user, role):
    user = make_user(role)
    otp_device_for(user)
    response = obtain(user)
    assert response.status_code == 400
    error = response.json()["error"]
    with translation.override("zh-hans"):
        assert error["fields"] == {"otp_token": [gettext(MISSING)]}
    english = obtain(user, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"]["fields"] == {"otp_token": [MISSING]}
    assert not Token.objects.filter(user=user).exists()


def test_the_chinese_message_is_a_translation():
    with translation.override("zh-hans"):
        assert gettext(MISSING) != MISSING and gettext(INVALID) != INVALID


def test_a_wrong_code_is_a_field_error_and_issues_nothing(world):
    reviewer = world["reviewer"]
    otp_device_for(reviewer)
    response = obtain(reviewer, "000000", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"otp_token": [INVALID]}
    assert not Token.objects.filter(user=reviewer).exists()


def test_a_reviewer_without_an_authenticator_is_told_to_set_one_up(world):
    response = obtain(world["reviewer"], "123456", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Set up an authenticator app" in response.json()["error"]["fields"]["otp_token"][0]


def test_with_a_valid_totp_code_the_token_works_on_the_api(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    response = obtain(reviewer, current_totp(device))
    assert response.status_code == 200, response.content
    key = response.json()["token"]
    assert ApiTokenVerification.objects.get(token_id=key).device_id == device.persistent_id
    api = call_api(key)
    assert api.status_code == 200, api.content
    # The same code again is refused (a TOTP step is accepted once).
    assert obtain(reviewer, current_totp(device)).status_code == 400


def test_the_token_is_kept_while_verified_and_ends_when_the_second_factor_is_reset(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    key = obtain(reviewer, otp_code(device)).json()["token"]
    assert obtain(reviewer, otp_code(device)).json()["token"] == key  # other clients keep working
    TOTPDevice.objects.filter(user=reviewer).delete()  # an administrator resets the second factor
    assert refused(call_api(key))


def test_a_token_issued_for_a_password_alone_is_refused_and_replaced(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    legacy = Token.objects.create(user=reviewer)  # issued before the code was asked for
    response = call_api(legacy.key)
    assert refused(response)
    assert "issued without your second factor" in response.json()["error"]["message"]
    record = AuditRecord.objects.filter(event="permission_denied", actor_id=reviewer.pk).get()
    assert record.result == "denied" and record.detail["reason"] == "second_factor_not_verified"
    assert record.detail["path"] == "/api/v1/assessments/"
    key = obtain(reviewer, otp_code(device)).json()["token"]
    assert key != legacy.key  # whoever knew the old key only had the password
    assert not Token.objects.filter(key=legacy.key).exists()
    assert refused(call_api(legacy.key))
    assert call_api(key).status_code == 200


def test_a_recovery_code_works_once(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    codes = recovery_codes(reviewer)
    response = obtain(reviewer, codes[0].upper())  # as typed: case and spaces do not matter
    assert response.status_code == 200, response.content
    assert call_api(response.json()["token"]).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    verified = AuditRecord.objects.filter(event="otp_verified", actor_id=reviewer.pk).get()
    assert verified.detail == {**verified.detail, "method": "recovery_code", "remaining": 2, "stage": "api_token"}
    again = obtain(reviewer, codes[0], HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 400 and again.json()["error"]["fields"] == {"otp_token": [INVALID]}
    clear_throttle(StaticDevice.objects.get(user=reviewer))
    assert obtain(reviewer, codes[1]).status_code == 200
    assert device.persistent_id != ApiTokenVerification.objects.get().device_id  # verified by the codes


def test_a_voluntarily_enrolled_official_must_give_a_code_too(world):
    official = world["official_a"]
    assert obtain(official).status_code == 200  # no need, no device: the password is enough
    device = otp_device_for(official)
    old_key = Token.objects.get(user=official).key
    assert refused(call_api(old_key))  # enrolled since: that token lacks the second factor
    assert obtain(official).status_code == 400
    key = obtain(official, otp_code(device)).json()["token"]
    assert call_api(key).status_code == 200


def test_users_without_a_second_factor_get_a_token_for_the_password(world):
    official, consultant = world["official_a"], world["consultant"]
    for user in (official, consultant):
        response = obtain(user)
        assert response.status_code == 200
        assert call_api(response.json()["token"]).status_code == 200
        assert obtain(user).json()["token"] == response.json()["token"]
    assert not ApiTokenVerification.objects.exists()


def test_wrong_password_is_refused_whatever_the_code(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    response = obtain(reviewer, current_totp(device), password="not-it", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["Unable to log in with provided credentials."]
    }
    device.refresh_from_db()
    assert device.last_t == -1  # the code was not even tried
    assert not Token.objects.exists()


def test_issue_failure_and_refusal_are_audited(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    obtain(reviewer, password="not-it", ip="10.7.1.1")
    obtain(reviewer, ip="10.7.1.1")
    obtain(reviewer, "000000", ip="10.7.1.1")
    clear_throttle(device)
    obtain(reviewer, otp_code(device), ip="10.7.1.1")
    rows = list(AuditRecord.objects.filter(detail__path=URL).order_by("seq").values_list("event", "result"))
    assert rows == [
        ("login_failed", "failure"),  # wrong password
        ("otp_failed", "failure"), ("login_failed", "failure"),  # no code
        ("otp_failed", "failure"), ("login_failed", "failure"),  # wrong code
        ("otp_verified", "success"), ("login", "success"),  # token issued
    ]
    failed = AuditRecord.objects.filter(event="otp_failed", actor_id=reviewer.pk).order_by("seq")
    assert [r.detail["reason"] for r in failed] == ["missing", "invalid"]
    issued = AuditRecord.objects.filter(event="login", actor_id=reviewer.pk).get()
    assert issued.detail["channel"] == "api_token" and issued.detail["second_factor"] == "totp"
    assert issued.ip_address == "10.7.1.1"
    assert all(r.actor_username == reviewer.username for r in AuditRecord.objects.filter(detail__path=URL))


def test_an_official_token_issue_is_audited(world):
    obtain(world["official_a"])
    issued = AuditRecord.objects.filter(event="login", actor_id=world["official_a"].pk).get()
    assert issued.detail["channel"] == "api_token" and issued.detail["second_factor"] is None


# --- lockout (django-axes), as for web logins ------------------------------------------------
def test_five_wrong_passwords_lock_the_account_even_with_a_valid_code(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    for i in range(5):
        assert obtain(reviewer, password="not-it", ip=f"10.8.0.{i + 1}").status_code in (400, 429)
    locked = obtain(reviewer, current_totp(device), ip="10.8.0.99", HTTP_ACCEPT_LANGUAGE="en")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert "Too many failed logins" in locked.json()["error"]["message"]
    assert not Token.objects.filter(user=reviewer).exists()
    assert AuditRecord.objects.filter(event="lockout", actor_username=reviewer.username).exists()
    # A web login of that account is locked as well: one counter for both.
    web = APIClient().post("/accounts/login/", {"username": reviewer.username, "password": PASSWORD},
                           REMOTE_ADDR="10.8.0.100")
    assert web.status_code == 429


def test_five_wrong_codes_lock_the_account(world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    for _ in range(5):
        obtain(reviewer, "000000", ip="10.8.1.1")
        clear_throttle(device)
    assert obtain(reviewer, otp_code(device), ip="10.8.1.2").status_code == 429
    assert not Token.objects.filter(user=reviewer).exists()


def test_web_login_failures_count_for_the_token_endpoint(world):
    official = world["official_a"]
    for _ in range(5):
        APIClient().post("/accounts/login/", {"username": official.username, "password": "nope"},
                         REMOTE_ADDR="10.8.2.1")
    assert obtain(official, ip="10.8.2.2").status_code == 429


def test_four_failures_do_not_lock_and_a_token_issued_resets_them(world):
    from axes.models import AccessAttempt

    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    for _ in range(4):
        obtain(reviewer, password="not-it", ip="10.8.3.1")
    assert AccessAttempt.objects.filter(username=reviewer.username).exists()
    assert obtain(reviewer, otp_code(device), ip="10.8.3.1").status_code == 200
    assert not AccessAttempt.objects.filter(username=reviewer.username).exists()
    for _ in range(4):
        obtain(reviewer, password="not-it", ip="10.8.3.1")
    assert obtain(reviewer, otp_code(device), ip="10.8.3.1").status_code == 200


def test_the_lock_is_the_configured_one():
    assert settings.AXES_FAILURE_LIMIT == 5


# --- schema -----------------------------------------------------------------------------------
def test_the_schema_documents_the_one_time_code(db):
    schema = APIClient().get(
        "/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    operation = schema["paths"][URL]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    component = schema["components"]["schemas"][ref]
    assert set(component["properties"]) == {"username", "password", "otp_token"}
    assert set(component["required"]) == {"username", "password"}
    assert "recovery codes" in component["properties"]["otp_token"]["description"]
    assert {"200", "400", "429"} <= set(operation["responses"])
    assert operation.get("security") in ([], [{}], None)


def test_a_token_expires_after_the_session_lifetime_and_a_new_one_is_issued(world, settings):
    official = world["official_a"]
    key = obtain(official).json()["token"]
    assert call_api(key).status_code == 200
    Token.objects.filter(key=key).update(created=Token.objects.get(key=key).created
                                         - timedelta(seconds=settings.API_TOKEN_LIFETIME))
    response = call_api(key)
    assert refused(response) and "expired" in response.json()["error"]["message"]
    fresh = obtain(official).json()["token"]
    assert fresh != key and call_api(fresh).status_code == 200


def test_an_expired_verified_token_is_replaced_against_a_new_code(world, settings):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    key = obtain(reviewer, otp_code(device)).json()["token"]
    Token.objects.filter(key=key).update(created=Token.objects.get(key=key).created
                                         - timedelta(seconds=settings.API_TOKEN_LIFETIME))
    assert refused(call_api(key))
    fresh = obtain(reviewer, otp_code(device)).json()["token"]
    assert fresh != key and call_api(fresh).status_code == 200
