"""Reports: requested once per key, rendered by a worker under a lease, recovered if lost.

Exactly once: the key (assessment, revision, content version, framework version, template
version, language) is unique, so asking twice returns the same report and two simultaneous
requests make one row. A worker claims the row under `select_for_update` and holds a lease;
a task for a report that is done, or whose lease another worker holds, does nothing. A worker
killed mid-render leaves an expired lease: `reports_requeue_stale` (run when a worker starts
and when anyone polls the report) queues it again. The PDF is written through Django's
storage API under a content-addressed name, and the row points to it only once it is whole.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.access import may_fill, may_review
from assessment.models import Assessment, Report, ReportStatus, Status
from assessment.reports import TEMPLATE_VERSION
from assessment.reports.context import report_context
from assessment.reports.render import html_to_pdf, report_html

log = logging.getLogger("govcloud.reports")
LANGUAGES = ("zh-hans", "en")
MAX_ATTEMPTS = 3


def _key(assessment: Assessment, content_version: str, language: str) -> str:
    f = assessment.framework
    raw = f"{assessment.pk}|{assessment.revision}|{content_version}|{f.slug}|{f.version}|{f.content_hash}|{TEMPLATE_VERSION}|{language}"
    return hashlib.sha256(raw.encode()).hexdigest()


def report_request(*, actor, assessment: Assessment, language: str = "zh-hans") -> tuple[Report, bool]:
    """The report for this key, created and queued if new. Returns (report, created)."""
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose zh-hans or en.")})
    if not (may_review(actor) or may_fill(actor, assessment) or actor.is_official):
        raise PermissionDenied
    content_version = "sealed" if assessment.status == Status.APPROVED else f"v{assessment.lock_version}"
    key = _key(assessment, content_version, language)
    existing = Report.objects.filter(key=key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                assessment=assessment, revision=assessment.revision, framework=assessment.framework,
                template_version=TEMPLATE_VERSION, language=language, content_version=content_version,
                key=key, requested_by=actor,
            )
            transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    except IntegrityError:  # a simultaneous request created it first
        return Report.objects.get(key=key), False
    return report, True


def report_enqueue(*, report_id: int) -> bool:
    """Send the render task; with the broker down the report stays queued and is retried later."""
    from assessment.tasks import render_report

    try:
        render_report.apply_async(args=[report_id], retry=False, queue=settings.REPORTS_QUEUE or None)
    except Exception as exc:  # broker unreachable: kombu raises several kinds  # noqa: BLE001
        log.warning("report %s: broker unavailable (%s); left queued", report_id, exc)
        Report.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
            error=_("Waiting for the report service; it will start when the service is back.")
        )
        return False
    return True


@transaction.atomic
def report_retry(*, actor, report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.FAILED:
        raise ValidationError({"status": _("Only a failed report can be retried.")})
    report.status, report.attempts, report.error, report.progress, report.stage = ReportStatus.QUEUED, 0, "", 0, ""
    report.save(update_fields=["status", "attempts", "error", "progress", "stage"])
    transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report


def _lease() -> timedelta:
    return timedelta(seconds=settings.REPORTS_LEASE_SECONDS)


@transaction.atomic
def _claim(report_id: int) -> Report | None:
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    now = timezone.now()
    if report is None or report.status in (ReportStatus.DONE, ReportStatus.FAILED):
        return None
    if report.status == ReportStatus.RENDERING and report.lease_expires_at and report.lease_expires_at > now:
        return None  # another worker holds it
    if report.attempts >= MAX_ATTEMPTS:
        report.status, report.error = ReportStatus.FAILED, _("Rendering failed %(n)s times; see the server log.") % {"n": report.attempts}
        report.save(update_fields=["status", "error"])
        return None
    report.status, report.stage, report.progress = ReportStatus.RENDERING, "collecting", 5
    report.attempts += 1
    report.started_at, report.lease_expires_at, report.error = now, now + _lease(), ""
    report.save(update_fields=["status", "stage", "progress", "attempts", "started_at", "lease_expires_at", "error"])
    return report


def _stage(report_id: int, stage: str, progress: int) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RENDERING).update(
        stage=stage, progress=progress, lease_expires_at=timezone.now() + _lease()
    )
    delay = settings.REPORTS_STAGE_DELAY_SECONDS  # fault-injection hook for the kill test; 0 in use
    if delay:
        time.sleep(delay)


def report_render(*, report_id: int) -> Report | None:
    """Render and store one report (idempotent; safe to run twice or after a crash)."""
    report = _claim(report_id)
    if report is None:
        return None
    try:
        assessment = Assessment.objects.select_related("cloud__owner", "framework").get(pk=report.assessment_id)
        context = report_context(assessment=assessment)
        _stage(report_id, "layout", 30)
        pdf = html_to_pdf(report_html(context, language=report.language), on_stage=lambda s, p: _stage(report_id, s, p))
        _stage(report_id, "storing", 95)
    except (OperationalError, InterfaceError):
        _release(report_id)  # transient: the task retries with backoff
        raise
    except Exception as exc:  # deterministic (bad data, template, time limit): fail with the reason
        log.exception("report %s failed", report_id)
        _fail(report_id, exc)
        return None
    return _finish(report_id, pdf.content, pdf.pages)


def _release(report_id: int) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RENDERING).update(
        status=ReportStatus.QUEUED, lease_expires_at=None
    )


def _finish(report_id: int, content: bytes, pages: int) -> Report:
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.DONE:  # another worker finished first: keep theirs
            return report
        name = f"reports/{report.assessment_id}/{report.key}-{digest[:16]}.pdf"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(content))
        report.file.name = name
        report.sha256, report.size, report.pages = digest, len(content), pages
        report.status, report.stage, report.progress = ReportStatus.DONE, "done", 100
        report.finished_at, report.lease_expires_at = timezone.now(), None
        report.save()
    _remove_orphans(report)
    return report


def _remove_orphans(report: Report) -> None:
    """Files of this key other than the one the row points to (a killed worker's leftovers)."""
    folder = f"reports/{report.assessment_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    keep = report.file.name.rsplit("/", 1)[-1]
    for name in files:
        if name.startswith(report.key) and name != keep:
            default_storage.delete(f"{folder}/{name}")


def _fail(report_id: int, exc: Exception) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    reason = (
        _("Rendering took longer than allowed.") if isinstance(exc, SoftTimeLimitExceeded)
        else _("Rendering failed: %(error)s") % {"error": str(exc)[:300] or exc.__class__.__name__}
    )
    Report.objects.filter(pk=report_id).update(status=ReportStatus.FAILED, error=reason, lease_expires_at=None)


def reports_requeue_stale(*, report_id: int | None = None) -> int:
    """Queue again the reports whose worker vanished (expired lease) or whose task was lost."""
    now = timezone.now()
    lost_after = now - timedelta(seconds=settings.REPORTS_QUEUED_RESEND_SECONDS)
    qs = Report.objects.filter(status=ReportStatus.RENDERING, lease_expires_at__lt=now) | Report.objects.filter(
        status=ReportStatus.QUEUED, requested_at__lt=lost_after
    )
    if report_id is not None:
        qs = qs.filter(pk=report_id)
    ids = list(qs.values_list("pk", flat=True)[:500])
    for pk in ids:
        report_enqueue(report_id=pk)
    return len(ids)
