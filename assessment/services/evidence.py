"""Evidence files: type sniffed from content, size-limited, hashed, attributed, dated."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.access import may_fill
from assessment.models import Evidence, HistoryKind
from core.uploads import sha256_of, sniff

from .history import history_record
from .responses import assessment_lock


@transaction.atomic
def evidence_add(
    *, actor, assessment_id: int, indicator_code: str, upload, refers_to: datetime.date | None,
) -> Evidence:
    assessment = assessment_lock(assessment_id=assessment_id, lock_version=None)
    if not may_fill(actor, assessment):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if not assessment.is_editable:
        errors["status"] = _("Evidence can only be added while the assessment is a draft or returned.")
    codes = {i["code"] for i in assessment.framework.content["indicators"]}
    if indicator_code not in codes:
        errors["indicator_code"] = _("Unknown indicator.")
    if refers_to is None:
        errors["refers_to"] = _("Give the date the evidence refers to.")
    elif refers_to > timezone.localdate():
        errors["refers_to"] = _("The date cannot be in the future.")
    limit = settings.EVIDENCE_MAX_BYTES
    sniffed = None
    if upload is None:
        errors["file"] = _("Choose a file.")
    elif upload.size > limit:
        errors["file"] = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    elif upload.size == 0:
        errors["file"] = _("The file is empty.")
    else:
        sniffed = sniff(upload)
        if sniffed is None:
            errors["file"] = _(
                "This file type is not accepted. Attach PDF, PNG or JPEG images, Office or WPS documents, or OFD."
            )
    if errors:
        raise ValidationError(errors)
    digest = sha256_of(upload)
    evidence = Evidence(
        assessment=assessment, indicator_code=indicator_code, original_name=upload.name[:255],
        content_type=sniffed.content_type, size=upload.size, sha256=digest, refers_to=refers_to,
        uploaded_by=actor,
    )
    evidence.file.save(digest, upload, save=False)
    evidence.save()
    history_record(
        assessment=assessment, actor=actor, kind=HistoryKind.EVIDENCE_ADDED, indicator_code=indicator_code,
        new={"name": evidence.original_name, "sha256": digest, "refers_to": refers_to.isoformat()},
    )
    assessment.lock_version += 1
    assessment.save(update_fields=["lock_version", "updated_at"])
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence_id: int) -> Evidence:
    """Evidence is withdrawn, not deleted: the file stays for the record and the history."""
    evidence = Evidence.objects.select_related("assessment").get(pk=evidence_id)
    assessment = assessment_lock(assessment_id=evidence.assessment_id, lock_version=None)
    if not may_fill(actor, assessment):
        raise PermissionDenied
    if not assessment.is_editable:
        raise ValidationError({"status": _("Evidence can only be removed while the assessment is a draft or returned.")})
    if evidence.removed_at is None:
        evidence.removed_at = timezone.now()
        evidence.save(update_fields=["removed_at"])
        history_record(
            assessment=assessment, actor=actor, kind=HistoryKind.EVIDENCE_REMOVED,
            indicator_code=evidence.indicator_code, old={"name": evidence.original_name, "sha256": evidence.sha256},
        )
    return evidence
