"""Pages: the guidance wizard, its result, and saved procurement projects.

Thin: the flow lives in `procurement.wizard`, reads in selectors, writes in services.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orgs.selectors import body_list
from procurement import display
from procurement.forms import (
    ProjectFilterForm,
    SaveProjectForm,
    StepForm,
    answers_as_form_data,
)
from procurement.models import ProcurementProject
from procurement.selectors.projects import project_creatable_bodies, project_get, project_list
from procurement.selectors.rule_sets import rule_set_engine
from procurement.services.projects import procurement_project_create
from procurement.wizard import flow
from procurement.wizard.questions import STEP_NAMES, STEPS

WIZARD_TEMPLATE = "procurement/wizard.html"
RESULT_TEMPLATE = "procurement/guidance_result.html"


def _bad_state(request):
    messages.error(request, _("The wizard's answers could not be read; please start again."))
    return redirect("procurement:guidance")


def _render_step(request, step, ctx, answers, form=None, non_field=()):
    form = form or StepForm(step=step, ctx=ctx)
    number, total = flow.position(step, ctx)
    return render(request, WIZARD_TEMPLATE, {
        "step": step,
        "form": form,
        "state": flow.dump_state(answers),
        "number": number,
        "total": total,
        "first": step.name == STEP_NAMES[0],
        "non_field_errors": list(non_field) + list(form.non_field_errors()),
    })


def _add_errors(form: StepForm, errors: dict[str, list[str]]) -> list[str]:
    """Put field errors on the form; return those that belong to no field of it."""
    other: list[str] = []
    for key, msgs in errors.items():
        for m in msgs:
            if key in form.fields:
                form.add_error(key, m)
            else:
                other.append(m)
    return other


@login_required
@require_http_methods(["GET", "POST"])
def guidance_wizard(request):
    if request.method == "GET":
        return _render_step(request, STEPS[0], flow.Ctx({}), {})
    try:
        answers = flow.load_state(request.POST.get("state"))
    except signing.BadSignature:
        return _bad_state(request)
    name = request.POST.get("step")
    step = flow.step_named(name) if name in STEP_NAMES else STEPS[0]
    ctx = flow.Ctx(answers)
    if request.POST.get("edit") in STEP_NAMES:  # from the result page: revisit the answers
        return _render_step(request, flow.step_named(request.POST["edit"]), ctx, answers)
    if "back" in request.POST:
        return _render_step(request, flow.previous_step(step, ctx), ctx, answers)
    form = StepForm(request.POST, step=step, ctx=ctx)
    if not form.is_valid():
        return _render_step(request, step, ctx, answers, form)
    merged = {**answers, **form.answers()}
    after = flow.Ctx(merged)
    errors = flow.check_step(step, after)
    if errors:
        other = _add_errors(form, errors)
        return _render_step(request, step, ctx, answers, form, other)
    following = flow.next_step(step, after)
    if following is not None:
        return _render_step(request, following, after, merged)
    url = reverse("procurement:guidance-result") + "?" + urlencode(
        {"state": flow.dump_state(merged)}
    )
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _result_page(request, ctx, answers, outcome, save_form=None, status=200):
    bodies = project_creatable_bodies(user=request.user)
    if save_form is None and bodies.exists():
        save_form = SaveProjectForm(bodies=bodies)
    rules = rule_set_engine(outcome.rule_set)
    return render(request, RESULT_TEMPLATE, {
        **display.result_context(outcome.stored_result(), rules),
        "facts": display.facts_summary(outcome.stored_facts(), rules),
        "rule_set": outcome.rule_set,
        "state": flow.dump_state(answers),
        "save_form": save_form,
    }, status=status)


def _back_to_step(request, ctx, answers, step, errors):
    form = StepForm(answers_as_form_data(step, ctx), step=step, ctx=ctx)
    form.is_valid()
    other = _add_errors(form, errors)
    return _render_step(request, step, ctx, answers, form, other)


@login_required
@require_GET
def guidance_result(request):
    try:
        answers = flow.load_state(request.GET.get("state"))
    except signing.BadSignature:
        return _bad_state(request)
    if not answers:
        return redirect("procurement:guidance")
    ctx = flow.Ctx(answers)
    outcome, step, errors = flow.compute(ctx)
    if outcome is None:
        return _back_to_step(request, ctx, answers, step, errors)
    return _result_page(request, ctx, answers, outcome)


@login_required
@require_POST
def project_create(request):
    try:
        answers = flow.load_state(request.POST.get("state"))
    except signing.BadSignature:
        return _bad_state(request)
    ctx = flow.Ctx(answers)
    outcome, step, errors = flow.compute(ctx)
    if outcome is None:
        return _back_to_step(request, ctx, answers, step, errors)
    bodies = project_creatable_bodies(user=request.user)
    if not bodies.exists():
        raise PermissionDenied
    form = SaveProjectForm(request.POST, bodies=bodies)
    if form.is_valid():
        try:
            project = procurement_project_create(
                user=request.user, body=form.cleaned_data["body"],
                title=form.cleaned_data["title"], facts=flow.facts_mapping(ctx),
            )
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
        else:
            messages.success(request, _("The guidance was saved as a procurement project."))
            return redirect("procurement:project-detail", pk=project.pk)
    return _result_page(request, ctx, answers, outcome, save_form=form)


@login_required
@require_GET
def project_list_page(request):
    bodies = _visible_bodies(request.user)
    form = ProjectFilterForm(request.GET or None, bodies=bodies)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    projects = project_list(user=request.user, **filters)
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "procurement/project_list.html", {
        "page": page,
        "form": form,
        "query": query.urlencode(),
        "can_create": project_creatable_bodies(user=request.user).exists(),
    })


@login_required
@require_GET
def project_detail(request, pk: int):
    try:
        project = project_get(user=request.user, pk=pk)
    except ProcurementProject.DoesNotExist:
        raise Http404 from None
    rules = rule_set_engine(project.rule_set)
    return render(request, "procurement/project_detail.html", {
        "project": project,
        **display.result_context(project.result, rules),
        "facts": display.facts_summary(project.facts, rules),
        "rule_set": project.rule_set,
    })


def _visible_bodies(user):
    return body_list(user=user).order_by("division_code", "name")
