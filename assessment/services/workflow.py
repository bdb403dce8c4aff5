"""The assessment state machine and sealing.

    draft ──submit──▶ submitted ──start_review──▶ in_review ──approve──▶ approved
      ▲                   │                          │                      │
      │                   └──────return──────▶ returned ◀──return───┘      │
      │                                   (resubmit = submit)               │
      └──────────────────────────reopen (new revision)─────────────────────┘

Every transition runs under the row lock, records history and notifies the people concerned.
Approval seals the revision: the framework version, answers, evidence hashes and scores are
frozen into a SealedRecord with its own hash; the assessment then refuses every change until a
reviewer reopens it, which starts a new revision.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.access import may_fill, may_review
from assessment.models import (
    Assessment,
    HistoryEntry,
    HistoryKind,
    ReviewComment,
    SealedRecord,
    Status,
)
from assessment.scoring.hashing import canonical_json, sha256_hex
from audit.services import audit_record

from .history import history_record
from .notifications import notify
from .responses import answer_errors, assessment_lock
from .scoring import assessment_result, payloads_of, score_cache_update
from .sealing import seal_payload


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    by_reviewer: bool


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, by_reviewer=False),
    "start_review": Transition((Status.SUBMITTED,), Status.IN_REVIEW, by_reviewer=True),
    "return": Transition((Status.SUBMITTED, Status.IN_REVIEW), Status.RETURNED, by_reviewer=True),
    "approve": Transition((Status.IN_REVIEW,), Status.APPROVED, by_reviewer=True),
    "reopen": Transition((Status.APPROVED,), Status.DRAFT, by_reviewer=True),
}
# Entries that make someone an author of a revision's values (separation of duties).
AUTHORING_KINDS = (HistoryKind.VALUE, HistoryKind.NOT_APPLICABLE, HistoryKind.ADJUSTMENT, HistoryKind.IMPORT)


def allowed_actions(*, user, assessment: Assessment) -> list[str]:
    """The transitions `user` may attempt now (the services still check everything)."""
    out = []
    for action, t in TRANSITIONS.items():
        if assessment.status not in t.sources:
            continue
        if (t.by_reviewer and may_review(user)) or (not t.by_reviewer and may_fill(user, assessment)):
            out.append(action)
    return out


@transaction.atomic
def assessment_transition(
    *, actor, assessment_id: int, action: str, comment: str = "", lock_version: int | None = None,
) -> Assessment:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError({"action": _("Unknown action.")})
    assessment = assessment_lock(assessment_id=assessment_id, lock_version=lock_version)
    permitted = may_review(actor) if transition.by_reviewer else may_fill(actor, assessment)
    if not permitted:
        raise PermissionDenied
    if assessment.status not in transition.sources:
        raise ValidationError(
            {"status": _("This action is not possible while the assessment is %(status)s.")
             % {"status": assessment.get_status_display()}}
        )
    comment = comment.strip()
    if action in ("return", "reopen") and not comment:
        raise ValidationError({"comment": _("Give a reason; the people concerned will read it.")})

    if action == "submit":
        errors = answer_errors(assessment=assessment, payloads=payloads_of(assessment), require_complete=True)
        if errors:
            raise ValidationError(errors)
    if action == "approve":
        _check_separation_of_duties(actor, assessment)

    old_status = assessment.status
    assessment.status = transition.target
    assessment.status_changed_at = timezone.now()
    if action == "reopen":
        assessment.revision += 1
    assessment.lock_version += 1
    result = assessment_result(assessment=assessment)
    score_cache_update(assessment=assessment, result=result)
    assessment.save()

    history_record(
        assessment=assessment, actor=actor, kind=HistoryKind.STATUS,
        old={"status": old_status}, new={"status": assessment.status, "action": action}, reason=comment,
    )
    if comment and action == "return":
        ReviewComment.objects.create(
            assessment=assessment, revision=assessment.revision, author=actor, text=comment
        )
    if action == "approve":
        payload = seal_payload(assessment=assessment, result=result, approver=actor)
        SealedRecord.objects.create(
            assessment=assessment, revision=assessment.revision, payload=payload,
            record_hash=sha256_hex(canonical_json(payload)), sealed_by=actor,
        )
    notify(assessment=assessment, event=_EVENTS.get(action, ""), actor=actor, comment=comment)
    audit_record(event="approval" if action == "approve" else "workflow", user=actor, obj=assessment, detail={"action": action, "from": old_status, "to": assessment.status, "revision": assessment.revision})
    return assessment


_EVENTS = {"submit": "submitted", "return": "returned", "approve": "approved", "reopen": "reopened"}


def _check_separation_of_duties(actor, assessment: Assessment) -> None:
    authored = HistoryEntry.objects.filter(
        assessment=assessment, revision=assessment.revision, actor=actor, kind__in=AUTHORING_KINDS
    ).exists()
    if authored:
        raise ValidationError(
            {"actor": _(
                "You filled in or adjusted values of this revision, so another reviewer must approve it."
            )}
        )


@transaction.atomic
def comment_add(*, actor, assessment_id: int, text: str, indicator_code: str = "") -> ReviewComment:
    assessment = Assessment.objects.select_related("framework", "cloud").get(pk=assessment_id)
    if not (may_review(actor) or may_fill(actor, assessment)):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    codes = {i["code"] for i in assessment.framework.content["indicators"]}
    if indicator_code and indicator_code not in codes:
        raise ValidationError({"indicator_code": _("Unknown indicator.")})
    comment = ReviewComment.objects.create(
        assessment=assessment, revision=assessment.revision, author=actor,
        indicator_code=indicator_code, text=text,
    )
    history_record(
        assessment=assessment, actor=actor, kind=HistoryKind.COMMENT,
        indicator_code=indicator_code, new={"text": text},
    )
    return comment
