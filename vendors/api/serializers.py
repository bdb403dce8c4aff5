from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgs.models import DeploymentModel

from ..models import CredentialKind, Evidence, VendorKind
from ..params import parse_ids


class VendorSourceOutput(serializers.Serializer):
    file = serializers.CharField(source="source_file")
    section = serializers.CharField(source="source_section")
    secondary = serializers.BooleanField()


class VendorCredentialOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    title = serializers.CharField()
    level = serializers.IntegerField(allow_null=True)
    number = serializers.CharField()
    issuer = serializers.CharField()
    scope = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_to = serializers.DateField(allow_null=True)
    evidence = serializers.ChoiceField(choices=Evidence.choices)
    verified = serializers.BooleanField()
    source = VendorSourceOutput(source="*")


class VendorDeploymentOutput(serializers.Serializer):
    model = serializers.ChoiceField(choices=DeploymentModel.choices)
    source = VendorSourceOutput(source="*")


class VendorRegionOutput(serializers.Serializer):
    name = serializers.CharField()
    note = serializers.CharField()
    source = VendorSourceOutput(source="*")


class VendorReferenceOutput(serializers.Serializer):
    name = serializers.CharField()
    region = serializers.CharField()
    since = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    source = VendorSourceOutput(source="*")


class VendorMarketFactOutput(serializers.Serializer):
    text = serializers.CharField()
    figure = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True, coerce_to_string=True)
    unit = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    period = serializers.CharField()
    source = VendorSourceOutput(source="*")


class VendorSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=VendorKind.choices)
    deployment_models = serializers.SerializerMethodField()
    credential_kinds = serializers.SerializerMethodField()

    def get_deployment_models(self, vendor) -> list[str]:
        return [d.model for d in vendor.deployments.all()]

    def get_credential_kinds(self, vendor) -> list[str]:
        return sorted({c.kind for c in vendor.credentials.all()})


class VendorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=VendorKind.choices)
    summary = serializers.CharField()
    source = VendorSourceOutput(source="*")
    deployment_models = VendorDeploymentOutput(many=True, source="deployments.all")
    regions = VendorRegionOutput(many=True, source="regions.all")
    references = VendorReferenceOutput(many=True, source="references.all")
    credentials = VendorCredentialOutput(many=True, source="credentials.all")
    market_facts = VendorMarketFactOutput(many=True, source="market_facts.all")


class VendorFilterInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VendorKind.choices, required=False)
    deployment_model = serializers.ChoiceField(choices=DeploymentModel.choices, required=False)
    credential = serializers.ChoiceField(choices=CredentialKind.choices, required=False)
    search = serializers.CharField(max_length=100, required=False)


class VendorCompareInput(serializers.Serializer):
    ids = serializers.CharField(help_text=_("Vendor ids, comma-separated (2 to 10)."))
    deadline = serializers.DateField(
        required=False, help_text=_("Bid deadline on which credentials must be valid (default: today).")
    )
    min_mlps_level = serializers.IntegerField(
        required=False, min_value=1, max_value=5,
        help_text=_("Minimum MLPS (等保) level: that of the systems to host."),
    )
    cac_required = serializers.BooleanField(
        required=False, default=False, help_text=_("Require a CAC cloud service security assessment.")
    )
    warn_days = serializers.IntegerField(
        required=False, default=30, min_value=0, max_value=3650,
        help_text=_("Warn when a credential expires within this many days after the deadline."),
    )
    required = serializers.CharField(
        required=False, allow_blank=True,
        help_text=_("Further credential kinds required, comma-separated."),
    )

    def validate_ids(self, value: str) -> list[int]:
        try:
            ids = parse_ids([value])
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from None
        if not ids:
            raise serializers.ValidationError(_("Pick at least two vendors to compare."))
        return ids

    def validate_required(self, value: str) -> list[str]:
        kinds = [part.strip() for part in value.split(",") if part.strip()]
        unknown = [kind for kind in kinds if kind not in CredentialKind.values]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown credential kind: %(kinds)s.") % {"kinds": ", ".join(unknown)}
            )
        return kinds

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        values.setdefault("deadline", timezone.localdate())
        values.setdefault("required", [])
        return values


class ComparisonGateOutput(serializers.Serializer):
    gate = serializers.CharField()
    label = serializers.CharField()
    status = serializers.ChoiceField(choices=["pass", "warn", "fail"])
    reason = serializers.CharField()
    credential_number = serializers.CharField(allow_null=True)
    unverified = serializers.BooleanField()


class ComparisonColumnOutput(serializers.Serializer):
    id = serializers.IntegerField(source="vendor.pk")
    name = serializers.CharField(source="vendor.name")
    kind = serializers.ChoiceField(choices=VendorKind.choices, source="vendor.kind")
    status = serializers.ChoiceField(choices=["pass", "warn", "fail"])
    gates = ComparisonGateOutput(many=True)


class ComparisonCellOutput(serializers.Serializer):
    text = serializers.CharField()
    unverified = serializers.BooleanField()


class ComparisonRowOutput(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    group = serializers.CharField()
    differs = serializers.BooleanField()
    cells = ComparisonCellOutput(many=True)


class ComparisonRulesOutput(serializers.Serializer):
    deadline = serializers.DateField(source="bid_deadline")
    cac_required = serializers.BooleanField(source="cac_assessment_required")
    min_mlps_level = serializers.IntegerField(allow_null=True)
    required = serializers.ListField(child=serializers.CharField(), source="required_kinds")
    warn_days = serializers.IntegerField(source="warn_window_days")


class ComparisonOutput(serializers.Serializer):
    rules = ComparisonRulesOutput()
    vendors = ComparisonColumnOutput(many=True, source="columns")
    rows = ComparisonRowOutput(many=True)
