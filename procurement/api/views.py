"""Procurement guidance (stateless) and saved procurement projects: thin views."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.utils import int_pk, paginated_response, validated
from procurement import display
from procurement.models import RuleSetVersion
from procurement.selectors.projects import project_get, project_list
from procurement.services.guidance import guidance_compute
from procurement.services.projects import procurement_project_create

from .serializers import (
    FactsInput,
    GuidanceOutput,
    ProjectDetailOutput,
    ProjectFilterInput,
    ProjectInput,
    ProjectListOutput,
)

ERRORS = {
    400: OpenApiResponse(description="Field-level errors: {error: {status, code, message, fields}}"),
}


def _with_rule_set(data: dict, row: RuleSetVersion) -> dict:
    """The stored result, rendered in the request's language, naming the stored version."""
    data = display.with_texts(data)
    data["rules"] = {**data["rules"], "id": row.pk, "title": row.title}
    return data


class GuidanceView(APIView):
    """Method guidance for the facts given; nothing is stored."""

    @extend_schema(
        operation_id="procurement_guidance",
        request=FactsInput,
        responses={200: GuidanceOutput, **ERRORS},
        description=(
            "Every procurement method ruled in or out with its legal basis, the recommended "
            "methods, approvals, documents, warnings, minimum timelines and model comparisons. "
            "Messages are rendered in the request's language (Accept-Language)."
        ),
    )
    def post(self, request):
        outcome = guidance_compute(data=validated(FactsInput, request))
        data = outcome.stored_result()
        data["facts"] = outcome.stored_facts()
        return Response(GuidanceOutput(_with_rule_set(data, outcome.rule_set)).data)


class ProjectViewSet(viewsets.ViewSet):
    """Saved guidance of the bodies the user may see."""

    @extend_schema(parameters=[ProjectFilterInput], responses=ProjectListOutput(many=True))
    def list(self, request):
        filters = ProjectFilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        f = filters.validated_data
        projects = project_list(
            user=request.user,
            body_id=f.get("body"),
            category=f.get("category"),
            recommended_method=f.get("recommended_method"),
            law_applies=f.get("law_applies"),
            date_from=f.get("date_from"),
            date_to=f.get("date_to"),
            search=f.get("search"),
        )
        return paginated_response(request, projects, ProjectListOutput, view=self)

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={200: ProjectDetailOutput, 404: OpenApiResponse(description="Not found")},
    )
    def retrieve(self, request, pk=None):
        project = project_get(user=request.user, pk=int_pk(pk))
        return Response(ProjectDetailOutput(_detail(project)).data)

    @extend_schema(
        request=ProjectInput,
        responses={201: ProjectDetailOutput, **ERRORS,
                   403: OpenApiResponse(description="Not allowed to save for this body")},
    )
    def create(self, request):
        data = validated(ProjectInput, request)
        project = procurement_project_create(
            user=request.user, body=data["body"], title=data["title"], facts=data["facts"]
        )
        return Response(ProjectDetailOutput(_detail(project)).data, status=status.HTTP_201_CREATED)


def _detail(project) -> dict:
    return {
        "id": project.pk,
        "title": project.title,
        "body": project.body,
        "created_by": project.created_by,
        "rule_set": project.rule_set,
        "procurement_date": project.procurement_date,
        "category": project.category,
        "amount": project.amount,
        "law_applies": project.law_applies,
        "recommended_method": project.recommended_method,
        "created_at": project.created_at,
        "facts": project.facts,
        "result": _with_rule_set(project.result, project.rule_set),
    }
