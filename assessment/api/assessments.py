"""Assessments over the API: the same services and access rules as the pages."""

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.models import Assessment, Evidence, FrameworkVersion
from assessment.scoring import validate_answers, what_if
from assessment.selectors.assessments import (
    AssessmentFilters,
    assessment_get,
    assessment_list,
    evidence_get,
    evidence_list,
    history_list,
)
from assessment.selectors.frameworks import framework_engine, framework_version_get
from assessment.services.assessments import assessment_create
from assessment.services.evidence import evidence_add
from assessment.services.excel import excel_import, excel_template
from assessment.services.responses import responses_save
from assessment.services.scoring import assessment_result
from assessment.services.workflow import assessment_transition
from audit.services import audit_record
from core.api.utils import int_pk, paginated_response, validated
from orgs.models import GovernmentCloud
from orgs.selectors import cloud_get

from . import serializers as s
from .results import answer_errors_payload, result_payload


def _assessment(request, pk, related=()) -> Assessment:
    try:
        return assessment_get(user=request.user, pk=int_pk(pk), related=related)
    except Assessment.DoesNotExist:
        raise Http404 from None


def _saved(saved: Assessment, read: Assessment) -> Response:
    """The output after a write, from the row the service saved and returned (no second read).

    The service locks the row with its cloud and framework; the body is the one already read."""
    if saved.cloud_id == read.cloud_id:
        saved.cloud.owner = read.cloud.owner
    return Response(s.AssessmentOutput(saved).data)


class AssessmentListApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter(n, type=t) for n, t in (("status", str), ("body", int), ("region", str), ("year", int), ("cloud", int))],
        responses=s.AssessmentOutput(many=True),
    )
    def get(self, request):
        q = request.query_params

        def as_int(name):
            value = q.get(name)
            if value in (None, ""):
                return None
            try:
                return int(value)
            except ValueError:
                raise ValidationError({name: ["Enter a whole number."]}) from None

        filters = AssessmentFilters(
            status=q.get("status", ""), body=as_int("body"), region=q.get("region", "")[:6],
            year=as_int("year"), cloud=as_int("cloud"),
        )
        return paginated_response(request, assessment_list(user=request.user, filters=filters), s.AssessmentOutput, view=self)

    @extend_schema(request=s.AssessmentCreateInput, responses={201: s.AssessmentOutput})
    def post(self, request):
        data = validated(s.AssessmentCreateInput, request)
        try:
            cloud = cloud_get(user=request.user, pk=data["cloud"])
        except GovernmentCloud.DoesNotExist:
            raise ValidationError({"cloud": ["Unknown cloud."]}) from None
        try:
            framework = framework_version_get(slug=data["framework_slug"], version=data["framework_version"])
        except FrameworkVersion.DoesNotExist:
            raise ValidationError({"framework_version": ["Unknown framework version."]}) from None
        assessment = assessment_create(actor=request.user, cloud=cloud, year=data["year"], framework=framework)
        return Response(s.AssessmentOutput(_assessment(request, assessment.pk)).data, status=status.HTTP_201_CREATED)


class AssessmentDetailApi(APIView):
    @extend_schema(responses=s.AssessmentOutput)
    def get(self, request, pk):
        return Response(s.AssessmentOutput(_assessment(request, pk)).data)


class ResponsesApi(APIView):
    @extend_schema(responses=s.ResponseOutput(many=True))
    def get(self, request, pk):
        assessment = _assessment(request, pk)
        rows = assessment.responses.select_related("updated_by").order_by("indicator_code")
        return Response(s.ResponseOutput(rows, many=True).data)

    @extend_schema(request=s.ResponsesInput, responses=s.AssessmentOutput)
    def patch(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(s.ResponsesInput, request)
        saved = responses_save(actor=request.user, assessment_id=assessment.pk, answers=data["answers"],
                               lock_version=data["lock_version"], reason=data.get("reason", ""))
        return _saved(saved, assessment)


class ResponseDetailApi(APIView):
    @extend_schema(responses=s.ResponseOutput)
    def get(self, request, pk, code):
        assessment = _assessment(request, pk)
        row = assessment.responses.select_related("updated_by").filter(indicator_code=code).first()
        if row is None:
            raise Http404
        return Response(s.ResponseOutput(row).data)

    @extend_schema(request=s.ResponseInput, responses=s.AssessmentOutput)
    def put(self, request, pk, code):
        assessment = _assessment(request, pk)
        data = validated(s.ResponseInput, request)
        if code not in {i["code"] for i in assessment.framework.content["indicators"]}:
            raise Http404
        saved = responses_save(actor=request.user, assessment_id=assessment.pk, answers={code: data["answer"]},
                               lock_version=data["lock_version"], reason=data.get("reason", ""))
        return _saved(saved, assessment)


class ScoreApi(APIView):
    @extend_schema(responses=s.ResultOutput)
    def get(self, request, pk):
        return Response(result_payload(assessment_result(assessment=_assessment(request, pk, related=("responses",)))))


class WhatIfApi(APIView):
    """Rescore with changes applied; nothing is saved."""

    @extend_schema(request=s.WhatIfInput, responses=s.ResultOutput)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(s.WhatIfInput, request)
        framework = framework_engine(assessment.framework)
        stored = {r.indicator_code: r.payload for r in assessment.responses.all()}
        answers, _ = validate_answers(framework, stored)
        changed = {k: v for k, v in data["changes"].items() if v is not None}
        typed, errors = validate_answers(framework, changed)
        unknown = [e for e in errors if e.code == "unknown_indicator"]
        if errors:
            raise ValidationError(answer_errors_payload(unknown or errors))
        changes = {a.code: a for a in typed}
        changes.update({k: None for k, v in data["changes"].items() if v is None})
        return Response(result_payload(what_if(framework, answers, changes)))


class TransitionApi(APIView):
    action = ""

    @extend_schema(request=s.TransitionInput, responses=s.AssessmentOutput)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(s.TransitionInput, request)
        saved = assessment_transition(actor=request.user, assessment_id=assessment.pk, action=self.action,
                                      comment=data.get("comment", ""), lock_version=data.get("lock_version"))
        return _saved(saved, assessment)


class HistoryApi(APIView):
    @extend_schema(responses=s.HistoryOutput(many=True))
    def get(self, request, pk):
        return paginated_response(request, history_list(assessment=_assessment(request, pk)), s.HistoryOutput, view=self)


class EvidenceApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=s.EvidenceOutput(many=True))
    def get(self, request, pk):
        assessment = _assessment(request, pk)
        return Response(s.EvidenceOutput(evidence_list(assessment=assessment), many=True).data)

    @extend_schema(request={"multipart/form-data": s.EvidenceInput}, responses={201: s.EvidenceOutput})
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(s.EvidenceInput, request)
        evidence = evidence_add(actor=request.user, assessment_id=assessment.pk, indicator_code=data["indicator_code"],
                                upload=data["file"], refers_to=data["refers_to"])
        return Response(s.EvidenceOutput(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceDownloadApi(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request, pk, evidence_id):
        assessment = _assessment(request, pk)
        try:
            evidence = evidence_get(user=request.user, pk=int_pk(evidence_id))
        except Evidence.DoesNotExist:
            raise Http404 from None
        if evidence.assessment_id != assessment.pk:
            raise Http404
        audit_record(event="download", user=request.user, obj=evidence, request=request, detail={"sha256": evidence.sha256})
        response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                                content_type=evidence.content_type)
        response["Cache-Control"] = "no-store"
        return response


class ExcelApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes})
    def get(self, request, pk):
        assessment = _assessment(request, pk)
        response = HttpResponse(excel_template(assessment=assessment),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.pk}.xlsx"'
        audit_record(event="export", user=request.user, obj=assessment, request=request, detail={"format": "xlsx"})
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(request={"multipart/form-data": s.ExcelImportInput}, responses=s.AssessmentOutput)
    def post(self, request, pk):
        assessment = _assessment(request, pk)
        data = validated(s.ExcelImportInput, request)
        excel_import(actor=request.user, assessment_id=assessment.pk, content=data["file"].read(),
                     lock_version=data["lock_version"])
        return Response(s.AssessmentOutput(_assessment(request, pk)).data)
