"""What the audit log records: logins, failures, logouts, lockouts, denials, role changes,
approvals, exports and downloads — with time, user, address, object and result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role, User
from accounts.services import user_set_role
from assessment.models import Evidence
from assessment.services.responses import responses_save
from assessment.services.workflow import assessment_transition
from audit.models import AuditRecord
from audit.selectors import audit_chain_verify
from tests.assessment.conftest import CAICT_PAYLOAD
from tests.conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def last(event, **filters):
    return AuditRecord.objects.filter(event=event, **filters).order_by("-seq").first()


def test_login_failure_and_logout_are_recorded_with_address(client, world):
    official = world["official_a"]
    client.post("/accounts/login/", {"username": official.username, "password": "wrong"}, REMOTE_ADDR="10.1.2.3")
    failed = last("login_failed")
    assert failed.actor_username == official.username and failed.actor_id is None
    assert failed.result == "failure" and failed.ip_address == "10.1.2.3"
    client.post("/accounts/login/", {"username": official.username, "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    login = last("login")
    assert login.actor_id == official.pk and login.ip_address == "10.1.2.3" and login.result == "success"
    client.post("/accounts/logout/", REMOTE_ADDR="10.1.2.3")
    assert last("logout").actor_id == official.pk
    assert audit_chain_verify().ok


def test_address_behind_a_trusted_proxy_is_the_forwarded_one(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post("/accounts/login/", {"username": "nobody", "password": "x"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert last("login_failed").ip_address == "203.0.113.9"


def test_permission_denial_is_recorded(client, world):
    client.force_login(world["consultant"])
    assert client.get("/api/v1/bodies/").status_code == 200  # allowed: not a denial
    response = client.post("/api/v1/bodies/", {}, content_type="application/json")
    assert response.status_code == 403
    denial = last("permission_denied")
    assert denial.actor_id == world["consultant"].pk and denial.result == "denied"
    assert denial.detail == {"method": "POST", "path": "/api/v1/bodies/"}
    assert AuditRecord.objects.filter(event="permission_denied").count() == 1


def test_workflow_permission_denied_is_a_403_and_recorded(client, world, assessment_a):
    client.force_login(world["official_a"])  # may see it, may not approve it
    response = client.post(f"/api/v1/assessments/{assessment_a.pk}/approve/", {}, content_type="application/json")
    assert response.status_code == 403
    assert last("permission_denied").actor_id == world["official_a"].pk
    assert not AuditRecord.objects.filter(event="approval").exists()


def test_anonymous_api_call_is_a_recorded_denial(client, db):
    assert client.get("/api/v1/assessments/").status_code == 403
    denial = last("permission_denied")
    assert denial.actor_id is None and denial.detail["path"] == "/api/v1/assessments/"


def test_role_change_through_the_service_is_recorded(world, make_body):
    user = world["reviewer"]
    user_set_role(user=user, role=Role.OFFICIAL, body=world["body_a"])
    record = last("role_change", object_id=str(user.pk))
    assert record.detail["old"]["role"] == "reviewer" and record.detail["new"]["role"] == "official"
    assert record.object_type == "accounts.User"


def test_role_change_in_the_admin_is_recorded(client, world):
    admin, target = world["admin"], world["consultant"]
    client.force_login(admin)
    url = f"/admin/accounts/user/{target.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": target.username, "full_name": target.full_name, "email": "", "role": "reviewer",
        "body": "", "is_active": "on", "last_login_0": "", "last_login_1": "",
        "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=target.pk).role == "reviewer"
    record = last("role_change", object_id=str(target.pk))
    assert record.actor_id == admin.pk
    assert record.detail["old"]["role"] == "consultant" and record.detail["new"]["role"] == "reviewer"


def test_approval_is_recorded(world, assessment_a):
    responses_save(actor=world["official_a"], assessment_id=assessment_a.pk, answers=CAICT_PAYLOAD, lock_version=0)
    for actor, action in ((world["official_a"], "submit"), (world["reviewer"], "start_review"), (world["reviewer"], "approve")):
        assessment_transition(actor=actor, assessment_id=assessment_a.pk, action=action)
    approval = last("approval")
    assert approval.actor_id == world["reviewer"].pk
    assert approval.object_type == "assessment.Assessment" and approval.object_id == str(assessment_a.pk)
    assert approval.detail["to"] == "approved"
    assert AuditRecord.objects.filter(event="workflow").count() == 2


def test_downloads_and_exports_are_recorded(client, world, assessment_a):
    client.force_login(world["official_a"])
    upload = SimpleUploadedFile("证明.pdf", PDF, content_type="application/pdf")
    client.post(f"/assessments/{assessment_a.pk}/evidence/",
                {"indicator_code": "P1", "file": upload, "refers_to": "2026-06-30", "back_dimension": "policy"})
    evidence = Evidence.objects.get()
    response = client.get(f"/assessments/{assessment_a.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    download = last("download")
    assert download.object_type == "assessment.Evidence" and download.object_id == str(evidence.pk)
    assert download.detail["sha256"] == evidence.sha256 and download.actor_id == world["official_a"].pk
    response = client.get(f"/api/v1/assessments/{assessment_a.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert AuditRecord.objects.filter(event="download", object_id=str(evidence.pk)).count() == 2
    assert client.get(f"/assessments/{assessment_a.pk}/excel/template/").status_code == 200
    export = last("export")
    assert export.object_id == str(assessment_a.pk) and export.detail["format"] == "xlsx"


@pytest.mark.parametrize("path", ["/admin/audit/auditrecord/", "/admin/audit/auditrecord/?event__exact=login&result__exact=success"])
def test_administrators_read_the_log_with_filters(client, world, path):
    client.post("/accounts/login/", {"username": world["official_a"].username, "password": PASSWORD})
    client.force_login(world["admin"])
    response = client.get(path)
    assert response.status_code == 200
    assert world["official_a"].username in response.content.decode()


def test_nobody_adds_changes_or_deletes_records_in_the_admin(client, world):
    record = AuditRecord.objects.order_by("seq").first()
    client.force_login(world["admin"])
    assert client.get("/admin/audit/auditrecord/add/").status_code == 403
    assert client.post(f"/admin/audit/auditrecord/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/audit/auditrecord/{record.pk}/change/", {"result": "failure"})
    assert AuditRecord.objects.get(pk=record.pk).result == record.result
    html = client.get(f"/admin/audit/auditrecord/{record.pk}/change/").content.decode()
    assert 'name="result"' not in html  # read-only view


def test_non_administrators_cannot_read_the_log(client, world):
    client.force_login(world["reviewer"])
    assert client.get("/admin/audit/auditrecord/").status_code in (302, 403)
