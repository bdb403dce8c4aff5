"""Evaluation pages: create, enter bids and panel, score, result with derivation; plain forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from procurement.selectors.projects import project_list

from . import selectors, services
from .forms import BidForm, CriterionFormSet, EvaluationForm, PanelForm, ScoreForm, default_criteria
from .models import Bid, CriterionKind, Evaluation
from .permissions import can_edit, is_panel_member, sees_member_scores, sees_result
from .results import evaluation_result, evaluation_sensitivity
from .services.scores import ScoreEntry


def _evaluation(request, pk: int) -> Evaluation:
    try:
        return selectors.evaluation_get(user=request.user, pk=pk)
    except Evaluation.DoesNotExist:
        raise Http404 from None


def _apply_errors(exc: ValidationError, form, formset=None) -> None:
    """Put a service's field errors on the form (or the criterion rows), never lose one."""
    for field, errors in exc.message_dict.items():
        parts = field.split(".")
        if formset is not None and parts[0] == "criteria" and len(parts) == 3 and parts[1].isdigit():
            index = int(parts[1])
            target = formset.forms[index] if index < len(formset.forms) else None
            if target is not None:
                for error in errors:
                    target.add_error(parts[2] if parts[2] in target.fields else None, error)
                continue
        if formset is not None and parts[0] == "criteria":
            formset._non_form_errors = formset.non_form_errors() + errors
            continue
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@login_required
def evaluation_list(request):
    evaluations = selectors.evaluation_list(user=request.user)
    return render(request, "evaluations/evaluation_list.html", {"evaluations": evaluations})


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request):
    projects = project_list(user=request.user)
    if not can_edit(request.user, None):
        raise PermissionDenied
    if request.method == "POST":
        form = EvaluationForm(request.POST, projects=projects)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            data = dict(form.cleaned_data)
            project = data.pop("project")
            criteria = [f.cleaned_data for f in formset.forms if not f.is_blank()]
            try:
                evaluation = services.evaluation_create(user=request.user, project=project, criteria=criteria, **data)
            except ValidationError as exc:
                _apply_errors(exc, form, formset)
            else:
                messages.success(request, _("The evaluation was created."))
                return redirect("evaluations:detail", pk=evaluation.pk)
    else:
        initial = {}
        if request.GET.get("project", "").isdigit():
            initial["project"] = int(request.GET["project"])
        form = EvaluationForm(initial=initial, projects=projects)
        formset = CriterionFormSet(initial=default_criteria(), prefix="criteria")
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluations/evaluation_form.html", {"form": form, "formset": formset}, status=status)


@login_required
def evaluation_detail(request, pk: int):
    evaluation = _evaluation(request, pk)
    user = request.user
    editable = can_edit(user, evaluation) and not evaluation.is_closed
    context = {
        "evaluation": evaluation,
        "bids": selectors.bid_list(evaluation=evaluation),
        "events": selectors.event_list(evaluation=evaluation),
        "editable": editable,
        "is_member": is_panel_member(user, evaluation),
        "sees_result": sees_result(user, evaluation),
        "sees_member_scores": sees_member_scores(user, evaluation),
        "bid_form": BidForm(prefix="bid") if editable else None,
        "panel_form": PanelForm(prefix="panel", candidates=selectors.panel_candidates(evaluation=evaluation))
        if editable else None,
    }
    return render(request, "evaluations/evaluation_detail.html", context)


def _post_action(request, pk: int, action) -> object:
    """Run an editor's action; its field errors become messages on the detail page."""
    evaluation = _evaluation(request, pk)
    if not can_edit(request.user, evaluation):
        raise PermissionDenied
    try:
        action(evaluation)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    return redirect("evaluations:detail", pk=evaluation.pk)


@login_required
@require_POST
def bid_add(request, pk: int):
    def add(evaluation):
        form = BidForm(request.POST, prefix="bid")
        if not form.is_valid():
            raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
        services.bid_create(user=request.user, evaluation=evaluation, **form.cleaned_data)
        messages.success(request, _("The bid was entered."))

    return _post_action(request, pk, add)


@login_required
@require_POST
def bid_delete(request, pk: int, bid_pk: int):
    def delete(evaluation):
        bid = get_object_or_404(Bid, evaluation=evaluation, pk=bid_pk)
        services.bid_delete(user=request.user, bid=bid)
        messages.success(request, _("The bid was withdrawn."))

    return _post_action(request, pk, delete)


@login_required
@require_POST
def panel_add(request, pk: int):
    def add(evaluation):
        form = PanelForm(request.POST, prefix="panel", candidates=selectors.panel_candidates(evaluation=evaluation))
        if not form.is_valid():
            raise ValidationError({f: [str(e) for e in errs] for f, errs in form.errors.items()})
        services.panel_member_add(user=request.user, evaluation=evaluation, member=form.cleaned_data["user"])
        messages.success(request, _("The member was added to the panel."))

    return _post_action(request, pk, add)


@login_required
@require_POST
def panel_remove(request, pk: int, user_pk: int):
    def remove(evaluation):
        member = get_object_or_404(User, pk=user_pk)
        services.panel_member_remove(user=request.user, evaluation=evaluation, member=member)
        messages.success(request, _("The member was removed from the panel."))

    return _post_action(request, pk, remove)


@login_required
@require_POST
def evaluation_close(request, pk: int):
    def close(evaluation):
        services.evaluation_close(user=request.user, evaluation=evaluation)
        messages.success(request, _("The evaluation is closed and sealed."))

    return _post_action(request, pk, close)


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk: int):
    evaluation = _evaluation(request, pk)
    if not is_panel_member(request.user, evaluation):
        raise PermissionDenied
    bids = list(selectors.bid_list(evaluation=evaluation))
    criteria = [c for c in evaluation.criteria.all() if c.kind != CriterionKind.PRICE]
    own = {
        (s.bid_id, s.criterion.code): s.points
        for s in selectors.member_score_list(user=request.user, evaluation=evaluation).filter(member=request.user)
    }
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        bids=bids, criteria=criteria, initial_points=own,
    )
    if request.method == "POST" and form.is_valid():
        entries = [ScoreEntry(bid_id=b, criterion=c, points=p) for b, c, p in form.entries()]
        try:
            services.member_scores_submit(user=request.user, evaluation=evaluation, entries=entries)
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    form.add_error(None, error)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("evaluations:score", pk=evaluation.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "evaluations/score.html",
        {"evaluation": evaluation, "form": form, "criteria": criteria}, status=status,
    )


@login_required
def result(request, pk: int):
    evaluation = _evaluation(request, pk)
    if not sees_result(request.user, evaluation):
        raise PermissionDenied
    data = evaluation_result(user=request.user, evaluation=evaluation)
    sensitivity = evaluation_sensitivity(evaluation=evaluation)
    return render(
        request, "evaluations/result.html",
        {"evaluation": evaluation, "result": data, "sensitivity": sensitivity},
    )
