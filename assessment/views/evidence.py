"""Evidence upload, download (access-checked, logged) and withdrawal."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.forms import EvidenceForm
from assessment.models import Evidence
from assessment.selectors.assessments import evidence_get
from assessment.services.evidence import evidence_add, evidence_remove
from audit.services import audit_record

from .common import error_map, visible_assessment

log = logging.getLogger("govcloud.downloads")


@login_required
@require_POST
def evidence_upload_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    back = request.POST.get("back_dimension") or assessment.framework.content["dimensions"][0]["code"]
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {error}".strip())
        return redirect("assessment-fill", pk=assessment.pk, dimension=back)
    try:
        evidence_add(
            actor=request.user, assessment_id=assessment.pk,
            indicator_code=form.cleaned_data["indicator_code"], upload=form.cleaned_data["file"],
            refers_to=form.cleaned_data["refers_to"],
        )
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Evidence attached."))
    return redirect("assessment-fill", pk=assessment.pk, dimension=back)


@login_required
def evidence_download_view(request, pk: int, evidence_id: int):
    try:
        evidence = evidence_get(user=request.user, pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None
    if evidence.assessment_id != pk:
        raise Http404
    log.info("evidence download user=%s evidence=%s sha256=%s", request.user.pk, evidence.pk, evidence.sha256)
    audit_record(event="download", user=request.user, obj=evidence, request=request, detail={"sha256": evidence.sha256})
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_remove_view(request, pk: int, evidence_id: int):
    assessment = visible_assessment(request, pk)
    try:
        evidence = evidence_remove(actor=request.user, evidence_id=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
        return redirect("assessment-detail", pk=assessment.pk)
    messages.success(request, _("Evidence withdrawn."))
    return redirect("assessment-fill", pk=assessment.pk, dimension=_dimension_of(assessment, evidence.indicator_code))


def _dimension_of(assessment, code: str) -> str:
    for ind in assessment.framework.content["indicators"]:
        if ind["code"] == code:
            return ind["dimension"]
    return assessment.framework.content["dimensions"][0]["code"]
