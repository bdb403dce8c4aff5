"""Lockout after 5 failures for at least 5 minutes, per account and per address (django-axes);
the page says why in the user's language; every step is in the audit log."""

from datetime import timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from audit.models import AuditRecord
from tests.conftest import PASSWORD

LOCK_MESSAGE = "Too many failed logins. This account or address is locked for %(minutes)d minutes; try again later."


def fail(client, username, ip, n=1):
    for _ in range(n):
        client.post("/accounts/login/", {"username": username, "password": "not-it"}, REMOTE_ADDR=ip)


def login(client, username, ip, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_settings_lock_for_five_failures_and_at_least_five_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=5) <= settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AUTHENTICATION_BACKENDS[0] == "accounts.backends.LockoutBackend"


def test_account_is_locked_after_five_failures_even_from_other_addresses(client, world):
    user = world["official_a"]
    for i in range(5):
        fail(client, user.username, f"10.0.0.{i + 1}")
    response = login(client, user.username, "10.0.0.99")  # right password, fresh address
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from that fresh address is unaffected.
    assert login(client, world["official_b"].username, "10.0.0.99").status_code == 302


def test_address_is_locked_after_five_failures_across_accounts(client, world):
    for i in range(5):
        fail(client, f"someone-{i}", "10.9.9.9")
    assert login(client, world["official_a"].username, "10.9.9.9").status_code == 429
    assert login(client, world["official_a"].username, "10.9.9.10").status_code == 302


def test_four_failures_do_not_lock_and_success_resets(client, world):
    user = world["official_a"]
    fail(client, user.username, "10.0.1.1", n=4)
    assert login(client, user.username, "10.0.1.1").status_code == 302


def test_lockout_page_in_chinese_and_english_never_a_500(client, world):
    user = world["official_a"]
    fail(client, user.username, "10.0.2.1", n=5)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = login(client, user.username, "10.0.2.1")
    assert response.status_code == 429
    html = response.content.decode()
    with translation.override("zh-hans"):
        assert gettext(LOCK_MESSAGE) % {"minutes": minutes} in html
    assert '<html lang="zh-hans">' in html and 'data-testid="login-locked"' in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = login(client, user.username, "10.0.2.1")
    assert response.status_code == 429
    assert LOCK_MESSAGE % {"minutes": minutes} in response.content.decode()


def test_lockout_and_failures_are_audited(client, world):
    user = world["official_a"]
    fail(client, user.username, "10.0.3.1", n=5)
    login(client, user.username, "10.0.3.1")
    lockout = AuditRecord.objects.filter(event="lockout").order_by("-seq").first()
    assert lockout is not None and lockout.actor_username == user.username
    assert lockout.ip_address == "10.0.3.1" and lockout.result == "denied"
    assert AuditRecord.objects.filter(event="login_failed", actor_username=user.username).count() >= 5


def test_admin_login_is_locked_too(client, world):
    admin = world["admin"]
    for _ in range(5):
        client.post("/admin/login/", {"username": admin.username, "password": "nope"}, REMOTE_ADDR="10.0.4.1")
    response = client.post("/admin/login/", {"username": admin.username, "password": PASSWORD}, REMOTE_ADDR="10.0.4.1")
    assert response.status_code == 429


def test_lock_expires_after_the_cool_off(client, world):
    from axes.models import AccessAttempt

    user = world["official_a"]
    fail(client, user.username, "10.0.5.1", n=5)
    assert login(client, user.username, "10.0.5.1").status_code == 429
    # Let the cool-off pass: move the recorded failures back in time.
    past = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - past)
    assert login(client, user.username, "10.0.5.1").status_code == 302
