from rest_framework import serializers


class FrameworkVersionOutput(serializers.Serializer):
    slug = serializers.CharField()
    version = serializers.IntegerField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    published = serializers.DateField()
    effective = serializers.DateField()
    content_hash = serializers.CharField()


class FrameworkDetailOutput(FrameworkVersionOutput):
    """The stored file content: dimensions, indicators (with type, parameters, provenance),
    grades, caps and cross-checks exactly as released."""

    dimensions = serializers.ListField(child=serializers.DictField(), source="content.dimensions")
    indicators = serializers.ListField(child=serializers.DictField(), source="content.indicators")
    grades = serializers.ListField(child=serializers.DictField(), source="content.grades")
    caps = serializers.ListField(child=serializers.DictField(), source="content.caps", default=list)
    cross_checks = serializers.ListField(
        child=serializers.DictField(), source="content.cross_checks", default=list
    )


class ScoreInput(serializers.Serializer):
    answers = serializers.DictField(
        help_text="Answers keyed by indicator code, e.g. "
        '{"P1": {"numerator": 18, "denominator": 20}, "O4": {"level": "L3"}, '
        '"P4": {"not_applicable": true, "reason": "…"}}',
    )


class ResultOutput(serializers.Serializer):
    """The explained result: every figure as an exact decimal string; see result_payload."""

    framework = serializers.DictField()
    inputs_hash = serializers.CharField()
    total = serializers.CharField()
    grade = serializers.DictField()
    score_grade = serializers.DictField()
    dimensions = serializers.ListField(child=serializers.DictField())
    indicators = serializers.ListField(child=serializers.DictField())
    caps = serializers.ListField(child=serializers.DictField())
    cross_check_failures = serializers.ListField(child=serializers.DictField())
    missing = serializers.ListField(child=serializers.CharField())
    not_applicable = serializers.ListField(child=serializers.CharField())
    improvement_plan = serializers.ListField(child=serializers.DictField())
    next_grade = serializers.DictField(allow_null=True)
    notices = serializers.ListField(child=serializers.DictField())


class RefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AssessmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    cloud = RefOutput()
    body = RefOutput(source="cloud.owner")
    year = serializers.IntegerField()
    framework = serializers.SerializerMethodField()
    status = serializers.CharField()
    revision = serializers.IntegerField()
    lock_version = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    grade = serializers.CharField()
    dimension_scores = serializers.DictField()
    answered_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    status_changed_at = serializers.DateTimeField()

    def get_framework(self, obj) -> dict:
        return {"slug": obj.framework.slug, "version": obj.framework.version}


class AssessmentCreateInput(serializers.Serializer):
    cloud = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2015, max_value=2100)
    framework_slug = serializers.SlugField()
    framework_version = serializers.IntegerField(min_value=1)


class ResponsesInput(serializers.Serializer):
    answers = serializers.DictField(help_text="{code: payload or null}; see the framework score endpoint")
    lock_version = serializers.IntegerField(min_value=0, help_text="The assessment's lock_version you read")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ResponseInput(serializers.Serializer):
    answer = serializers.DictField(allow_null=True)
    lock_version = serializers.IntegerField(min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ResponseOutput(serializers.Serializer):
    indicator_code = serializers.CharField()
    payload = serializers.DictField()
    updated_by = serializers.CharField(source="updated_by.username")
    updated_at = serializers.DateTimeField()


class TransitionInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    lock_version = serializers.IntegerField(required=False, min_value=0)


class WhatIfInput(serializers.Serializer):
    changes = serializers.DictField(help_text="{code: payload or null}; nothing is saved")


class HistoryOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    revision = serializers.IntegerField()
    actor = serializers.CharField(source="actor.username")
    kind = serializers.CharField()
    indicator_code = serializers.CharField()
    old = serializers.JSONField()
    new = serializers.JSONField()
    reason = serializers.CharField()


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    indicator_code = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    refers_to = serializers.DateField()
    uploaded_by = serializers.CharField(source="uploaded_by.username")
    uploaded_at = serializers.DateTimeField()


class EvidenceInput(serializers.Serializer):
    indicator_code = serializers.CharField(max_length=40)
    file = serializers.FileField()
    refers_to = serializers.DateField()


class ExcelImportInput(serializers.Serializer):
    file = serializers.FileField()
    lock_version = serializers.IntegerField(min_value=0)
