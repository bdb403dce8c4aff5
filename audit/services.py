"""Writes to the audit log: append a record to the chain; purge a prefix past retention."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from core.security import client_ip

from .chain import record_content, record_hash
from .context import current_request
from .models import AuditChain, AuditEvent, AuditRecord, AuditResult

# 等保 2.0 level 3 asks for audit records kept at least six months; nothing may go below this.
MIN_RETENTION_DAYS = 180


def audit_chain_lock() -> AuditChain:
    """The chain head, locked until the caller's transaction ends (writers serialise here)."""
    head, _created = AuditChain.objects.select_for_update().get_or_create(pk=1)
    return head


@transaction.atomic
def audit_record(
    *,
    event: str,
    user=None,
    obj: Any = None,
    request: HttpRequest | None = None,
    result: str = AuditResult.SUCCESS,
    detail: dict[str, Any] | None = None,
    username: str = "",
) -> AuditRecord:
    """Append one record. `user` defaults to the request's user; `username` names a user who
    did not authenticate (failed logins). The time is taken under the chain lock, so it never
    goes backwards along the chain."""
    if event not in AuditEvent.values:
        raise ValueError(f"unknown audit event {event!r}")
    request = request if request is not None else current_request.get()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    detail = dict(detail or {})
    if request is not None:
        detail.setdefault("method", request.method)
        detail.setdefault("path", request.path[:300])
    values: dict[str, Any] = {
        "event": str(event),
        "result": str(result),
        "actor_id": user.pk if user is not None else None,
        "actor_username": (user.get_username() if user is not None else username)[:150],
        "ip_address": (client_ip(request) or "") if request is not None else "",
        "object_type": obj._meta.label if obj is not None else "",
        "object_id": str(obj.pk)[:64] if obj is not None else "",
        "object_repr": str(obj)[:200] if obj is not None else "",
        # Stored exactly as hashed: plain JSON types only (dates, decimals become strings).
        "detail": json.loads(json.dumps(detail, cls=DjangoJSONEncoder)),
    }
    head = audit_chain_lock()
    now = timezone.now()
    # Milliseconds: what every database and Django's JSON dumps (backups) keep exactly.
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    values.update(seq=head.last_seq + 1, created_at=now, prev_hash=head.last_hash)
    record = AuditRecord(**values, hash=record_hash(head.last_hash, record_content(values)))
    record.save()
    head.last_seq, head.last_hash = record.seq, record.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return record


@dataclass(frozen=True)
class PurgeOutcome:
    removed: int
    cutoff: datetime
    anchor_seq: int


@transaction.atomic
def audit_purge(*, older_than_days: int, now: datetime | None = None) -> PurgeOutcome:
    """Remove the records older than `older_than_days`, never fewer days than the retention.

    Only a prefix of the chain goes: everything before the first record younger than the cutoff
    (a younger record is never removed, even if the clock once went backwards). The hash of the
    last removed record becomes the anchor from which verification starts.
    """
    floor = max(MIN_RETENTION_DAYS, settings.AUDIT_RETENTION_DAYS)
    if older_than_days < floor:
        raise ValidationError(
            {"older_than_days": _("Audit records are kept at least %(days)d days.") % {"days": floor}}
        )
    cutoff = (now or timezone.now()) - timedelta(days=older_than_days)
    head = audit_chain_lock()
    first_young = (
        AuditRecord.objects.filter(created_at__gte=cutoff).order_by("seq").values_list("seq", flat=True).first()
    )
    doomed = AuditRecord.objects.filter(created_at__lt=cutoff)
    if first_young is not None:
        doomed = doomed.filter(seq__lt=first_young)
    last = doomed.order_by("-seq").values("seq", "hash").first()
    removed = 0
    if last is not None:
        removed = doomed._purge()
        head.anchor_seq, head.anchor_hash, head.purged_before = last["seq"], last["hash"], cutoff
        head.save(update_fields=["anchor_seq", "anchor_hash", "purged_before"])
    audit_record(
        event=AuditEvent.AUDIT_PURGE,
        detail={"older_than_days": older_than_days, "cutoff": cutoff, "removed": removed},
    )
    return PurgeOutcome(removed=removed, cutoff=cutoff, anchor_seq=head.anchor_seq)
