"""A dossier through the API and a real worker process on the real broker."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader
from rest_framework.test import APIClient

from documents.models import Document
from tests.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_dossier_is_requested_with_202_and_rendered_once_by_a_real_worker(world, closed, celery_worker_process):
    api = APIClient()
    api.force_authenticate(world["reviewer"])
    response = api.post(f"/api/v1/evaluations/{closed.pk}/dossier/", {"language": "zh-hans"}, format="json")
    assert response.status_code == 202
    document_id = response.json()["id"]
    assert api.post(f"/api/v1/evaluations/{closed.pk}/dossier/", {}, format="json").json()["id"] == document_id

    def finished():
        data = api.get(f"/api/v1/documents/{document_id}/").json()
        return data if data["status"] in ("done", "failed") else None

    done = wait_for(finished, timeout=90, interval=0.3)
    assert done["status"] == "done", done["error"]
    assert done["progress"] == 100 and done["download_url"] == f"/api/v1/documents/{document_id}/pdf/"
    pdf = api.get(done["download_url"])
    body = b"".join(pdf.streaming_content)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)
    assert "政务云服务评标" in text and closed.seal.sha256 in text
    document = Document.objects.get(pk=document_id)
    assert document.attempts == 1 and Document.objects.count() == 1
    folder = document.file.name.rsplit("/", 1)[0]
    mine = [f for f in default_storage.listdir(folder)[1] if f.startswith(document.key)]
    assert mine == [document.file.name.rsplit("/", 1)[-1]]  # one file for this key
