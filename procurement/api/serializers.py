"""Input and output serializers of the procurement API.

The facts serializer checks types and choices and documents every fact in OpenAPI; whether
the facts are *possible* (negative amounts, an add-on without its original amount, a date no
rule set covers …) is the engine's call, made in `guidance_compute`.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgs.models import GovernmentBody
from procurement.guidance.labels import LABELS
from procurement.guidance.types import (
    Approval,
    BudgetLevel,
    BuyerType,
    Category,
    Method,
    PaymentModel,
    Severity,
    Signatory,
    Verdict,
)
from procurement.models import CATEGORY_CHOICES, METHOD_CHOICES

MONEY = {"max_digits": 16, "decimal_places": 2, "coerce_to_string": True}


class AmountField(serializers.DecimalField):
    """A decimal checked for its digits but passed on as written (2500000 stays 2500000, not
    2500000.00), so the engine's messages quote the figure the buyer gave."""

    def quantize(self, value):
        return value


def _choices(group: str, enum) -> list[tuple[str, str]]:
    return [(e.value, LABELS[group][e.value]) for e in enum]


class StrictSerializer(serializers.Serializer):
    """Unknown keys are errors, not silently ignored: a misspelt fact must not vanish."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({k: [_("Unknown field.")] for k in unknown})
        return super().to_internal_value(data)


# --------------------------------------------------------------------------- facts in


class AddOnInput(StrictSerializer):
    # Absent = null, so that the engine says what an add-on without them lacks.
    original_contract_amount = AmountField(
        **MONEY, required=False, allow_null=True, default=None,
        help_text=_("Amount of the original contract (yuan); required for an add-on."),
    )
    amount = AmountField(
        **MONEY, required=False, allow_null=True, default=None,
        help_text=_("This add-on (yuan); must equal the purchase amount."),
    )
    already_added = AmountField(
        **MONEY, required=False, help_text=_("Earlier supplements to the same contract (yuan).")
    )
    consistency_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=500,
        help_text=_("Why the original supplier is needed (consistency, service compatibility)."),
    )


class PreferencesInput(StrictSerializer):
    """Weights 0..5 of the model-comparison criteria; null or absent = the modelled default."""

    funding_pressure = serializers.IntegerField(required=False, allow_null=True)
    control_and_risk = serializers.IntegerField(required=False, allow_null=True)
    project_cycle = serializers.IntegerField(required=False, allow_null=True)
    sustainability = serializers.IntegerField(required=False, allow_null=True)
    security = serializers.IntegerField(required=False, allow_null=True)
    flexibility = serializers.IntegerField(required=False, allow_null=True)
    scalability = serializers.IntegerField(required=False, allow_null=True)
    cost = serializers.IntegerField(required=False, allow_null=True)


def _flag(help_text):
    return serializers.BooleanField(required=False, help_text=help_text)


def _maybe(help_text):
    return serializers.BooleanField(required=False, allow_null=True, help_text=help_text)


class FactsInput(StrictSerializer):
    """What the buyer tells the engine (domain reference §8). Absent = unknown / default."""

    date = serializers.DateField(help_text=_("Procurement date; selects the rule set in force."))
    buyer_type = serializers.ChoiceField(choices=_choices("buyer_type", BuyerType))
    fiscal_funds_percent = AmountField(
        max_digits=5, decimal_places=2, coerce_to_string=True,
        help_text=_("Share of fiscal funds, 0..100."),
    )
    budget_level = serializers.ChoiceField(
        choices=[(b.value, b.value) for b in BudgetLevel],
        help_text=_("central, province, city or county: selects the thresholds."),
    )
    category = serializers.ChoiceField(choices=_choices("category", Category))
    amount = AmountField(**MONEY, help_text=_("Amount of this purchase (yuan), > 0."))
    province = serializers.CharField(
        required=False, allow_null=True, max_length=50,
        help_text=_("Province key (e.g. fujian) or Chinese name; required below central level."),
    )
    signatory = serializers.ChoiceField(choices=_choices("signatory", Signatory), required=False)
    is_info_system = _flag(_("A government information system (政务信息系统)."))
    cloud_in_central_catalogue = _maybe(_("Cloud computing is in the centralised catalogue."))
    contract_term_months = serializers.IntegerField(required=False, allow_null=True)
    payment_model = serializers.ChoiceField(
        choices=[(p.value, p.value) for p in PaymentModel], required=False,
        help_text=_("fixed: fixed total price; usage: unit price × usage."),
    )
    same_item_purchases_ytd = AmountField(
        **MONEY, required=False,
        help_text=_("Earlier non-tender purchases of the same item this fiscal year (yuan)."),
    )
    specs_fixable = _maybe(_("Detailed specifications can be fixed."))
    standard_goods = _maybe(_("Uniform specifications, ample supply, stable price (goods)."))
    price_calculable_in_advance = _maybe(_("The total price can be calculated in advance."))
    capable_suppliers = serializers.IntegerField(required=False, allow_null=True)
    sole_supplier_evidence = _flag(_("Evidence that only one supplier can deliver."))
    urgent = _flag(_("The need is urgent."))
    urgency_caused_by_buyer = _maybe(_("The urgency was caused by the buyer."))
    urgency_unforeseeable = _flag(_("An unforeseeable emergency."))
    earlier_tender_failed = _flag(_("An earlier tender failed."))
    responsive_bidders = serializers.IntegerField(required=False, allow_null=True)
    addon = AddOnInput(required=False, allow_null=True)
    repeat_small_orders = _flag(_("Frequent small purchases of catalogue items."))
    attestation_consulting_services = _flag(_("Attestation or consulting services."))
    users_choose_supplier = _flag(_("Service users choose among two or more suppliers."))
    rd_need = _flag(_("R&D serving national strategy."))
    no_market_solution = _flag(_("Nothing on the market meets the need."))
    government_purchase_of_services = _flag(_("A government purchase of services."))
    research_or_tech_transfer = _flag(_("Research with little competition or tech transfer."))
    works_must_be_tendered = _maybe(_("These works must be tendered (Tendering and Bidding Law)."))
    limited_supplier_pool = _flag(_("Special item with a limited pool of suppliers."))
    tender_cost_disproportionate = _flag(_("Tender cost disproportionate to the value."))
    multi_year_budget_assured = _flag(_("Budget assured, content and prices stable."))
    custom_it_system = _flag(_("A custom-developed IT system."))
    public_interest = _flag(_("A project of public interest."))
    approvals_obtained = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices("approval", Approval)), required=False,
        help_text=_("Approvals already obtained."),
    )
    timeline_start = serializers.DateField(
        required=False, allow_null=True, help_text=_("Start of the timeline; default: date.")
    )
    handles_sensitive_data = _maybe(_("The system handles sensitive data."))
    public_facing = _flag(_("The system is public-facing."))
    preferences = PreferencesInput(required=False)


# --------------------------------------------------------------------------- result out


class GuidanceBasisOutput(serializers.Serializer):
    law = serializers.CharField()
    article = serializers.CharField(allow_null=True)
    source = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_null=True)
    secondary = serializers.BooleanField(help_text=_("From secondary sources (reprints)."))


class GuidanceMessageOutput(serializers.Serializer):
    code = serializers.CharField(help_text=_("Stable code of the message."))
    params = serializers.DictField(help_text=_("Values filling the message."))
    basis = GuidanceBasisOutput(many=True)
    text = serializers.CharField(help_text=_("The message in the request's language."))


class GuidanceWarningOutput(GuidanceMessageOutput):
    severity = serializers.ChoiceField(choices=[(s.value, s.value) for s in Severity])


class GuidanceRuleRefOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Id of the stored rule-set version."))
    slug = serializers.CharField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    content_hash = serializers.CharField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)


class GuidanceApplicabilityOutput(serializers.Serializer):
    applies = serializers.BooleanField()
    reasons = GuidanceMessageOutput(many=True)


class GuidanceThresholdOutput(serializers.Serializer):
    kind = serializers.CharField()
    amount = serializers.CharField(allow_null=True)
    jurisdiction = serializers.CharField()
    fallback = serializers.BooleanField(help_text=_("A central figure stands in for a local one."))
    secondary = serializers.BooleanField()
    basis = GuidanceBasisOutput(many=True)
    note = serializers.CharField(allow_null=True)


class GuidanceThresholdsOutput(serializers.Serializer):
    procurement_limit = GuidanceThresholdOutput(allow_null=True)
    public_tender = GuidanceThresholdOutput(allow_null=True)
    above_procurement_limit = serializers.BooleanField(allow_null=True)
    above_public_tender = serializers.BooleanField(allow_null=True)


class GuidanceVerdictOutput(serializers.Serializer):
    method = serializers.ChoiceField(choices=[(m.value, m.value) for m in Method])
    name_zh = serializers.CharField()
    verdict = serializers.ChoiceField(choices=[(v.value, v.value) for v in Verdict])
    reasons = GuidanceMessageOutput(many=True)
    approvals = serializers.ListField(child=serializers.CharField())
    requirements = GuidanceMessageOutput(many=True)


class GuidanceRecommendationOutput(serializers.Serializer):
    method = serializers.CharField()
    verdict = serializers.CharField()
    reasons = GuidanceMessageOutput(many=True)


class GuidanceRequiredApprovalOutput(serializers.Serializer):
    approval = serializers.ChoiceField(choices=[(a.value, a.value) for a in Approval])
    methods = serializers.ListField(child=serializers.CharField())
    obtained = serializers.BooleanField()
    before_start = serializers.BooleanField()
    basis = GuidanceBasisOutput(many=True)


class GuidanceTimelineStepOutput(GuidanceMessageOutput):
    date = serializers.DateField()
    kind = serializers.CharField(help_text=_("earliest: not before this date; latest: not after."))
    days = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=[("calendar_days", "calendar_days"),
                                            ("working_days", "working_days")])
    is_workday = serializers.BooleanField(allow_null=True)
    approximate = serializers.BooleanField(
        help_text=_("The holiday calendar did not cover a day counted (Monday–Friday used).")
    )


class GuidanceTimelineOutput(serializers.Serializer):
    method = serializers.CharField()
    start = serializers.DateField()
    steps = GuidanceTimelineStepOutput(many=True)
    approximate = serializers.BooleanField()


class GuidanceModelOptionOutput(serializers.Serializer):
    key = serializers.CharField()
    name_zh = serializers.CharField()
    score = serializers.CharField()
    excluded = serializers.BooleanField()
    reasons = GuidanceMessageOutput(many=True)


class GuidanceModelAdviceOutput(serializers.Serializer):
    kind = serializers.CharField()
    options = GuidanceModelOptionOutput(many=True)
    recommended = serializers.CharField(allow_null=True)
    weights = serializers.ListField(child=serializers.ListField())
    modelled = serializers.BooleanField()
    basis = GuidanceBasisOutput(many=True)
    notes = GuidanceMessageOutput(many=True)


class GuidanceResultOutput(serializers.Serializer):
    """The full guidance: applicability, every method's verdict, recommendations, approvals,
    documents, warnings, minimum timelines and the model comparisons."""

    rules = GuidanceRuleRefOutput()
    applicability = GuidanceApplicabilityOutput()
    thresholds = GuidanceThresholdsOutput()
    verdicts = GuidanceVerdictOutput(many=True)
    recommended = GuidanceRecommendationOutput(many=True)
    approvals = GuidanceRequiredApprovalOutput(many=True)
    documents = GuidanceMessageOutput(many=True)
    warnings = GuidanceWarningOutput(many=True)
    timelines = GuidanceTimelineOutput(many=True)
    cooperation = GuidanceModelAdviceOutput()
    deployment = GuidanceModelAdviceOutput()


class GuidanceOutput(GuidanceResultOutput):
    facts = serializers.DictField(help_text=_("The facts as the engine understood them."))


# --------------------------------------------------------------------------- projects


class ProjectInput(StrictSerializer):
    title = serializers.CharField(max_length=200)
    body = serializers.PrimaryKeyRelatedField(
        queryset=GovernmentBody.objects.all(), help_text=_("The buying government body.")
    )
    facts = FactsInput()


class ProjectFilterInput(serializers.Serializer):
    body = serializers.IntegerField(required=False, help_text=_("Buyer body id."))
    category = serializers.ChoiceField(choices=CATEGORY_CHOICES, required=False)
    recommended_method = serializers.ChoiceField(choices=METHOD_CHOICES, required=False)
    law_applies = serializers.BooleanField(required=False, allow_null=True, default=None)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    search = serializers.CharField(required=False, max_length=100, help_text=_("In the title."))


class ProjectBodyRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ProjectUserRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class ProjectRuleSetRef(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    version = serializers.IntegerField()


class ProjectListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = ProjectBodyRef()
    created_by = ProjectUserRef()
    rule_set = ProjectRuleSetRef()
    procurement_date = serializers.DateField()
    category = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    law_applies = serializers.BooleanField()
    recommended_method = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProjectDetailOutput(ProjectListOutput):
    facts = serializers.DictField()
    result = GuidanceResultOutput()
