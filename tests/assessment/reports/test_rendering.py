"""Reports rendered by the service (no worker): content, fonts, key, safety."""

import io
import threading

import pytest
from django.db import connection
from pypdf import PdfReader

from assessment.models import Report, ReportStatus
from assessment.reports.fetcher import FetchRefused, resolve_static
from assessment.services.reports import report_render, report_request
from assessment.services.responses import responses_save
from tests.assessment.conftest import CAICT_PAYLOAD


@pytest.fixture
def filled(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    assessment_a.refresh_from_db()
    return assessment_a


def pdf_of(report: Report) -> PdfReader:
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def test_rendered_pdf_embeds_its_fonts_and_contains_the_cloud_and_the_total(world, filled):
    report, created = report_request(actor=world["official_a"], assessment=filled)
    assert created and report.status == ReportStatus.QUEUED
    report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.progress == 100 and report.pages >= 6
    reader = pdf_of(report)
    fonts = []
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor:
                d = descriptor.get_object()
                fonts.append((str(font["/BaseFont"]), any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert any("+" in name for name, _ in fonts)  # subset prefix, e.g. ABCDEF+Noto-Sans-CJK-SC
    text = "".join(page.extract_text() for page in reader.pages)
    assert "甲市政务云" in text
    assert str(filled.total) in text
    compact = text.replace(" ", "")
    assert "草稿" in compact or "DRAFT" in compact


def test_asking_again_returns_the_same_report(world, filled):
    first, _ = report_request(actor=world["official_a"], assessment=filled)
    second, created = report_request(actor=world["official_a"], assessment=filled)
    assert second.pk == first.pk and not created
    english, created = report_request(actor=world["official_a"], assessment=filled, language="en")
    assert created and english.pk != first.pk


def test_rendering_twice_keeps_one_file(world, filled):
    report, _ = report_request(actor=world["official_a"], assessment=filled)
    report_render(report_id=report.pk)
    assert report_render(report_id=report.pk) is None  # already done: nothing happens
    report.refresh_from_db()
    from django.core.files.storage import default_storage

    _dirs, files = default_storage.listdir(f"reports/{report.assessment_id}")
    assert [f for f in files if f.startswith(report.key)] == [report.file.name.rsplit("/", 1)[-1]]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_make_one_report(world, filled):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL in CI")
    barrier, results = threading.Barrier(2), []

    def ask():
        from django.db import connection as thread_connection

        barrier.wait()
        results.append(report_request(actor=world["official_a"], assessment=filled)[0].pk)
        thread_connection.close()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and Report.objects.count() == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/x.css", "https://10.0.0.1/a.png",
                                 "static:../../config/settings/base.py", "static:/etc/passwd", "data:text/css,body{}"])
def test_the_pdf_fetcher_serves_nothing_but_static_files(url):
    with pytest.raises(FetchRefused):
        resolve_static(url)
    assert resolve_static("static:reports/report.css").name == "report.css"


def test_a_report_cannot_pull_files_from_outside(world, filled, tmp_path):
    from assessment.reports.render import html_to_pdf

    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    pdf = html_to_pdf(f'<p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">')
    assert b"0" * 100 not in pdf.content


def test_report_pages_and_api_follow_the_access_rule(client, world, filled):
    from rest_framework.test import APIClient

    report, _ = report_request(actor=world["official_a"], assessment=filled)
    report_render(report_id=report.pk)
    client.force_login(world["official_b"])
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/{report.pk}/pdf/").status_code == 404
    api = APIClient()
    api.force_authenticate(world["official_b"])
    assert api.get(f"/api/v1/reports/{report.pk}/pdf/").status_code == 404
    api.force_authenticate(world["official_a"])
    response = api.get(f"/api/v1/reports/{report.pk}/pdf/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_report_button_progress_page_and_download(client, world, filled, django_capture_on_commit_callbacks):
    client.force_login(world["official_a"])
    response = client.post(f"/assessments/{filled.pk}/reports/", {"language": "zh-hans"})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'data-status="queued"' in page and 'hx-trigger="every 1s"' in page
    report_render(report_id=report.pk)
    partial = client.get(f"/reports/{report.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="report-download"' in partial and "<html" not in partial
    pdf = client.get(f"/reports/{report.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"


def test_a_failed_report_shows_the_reason_and_can_be_retried(client, world, filled, monkeypatch):
    import assessment.services.reports as reports

    report, _ = report_request(actor=world["official_a"], assessment=filled)
    monkeypatch.setattr(reports, "report_html", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("template broke")))
    report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "template broke" in report.error
    client.force_login(world["official_a"])
    assert "template broke" in client.get(f"/reports/{report.pk}/").content.decode()
    client.post(f"/reports/{report.pk}/retry/")
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED and report.attempts == 0
