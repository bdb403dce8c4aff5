"""Indicator inputs for the fill pages: one input set per indicator type, built from the data.

A framework is data, so the fill form cannot be a fixed Django Form: `indicator_inputs` turns
each indicator of the stored framework into the inputs its type needs, and `payloads_from_post`
turns the posted fields back into the engine's answer payloads. Values go to the engine as
typed strings; the engine validates them and its errors come back keyed `P1.numerator`, which
`field_name` maps to the input `P1__numerator`.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.models import GovernmentCloud

from .models import FrameworkVersion

SEP = "__"


def field_name(error_key: str) -> str:
    """Engine error key → form input name ("P1.numerator" → "P1__numerator")."""
    return error_key.replace(".", SEP)


@dataclass
class IndicatorInputs:
    """What the template needs to render one indicator's inputs, with current values."""

    code: str
    type: str
    spec: dict[str, Any]  # the indicator as stored in the framework file
    values: dict[str, Any] = field(default_factory=dict)
    not_applicable: bool = False
    reason: str = ""

    @property
    def allows_na(self) -> bool:
        return self.spec.get("not_applicable_allowed", True)


def indicator_inputs(indicator: dict[str, Any], payload: dict[str, Any] | None) -> IndicatorInputs:
    payload = payload or {}
    inputs = IndicatorInputs(code=indicator["code"], type=indicator["type"], spec=indicator)
    if payload.get("not_applicable"):
        inputs.not_applicable = True
        inputs.reason = payload.get("reason", "")
        return inputs
    kind = indicator["type"]
    if kind == "checklist":
        inputs.values = {"items": set(payload.get("items", []))}
    elif kind == "deduction":
        inputs.values = {"events": dict(payload.get("events", {}))}
    elif kind == "yes_no":
        value = payload.get("value")
        inputs.values = {"value": "" if value is None else ("yes" if value else "no")}
    else:
        inputs.values = {k: ("" if v is None else str(v)) for k, v in payload.items()}
    return inputs


def payloads_from_post(indicators: list[dict[str, Any]], data) -> dict[str, Any]:
    """Posted inputs → {code: payload or None}; only indicators present on the page are read.

    An indicator with every input empty becomes None (no answer: the draft keeps it open).
    """
    out: dict[str, Any] = {}
    for ind in indicators:
        code, kind = ind["code"], ind["type"]
        if f"{code}{SEP}present" not in data:
            continue
        if data.get(f"{code}{SEP}na"):
            out[code] = {"not_applicable": True, "reason": data.get(f"{code}{SEP}reason", "").strip()}
            continue
        out[code] = _payload(code, kind, ind, data)
    return out


def _payload(code: str, kind: str, ind: dict[str, Any], data) -> dict[str, Any] | None:
    def get(name: str) -> str:
        return (data.get(f"{code}{SEP}{name}") or "").strip()

    if kind == "ratio":
        value, num, den = get("value"), get("numerator"), get("denominator")
        if value:
            return {"value": value}
        if num or den:
            return {"numerator": num or None, "denominator": den or None}
        return None
    if kind in ("band", "threshold"):
        return {"value": get("value")} if get("value") else None
    if kind == "level":
        return {"level": get("level")} if get("level") else None
    if kind == "yes_no":
        choice = get("value")
        return {"value": choice == "yes"} if choice in ("yes", "no") else None
    if kind == "capped_count":
        return {"count": get("count")} if get("count") else None
    if kind == "checklist":
        return {"items": data.getlist(f"{code}{SEP}items")}
    if kind == "deduction":
        events = {}
        for event in ind["params"]["events"]:
            raw = get(f"event_{event['code']}")
            if raw:
                events[event["code"]] = raw
        return {"events": events}
    return None


class AssessmentCreateForm(forms.Form):
    cloud = forms.ModelChoiceField(queryset=GovernmentCloud.objects.none(), label=_("Government cloud"))
    year = forms.IntegerField(label=_("Year assessed"), min_value=2015, max_value=2100)
    framework = forms.ModelChoiceField(queryset=FrameworkVersion.objects.none(), label=_("Framework version"))

    def __init__(self, *args, clouds, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cloud"].queryset = clouds
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].label_from_instance = lambda f: f"{f.title_zh} (v{f.version})"
        self.fields["year"].initial = date.today().year - 1
        # Preselect what is unambiguous: the only cloud, and the newest CAICT framework version.
        if len(clouds) == 1:
            self.fields["cloud"].initial = clouds[0].pk
        default = next((f for f in frameworks if f.slug == "caict-gov-cloud"), None)
        if default is not None:
            self.fields["framework"].initial = default.pk


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class EvidenceForm(forms.Form):
    indicator_code = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"))
    refers_to = forms.DateField(label=_("Date the evidence refers to"), widget=forms.DateInput(attrs={"type": "date"}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled template (.xlsx)"))
