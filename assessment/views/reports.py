"""Report pages: request (button), live progress (htmx polling), download, retry."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessment.models import Report, ReportStatus
from assessment.selectors.reports import report_get
from assessment.services.reports import report_request, report_retry, reports_requeue_stale
from audit.services import audit_record

from .common import error_map, visible_assessment

log = logging.getLogger("govcloud.downloads")


def _report(request, pk: int) -> Report:
    try:
        return report_get(user=request.user, pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


@login_required
@require_POST
def report_request_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    try:
        report, _created = report_request(actor=request.user, assessment=assessment, language=request.POST.get("language", "zh-hans"))
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
        return redirect("assessment-detail", pk=assessment.pk)
    return redirect("report-detail", pk=report.pk)


@login_required
def report_detail_view(request, pk: int):
    report = _report(request, pk)
    if report.status in (ReportStatus.QUEUED, ReportStatus.RENDERING):
        reports_requeue_stale(report_id=report.pk)
    template = "reports/_progress.html" if request.headers.get("HX-Request") else "reports/detail.html"
    return render(request, template, {"report": report})


@login_required
def report_pdf_view(request, pk: int):
    report = _report(request, pk)
    if report.status != ReportStatus.DONE:
        raise Http404
    log.info("report download user=%s report=%s sha256=%s", request.user.pk, report.pk, report.sha256)
    audit_record(event="download", user=request.user, obj=report, request=request, detail={"sha256": report.sha256})
    filename = f"{report.assessment.cloud.name}-{report.assessment.year}-r{report.revision}-{report.language}.pdf"
    response = FileResponse(report.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def report_retry_view(request, pk: int):
    report = _report(request, pk)
    try:
        report_retry(actor=request.user, report=report)
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
    return redirect("report-detail", pk=report.pk)
