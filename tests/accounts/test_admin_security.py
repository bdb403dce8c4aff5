"""Administrators manage second factors and lockouts in the admin without seeing any secret;
resetting a device or lifting a lockout is audited."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditRecord
from tests.conftest import otp_device_for


def test_authenticators_are_listed_without_secrets_and_reset_is_audited(client, world):
    device = otp_device_for(world["reviewer"])
    client.force_login(world["admin"])
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200 and str(world["reviewer"]) in listing.content.decode()
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page
    for secret_view in (f"/admin/otp_totp/totpdevice/{device.pk}/config/", f"/admin/otp_totp/totpdevice/{device.pk}/qrcode/"):
        assert client.get(secret_view).status_code in (302, 404)  # no such view: not served
    assert client.get("/admin/otp_totp/totpdevice/999999/config/").status_code in (302, 404)
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.filter(pk=device.pk).exists()
    record = AuditRecord.objects.get(event="otp_reset")
    assert record.actor_id == world["admin"].pk and record.object_id == str(world["reviewer"].pk)


def test_lifting_a_lockout_is_audited(client, world):
    from axes.models import AccessAttempt

    for _ in range(5):
        client.post("/accounts/login/", {"username": world["official_a"].username, "password": "x"}, REMOTE_ADDR="10.7.7.7")
    attempt = AccessAttempt.objects.get(username=world["official_a"].username)
    client.force_login(world["admin"])
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert AuditRecord.objects.get(event="unlock").detail["username"] == world["official_a"].username


def test_other_roles_cannot_reach_these_pages(client, world):
    client.force_login(world["reviewer"])
    for path in ("/admin/otp_totp/totpdevice/", "/admin/axes/accessattempt/", "/admin/audit/auditrecord/"):
        assert client.get(path).status_code in (302, 403), path
