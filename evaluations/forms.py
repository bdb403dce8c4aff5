from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from vendors.models import Vendor

from .models import Category, CriterionKind, ProcurementMethod, RoundingMode


class EvaluationForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Procurement project"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    procurement_method = forms.ChoiceField(label=_("Procurement method"), choices=ProcurementMethod.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    goods_share = forms.DecimalField(
        label=_("Funds for goods"), required=False, min_value=0, max_digits=16, decimal_places=2,
        help_text=_("Mixed projects only: amount or percentage."),
    )
    services_share = forms.DecimalField(
        label=_("Funds for services"), required=False, min_value=0, max_digits=16, decimal_places=2
    )
    sme_deduction_percent = forms.DecimalField(
        label=_("Small/micro-enterprise price deduction (%)"), initial=Decimal(0), min_value=0,
        max_digits=5, decimal_places=2, help_text=_("As the tender documents state."),
    )
    rounding_places = forms.IntegerField(label=_("Decimal places"), initial=2, min_value=0, max_value=10)
    rounding_mode = forms.ChoiceField(label=_("Rounding"), choices=RoundingMode.choices, initial=RoundingMode.HALF_UP)
    abnormal_threshold_percent = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Abnormally low below (% of the other bids' mean)"), required=False,
        max_digits=5, decimal_places=2,
        help_text=_("As the tender documents state; empty: a modelled 80 %, not a legal figure."),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects


class CriterionForm(forms.Form):
    code = forms.RegexField(label=_("Code"), regex=r"^[A-Za-z0-9_-]+$", max_length=30, required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=CriterionKind.choices, required=False)
    max_points = forms.DecimalField(
        label=_("Maximum points"), min_value=0, max_value=100, max_digits=6, decimal_places=2,
        required=False,
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not (data.get("code") or data.get("name") or data.get("max_points") is not None)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=0, min_num=1, max_num=50)

def default_criteria() -> list[dict]:
    """A starting scoring table (the tender documents' own table replaces it)."""
    return [
        {"code": "price", "name": _("Price"), "kind": "price", "max_points": Decimal(30)},
        {"code": "tech", "name": _("Technical proposal"), "kind": "technical", "max_points": Decimal(50)},
        {"code": "service", "name": _("Commercial terms and service"), "kind": "commercial",
         "max_points": Decimal(20)},
    ]


class BidForm(forms.Form):
    bidder_name = forms.CharField(label=_("Bidder"), max_length=200)
    price = forms.DecimalField(label=_("Bid price (yuan)"), max_digits=16, decimal_places=2)
    sme_eligible = forms.BooleanField(label=_("Small or micro enterprise"), required=False)
    vendor = forms.ModelChoiceField(
        label=_("Catalogue vendor"), queryset=Vendor.objects.order_by("name"), required=False
    )


class PanelForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Member"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class ScoreForm(forms.Form):
    """One field per bid and non-price criterion, named ``s-<bid id>-<criterion code>``."""

    def __init__(self, *args, bids, criteria, initial_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        for bid in bids:
            row = []
            for criterion in criteria:
                name = f"s-{bid.pk}-{criterion.code}"
                self.fields[name] = forms.DecimalField(
                    label=f"{bid.bidder_name} · {criterion.name}",
                    required=False, min_value=0, max_value=criterion.max_points,
                    max_digits=6, decimal_places=2,
                    initial=initial_points.get((bid.pk, criterion.code)),
                )
                row.append((criterion, self[name]))
            self.grid.append((bid, row))

    def entries(self):
        """(bid id, criterion code, points or None) for every cell."""
        for name, value in self.cleaned_data.items():
            _prefix, bid_id, code = name.split("-", 2)
            yield int(bid_id), code, value
