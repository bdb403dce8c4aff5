"""The app keeps serving when the message broker is down, and reports recover when it is back.

The web side's Celery app is pointed at a closed port (nothing listens on 127.0.0.1:1) for the
duration of a test, while the real worker stays on the real broker. Requesting a report still
answers at once (302 / 202), the report waits as "queued" with a clear message, the other pages
work, and once the broker is back `reports_requeue_stale` sends it and the worker renders it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from kombu import pools as kombu_pools
from rest_framework.test import APIClient

from assessment.models import Report, ReportStatus
from assessment.services.reports import report_enqueue, reports_requeue_stale
from assessment.services.responses import responses_save
from config.celery import app as celery_app
from tests.assessment.conftest import CAICT_PAYLOAD
from tests.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True)]

DEAD_BROKER = "redis://127.0.0.1:1/0"


@contextmanager
def broker_at(url: str):
    """Point this process's Celery app at `url` for sending (connection and producer pools
    rebuilt). CELERY_BROKER_WRITE_URL is the one knob Celery reads before its configuration,
    so this works whatever CELERY_BROKER_URL the suite runs with."""
    saved = os.environ.get("CELERY_BROKER_WRITE_URL")

    def reset_pools():
        kombu_pools.reset()  # kombu's global pools are keyed by URL: start from none
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    reset_pools()
    os.environ["CELERY_BROKER_WRITE_URL"] = url
    try:
        assert celery_app.connection_for_write().as_uri().startswith(url.split("/0")[0])
        yield
    finally:
        reset_pools()
        if saved is None:
            os.environ.pop("CELERY_BROKER_WRITE_URL", None)
        else:
            os.environ["CELERY_BROKER_WRITE_URL"] = saved


@pytest.fixture
def filled(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    assessment_a.refresh_from_db()
    return assessment_a


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_with_the_broker_down_reports_wait_queued_and_everything_else_works(client, world, filled):
    client.force_login(world["official_a"])
    api = APIClient()
    api.force_authenticate(world["official_a"])
    with broker_at(DEAD_BROKER):
        response = client.post(f"/assessments/{filled.pk}/reports/", {"language": "zh-hans"})
        assert response.status_code == 302 and response["Location"].startswith("/reports/")
        report = Report.objects.get(assessment=filled, language="zh-hans")
        assert report.status == ReportStatus.QUEUED and report.error  # the waiting message

        page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert page.status_code == 200 and report.error in page.content.decode()

        api_response = api.post(f"/api/v1/assessments/{filled.pk}/reports/", {"language": "en"}, format="json")
        assert api_response.status_code == 202 and api_response.json()["status"] == ReportStatus.QUEUED
        assert api.get(f"/api/v1/reports/{api_response.json()['id']}/").json()["error"]

        for path in ("/", "/assessments/", f"/assessments/{filled.pk}/", f"/assessments/{filled.pk}/fill/policy/",
                     f"/assessments/{filled.pk}/history/", "/vendors/", "/procurement/guidance/", "/health/"):
            assert client.get(path).status_code == 200, path
        assert api.get(f"/api/v1/assessments/{filled.pk}/score/").status_code == 200
        saved = client.post(f"/assessments/{filled.pk}/fill/policy/", {
            "lock_version": filled.lock_version, "P1__present": "1", "P1__numerator": "19", "P1__denominator": "20"})
        assert saved.status_code == 302  # saving answers needs no broker

        # A poll while the broker is still down neither fails nor loses the report.
        assert reports_requeue_stale() == 0 or Report.objects.filter(status=ReportStatus.QUEUED).count() == 2
    assert Report.objects.filter(status=ReportStatus.QUEUED).count() == 2


@pytest.mark.worker
def test_when_the_broker_is_back_a_waiting_report_is_sent_and_rendered(world, filled, settings, celery_worker_process):
    api = APIClient()
    api.force_authenticate(world["official_a"])
    with broker_at(DEAD_BROKER):
        response = api.post(f"/api/v1/assessments/{filled.pk}/reports/", {"language": "zh-hans"}, format="json")
    report_id = response.json()["id"]
    assert Report.objects.get(pk=report_id).status == ReportStatus.QUEUED
    time.sleep(1.5)  # nothing is coming: no message reached any broker
    assert Report.objects.get(pk=report_id).status == ReportStatus.QUEUED

    settings.REPORTS_QUEUED_RESEND_SECONDS = 0  # "lost" at once, instead of after 10 minutes
    assert reports_requeue_stale() >= 1
    done = wait_for(lambda: Report.objects.filter(pk=report_id, status=ReportStatus.DONE).first(), timeout=120)
    assert done.error == "" and done.size > 0


def _report(world, assessment, key: str) -> Report:
    return Report.objects.create(
        assessment=assessment, revision=assessment.revision, framework=assessment.framework,
        template_version="t", language="en", content_version=key, key=key, requested_by=world["official_a"],
    )


def test_a_refused_broker_costs_a_report_request_under_two_seconds(world, filled):
    report = _report(world, filled, "refused-broker")
    with broker_at(DEAD_BROKER):
        sent, seconds = _timed(lambda: report_enqueue(report_id=report.pk))
    assert sent is False
    assert seconds < 2, f"report_enqueue took {seconds:.1f}s to give up on a refused port"


@pytest.fixture
def silent_broker():
    """A port that accepts connections (the kernel's backlog) but never answers: a broker host
    that hangs, as a firewall dropping replies or a stuck Redis would. Closing it at the end
    releases any client still waiting on it."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


def test_a_hanging_broker_costs_a_report_request_seconds_not_forever(world, filled, silent_broker):
    report = _report(world, filled, "silent-broker")
    outcome: dict[str, object] = {}

    def send():
        outcome["sent"] = report_enqueue(report_id=report.pk)

    with broker_at(silent_broker):
        worker = threading.Thread(target=send, daemon=True)
        started = time.monotonic()
        worker.start()
        worker.join(timeout=12)
        seconds = time.monotonic() - started
    assert not worker.is_alive(), f"report_enqueue still blocked after {seconds:.0f}s"
    assert outcome["sent"] is False
