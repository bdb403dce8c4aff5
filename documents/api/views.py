"""Documents over the API: 202 on request, status with progress, the PDF when done."""

import logging

from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from audit.services import audit_record
from core.api.utils import int_pk, validated
from core.rendering import RenderStatus
from documents.kinds.comparison import ComparisonParams
from documents.models import Document, DocumentKind
from documents.selectors import document_get
from documents.services import document_request, documents_requeue_stale

from .serializers import ComparisonDocumentInput, DocumentOutput, DocumentRequestInput

log = logging.getLogger("govcloud.downloads")
ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


def _accepted(document: Document, created: bool) -> Response:
    done = document.status == RenderStatus.DONE and not created
    return Response(DocumentOutput(document).data, status=status.HTTP_200_OK if done else status.HTTP_202_ACCEPTED)


def _document(request, pk) -> Document:
    try:
        return document_get(user=request.user, pk=int_pk(pk))
    except Document.DoesNotExist:
        raise Http404 from None


class ProjectMemoApi(APIView):
    @extend_schema(
        operation_id="procurement_projects_memo_create", parameters=[ID],
        request=DocumentRequestInput, responses={202: DocumentOutput, 200: DocumentOutput},
        description="Ask for the project's procurement memo (PDF); 202 with the document while it renders.",
    )
    def post(self, request, pk):
        data = validated(DocumentRequestInput, request)
        document, created = document_request(
            actor=request.user, kind=DocumentKind.PROCUREMENT_MEMO, object_id=int_pk(pk), language=data["language"]
        )
        return _accepted(document, created)


class EvaluationDossierApi(APIView):
    @extend_schema(
        operation_id="evaluations_dossier_create", parameters=[ID],
        request=DocumentRequestInput, responses={202: DocumentOutput, 200: DocumentOutput},
        description="Ask for the closed evaluation's dossier (PDF of the sealed record).",
    )
    def post(self, request, pk):
        data = validated(DocumentRequestInput, request)
        document, created = document_request(
            actor=request.user, kind=DocumentKind.EVALUATION_DOSSIER, object_id=int_pk(pk), language=data["language"]
        )
        return _accepted(document, created)


class ComparisonDocumentApi(APIView):
    @extend_schema(
        operation_id="documents_vendor_comparison_create",
        request=ComparisonDocumentInput, responses={202: DocumentOutput, 200: DocumentOutput},
        description="Ask for a vendor comparison (PDF) with the parameters of GET /api/v1/vendors/compare/.",
    )
    def post(self, request):
        data = validated(ComparisonDocumentInput, request)
        params = ComparisonParams(
            ids=tuple(data["ids"]), deadline=data["deadline"], min_mlps_level=data.get("min_mlps_level"),
            cac_required=data["cac_required"], required=tuple(data["required"]), warn_days=data["warn_days"],
        )
        document, created = document_request(
            actor=request.user, kind=DocumentKind.VENDOR_COMPARISON, comparison=params, language=data["language"]
        )
        return _accepted(document, created)


class DocumentDetailApi(APIView):
    @extend_schema(parameters=[ID], responses=DocumentOutput)
    def get(self, request, pk):
        document = _document(request, pk)
        if document.status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            documents_requeue_stale(document_id=document.pk)
        return Response(DocumentOutput(document).data)


class DocumentPdfApi(APIView):
    @extend_schema(parameters=[ID], responses={(200, "application/pdf"): bytes})
    def get(self, request, pk):
        document = _document(request, pk)
        if document.status != RenderStatus.DONE:
            raise Http404
        log.info("document download user=%s document=%s sha256=%s", request.user.pk, document.pk, document.sha256)
        audit_record(event="download", user=request.user, obj=document, request=request, detail={"sha256": document.sha256})
        filename = f"{document.kind}-{document.pk}-{document.language}.pdf"
        response = FileResponse(document.file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")
        response["Cache-Control"] = "no-store"
        return response
