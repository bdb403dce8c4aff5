"""Buttons, progress page with htmx polling, downloads, retry; the API; access everywhere."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from documents.kinds.comparison import ComparisonParams
from documents.models import Document, DocumentKind
from documents.services import document_render, document_request

MEMO, DOSSIER, COMPARISON = DocumentKind.PROCUREMENT_MEMO, DocumentKind.EVALUATION_DOSSIER, DocumentKind.VENDOR_COMPARISON


def api_as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def done(document: Document) -> Document:
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "done", document.error
    return document


def test_the_pages_carry_the_pdf_buttons(client, world, project_a, closed, scored, vendors):
    client.force_login(world["official_a"])
    page = client.get(f"/procurement/projects/{project_a.pk}/").content.decode()
    assert 'data-testid="request-memo"' in page and f'action="/documents/procurement/{project_a.pk}/memo/"' in page
    page = client.get(f"/evaluations/{closed.pk}/").content.decode()
    assert 'data-testid="request-dossier"' in page and f'action="/documents/evaluations/{closed.pk}/dossier/"' in page
    ids = ",".join(str(v.pk) for v in vendors)
    page = client.get(f"/vendors/compare/?ids={ids}&deadline=2026-06-01").content.decode()
    assert 'data-testid="export-pdf"' in page and 'action="/documents/vendor-comparison/?ids=' in page


def test_an_open_evaluation_has_no_dossier_button(client, world, scored):
    client.force_login(world["official_a"])
    page = client.get(f"/evaluations/{scored['evaluation'].pk}/").content.decode()
    assert 'data-testid="request-dossier"' not in page


def test_button_progress_page_polls_then_offers_the_download(client, world, project_a):
    client.force_login(world["official_a"])
    response = client.post(f"/documents/procurement/{project_a.pk}/memo/", {"language": "zh-hans"})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert 'data-status="queued"' in page and 'hx-trigger="every 1s"' in page and project_a.title in page
    polled = client.get(f"/documents/{document.pk}/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "<html" not in polled.content.decode()
    done(document)
    polled = client.get(f"/documents/{document.pk}/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 286  # htmx: swap this in and stop polling
    assert 'data-testid="document-download"' in polled.content.decode()
    pdf = client.get(f"/documents/{document.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    assert pdf["Content-Disposition"].startswith("attachment;") and "memo-zh-hans.pdf" in pdf["Content-Disposition"]
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_comparison_button_takes_the_compare_page_parameters(client, world, vendors):
    client.force_login(world["official_b"])
    ids = ",".join(str(v.pk) for v in vendors)
    response = client.post(f"/documents/vendor-comparison/?ids={ids}&deadline=2026-06-01&min_mlps_level=3&warn_days=30",
                           {"language": "en"})
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/documents/{document.pk}/"
    assert document.kind == COMPARISON and document.language == "en"
    assert document.params["ids"] == [v.pk for v in vendors] and document.params["min_mlps_level"] == 3


def test_bad_comparison_parameters_go_back_with_the_message(client, world, vendors):
    client.force_login(world["official_a"])
    response = client.post(f"/documents/vendor-comparison/?ids={vendors[0].pk}&deadline=2026-06-01", follow=True)
    assert response.redirect_chain[0][0].startswith("/vendors/compare/?ids=")
    assert not Document.objects.exists()
    assert list(response.context["messages"])


def test_a_bad_language_goes_back_with_the_message(client, world, project_a):
    client.force_login(world["official_a"])
    response = client.post(f"/documents/procurement/{project_a.pk}/memo/", {"language": "xx"})
    assert response.status_code == 302 and response["Location"] == f"/procurement/projects/{project_a.pk}/"
    assert not Document.objects.exists()


def test_a_failed_document_shows_the_reason_and_can_be_retried(client, world, project_a, monkeypatch):
    import documents.services as services

    document, _ = document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)
    monkeypatch.setitem(services._HTML, MEMO, lambda d: (_ for _ in ()).throw(RuntimeError("memo broke")))
    document_render(document_id=document.pk)
    client.force_login(world["official_a"])
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "memo broke" in page and 'data-testid="document-retry"' in page and "hx-trigger" not in page
    assert client.get(f"/documents/{document.pk}/pdf/").status_code == 404
    client.post(f"/documents/{document.pk}/retry/")
    document.refresh_from_db()
    assert document.status == "queued" and document.attempts == 0 and not document.error
    response = client.post(f"/documents/{document.pk}/retry/", follow=True)  # only a failed one
    assert response.status_code == 200 and list(response.context["messages"])


def test_an_official_of_another_body_gets_404_for_the_memo_and_the_dossier(client, world, project_a, closed):
    memo = done(document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)[0])
    dossier = done(document_request(actor=world["official_a"], kind=DOSSIER, object_id=closed.pk)[0])
    client.force_login(world["official_b"])
    api = api_as(world["official_b"])
    for document in (memo, dossier):
        assert client.get(f"/documents/{document.pk}/").status_code == 404
        assert client.get(f"/documents/{document.pk}/pdf/").status_code == 404
        assert client.post(f"/documents/{document.pk}/retry/").status_code == 404
        assert api.get(f"/api/v1/documents/{document.pk}/").status_code == 404
        assert api.get(f"/api/v1/documents/{document.pk}/pdf/").status_code == 404
    assert client.post(f"/documents/procurement/{project_a.pk}/memo/").status_code == 404
    assert client.post(f"/documents/evaluations/{closed.pk}/dossier/").status_code == 404
    assert api.post(f"/api/v1/procurement/projects/{project_a.pk}/memo/", {}, format="json").status_code == 404
    assert api.post(f"/api/v1/evaluations/{closed.pk}/dossier/", {}, format="json").status_code == 404
    assert Document.objects.count() == 2
    # The same document is there for its own body, and for the consultant it engaged.
    for user in (world["official_a"], world["consultant"]):
        assert api_as(user).get(f"/api/v1/documents/{memo.pk}/pdf/").status_code == 200


def test_the_full_dossier_is_only_for_those_who_see_every_member_score(world, closed):
    full = done(document_request(actor=world["reviewer"], kind=DOSSIER, object_id=closed.pk)[0])
    assert api_as(world["official_a"]).get(f"/api/v1/documents/{full.pk}/pdf/").status_code == 404
    panel_member = closed.panel.exclude(user=world["consultant"]).get().user
    assert api_as(panel_member).get(f"/api/v1/documents/{full.pk}/pdf/").status_code == 200


def test_a_comparison_is_visible_to_every_signed_in_user(client, world, vendors):
    params = ComparisonParams(ids=tuple(v.pk for v in vendors), deadline=date(2026, 6, 1))
    document = done(document_request(actor=world["official_a"], kind=COMPARISON, comparison=params)[0])
    assert api_as(world["official_b"]).get(f"/api/v1/documents/{document.pk}/pdf/").status_code == 200
    assert client.get(f"/documents/{document.pk}/").status_code == 302  # to the login page
    assert APIClient().get(f"/api/v1/documents/{document.pk}/").status_code in (401, 403)


def test_the_api_answers_202_with_the_id_then_status_progress_and_download(world, project_a, closed):
    api = api_as(world["official_a"])
    response = api.post(f"/api/v1/procurement/projects/{project_a.pk}/memo/", {"language": "zh-hans"}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["kind"] == MEMO and body["project"] == project_a.pk and body["status"] == "queued"
    assert body["download_url"] is None
    assert api.post(f"/api/v1/procurement/projects/{project_a.pk}/memo/", {}, format="json").json()["id"] == body["id"]
    done(Document.objects.get(pk=body["id"]))
    status = api.get(f"/api/v1/documents/{body['id']}/").json()
    assert status["status"] == "done" and status["progress"] == 100 and status["pages"] >= 1
    assert status["download_url"] == f"/api/v1/documents/{body['id']}/pdf/"
    again = api.post(f"/api/v1/procurement/projects/{project_a.pk}/memo/", {}, format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    pdf = api.get(status["download_url"])
    assert pdf.status_code == 200 and pdf["Cache-Control"] == "no-store"
    assert pdf["Content-Disposition"] == f'attachment; filename="procurement_memo-{body["id"]}-zh-hans.pdf"'
    dossier = api.post(f"/api/v1/evaluations/{closed.pk}/dossier/", {"language": "en"}, format="json")
    assert dossier.status_code == 202 and dossier.json()["evaluation"] == closed.pk


def test_the_comparison_api_takes_the_compare_parameters(world, vendors):
    api = api_as(world["official_b"])
    ids = ",".join(str(v.pk) for v in vendors)
    response = api.post("/api/v1/documents/vendor-comparison/", {"ids": ids, "deadline": "2026-06-01",
                                                                 "required": "iso27001"}, format="json")
    assert response.status_code == 202
    assert response.json()["params"]["required"] == ["iso27001"]


@pytest.mark.parametrize(("url", "payload", "field"), [
    ("/api/v1/procurement/projects/{project}/memo/", {"language": "fr"}, "language"),
    ("/api/v1/evaluations/{open}/dossier/", {}, "status"),
    ("/api/v1/documents/vendor-comparison/", {"ids": "1"}, "ids"),
    ("/api/v1/documents/vendor-comparison/", {"ids": "a,b"}, "ids"),
    ("/api/v1/documents/vendor-comparison/", {"ids": "{v1},{v2}", "warn_days": -1}, "warn_days"),
])
def test_bad_api_requests_get_field_errors_and_change_nothing(world, project_a, scored, vendors, url, payload, field):
    url = url.format(project=project_a.pk, open=scored["evaluation"].pk)
    payload = {k: v.format(v1=vendors[0].pk, v2=vendors[1].pk) if isinstance(v, str) else v for k, v in payload.items()}
    response = api_as(world["official_a"]).post(url, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("url", ["/api/v1/documents/abc/", "/api/v1/documents/99999/pdf/",
                                 "/api/v1/procurement/projects/abc/memo/", "/api/v1/evaluations/99999/dossier/"])
def test_unknown_ids_are_404_not_500(world, url):
    api = api_as(world["official_a"])
    response = api.post(url, {}, format="json") if url.endswith(("memo/", "dossier/")) else api.get(url)
    assert response.status_code == 404


def test_the_endpoints_are_in_the_openapi_schema(world):
    schema = api_as(world["official_a"]).get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/procurement/projects/{id}/memo/", "/api/v1/evaluations/{id}/dossier/",
                 "/api/v1/documents/vendor-comparison/", "/api/v1/documents/{id}/", "/api/v1/documents/{id}/pdf/"):
        assert path in schema["paths"], path


def test_downloads_are_logged_in_the_audit_trail(client, world, project_a):
    from audit.models import AuditRecord

    document = done(document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)[0])
    client.force_login(world["official_a"])
    client.get(f"/documents/{document.pk}/pdf/")
    api_as(world["consultant"]).get(f"/api/v1/documents/{document.pk}/pdf/")
    records = AuditRecord.objects.filter(event="download", object_type="documents.Document", object_id=str(document.pk))
    assert sorted(r.actor_id for r in records) == sorted([world["official_a"].pk, world["consultant"].pk])
    assert all(r.detail["sha256"] == document.sha256 for r in records)
