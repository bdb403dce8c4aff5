"""Assessment pages: filling, live preview, access across bodies, evidence, Excel."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from assessment.models import Assessment, Evidence
from assessment.services.assessments import assessment_create
from assessment.services.evidence import evidence_add
from tests.assessment.conftest import CAICT_PAYLOAD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_fill_page_saves_and_shows_values(client, world, assessment_a):
    client.force_login(world["official_a"])
    url = f"/assessments/{assessment_a.pk}/fill/policy/"
    page = client.get(url).content.decode()
    assert "政策响应率" in page and "name=\"P1__numerator\"" in page
    response = client.post(url, {
        "lock_version": 0, "P1__present": "1", "P1__numerator": "18", "P1__denominator": "20",
        "P2__present": "1", "P2__items": ["plan", "budget"],
        "P4__present": "1", "P4__na": "1", "P4__reason": "本期未认定闲置系统",
    })
    assert response.status_code == 302
    a = Assessment.objects.get(pk=assessment_a.pk)
    assert {r.indicator_code: r.payload for r in a.responses.all()} == {
        "P1": {"numerator": "18", "denominator": "20"},
        "P2": {"items": ["plan", "budget"]},
        "P4": {"not_applicable": True, "reason": "本期未认定闲置系统"},
    }


def test_fill_errors_are_shown_next_to_fields_in_chinese_and_nothing_is_saved(client, world, assessment_a):
    client.force_login(world["official_a"])
    html = client.post(f"/assessments/{assessment_a.pk}/fill/policy/", {
        "lock_version": 0, "P1__present": "1", "P1__numerator": "30", "P1__denominator": "20",
        "P4__present": "1", "P4__na": "1", "P4__reason": "",
    }).content.decode()
    assert "分子（30）不得大于分母（20）。" in html
    assert "请说明该指标不适用的理由。" in html
    assert not Assessment.objects.get(pk=assessment_a.pk).responses.exists()


def test_conflicting_save_is_refused_with_a_clear_message(client, world, assessment_a):
    client.force_login(world["official_a"])
    url = f"/assessments/{assessment_a.pk}/fill/policy/"
    client.post(url, {"lock_version": 0, "P1__present": "1", "P1__value": "50"})
    html = client.post(url, {"lock_version": 0, "P1__present": "1", "P1__value": "10"}).content.decode()
    assert 'data-testid="conflict"' in html
    assert Assessment.objects.get(pk=assessment_a.pk).responses.get().payload == {"value": "50"}


def test_live_preview_scores_without_saving(client, world, assessment_a):
    client.force_login(world["official_a"])
    html = client.post(f"/assessments/{assessment_a.pk}/fill/security/preview/", {
        "S1__present": "1", "S1__level": "compliant", "S2__present": "1", "S2__value": "yes",
    }).content.decode()
    assert 'data-testid="preview-total"' in html
    assert not Assessment.objects.get(pk=assessment_a.pk).responses.exists()


@pytest.mark.parametrize("path", [
    "/assessments/{pk}/", "/assessments/{pk}/fill/policy/", "/assessments/{pk}/review/",
    "/assessments/{pk}/history/", "/assessments/{pk}/excel/template/",
])
def test_official_of_b_gets_404_on_every_page_of_a(client, world, assessment_a, path):
    client.force_login(world["official_b"])
    assert client.get(path.format(pk=assessment_a.pk)).status_code == 404
    client.force_login(world["official_a"])
    assert client.get(path.format(pk=assessment_a.pk)).status_code == 200


def test_official_of_b_cannot_post_to_a(client, world, assessment_a):
    client.force_login(world["official_b"])
    for path in ("fill/policy/", "actions/submit/", "evidence/", "comments/", "excel/import/"):
        assert client.post(f"/assessments/{assessment_a.pk}/{path}", {"lock_version": 0}).status_code == 404


def test_evidence_upload_sniffs_content_and_download_is_access_checked(client, world, assessment_a):
    client.force_login(world["official_a"])
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.post(f"/assessments/{assessment_a.pk}/evidence/", {"indicator_code": "P1", "file": fake, "refers_to": "2026-06-30", "back_dimension": "policy"})
    assert not Evidence.objects.exists()
    real = SimpleUploadedFile("报告.pdf", PDF, content_type="application/octet-stream")
    client.post(f"/assessments/{assessment_a.pk}/evidence/", {"indicator_code": "P1", "file": real, "refers_to": "2026-06-30", "back_dimension": "policy"})
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and len(evidence.sha256) == 64
    url = f"/assessments/{assessment_a.pk}/evidence/{evidence.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world["official_b"])
    assert client.get(url).status_code == 404


def test_evidence_size_limit(world, assessment_a, settings):
    from django.core.exceptions import ValidationError

    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError) as err:
        evidence_add(actor=world["official_a"], assessment_id=assessment_a.pk, indicator_code="P1",
                     upload=SimpleUploadedFile("a.pdf", PDF), refers_to=None)
    assert {"file", "refers_to"} <= set(err.value.message_dict)


def test_excel_round_trip(client, world, assessment_a):
    client.force_login(world["official_a"])
    content = client.get(f"/assessments/{assessment_a.pk}/excel/template/").content
    wb = load_workbook(io.BytesIO(content))
    ws = wb["indicators"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert len(rows) == 20
    ws.cell(rows["P1"], 6, 18)
    ws.cell(rows["P1"], 7, 20)
    ws.cell(rows["O4"], 6, "L3")
    ws.cell(rows["S2"], 6, "是")
    ws.cell(rows["P4"], 8, "是")
    ws.cell(rows["P4"], 9, "未认定闲置系统")
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    response = client.post(f"/assessments/{assessment_a.pk}/excel/import/", {"file": upload, "lock_version": 0})
    assert response.status_code == 302
    payloads = {r.indicator_code: r.payload for r in Assessment.objects.get(pk=assessment_a.pk).responses.all()}
    assert payloads["P1"] == {"numerator": "18", "denominator": "20"}
    assert payloads["S2"] == {"value": True}
    assert payloads["P4"]["not_applicable"] is True


def test_excel_import_reports_cells_and_saves_nothing(client, world, assessment_a):
    client.force_login(world["official_a"])
    wb = load_workbook(io.BytesIO(client.get(f"/assessments/{assessment_a.pk}/excel/template/").content))
    ws = wb["indicators"]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["P1"], 6, 18)
    ws.cell(rows["P1"], 7, 20)
    ws.cell(rows["O4"], 6, "L9")
    ws.cell(rows["S2"], 6, "也许")
    buffer = io.BytesIO()
    wb.save(buffer)
    html = client.post(f"/assessments/{assessment_a.pk}/excel/import/",
                       {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue()), "lock_version": 0}).content.decode()
    assert f"第 {rows['S2']} 行" in html or f"row {rows['S2']}" in html
    assert not Assessment.objects.get(pk=assessment_a.pk).responses.exists()


def test_excel_import_of_a_non_workbook_is_a_clear_error(client, world, assessment_a):
    client.force_login(world["official_a"])
    html = client.post(f"/assessments/{assessment_a.pk}/excel/import/",
                       {"file": SimpleUploadedFile("x.xlsx", b"garbage"), "lock_version": 0}).content.decode()
    assert 'data-testid="import-errors"' in html


def test_list_and_queue_query_counts_are_constant(client, world, caict, make_cloud):
    client.force_login(world["reviewer"])

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2025, framework=caict)
    small = (count("/assessments/"), count("/assessments/review-queue/?status=draft"))
    for year in range(2016, 2024):
        assessment_create(actor=world["official_a"], cloud=make_cloud(world["body_a"]), year=year, framework=caict)
    assert (count("/assessments/"), count("/assessments/review-queue/?status=draft")) == small


def test_detail_shows_radar_and_score(client, world, assessment_a):
    from assessment.services.responses import responses_save

    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    client.force_login(world["official_a"])
    html = client.get(f"/assessments/{assessment_a.pk}/").content.decode()
    assert "<svg" in html and "政策落实" in html
    assert 'data-testid="total"' in html


def _approve(assessment, world, payload=CAICT_PAYLOAD, reviewer=None):
    from assessment.services.responses import responses_save
    from assessment.services.workflow import assessment_transition

    assessment.refresh_from_db()
    owner = world["official_a"] if assessment.cloud.owner == world["body_a"] else world["official_b"]
    responses_save(actor=owner, assessment_id=assessment.pk, answers=payload, lock_version=assessment.lock_version)
    assessment_transition(actor=owner, assessment_id=assessment.pk, action="submit")
    for action in ("start_review", "approve"):
        assessment_transition(actor=reviewer or world["reviewer"], assessment_id=assessment.pk, action=action)


def test_benchmark_ranks_against_approved_peers(client, world, assessment_a, assessment_b):
    weaker = dict(CAICT_PAYLOAD, P1={"numerator": 1, "denominator": 20})
    _approve(assessment_a, world)
    _approve(assessment_b, world, payload=weaker)
    client.force_login(world["official_a"])
    html = client.get(f"/assessments/{assessment_a.pk}/benchmark/").content.decode()
    assert 'data-testid="rank">1<' in html and "320000" in html


def test_dashboards_run_a_constant_number_of_queries(client, world, caict, make_cloud):
    def count(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    users = [world["official_a"], world["consultant"], world["reviewer"]]
    assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2025, framework=caict)
    small = [count(u) for u in users]
    for year in range(2016, 2024):
        assessment_create(actor=world["official_a"], cloud=make_cloud(world["body_a"]), year=year, framework=caict)
    assert [count(u) for u in users] == small


def test_reviewer_assigns_a_consultant_who_can_then_fill(client, world, assessment_a):
    client.force_login(world["official_a"])
    assert client.post(f"/assessments/{assessment_a.pk}/assign/", {"consultant": world["consultant"].pk}).status_code == 403
    client.force_login(world["reviewer"])
    client.post(f"/assessments/{assessment_a.pk}/assign/", {"consultant": world["consultant"].pk})
    assert assessment_a.assignments.filter(consultant=world["consultant"]).exists()
    client.force_login(world["consultant"])
    assert 'data-testid="save"' in client.get(f"/assessments/{assessment_a.pk}/fill/policy/").content.decode()


def test_notifications_show_on_home_and_can_be_marked_read(client, world, assessment_a):
    from assessment.models import Notification

    _approve(assessment_a, world)
    client.force_login(world["official_a"])
    html = client.get("/").content.decode()
    assert 'data-testid="notifications"' in html
    client.post("/assessments/notifications/read/")
    assert not Notification.objects.filter(recipient=world["official_a"], read_at__isnull=True).exists()


def test_admin_site_offers_the_review_actions_through_the_services(client, world, assessment_a):
    from assessment.services.responses import responses_save
    from assessment.services.workflow import assessment_transition

    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    assessment_transition(actor=world["official_a"], assessment_id=assessment_a.pk, action="submit")
    client.force_login(world["admin"])
    assert client.get("/admin/assessment/assessment/").status_code == 200
    client.post("/admin/assessment/assessment/", {"action": "action_start_review", "_selected_action": [assessment_a.pk]})
    client.post("/admin/assessment/assessment/", {"action": "action_approve", "_selected_action": [assessment_a.pk]})
    assessment_a.refresh_from_db()
    assert assessment_a.status == "approved" and assessment_a.sealed_records.count() == 1


def test_review_queue_filters_by_body(client, world, assessment_a, assessment_b):
    from assessment.models import Assessment

    Assessment.objects.filter(pk__in=[assessment_a.pk, assessment_b.pk]).update(status="submitted")
    client.force_login(world["reviewer"])
    html = client.get(f"/assessments/review-queue/?body={world['body_b'].pk}").content.decode()
    assert "乙市政务云" in html and f'/assessments/{assessment_a.pk}/"' not in html
    assert 'value="乙市数据局"' in html  # the chosen body, in the search box
    # The box offers the bodies whose name matches what is typed (htmx), not every body.
    options = client.get("/assessments/review-queue/?suggest=body&body_name=甲市", HTTP_HX_REQUEST="true").content.decode()
    assert f'<option value="甲市数据局" data-body="{world["body_a"].pk}">' in options and "乙市" not in options
    html = client.get("/assessments/review-queue/?body_name=甲市").content.decode()
    assert "甲市政务云" in html and "乙市政务云" not in html
