"""TOTP second factor: required for reviewers and administrators (the Django admin too),
available to everyone, with one-time recovery codes; the QR code is drawn on the server."""

import base64
import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from audit.models import AuditRecord
from tests.conftest import PASSWORD, otp_code, otp_device_for

pytestmark = pytest.mark.otp_unverified  # plain force_login: the gate is what we test


def password_login(client, user):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMINISTRATOR])
def test_reviewers_and_administrators_are_held_at_the_second_factor(client, make_user, role):
    user = make_user(role)
    otp_device_for(user)
    client.force_login(user)
    for path in ("/", "/assessments/", "/assessments/review-queue/", "/admin/", "/vendors/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/verify/"), path
    api = client.get("/api/v1/assessments/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"
    htmx = client.get("/assessments/", HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"].startswith("/accounts/otp/verify/")


def test_without_a_device_they_are_sent_to_enrol(client, make_user):
    reviewer = make_user(Role.REVIEWER)
    client.force_login(reviewer)
    assert client.get("/").headers["Location"].startswith("/accounts/otp/setup/")


def test_officials_and_consultants_need_no_second_factor_until_they_enrol(client, world):
    client.force_login(world["official_a"])
    assert client.get("/").status_code == 200
    client.force_login(world["consultant"])
    assert client.get("/").status_code == 200


def test_full_login_with_totp(client, world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    response = password_login(client, reviewer)
    response = client.get(response["Location"])
    assert response["Location"].startswith("/accounts/otp/verify/")
    page = client.get("/accounts/otp/verify/?next=/assessments/review-queue/")
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    bad = client.post("/accounts/otp/verify/", {"token": "000000", "next": "/assessments/review-queue/"})
    assert bad.status_code == 200 and 'class="error"' in bad.content.decode()
    assert AuditRecord.objects.filter(event="otp_failed", actor_id=reviewer.pk).exists()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the failed attempt above throttles the next one
    device.throttling_failure_timestamp = None
    device.save()
    session_before = client.session.session_key
    ok = client.post("/accounts/otp/verify/", {"token": otp_code(device), "next": "/assessments/review-queue/"})
    assert ok.status_code == 302 and ok["Location"] == "/assessments/review-queue/"
    assert client.session.session_key != session_before  # new key on the step up
    assert client.get("/assessments/review-queue/").status_code == 200
    assert client.get("/admin/").status_code == 302 or client.get("/admin/").status_code == 200
    assert AuditRecord.objects.filter(event="otp_verified", actor_id=reviewer.pk).exists()


def test_a_code_is_accepted_once(client, world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    code = otp_code(device)
    password_login(client, reviewer)
    assert client.post("/accounts/otp/verify/", {"token": code})["Location"] == "/"
    client.post("/accounts/logout/")
    password_login(client, reviewer)
    replay = client.post("/accounts/otp/verify/", {"token": code})
    assert replay.status_code == 200  # refused: shown the form again


def test_administrator_reaches_the_django_admin_only_after_verifying(client, world):
    admin = world["admin"]
    device = otp_device_for(admin)
    password_login(client, admin)
    assert client.get("/admin/").headers["Location"].startswith("/accounts/otp/verify/")
    client.post("/accounts/otp/verify/", {"token": otp_code(device)})
    assert client.get("/admin/").status_code == 200


def test_enrolment_shows_a_server_drawn_qr_and_issues_recovery_codes_once(client, world):
    reviewer = world["reviewer"]
    password_login(client, reviewer)
    page = client.get("/accounts/otp/setup/")
    html = page.content.decode()
    assert page.status_code == 200
    match = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    svg = base64.b64decode(match.group(1)).decode()
    assert "<svg" in svg and "<path" in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert client.post("/accounts/otp/setup/", {"token": "123456"}).status_code == 200  # wrong code
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/accounts/otp/setup/", {"token": otp_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200  # verified by enrolling
    assert AuditRecord.objects.filter(event="otp_enrolled", actor_id=reviewer.pk).exists()
    # Codes are stored on the server only as the static device's tokens; never shown again.
    assert StaticToken.objects.filter(device__user=reviewer).count() == 10
    assert codes[0] not in client.get("/accounts/security/").content.decode()


def test_a_recovery_code_works_once(client, world):
    reviewer = world["reviewer"]
    device = otp_device_for(reviewer)
    password_login(client, reviewer)
    client.post("/accounts/otp/verify/", {"token": otp_code(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>",
                       client.post("/accounts/otp/recovery-codes/").content.decode())
    assert len(codes) == 10
    client.post("/accounts/logout/")
    password_login(client, reviewer)
    assert client.post("/accounts/otp/verify/", {"token": codes[0]})["Location"] == "/"
    record = AuditRecord.objects.filter(event="otp_verified", actor_id=reviewer.pk).order_by("-seq").first()
    assert record.detail["method"] == "recovery_code" and record.detail["remaining"] == 9
    client.post("/accounts/logout/")
    password_login(client, reviewer)
    assert client.post("/accounts/otp/verify/", {"token": codes[0]}).status_code == 200  # used up


def test_a_password_alone_cannot_replace_an_enrolled_authenticator(client, world):
    reviewer = world["reviewer"]
    otp_device_for(reviewer)
    password_login(client, reviewer)
    response = client.get("/accounts/otp/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/verify/")
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=False).exists()
    assert client.post("/accounts/otp/recovery-codes/").status_code == 302


def test_officials_may_enrol_and_are_then_asked_at_login(client, world):
    official = world["official_a"]
    password_login(client, official)
    assert client.get("/accounts/security/").status_code == 200
    client.get("/accounts/otp/setup/")
    device = TOTPDevice.objects.get(user=official)
    client.post("/accounts/otp/setup/", {"token": otp_code(device)})
    client.post("/accounts/logout/")
    password_login(client, official)
    assert client.get("/").headers["Location"].startswith("/accounts/otp/verify/")


def test_the_fixture_completes_the_second_factor_with_a_real_device(client, world, request):
    """Outside this module, client.force_login(reviewer) verifies with the reviewer's own
    device — here we do the same by hand and get the same result."""
    from django_otp import DEVICE_ID_SESSION_KEY

    reviewer = world["reviewer"]
    client.force_login(reviewer)
    assert client.get("/").status_code == 302
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = otp_device_for(world["official_a"]).persistent_id  # someone else's
    session.save()
    assert client.get("/").status_code == 302  # a device of another user does not count
    session[DEVICE_ID_SESSION_KEY] = otp_device_for(reviewer).persistent_id
    session.save()
    assert client.get("/").status_code == 200


def test_a_token_cannot_bypass_the_second_factor(world):
    """A password alone gets no token for those who need a second factor, and a token made for
    a password alone (before the code was asked for) is refused; tests/accounts/test_api_token.py
    covers the code itself."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    api = APIClient()
    for user, allowed in ((world["official_a"], True), (world["reviewer"], False), (world["admin"], False)):
        if not allowed:
            otp_device_for(user)
        response = api.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json")
        if allowed:
            assert response.status_code == 200
            key = response.json()["token"]
        else:
            assert response.status_code == 400 and set(response.json()["error"]["fields"]) == {"otp_token"}
            key = Token.objects.create(user=user).key
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        response = api.get("/api/v1/assessments/")
        assert (response.status_code == 200) is allowed, (user.role, response.content)
        api.credentials()
