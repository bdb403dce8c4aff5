"""Idle timeout (≤ 30 minutes), absolute lifetime, and logout that ends the server-side session."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session

from audit.models import AuditRecord
from core.sessions import LAST_SEEN_KEY, LOGIN_AT_KEY
from tests.conftest import PASSWORD


def age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"login": LOGIN_AT_KEY, "seen": LAST_SEEN_KEY}[key]] = now - ago
    session.save()


def test_idle_timeout_is_at_most_thirty_minutes():
    assert 0 < settings.SESSION_IDLE_TIMEOUT <= 1800
    assert settings.SESSION_COOKIE_AGE >= settings.SESSION_IDLE_TIMEOUT
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


def test_activity_within_the_idle_time_keeps_the_session(client, world):
    client.force_login(world["official_a"])
    age_session(client, seen=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5  # renewed
    assert client.get("/").status_code == 200


def test_idle_session_is_ended_on_the_server(client, world):
    client.force_login(world["official_a"])
    key = client.session.session_key
    age_session(client, seen=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get("/assessments/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Session.objects.filter(session_key=key).exists()
    record = AuditRecord.objects.filter(event="session_expired").get()
    assert record.actor_id == world["official_a"].pk and record.detail["reason"] == "idle"
    assert client.get("/api/v1/assessments/").status_code == 403


def test_absolute_lifetime_ends_even_an_active_session(client, world):
    client.force_login(world["official_a"])
    age_session(client, login=settings.SESSION_COOKIE_AGE + 1, seen=10)
    assert client.get("/").status_code == 302
    assert AuditRecord.objects.get(event="session_expired").detail["reason"] == "lifetime"


def test_login_starts_the_clock_and_logout_deletes_the_session(client, world):
    user = world["official_a"]
    client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    session = client.session
    assert session[LOGIN_AT_KEY] >= int(time.time()) - 5
    key = session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302
