"""Forms of the guidance wizard (one per step, built from the questions that apply) and of
saving the guidance as a project. Which questions apply is decided in `procurement.wizard`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from orgs.models import AdministrativeLevel
from procurement.guidance.facts import EARLIEST_DATE, LATEST_DATE
from procurement.guidance.labels import LABELS
from procurement.guidance.types import BuyerType, Category, Method, Signatory
from procurement.wizard.flow import Ctx, questions_of
from procurement.wizard.questions import Question, Step

MONEY = {"max_digits": 16, "decimal_places": 2}
TRISTATE = [("", _("Don't know")), ("yes", _("Yes")), ("no", _("No"))]
PAYMENT_MODELS = [
    ("fixed", _("Fixed total price")),
    ("usage", _("Unit price × usage (pay as used)")),
]


def _labelled(group: str, values) -> list[tuple[str, Any]]:
    return [(v.value, _(LABELS[group][v.value])) for v in values]


def _choices(key: str, ctx: Ctx) -> list[tuple[str, Any]]:
    if key == "buyer_type":
        return _labelled("buyer_type", BuyerType)
    if key == "signatory":
        return _labelled("signatory", Signatory)
    if key == "category":
        return _labelled("category", Category)
    if key == "budget_level":
        return list(AdministrativeLevel.choices)
    if key == "payment_model":
        return PAYMENT_MODELS
    if key == "province":
        rules = ctx.rules
        if rules is None:
            return []
        return [(k, j.name_zh) for k, j in rules.jurisdictions.items() if k != "central"]
    raise KeyError(key)


def _field(q: Question, ctx: Ctx) -> forms.Field:  # noqa: C901 - one branch per kind
    common = {"label": q.label, "help_text": q.help, "required": q.required}
    if q.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}),
            validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
            **common,
        )
    if q.kind == "choice":
        choices = _choices(q.key, ctx)
        if not q.required:
            choices = [("", "—"), *choices]
        elif q.default is None:
            choices = [("", _("Choose…")), *choices]
        return forms.ChoiceField(choices=choices, **common)
    if q.kind == "money":
        return forms.DecimalField(min_value=Decimal(0), **MONEY, **common)
    if q.kind == "percent":
        return forms.DecimalField(
            min_value=Decimal(0), max_value=Decimal(100), max_digits=5, decimal_places=2, **common
        )
    if q.kind == "count":
        return forms.IntegerField(min_value=0, max_value=100000, **common)
    if q.kind == "months":
        return forms.IntegerField(min_value=1, max_value=1200, **common)
    if q.kind == "weight":
        return forms.IntegerField(min_value=0, max_value=5, **common)
    if q.kind == "bool":
        return forms.BooleanField(**{**common, "required": False})
    if q.kind == "tristate":
        return forms.ChoiceField(
            choices=TRISTATE, widget=forms.RadioSelect, **{**common, "required": False}
        )
    if q.kind == "text":
        return forms.CharField(
            max_length=500, widget=forms.Textarea(attrs={"rows": 2}), **common
        )
    if q.kind == "multi":
        choices = _labelled("approval", ctx.required_approvals())
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **{**common, "required": False}
        )
    raise ValueError(f"unknown question kind {q.kind!r}")


class StepForm(forms.Form):
    """The questions of one step that apply to the answers so far."""

    def __init__(self, *args, step: Step, ctx: Ctx, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.questions = {q.key: q for q in questions_of(step, ctx)}
        for key, q in self.questions.items():
            self.fields[key] = _field(q, ctx)
            self.fields[key].widget.attrs.setdefault("data-question", key)
            answer = ctx.answer(key)
            if answer is None and q.default is not None:
                answer = q.default
            if q.kind == "date" and answer is None and q.required:
                answer = timezone.localdate().isoformat()
            if answer is not None:
                self.initial[key] = answer

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as JSON values (dates and amounts as text)."""
        out: dict[str, Any] = {}
        for key in self.questions:
            value = self.cleaned_data.get(key)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif value == "" or value == []:
                value = None if self.questions[key].kind != "tristate" else ""
            out[key] = value
        return out

    def kind(self, key: str) -> str:
        return self.questions[key].kind


class SaveProjectForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    body = forms.ModelChoiceField(label=_("Buyer (government body)"), queryset=None)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        if len(bodies) == 1:
            self.initial.setdefault("body", bodies[0].pk)


def answers_as_form_data(step: Step, ctx: Ctx) -> MultiValueDict:
    """The stored answers of `step` as submitted form data (to show errors found later)."""
    data = MultiValueDict()
    for q in questions_of(step, ctx):
        value = ctx.answer(q.key)
        if value is None:
            continue
        if q.kind == "bool":
            if value:
                data[q.key] = "on"
        elif q.kind == "multi":
            data.setlist(q.key, [str(v) for v in value])
        else:
            data[q.key] = str(value)
    return data


class ProjectFilterForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Buyer"), queryset=None, required=False)
    recommended_method = forms.ChoiceField(
        label=_("Recommended method"), required=False,
        choices=[("", "—"), *_labelled("method", Method)],
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", "—"), *_labelled("category", Category)]
    )
    law_applies = forms.ChoiceField(
        label=_("Government Procurement Law applies"), required=False,
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "body_id": data["body"].pk if data.get("body") else None,
            "recommended_method": data.get("recommended_method") or None,
            "category": data.get("category") or None,
            "law_applies": {"yes": True, "no": False}.get(data.get("law_applies") or ""),
        }
