from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from procurement.comparison import TIE_BREAK_KEYS

from ..models import Category, CriterionKind, ProcurementMethod, RoundingMode, Status

TIE_BREAK_CHOICES = list(TIE_BREAK_KEYS)


class StrictSerializer(serializers.Serializer):
    """Refuses unknown fields: a typo must not be ignored silently."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = set(data) - set(self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Unknown field.")] for name in sorted(unknown)}
                )
        return super().to_internal_value(data)


def points_field(**kwargs):
    return serializers.DecimalField(max_digits=6, decimal_places=2, **kwargs)


class EvaluationCriterionInput(StrictSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=30)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CriterionKind.choices)
    max_points = points_field(min_value=0, max_value=100)


class EvaluationInput(StrictSerializer):
    project = serializers.IntegerField(min_value=1)
    title = serializers.CharField(max_length=200)
    procurement_method = serializers.ChoiceField(choices=ProcurementMethod.choices)
    category = serializers.ChoiceField(choices=Category.choices)
    goods_share = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True)
    services_share = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True)
    sme_deduction_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    rounding_places = serializers.IntegerField(min_value=0, max_value=10, required=False)
    rounding_mode = serializers.ChoiceField(choices=RoundingMode.choices, required=False)
    tie_break = serializers.ListField(
        child=serializers.ChoiceField(choices=TIE_BREAK_CHOICES), required=False, max_length=5
    )
    abnormal_threshold_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    criteria = EvaluationCriterionInput(many=True, min_length=1, max_length=50)


class EvaluationUpdateInput(EvaluationInput):
    project = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class EvaluationBidInput(StrictSerializer):
    bidder_name = serializers.CharField(max_length=200)
    price = serializers.DecimalField(max_digits=16, decimal_places=2)
    sme_eligible = serializers.BooleanField(required=False, default=False)
    vendor = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class EvaluationBidUpdateInput(EvaluationBidInput):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["sme_eligible"].default = serializers.empty


class PanelMemberInput(StrictSerializer):
    user = serializers.IntegerField(min_value=1)


class MemberScoreInput(StrictSerializer):
    bid = serializers.IntegerField(min_value=1)
    criterion = serializers.CharField(max_length=30)
    points = points_field(allow_null=True)


class MemberScoresInput(StrictSerializer):
    scores = MemberScoreInput(many=True, min_length=1, max_length=2000)


class EvaluationUserRef(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="__str__")


class EvaluationCriterionOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=CriterionKind.choices)
    max_points = serializers.DecimalField(max_digits=6, decimal_places=2)


class EvaluationProjectRef(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.IntegerField(source="body_id")
    body_name = serializers.CharField(source="body.name")


class EvaluationRuleSetRef(serializers.Serializer):
    slug = serializers.CharField()
    version = serializers.IntegerField()
    content_hash = serializers.CharField()


class EvaluationSealOutput(serializers.Serializer):
    sha256 = serializers.CharField()
    sealed_at = serializers.DateTimeField()
    sealed_by = EvaluationUserRef()


class EvaluationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    project = EvaluationProjectRef()
    rule_set = EvaluationRuleSetRef()
    procurement_method = serializers.ChoiceField(choices=ProcurementMethod.choices)
    method = serializers.CharField(source="engine_method")
    category = serializers.ChoiceField(choices=Category.choices)
    goods_share = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    services_share = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    sme_deduction_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    rounding_places = serializers.IntegerField()
    rounding_mode = serializers.ChoiceField(choices=RoundingMode.choices)
    tie_break = serializers.ListField(child=serializers.CharField())
    abnormal_threshold_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices)
    criteria = EvaluationCriterionOutput(many=True, source="criteria.all")
    panel = serializers.SerializerMethodField()
    created_by = EvaluationUserRef()
    created_at = serializers.DateTimeField()
    closed_by = EvaluationUserRef(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    seal = serializers.SerializerMethodField()

    def get_panel(self, evaluation) -> list[dict]:
        return [EvaluationUserRef(m.user).data for m in evaluation.panel.all()]

    def get_seal(self, evaluation) -> dict | None:
        seal = getattr(evaluation, "seal", None) if evaluation.is_closed else None
        return EvaluationSealOutput(seal).data if seal else None


class EvaluationBidOutput(serializers.Serializer):
    id = serializers.IntegerField()
    bidder_name = serializers.CharField()
    vendor = serializers.IntegerField(source="vendor_id", allow_null=True)
    price = serializers.DecimalField(max_digits=16, decimal_places=2)
    sme_eligible = serializers.BooleanField()
    entered_by = EvaluationUserRef()
    entered_at = serializers.DateTimeField()
    updated_by = EvaluationUserRef()
    updated_at = serializers.DateTimeField()


class MemberScoreOutput(serializers.Serializer):
    bid = serializers.IntegerField(source="bid_id")
    bidder = serializers.CharField(source="bid.bidder_name")
    criterion = serializers.CharField(source="criterion.code")
    member = EvaluationUserRef()
    points = serializers.DecimalField(max_digits=6, decimal_places=2)
    entered_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


# ------------------------------------------------------------------ stateless score check


class BidScoresRoundingInput(StrictSerializer):
    places = serializers.IntegerField(min_value=0, max_value=10, required=False, default=2)
    mode = serializers.ChoiceField(choices=RoundingMode.choices, required=False, default=RoundingMode.HALF_UP)


class BidScoresBidInput(StrictSerializer):
    bidder_id = serializers.CharField(max_length=200)
    price = serializers.DecimalField(max_digits=16, decimal_places=2)
    sme_eligible = serializers.BooleanField(required=False, default=False)
    non_price_total = points_field(required=False, allow_null=True)
    technical_score = points_field(required=False, allow_null=True)
    published_price_score = serializers.DecimalField(max_digits=8, decimal_places=4, required=False, allow_null=True)
    published_total = serializers.DecimalField(max_digits=8, decimal_places=4, required=False, allow_null=True)
    published_rank = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class BidScoresInput(StrictSerializer):
    method = serializers.ChoiceField(
        choices=["tender", "consultation"], required=False,
        help_text=_("With category: check the price points against the legal range."),
    )
    category = serializers.ChoiceField(choices=["goods", "services"], required=False)
    # xgettext:no-python-format
    price_points = points_field(help_text=_("Price points (the price weight, in % of 100)."))
    rounding = BidScoresRoundingInput(required=False)
    sme_deduction_percent = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, default=0)
    tie_break = serializers.ListField(
        child=serializers.ChoiceField(choices=TIE_BREAK_CHOICES), required=False, max_length=5
    )
    bids = BidScoresBidInput(many=True, min_length=1, max_length=500)

    def validate(self, data):
        if ("method" in data) != ("category" in data):
            missing = "category" if "method" in data else "method"
            raise serializers.ValidationError(
                {missing: [_("Give method and category together (or neither).")]}
            )
        return data
