"""What an approval freezes. The payload is canonical JSON; its sha256 is the record hash."""

from typing import Any

from django.utils import timezone

from assessment.models import Assessment
from assessment.scoring import Result

from .scoring import payloads_of


def seal_payload(*, assessment: Assessment, result: Result, approver) -> dict[str, Any]:
    evidence = [
        {
            "indicator": e.indicator_code, "name": e.original_name, "sha256": e.sha256,
            "size": e.size, "content_type": e.content_type, "refers_to": e.refers_to.isoformat(),
        }
        for e in assessment.evidence.filter(removed_at__isnull=True).order_by("indicator_code", "sha256")
    ]
    return {
        "assessment": assessment.pk,
        "revision": assessment.revision,
        "cloud": {"id": assessment.cloud_id, "name": assessment.cloud.name},
        "body": {"id": assessment.cloud.owner_id, "name": assessment.cloud.owner.name},
        "year": assessment.year,
        "framework": {
            "slug": assessment.framework.slug,
            "version": assessment.framework.version,
            "content_hash": assessment.framework.content_hash,
        },
        "answers": dict(sorted(payloads_of(assessment).items())),
        "evidence": evidence,
        "scores": {
            "inputs_hash": result.inputs_hash,
            "total": str(result.total),
            "grade": result.grade.code,
            "dimensions": {d.code: (str(d.score) if d.score is not None else None) for d in result.dimensions},
            "indicators": {
                i.code: {
                    "status": i.status,
                    "normalised": str(i.normalised) if i.normalised is not None else None,
                    "points": str(i.points),
                }
                for i in result.indicators
            },
            "caps": [c.rule for c in result.caps],
        },
        "approved_by": approver.username,
        "approved_at": timezone.now().isoformat(),
    }
