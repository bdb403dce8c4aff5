"""Saving answers: officials and assigned consultants fill; reviewers adjust with a reason.

Every save is all-or-nothing: one invalid value and nothing is stored. Saves are guarded by
an optimistic lock (`lock_version`): a save based on an older version of the assessment is
refused instead of silently overwriting someone else's work.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.access import may_fill, may_review
from assessment.models import Assessment, HistoryKind, Response, Status
from assessment.scoring import validate_answers
from assessment.selectors.frameworks import framework_engine
from core.i18n import render_engine_message

from .history import history_record
from .scoring import assessment_result, payloads_of, score_cache_update


def assessment_lock(*, assessment_id: int, lock_version: int | None) -> Assessment:
    """Lock the row for this transaction; refuse when it changed since `lock_version`."""
    assessment = (
        Assessment.objects.select_for_update().select_related("framework", "cloud").get(pk=assessment_id)
    )
    if lock_version is not None and assessment.lock_version != lock_version:
        raise ValidationError(
            {"lock_version": _(
                "Someone else saved this assessment after you opened it. Your changes were not "
                "saved: reload the page to see the current values, then make your changes again."
            )}
        )
    return assessment


def answer_errors(*, assessment: Assessment, payloads: dict[str, Any], require_complete: bool = False) -> dict[str, list[str]]:
    """Field-level errors ("answers.P1.numerator": [...]) in the active language."""
    _answers, errors = validate_answers(
        framework_engine(assessment.framework), payloads, require_complete=require_complete
    )
    out: dict[str, list[str]] = {}
    for error in errors:
        key = "answers" if error.key == "__all__" else f"answers.{error.key}"
        out.setdefault(key, []).append(render_engine_message(error.message))
    return out


@transaction.atomic
def responses_save(
    *, actor, assessment_id: int, answers: dict[str, Any], lock_version: int | None, reason: str = "",
    history_kind: str | None = None,
) -> Assessment:
    """Store `answers` ({code: payload, or None to clear}) and rescore.

    While the assessment is a draft or returned, its officials and assigned consultants fill
    it. While it is in review, a reviewer may adjust values, each with a mandatory reason
    (recorded as an adjustment). Anything else is refused.
    """
    assessment = assessment_lock(assessment_id=assessment_id, lock_version=lock_version)
    adjusting = assessment.status == Status.IN_REVIEW and may_review(actor)
    if adjusting:
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the adjustment.")})
    elif not may_fill(actor, assessment):
        raise PermissionDenied
    elif not assessment.is_editable:
        raise ValidationError(
            {"status": _("An assessment that is %(status)s cannot be changed.") % {"status": assessment.get_status_display()}}
        )
    if not isinstance(answers, dict) or not answers:
        raise ValidationError({"answers": _("Nothing to save.")})

    current = payloads_of(assessment)
    merged = dict(current)
    for code, payload in answers.items():
        if payload is None:
            merged.pop(code, None)
        else:
            merged[code] = payload
    errors = answer_errors(assessment=assessment, payloads=merged)
    if errors:
        raise ValidationError(errors)

    changed = False
    for code, payload in answers.items():
        old = current.get(code)
        if old == payload:
            continue
        changed = True
        if payload is None:
            Response.objects.filter(assessment=assessment, indicator_code=code).delete()
        else:
            Response.objects.update_or_create(
                assessment=assessment, indicator_code=code,
                defaults={"payload": payload, "updated_by": actor},
            )
        kind = (
            HistoryKind.ADJUSTMENT if adjusting
            else history_kind if history_kind
            else HistoryKind.NOT_APPLICABLE if payload and payload.get("not_applicable")
            else HistoryKind.VALUE
        )
        history_record(
            assessment=assessment, actor=actor, kind=kind, indicator_code=code,
            old=old, new=payload, reason=reason.strip(),
        )
    if changed:
        score_cache_update(assessment=assessment, result=assessment_result(assessment=assessment))
        assessment.lock_version += 1
        assessment.save()
    return assessment
