"""Size limits on every request body: a clean 413 (or 400) before anything is read, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.models import Evidence, FrameworkVersion
from assessment.services.assessments import assessment_create
from assessment.services.frameworks import framework_files_load, shipped_framework_files

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(world):
    """A draft assessment of body A's cloud on the shipped CAICT framework."""
    framework_files_load(paths=shipped_framework_files())
    framework = FrameworkVersion.objects.filter(slug="caict-gov-cloud").order_by("-version").first()
    return assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=framework)


def test_every_body_has_a_limit(settings):
    assert settings.REQUEST_MAX_BODY_BYTES >= settings.EVIDENCE_MAX_BYTES
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= settings.REQUEST_MAX_BODY_BYTES


def test_oversized_upload_gets_413_and_nothing_is_saved(client, world, draft, settings):
    settings.REQUEST_MAX_BODY_BYTES = 4096
    client.force_login(world["official_a"])
    big = SimpleUploadedFile("大文件.pdf", PDF + b"0" * 10_000, content_type="application/pdf")
    response = client.post(f"/assessments/{draft.pk}/evidence/",
                           {"indicator_code": "P1", "file": big, "refers_to": "2026-06-30", "back_dimension": "policy"})
    assert response.status_code == 413
    assert "MB" in response.content.decode()
    assert not Evidence.objects.exists()
    small = SimpleUploadedFile("小文件.pdf", PDF, content_type="application/pdf")
    client.post(f"/assessments/{draft.pk}/evidence/",
                {"indicator_code": "P1", "file": small, "refers_to": "2026-06-30", "back_dimension": "policy"})
    assert Evidence.objects.count() == 1


def test_oversized_api_upload_gets_413_in_the_api_format(client, world, draft, settings):
    settings.REQUEST_MAX_BODY_BYTES = 4096
    client.force_login(world["official_a"])
    big = SimpleUploadedFile("a.xlsx", b"PK\x03\x04" + b"0" * 10_000)
    response = client.post(f"/api/v1/assessments/{draft.pk}/excel/", {"file": big, "lock_version": 0})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_oversized_form_fields_get_400_not_500(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


def test_a_lying_content_length_is_refused(client, db, settings):
    settings.REQUEST_MAX_BODY_BYTES = 4096
    response = client.generic("POST", "/accounts/login/", b"a=b", content_type="application/x-www-form-urlencoded",
                              CONTENT_LENGTH="999999999")
    assert response.status_code == 413
