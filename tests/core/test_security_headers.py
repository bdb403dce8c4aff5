"""Web hardening: CSP without inline code on every HTML page (relaxed only for Swagger UI),
no inline script or style in any template, no-store on pages, reports and exports."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from assessment.models import FrameworkVersion, Report, ReportStatus
from assessment.services.assessments import assessment_create
from assessment.services.frameworks import framework_files_load, shipped_framework_files
from audit.models import AuditRecord

ROOT = Path(__file__).resolve().parents[2]
STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.fixture
def draft(world):
    """A draft assessment of body A's cloud on the shipped CAICT framework."""
    framework_files_load(paths=shipped_framework_files())
    framework = FrameworkVersion.objects.filter(slug="caict-gov-cloud").order_by("-version").first()
    return assessment_create(actor=world["official_a"], cloud=world["cloud_a"], year=2026, framework=framework)


def test_the_policy_is_the_strict_one():
    assert settings.CSP_POLICY == STRICT
    assert "'unsafe-inline'" not in settings.CSP_POLICY and "'unsafe-eval'" not in settings.CSP_POLICY


@pytest.mark.parametrize("who,path", [
    (None, "/accounts/login/"),
    ("official_a", "/"),
    ("official_a", "/assessments/"),
    ("official_a", "/vendors/"),
    ("official_a", "/procurement/guidance/"),
    ("official_a", "/accounts/security/"),
    ("reviewer", "/assessments/review-queue/"),
    ("admin", "/admin/"),
    ("admin", "/admin/audit/auditrecord/"),
])
def test_every_html_page_carries_the_strict_policy_and_no_store(client, world, who, path):
    if who:
        client.force_login(world[who])
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    if who:
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_error_pages_carry_the_policy_too(client, world):
    client.force_login(world["official_a"])
    assert client.get("/assessments/999999/").get("Content-Security-Policy") == STRICT


def test_swagger_ui_alone_gets_the_relaxed_policy(client, world):
    client.force_login(world["official_a"])
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    policy = docs["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in policy  # still nothing from outside
    assert client.get("/").get("Content-Security-Policy") == STRICT


def test_json_responses_need_no_page_policy(client, world):
    client.force_login(world["official_a"])
    response = client.get("/api/v1/assessments/")
    assert response.status_code == 200 and "Content-Security-Policy" not in response


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:|hx-on", re.I)


def test_no_template_has_inline_script_style_or_handlers():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, HANDLER):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_htmx_is_told_not_to_inject_styles_or_eval():
    base = (ROOT / "templates/base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base and '"allowEval": false' in base


def test_report_pdf_download_is_no_store_and_audited(client, world, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = Report(
        assessment=draft, revision=draft.revision, framework=draft.framework,
        template_version="t", language="zh-hans", content_version="1", key="k" * 64,
        status=ReportStatus.DONE, requested_by=world["official_a"], sha256="0" * 64,
    )
    report.file.save("r.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    report.save()
    client.force_login(world["official_a"])
    for url in (f"/reports/{report.pk}/pdf/", f"/api/v1/reports/{report.pk}/pdf/"):
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store", url
        assert "attachment" in response["Content-Disposition"]
    assert AuditRecord.objects.filter(event="download", object_type="assessment.Report").count() == 2
    page = client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]


def test_exports_are_no_store(client, world, draft):
    client.force_login(world["official_a"])
    for url in (f"/assessments/{draft.pk}/excel/template/", f"/api/v1/assessments/{draft.pk}/excel/"):
        response = client.get(url)
        assert response.status_code == 200 and response["Cache-Control"] == "no-store", url
        assert "attachment" in response["Content-Disposition"]
    assert AuditRecord.objects.filter(event="export").count() == 2


def test_cookies_are_http_only_and_secure_outside_development():
    from config.settings import base

    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY
    source = (ROOT / "config/settings/base.py").read_text()
    assert 'SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)' in source
    assert 'SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)' in source
