from rest_framework import serializers

from vendors.models import Vendor

from ..models import (
    AdministrativeLevel,
    CloudKind,
    CooperationModel,
    DeploymentModel,
    GovernmentBody,
)


class BodyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    division_code = serializers.CharField()
    level = serializers.ChoiceField(choices=AdministrativeLevel.choices)
    parent = serializers.IntegerField(source="parent_id", allow_null=True)


class BodyInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    division_code = serializers.RegexField(r"^\d{6}$")
    level = serializers.ChoiceField(choices=AdministrativeLevel.choices)
    parent = serializers.PrimaryKeyRelatedField(
        queryset=GovernmentBody.objects.all(), allow_null=True, required=False
    )


class VendorRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CloudOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=CloudKind.choices)
    owner = BodyOutput()
    deployment_model = serializers.ChoiceField(choices=DeploymentModel.choices)
    cooperation_model = serializers.ChoiceField(choices=CooperationModel.choices)
    operating_vendors = VendorRef(many=True)


class CloudInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CloudKind.choices)
    owner = serializers.PrimaryKeyRelatedField(queryset=GovernmentBody.objects.all())
    deployment_model = serializers.ChoiceField(choices=DeploymentModel.choices)
    cooperation_model = serializers.ChoiceField(choices=CooperationModel.choices)
    operating_vendors = serializers.PrimaryKeyRelatedField(
        queryset=Vendor.objects.all(), many=True, required=False
    )
