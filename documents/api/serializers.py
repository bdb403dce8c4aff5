from django.urls import reverse
from rest_framework import serializers

from core.rendering import RenderStatus
from documents.models import DocumentKind
from vendors.api.serializers import VendorCompareInput

LANGUAGE_CHOICES = ["zh-hans", "en"]


class DocumentRequestInput(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, default="zh-hans")


class ComparisonDocumentInput(VendorCompareInput):
    """The comparison's parameters, as for GET /api/v1/vendors/compare/, and the language."""

    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, default="zh-hans")


class DocumentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    project = serializers.IntegerField(source="project_id", allow_null=True)
    evaluation = serializers.IntegerField(source="evaluation_id", allow_null=True)
    params = serializers.JSONField(help_text="A comparison's canonical parameters; empty otherwise.")
    language = serializers.CharField()
    content_version = serializers.CharField()
    template_version = serializers.CharField()
    status = serializers.ChoiceField(choices=RenderStatus.choices)
    stage = serializers.CharField()
    progress = serializers.IntegerField()
    error = serializers.CharField()
    pages = serializers.IntegerField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj) -> str | None:
        return reverse("api-document-pdf", args=[obj.pk]) if obj.status == RenderStatus.DONE else None
