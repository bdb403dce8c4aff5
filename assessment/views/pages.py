"""Assessment list, creation, overview, history and the reviewer queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessment.access import may_fill, may_review
from assessment.forms import AssessmentCreateForm, CommentForm
from assessment.models import Status
from assessment.selectors.assessments import (
    AssessmentFilters,
    assessment_list,
    comment_list,
    history_list,
    queue_bodies,
    review_queue,
)
from assessment.selectors.frameworks import framework_version_list
from assessment.selectors.revisions import revision_diff
from assessment.services.assessments import assessment_create
from assessment.services.scoring import assessment_result
from assessment.services.workflow import allowed_actions, assessment_transition
from orgs.selectors import body_list, cloud_list, engaged_consultants

from .common import error_map, lock_version_from, visible_assessment


def _filters(request) -> AssessmentFilters:
    def as_int(name):
        try:
            return int(request.GET.get(name, ""))
        except ValueError:
            return None

    status = request.GET.get("status", "")
    return AssessmentFilters(
        status=status if status in Status.values else "",
        body=as_int("body"), region=request.GET.get("region", "").strip()[:6],
        year=as_int("year"), cloud=as_int("cloud"), body_name=request.GET.get("body_name", "").strip()[:100],
    )


@login_required
def assessment_list_view(request):
    filters = _filters(request)
    page = Paginator(assessment_list(user=request.user, filters=filters), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/list.html", {
        "page": page, "filters": filters, "statuses": Status.choices,
    })


@login_required
def assessment_create_view(request):
    form = AssessmentCreateForm(
        request.POST or None, clouds=cloud_list(user=request.user), frameworks=framework_version_list()
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("cloud", _("You cannot open an assessment for this cloud."))
        except ValidationError as exc:
            for field, errors in error_map(exc).items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Assessment opened. Fill in each dimension, then submit."))
            return redirect("assessment-detail", pk=assessment.pk)
    return render(request, "assessment/create.html", {"form": form})


@login_required
def assessment_detail_view(request, pk: int):
    assessment = visible_assessment(request, pk, related=("responses", "assignments", "sealed_records"))
    result = assessment_result(assessment=assessment)
    return render(request, "assessment/detail.html", {
        "assessment": assessment,
        "result": result,
        "dimensions": assessment.framework.content["dimensions"],
        "actions": allowed_actions(user=request.user, assessment=assessment),
        "can_fill": may_fill(request.user, assessment) and assessment.is_editable,
        "can_review": may_review(request.user),
        "comments": comment_list(assessment=assessment),
        "seals": assessment.sealed_records.all(),
        "diff": revision_diff(assessment=assessment),
        "comment_form": CommentForm(),
        "consultants": engaged_consultants(body_id=assessment.cloud.owner_id) if may_review(request.user) else None,
    })


@login_required
@require_POST
def assessment_transition_view(request, pk: int, action: str):
    assessment = visible_assessment(request, pk)
    try:
        assessment_transition(
            actor=request.user, assessment_id=assessment.pk, action=action,
            comment=request.POST.get("comment", ""), lock_version=lock_version_from(request),
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for field, errors in error_map(exc).items():
            for error in errors[:5]:
                messages.error(request, error if field in ("__all__", "status", "comment", "actor", "lock_version") else f"{field.removeprefix('answers.')}: {error}")
    else:
        messages.success(request, TRANSITION_DONE[action])
    return redirect("assessment-detail", pk=assessment.pk)


TRANSITION_DONE = {
    "submit": gettext_lazy("Submitted for review."),
    "start_review": gettext_lazy("Review started."),
    "return": gettext_lazy("Returned with your comment."),
    "approve": gettext_lazy("Approved and sealed."),
    "reopen": gettext_lazy("Reopened as a new revision."),
}


@login_required
def assessment_history_view(request, pk: int):
    assessment = visible_assessment(request, pk)
    entries = Paginator(history_list(assessment=assessment), 100).get_page(request.GET.get("page"))
    return render(request, "assessment/history.html", {"assessment": assessment, "entries": entries})


@login_required
def review_queue_view(request):
    """The queue, 50 a page. The body filter is a search box: typing asks this view (htmx,
    `suggest=body`) for the few bodies whose name matches, instead of the page listing them all."""
    if not may_review(request.user):
        raise PermissionDenied
    filters = _filters(request)
    if request.GET.get("suggest") == "body":
        return render(request, "assessment/_body_options.html", {
            "bodies": queue_bodies(user=request.user, name=filters.body_name),
        })
    page = Paginator(review_queue(user=request.user, filters=filters), 50).get_page(request.GET.get("page"))
    chosen = body_list(user=request.user).filter(pk=filters.body).first() if filters.body else None
    return render(request, "assessment/queue.html", {
        "page": page, "filters": filters, "statuses": Status.choices, "body": chosen,
    })
