"""The reviewer's per-indicator view: value, evidence, score and its derivation, comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.access import may_fill, may_review
from assessment.selectors.assessments import comment_list, evidence_list
from assessment.services.scoring import assessment_result
from assessment.services.workflow import allowed_actions, comment_add

from .common import error_map, visible_assessment


@login_required
def review_view(request, pk: int):
    assessment = visible_assessment(request, pk, related=("responses",))
    if not (may_review(request.user) or may_fill(request.user, assessment)):
        raise PermissionDenied
    result = assessment_result(assessment=assessment)
    specs = {i["code"]: i for i in assessment.framework.content["indicators"]}
    evidence: dict[str, list] = {}
    for e in evidence_list(assessment=assessment):
        evidence.setdefault(e.indicator_code, []).append(e)
    comments: dict[str, list] = {}
    for c in comment_list(assessment=assessment):
        comments.setdefault(c.indicator_code, []).append(c)
    rows = [
        {"result": r, "spec": specs[r.code], "evidence": evidence.get(r.code, []), "comments": comments.get(r.code, [])}
        for r in result.indicators
    ]
    return render(request, "assessment/review.html", {
        "assessment": assessment, "result": result, "rows": rows,
        "general_comments": comments.get("", []),
        "actions": allowed_actions(user=request.user, assessment=assessment),
        "can_review": may_review(request.user),
    })


@login_required
@require_POST
def comment_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    try:
        comment_add(
            actor=request.user, assessment_id=assessment.pk, text=request.POST.get("text", ""),
            indicator_code=request.POST.get("indicator_code", ""),
        )
    except ValidationError as exc:
        for errors in error_map(exc).values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Comment added."))
    code = request.POST.get("indicator_code", "")
    return redirect(reverse("assessment-review", args=[assessment.pk]) + (f"#ind-{code}" if code else ""))
