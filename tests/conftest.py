"""Shared fixtures: people and bodies made through the services, and a real Celery worker."""

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Role
from accounts.services import user_create
from orgs.services import body_create, cloud_create, engagement_grant

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Correct-Horse-Battery-42"
_seq = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "otp_unverified: the test client's login leaves the second factor unverified (to test the gate)"
    )


# --- Second factor (django-otp) -----------------------------------------------------------------
def otp_device_for(user):
    """The user's confirmed authenticator (TOTP device), created on first use."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def otp_code(device) -> str:
    """A code the device accepts now: the current time step, or the next one when the current
    step was already used (a device refuses a code twice; it tolerates one step of drift)."""
    from django_otp.oath import hotp

    device.refresh_from_db()
    step = int((time.time() - device.t0) // device.step) + device.drift
    step = max(step, device.last_t + 1)
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


@pytest.fixture(autouse=True)
def _test_client_login_completes_the_second_factor(request, monkeypatch):
    """The test client's `force_login` and `login` stand for a completed login, second factor
    included: for users who must verify one (accounts.otp.otp_required), the session also records
    a verification by their own device, exactly as the verify page does. The gate itself stays
    on for every request; tests marked `otp_unverified` get the plain login and meet the gate."""
    if request.node.get_closest_marker("otp_unverified"):
        return
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        from accounts.otp import otp_required

        if otp_required(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = otp_device_for(user).persistent_id
            session.save()

    monkeypatch.setattr(ClientMixin, "_login", _login)


@pytest.fixture
def make_body(db):
    def make(name=None, code="320100", level="city", parent=None):
        return body_create(name=name or f"测试单位{next(_seq)}", division_code=code, level=level, parent=parent)

    return make


@pytest.fixture
def make_cloud(db):
    def make(owner, name=None, **kwargs):
        values = {"kind": "comprehensive", "deployment_model": "dedicated", "cooperation_model": "service_purchase"}
        values.update(kwargs)
        return cloud_create(name=name or f"政务云{next(_seq)}", owner=owner, **values)

    return make


@pytest.fixture
def make_user(db):
    def make(role=Role.OFFICIAL, body=None, username=None, password=PASSWORD):
        return user_create(
            username=username or f"{role}-{next(_seq)}", password=password, role=role,
            body=body, full_name=f"{role} user",
        )

    return make


@pytest.fixture
def world(make_body, make_cloud, make_user):
    """Two bodies with a cloud each, and one user per role; the consultant is engaged by A."""
    body_a, body_b = make_body("甲市数据局", "320100"), make_body("乙市数据局", "320200")
    admin = make_user(Role.ADMINISTRATOR)
    consultant = make_user(Role.CONSULTANT)
    engagement_grant(consultant=consultant, body=body_a, granted_by=admin)
    return {
        "body_a": body_a, "body_b": body_b,
        "cloud_a": make_cloud(body_a, "甲市政务云"), "cloud_b": make_cloud(body_b, "乙市政务云"),
        "official_a": make_user(Role.OFFICIAL, body_a), "official_b": make_user(Role.OFFICIAL, body_b),
        "consultant": consultant, "reviewer": make_user(Role.REVIEWER), "admin": admin,
    }


def database_url_for_subprocess() -> str:
    """The URL of the *test* database, for a worker process started by the suite."""
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def spawn_worker(
    log_path: Path, *, name: str, concurrency: int = 2, queues: str = "", **env_overrides: str
) -> subprocess.Popen:
    """Start a real `celery worker` on this session's broker and queue; wait until it is ready.

    It runs in its own session (process group), so a test can kill it and its pool at once.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url_for_subprocess(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "GOVCLOUD_VAR_DIR": str(settings.VAR_DIR),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **env_overrides,
    }
    handle = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel=INFO",
         f"--concurrency={concurrency}", f"--hostname={name}-{os.getpid()}@%h", "-Q", queues or settings.CELERY_TASK_DEFAULT_QUEUE],
        cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_worker(proc)
            raise RuntimeError(f"Celery worker did not start:\n{log_path.read_text()}")
        time.sleep(0.2)
    return proc


def stop_worker(proc: subprocess.Popen, *, kill: bool = False) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL if kill else signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process on the configured broker, consuming this session's queue."""
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with django_db_blocker.unblock():
        proc = spawn_worker(log, name="test")
    yield {"process": proc, "log": log}
    stop_worker(proc)


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")
