"""Reports over the API: 202 on request, status with progress, the PDF when done."""

import logging

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.models import Report, ReportStatus
from assessment.selectors.reports import report_get
from assessment.services.reports import report_request, reports_requeue_stale
from audit.services import audit_record
from core.api.utils import int_pk, validated

from .assessments import _assessment

log = logging.getLogger("govcloud.downloads")


class ReportRequestInput(serializers.Serializer):
    language = serializers.ChoiceField(choices=["zh-hans", "en"], default="zh-hans")


class ReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    assessment = serializers.IntegerField(source="assessment_id")
    revision = serializers.IntegerField()
    language = serializers.CharField()
    template_version = serializers.CharField()
    status = serializers.CharField()
    stage = serializers.CharField()
    progress = serializers.IntegerField()
    error = serializers.CharField()
    pages = serializers.IntegerField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj) -> str | None:
        return reverse("api-report-pdf", args=[obj.pk]) if obj.status == ReportStatus.DONE else None


def _report(request, pk) -> Report:
    try:
        return report_get(user=request.user, pk=int_pk(pk))
    except Report.DoesNotExist:
        raise Http404 from None


class ReportRequestApi(APIView):
    @extend_schema(request=ReportRequestInput, responses={202: ReportOutput, 200: ReportOutput})
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(ReportRequestInput, request)
        report, created = report_request(actor=request.user, assessment=assessment, language=data["language"])
        return Response(ReportOutput(report).data, status=status.HTTP_202_ACCEPTED if created or report.status != ReportStatus.DONE else status.HTTP_200_OK)


class ReportDetailApi(APIView):
    @extend_schema(responses=ReportOutput)
    def get(self, request, pk):
        report = _report(request, pk)
        if report.status in (ReportStatus.QUEUED, ReportStatus.RENDERING):
            reports_requeue_stale(report_id=report.pk)
        return Response(ReportOutput(report).data)


class ReportPdfApi(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        report = _report(request, pk)
        if report.status != ReportStatus.DONE:
            raise Http404
        log.info("report download user=%s report=%s sha256=%s", request.user.pk, report.pk, report.sha256)
        audit_record(event="download", user=request.user, obj=report, request=request, detail={"sha256": report.sha256})
        filename = f"assessment-{report.assessment_id}-r{report.revision}-{report.language}.pdf"
        response = FileResponse(report.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")
        response["Cache-Control"] = "no-store"
        return response
