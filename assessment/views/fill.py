"""Filling: one page per dimension, with a live score preview that saves nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.access import may_fill, may_review
from assessment.forms import EvidenceForm, field_name, indicator_inputs, payloads_from_post
from assessment.models import Status
from assessment.scoring import score, validate_answers
from assessment.selectors.assessments import evidence_list
from assessment.selectors.frameworks import framework_engine
from assessment.services.responses import responses_save
from assessment.services.scoring import payloads_of

from .common import dimension_indicators, error_map, lock_version_from, visible_assessment


def _dimension(assessment, code: str) -> dict:
    for dimension in assessment.framework.content["dimensions"]:
        if dimension["code"] == code:
            return dimension
    raise Http404


@login_required
def fill_view(request, pk: int, dimension: str):
    assessment = visible_assessment(request, pk)  # a save needs no more; the page reads below
    dim = _dimension(assessment, dimension)
    indicators = dimension_indicators(assessment, dimension)
    adjusting = assessment.status == Status.IN_REVIEW and may_review(request.user)
    editable = (assessment.is_editable and may_fill(request.user, assessment)) or adjusting
    errors: dict[str, list[str]] = {}
    posted = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        posted = payloads_from_post(indicators, request.POST)
        try:
            responses_save(
                actor=request.user, assessment_id=assessment.pk, answers=posted,
                lock_version=lock_version_from(request), reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            errors = {field_name(k.removeprefix("answers.")): v for k, v in error_map(exc).items()}
            messages.error(request, _("Nothing was saved: correct the fields marked below."))
        else:
            messages.success(request, _("Saved."))
            return redirect("assessment-fill", pk=assessment.pk, dimension=dimension)
    shown = {**payloads_of(assessment), **(posted or {})}
    rows = [indicator_inputs(ind, shown.get(ind["code"])) for ind in indicators]
    return render(request, "assessment/fill.html", {
        "assessment": assessment, "dimension": dim, "rows": rows, "errors": errors,
        "editable": editable, "adjusting": adjusting,
        "dimensions": assessment.framework.content["dimensions"],
        "evidence_form": EvidenceForm(),
        "evidence": list(evidence_list(assessment=assessment)),
        "preview": _preview(assessment, shown),
    })


@login_required
@require_POST
def preview_view(request, pk: int, dimension: str):
    """htmx: rescore with the values on the page, without saving; returns the preview panel."""
    assessment = visible_assessment(request, pk)
    indicators = dimension_indicators(assessment, dimension)
    shown = {**payloads_of(assessment), **payloads_from_post(indicators, request.POST)}
    shown = {k: v for k, v in shown.items() if v is not None}
    return render(request, "assessment/_preview.html", {"preview": _preview(assessment, shown)})


def _preview(assessment, payloads):
    framework = framework_engine(assessment.framework)
    clean = {k: v for k, v in payloads.items() if v is not None}
    answers, errors = validate_answers(framework, clean)
    return {"result": score(framework, answers), "errors": errors}
