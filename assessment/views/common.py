"""Shared view plumbing: find a visible assessment or 404; turn service errors into messages."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.http import Http404

from assessment.models import Assessment
from assessment.selectors.assessments import assessment_get


def visible_assessment(request, pk: int, related: Iterable[str] = ()) -> Assessment:
    """The assessment (with cloud, body, framework) and the `related` rows the page shows."""
    try:
        return assessment_get(user=request.user, pk=pk, related=related)
    except Assessment.DoesNotExist:
        raise Http404 from None


def error_map(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [m for e in errors for m in e.messages] for field, errors in exc.error_dict.items()}
    return {"__all__": exc.messages}


def lock_version_from(request) -> int | None:
    try:
        return int(request.POST.get("lock_version", ""))
    except ValueError:
        return None


def dimension_indicators(assessment: Assessment, dimension: str) -> list[dict]:
    return [i for i in assessment.framework.content["indicators"] if i["dimension"] == dimension]
