"""Everything the report template shows, gathered in a few queries."""

from django.utils import timezone

from assessment.models import Assessment, HistoryKind, SealedRecord, Status
from assessment.selectors.benchmarking import benchmark
from assessment.services.scoring import assessment_result


def report_context(*, assessment: Assessment) -> dict:
    result = assessment_result(assessment=assessment)
    content = assessment.framework.content
    specs = {i["code"]: i for i in content["indicators"]}
    evidence: dict[str, list] = {}
    for e in assessment.evidence.filter(removed_at__isnull=True).order_by("indicator_code", "uploaded_at"):
        evidence.setdefault(e.indicator_code, []).append(e)
    adjustments: dict[str, list] = {}
    for h in assessment.history.filter(kind=HistoryKind.ADJUSTMENT, revision=assessment.revision).select_related("actor"):
        adjustments.setdefault(h.indicator_code, []).append(h)
    sections = []
    for dim in result.dimensions:
        rows = [
            {"r": r, "spec": specs[r.code], "evidence": evidence.get(r.code, []), "adjustments": adjustments.get(r.code, [])}
            for r in result.indicators if r.dimension == dim.code
        ]
        sections.append({"dimension": dim, "rows": rows})
    seal = SealedRecord.objects.filter(assessment=assessment, revision=assessment.revision).first()
    return {
        "assessment": assessment,
        "cloud": assessment.cloud,
        "body": assessment.cloud.owner,
        "framework": assessment.framework,
        "framework_content": content,
        "result": result,
        "sections": sections,
        "gaps": result.improvement_plan[:3],
        "plan": result.improvement_plan,
        "benchmark": benchmark(assessment=assessment),
        "seal": seal,
        "draft": assessment.status != Status.APPROVED,
        "generated_at": timezone.now(),
        "specs": specs,
    }
