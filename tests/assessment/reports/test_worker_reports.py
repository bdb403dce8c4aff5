"""Reports through a real worker process and a real broker, including a worker killed mid-render."""

import io
import os

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader
from rest_framework.test import APIClient

from assessment.models import Report, ReportStatus
from assessment.services.responses import responses_save
from tests.assessment.conftest import CAICT_PAYLOAD
from tests.conftest import spawn_worker, stop_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filled(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    assessment_a.refresh_from_db()
    return assessment_a


def poll(api: APIClient, report_id: int, *, until: str = ReportStatus.DONE, timeout: float = 90) -> dict:
    def state():
        data = api.get(f"/api/v1/reports/{report_id}/").json()
        return data if data["status"] == until else None

    return wait_for(state, timeout=timeout, interval=0.3)


def test_request_answers_202_and_a_real_worker_renders_the_pdf(world, filled, celery_worker_process):
    api = APIClient()
    api.force_authenticate(world["official_a"])
    response = api.post(f"/api/v1/assessments/{filled.pk}/reports/", {"language": "zh-hans"}, format="json")
    assert response.status_code == 202
    report_id = response.json()["id"]
    again = api.post(f"/api/v1/assessments/{filled.pk}/reports/", {"language": "zh-hans"}, format="json")
    assert again.json()["id"] == report_id
    done = poll(api, report_id)
    assert done["progress"] == 100 and done["download_url"] == f"/api/v1/reports/{report_id}/pdf/"
    pdf = api.get(done["download_url"])
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF") and "甲市政务云" in PdfReader(io.BytesIO(body)).pages[0].extract_text()


def test_a_worker_killed_mid_render_still_ends_done_once_with_one_file(world, filled, settings, tmp_path):
    """SIGKILL the worker while it renders; a new worker (or the next poll) finishes the job."""
    settings.REPORTS_QUEUE = f"kill-{os.getpid()}"
    slow = spawn_worker(
        tmp_path / "slow.log", name="slow", concurrency=1, queues=settings.REPORTS_QUEUE,
        REPORTS_STAGE_DELAY_SECONDS="2", REPORTS_LEASE_SECONDS="3",
    )
    try:
        api = APIClient()
        api.force_authenticate(world["official_a"])
        report_id = api.post(f"/api/v1/assessments/{filled.pk}/reports/", {}, format="json").json()["id"]
        wait_for(lambda: Report.objects.filter(pk=report_id, status=ReportStatus.RENDERING).exists(), timeout=60)
        stop_worker(slow, kill=True)  # SIGKILL to the worker and its pool: no goodbye, no ack
    finally:
        stop_worker(slow, kill=True)
    assert Report.objects.get(pk=report_id).status == ReportStatus.RENDERING
    fresh = spawn_worker(tmp_path / "fresh.log", name="fresh", queues=settings.REPORTS_QUEUE, REPORTS_LEASE_SECONDS="3")
    try:
        done = poll(api, report_id, timeout=120)
    finally:
        stop_worker(fresh)
    report = Report.objects.get(pk=report_id)
    assert done["status"] == "done" and report.attempts == 2
    assert Report.objects.filter(assessment=filled).count() == 1
    _dirs, files = default_storage.listdir(f"reports/{filled.pk}")
    assert files == [report.file.name.rsplit("/", 1)[-1]]
