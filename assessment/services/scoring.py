"""Scoring an assessment's stored answers with its pinned framework version."""

from typing import Any

from assessment.models import Assessment
from assessment.scoring import Framework, Result, score, validate_answers
from assessment.selectors.frameworks import framework_engine


def payloads_of(assessment: Assessment) -> dict[str, Any]:
    return {r.indicator_code: r.payload for r in assessment.responses.all()}


def assessment_result(*, assessment: Assessment, payloads: dict[str, Any] | None = None) -> Result:
    """The explained result of the stored answers (or of `payloads`, for a preview)."""
    framework = framework_engine(assessment.framework)
    answers, _errors = validate_answers(framework, payloads if payloads is not None else payloads_of(assessment))
    return score(framework, answers)


def score_cache_update(*, assessment: Assessment, framework: Framework | None = None, result: Result) -> None:
    """Keep the denormalised score on the row, for lists, dashboards and benchmarking."""
    assessment.total = result.total
    assessment.grade = result.grade.code
    assessment.dimension_scores = {
        d.code: (str(d.score) if d.score is not None else None) for d in result.dimensions
    }
    assessment.answered_count = sum(1 for i in result.indicators if i.status != "missing")
