"""Document pages: request (a button on the object's page), live progress (htmx polling),
download, retry. Access is the selectors'; what is rendered is the services'."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.services import audit_record
from core.rendering import RenderStatus
from vendors.forms import ComparisonForm

from .display import document_filename, document_title
from .kinds.comparison import ComparisonParams
from .models import Document, DocumentKind
from .selectors import document_get
from .services import LANGUAGES, document_request, document_retry, documents_requeue_stale

log = logging.getLogger("govcloud.downloads")


def _document(request, pk: int) -> Document:
    try:
        return document_get(user=request.user, pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


def _language(request) -> str:
    """The language asked for (checked by the service), else the page's, else Chinese."""
    if "language" in request.POST:
        return request.POST["language"]
    current = getattr(request, "LANGUAGE_CODE", "")
    return current if current in LANGUAGES else "zh-hans"


def _messages_from(request, exc: ValidationError) -> None:
    for errors in (exc.message_dict.values() if hasattr(exc, "error_dict") else [exc.messages]):
        for error in errors:
            messages.error(request, error)


def _request(request, back: str, **kwargs):
    try:
        document, _created = document_request(actor=request.user, language=_language(request), **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        _messages_from(request, exc)
        return redirect(back)
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def memo_request_view(request, pk: int):
    back = reverse("procurement:project-detail", args=[pk])
    return _request(request, back, kind=DocumentKind.PROCUREMENT_MEMO, object_id=pk)


@login_required
@require_POST
def dossier_request_view(request, pk: int):
    back = reverse("evaluations:detail", args=[pk])
    return _request(request, back, kind=DocumentKind.EVALUATION_DOSSIER, object_id=pk)


@login_required
@require_POST
def comparison_request_view(request):
    """The comparison's parameters come in the query string, exactly as on the compare page."""
    back = f"{reverse('vendors:compare')}?{request.GET.urlencode()}"
    form = ComparisonForm.from_query(request.GET)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    params = ComparisonParams(
        ids=tuple(data["ids"]), deadline=data["deadline"], min_mlps_level=data["min_mlps_level"],
        cac_required=data["cac_required"], required=tuple(data["required"]), warn_days=data["warn_days"],
    )
    return _request(request, back, kind=DocumentKind.VENDOR_COMPARISON, comparison=params)


@login_required
@require_GET
def document_detail_view(request, pk: int):
    document = _document(request, pk)
    if document.status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
        documents_requeue_stale(document_id=document.pk)
    context = {"document": document, "title": document_title(document)}
    if not request.headers.get("HX-Request"):
        return render(request, "documents/detail.html", context)
    # 286 tells htmx to swap this last state in and stop polling.
    finished = document.status in (RenderStatus.DONE, RenderStatus.FAILED)
    return render(request, "documents/_progress.html", context, status=286 if finished else 200)


@login_required
@require_GET
def document_pdf_view(request, pk: int):
    document = _document(request, pk)
    if document.status != RenderStatus.DONE:
        raise Http404
    log.info("document download user=%s document=%s sha256=%s", request.user.pk, document.pk, document.sha256)
    audit_record(event="download", user=request.user, obj=document, request=request, detail={"sha256": document.sha256})
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document_filename(document),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def document_retry_view(request, pk: int):
    document = _document(request, pk)
    try:
        document_retry(actor=request.user, document=document)
    except ValidationError as exc:
        _messages_from(request, exc)
    return redirect("documents:detail", pk=document.pk)
