"""Assessment reports: keyed, access-checked, and rendered by the shared pipeline.

The key (assessment, revision, content version, framework version, template version,
language) makes a report exactly-once. Claiming, leases, stages, the content-addressed file,
orphan clean-up, re-queuing and the broker-down case live in `core.rendering`; this module
says what a report is made of and who may ask for one.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from assessment.access import may_fill, may_review
from assessment.models import Assessment, Report, Status
from assessment.reports import TEMPLATE_VERSION
from assessment.reports.context import report_context
from assessment.reports.render import report_html
from core.rendering import MAX_ATTEMPTS, RenderPipeline, render_key

__all__ = [
    "LANGUAGES", "MAX_ATTEMPTS", "PIPELINE", "report_enqueue", "report_render", "report_request",
    "report_retry", "reports_requeue_stale",
]

log = logging.getLogger("govcloud.reports")
LANGUAGES = ("zh-hans", "en")


def _key(assessment: Assessment, content_version: str, language: str) -> str:
    f = assessment.framework
    return render_key(
        assessment.pk, assessment.revision, content_version, f.slug, f.version, f.content_hash,
        TEMPLATE_VERSION, language,
    )


def _build_html(report: Report) -> str:
    assessment = Assessment.objects.select_related("cloud__owner", "framework").get(pk=report.assessment_id)
    context = report_context(assessment=assessment)
    return report_html(context, language=report.language)


PIPELINE: RenderPipeline[Report] = RenderPipeline(
    model=Report, build_html=_build_html, task="assessment.tasks.render_report",
    folder=lambda report: f"reports/{report.assessment_id}", name="report",
)


def report_request(*, actor, assessment: Assessment, language: str = "zh-hans") -> tuple[Report, bool]:
    """The report for this key, created and queued if new. Returns (report, created)."""
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose zh-hans or en.")})
    if not (may_review(actor) or may_fill(actor, assessment) or actor.is_official):
        raise PermissionDenied
    content_version = "sealed" if assessment.status == Status.APPROVED else f"v{assessment.lock_version}"
    return PIPELINE.request(
        key=_key(assessment, content_version, language),
        assessment=assessment, revision=assessment.revision, framework=assessment.framework,
        template_version=TEMPLATE_VERSION, language=language, content_version=content_version,
        requested_by=actor,
    )


def report_enqueue(*, report_id: int) -> bool:
    """Send the render task; with the broker down the report stays queued and is retried later."""
    return PIPELINE.enqueue(pk=report_id)


def report_retry(*, actor, report: Report) -> Report:
    return PIPELINE.retry(pk=report.pk)


def report_render(*, report_id: int) -> Report | None:
    """Render and store one report (idempotent; safe to run twice or after a crash)."""
    return PIPELINE.render(pk=report_id)


def reports_requeue_stale(*, report_id: int | None = None) -> int:
    """Queue again the reports whose worker vanished (expired lease) or whose task was lost."""
    return PIPELINE.requeue_stale(pk=report_id)
