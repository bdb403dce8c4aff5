from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.comparison.types import CREDENTIAL_KINDS

from .models import CredentialKind, VendorKind
from .params import parse_ids

MLPS_LEVELS = [("", _("No minimum"))] + [(str(n), str(n)) for n in range(1, 6)]


class VendorFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *VendorKind.choices]
    )
    search = forms.CharField(label=_("Name contains"), required=False, max_length=100)


class ComparisonForm(forms.Form):
    """The comparison's parameters: which vendors, and the qualification gates to apply."""

    ids = forms.CharField(widget=forms.HiddenInput)
    deadline = forms.DateField(
        label=_("Bid deadline"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Credentials must be valid on this day."),
    )
    min_mlps_level = forms.TypedChoiceField(
        label=_("Minimum MLPS (等保) level"), choices=MLPS_LEVELS, coerce=int, empty_value=None,
        required=False, help_text=_("The level of the systems to host."),
    )
    cac_required = forms.BooleanField(
        label=_("CAC cloud service security assessment required"), required=False
    )
    warn_days = forms.IntegerField(
        label=_("Warn when expiring within (days)"), min_value=0, max_value=3650, initial=30
    )
    required = forms.MultipleChoiceField(
        label=_("Further credentials required"), required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(k, label) for k, label in CredentialKind.choices if k in CREDENTIAL_KINDS
                 and k not in ("mlps", "cac_cloud_assessment")],
    )

    @classmethod
    def from_query(cls, query) -> "ComparisonForm":
        """Bind to the query string; ``ids`` may repeat (checkboxes) or be comma-separated."""
        data = query.copy()
        if "ids" in data:
            data["ids"] = ",".join(query.getlist("ids"))
        data.setdefault("deadline", timezone.localdate().isoformat())
        data.setdefault("warn_days", "30")
        return cls(data)

    def clean_ids(self) -> list[int]:
        try:
            return parse_ids([self.cleaned_data["ids"]])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
