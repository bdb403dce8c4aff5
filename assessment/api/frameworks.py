"""Frameworks: list, detail, and the stateless score endpoint."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.models import FrameworkVersion
from assessment.scoring import score, validate_answers
from assessment.selectors.frameworks import (
    framework_engine,
    framework_version_get,
    framework_version_list,
)
from core.api.utils import paginated_response, validated

from .results import answer_errors_payload, result_payload
from .serializers import FrameworkDetailOutput, FrameworkVersionOutput, ResultOutput, ScoreInput


def _version(slug: str, version: int) -> FrameworkVersion:
    try:
        return framework_version_get(slug=slug, version=version)
    except FrameworkVersion.DoesNotExist:
        raise Http404 from None


class FrameworkListApi(APIView):
    @extend_schema(responses=FrameworkVersionOutput(many=True))
    def get(self, request):
        return paginated_response(request, framework_version_list(), FrameworkVersionOutput, view=self)


class FrameworkDetailApi(APIView):
    @extend_schema(responses=FrameworkDetailOutput)
    def get(self, request, slug: str, version: int):
        return Response(FrameworkDetailOutput(_version(slug, version)).data)


class FrameworkScoreApi(APIView):
    """Score answers against a framework version without storing anything."""

    @extend_schema(request=ScoreInput, responses={200: ResultOutput, 400: OpenApiResponse(description="Field-level errors")})
    def post(self, request, slug: str, version: int):
        framework = framework_engine(_version(slug, version))
        data = validated(ScoreInput, request)
        answers, errors = validate_answers(framework, data["answers"])
        if errors:
            raise ValidationError(answer_errors_payload(errors))
        return Response(result_payload(score(framework, answers)))
