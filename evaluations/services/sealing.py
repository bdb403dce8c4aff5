"""Closing an evaluation: compute once more, freeze everything into a record with its SHA-256."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from procurement.comparison import to_dict

from ..engine import api_field, compute, render
from ..models import Bid, MemberScore, SealedRecord, Status
from .common import locked_open, log, require_editor

RECORD_FORMAT = 1


def seal_digest(payload: dict[str, Any]) -> str:
    """SHA-256 of the record in canonical JSON (sorted keys, no spaces, UTF-8): the same text
    whatever database stored it, so anyone can recompute the digest from the exported record."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def seal_verify(record: SealedRecord) -> bool:
    return seal_digest(record.payload) == record.sha256


def _user(user) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.get_username(), "name": str(user)}


def _at(value) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def evaluation_close(*, user, evaluation) -> SealedRecord:
    """Seal the evaluation: refused (ValidationError with the engine's field errors) while the
    result has errors, e.g. a bid some criterion has no score for. After this, every service
    refuses to change the evaluation, and the result is read from the record."""
    evaluation = locked_open(evaluation)
    require_editor(user, evaluation)
    bids = list(Bid.objects.filter(evaluation=evaluation).select_related("entered_by", "updated_by", "vendor").order_by("id"))
    scores = list(
        MemberScore.objects.filter(bid__evaluation=evaluation)
        .select_related("bid", "criterion", "member")
        .order_by("bid_id", "criterion__position", "criterion_id", "member_id")
    )
    result, sensitivity = compute(evaluation, bids, scores)
    if result.errors:
        errors: dict[str, list[str]] = {}
        for message in result.errors:
            errors.setdefault(api_field(message.field), []).append(render(message))
        raise ValidationError(errors)
    now = timezone.now()
    log(evaluation, user, "evaluation.closed")
    project = evaluation.project
    rule_set = evaluation.rule_set
    payload = {
        "format": RECORD_FORMAT,
        "sealed_at": now.isoformat(),
        "sealed_by": _user(user),
        "evaluation": {
            "id": evaluation.pk,
            "title": evaluation.title,
            "procurement_method": evaluation.procurement_method,
            "method": evaluation.engine_method,
            "category": evaluation.category,
            "goods_share": _str(evaluation.goods_share),
            "services_share": _str(evaluation.services_share),
            "sme_deduction_percent": _str(evaluation.sme_deduction_percent),
            "rounding": {"places": evaluation.rounding_places, "mode": evaluation.rounding_mode},
            "tie_break": list(evaluation.tie_break),
            "abnormal_threshold_percent": _str(evaluation.abnormal_threshold_percent),
            "created_by": _user(evaluation.created_by),
            "created_at": _at(evaluation.created_at),
        },
        "project": {
            "id": project.pk,
            "title": project.title,
            "amount": _str(project.amount),
            "body": {"id": project.body_id, "name": project.body.name},
        },
        "rule_set": {
            "slug": rule_set.slug,
            "version": rule_set.version,
            "content_hash": rule_set.content_hash,
            "price_weight": rule_set.content["evaluation"]["price_weight"],
        },
        "criteria": [
            {"code": c.code, "name": c.name, "kind": c.kind, "max_points": _str(c.max_points)}
            for c in evaluation.criteria.all()
        ],
        "panel": [
            {"member": _user(m.user), "added_by": _user(m.added_by), "added_at": _at(m.added_at)}
            for m in evaluation.panel.select_related("user", "added_by").order_by("added_at", "id")
        ],
        "bids": [
            {
                "id": b.pk, "bidder": b.bidder_name, "vendor_id": b.vendor_id,
                "price": _str(b.price), "sme_eligible": b.sme_eligible,
                "entered_by": _user(b.entered_by), "entered_at": _at(b.entered_at),
                "updated_by": _user(b.updated_by), "updated_at": _at(b.updated_at),
            }
            for b in bids
        ],
        "member_scores": [
            {
                "bidder": s.bid.bidder_name, "criterion": s.criterion.code,
                "member": s.member.get_username(), "points": _str(s.points),
                "entered_at": _at(s.entered_at), "updated_at": _at(s.updated_at),
            }
            for s in scores
        ],
        "events": [
            {"at": _at(e.at), "actor": e.actor.get_username(), "action": e.action, "detail": e.detail}
            for e in evaluation.events.select_related("actor").order_by("at", "id")
        ],
        "result": to_dict(result),
        "sensitivity": sensitivity,
    }
    # Through JSON once, so the stored record and the digest see exactly the same values.
    payload = json.loads(json.dumps(payload, ensure_ascii=False))
    record = SealedRecord.objects.create(
        evaluation=evaluation, payload=payload, sha256=seal_digest(payload),
        sealed_at=now, sealed_by=user,
    )
    evaluation.status = Status.CLOSED
    evaluation.closed_by = user
    evaluation.closed_at = now
    evaluation.save(update_fields=["status", "closed_by", "closed_at"])
    return record


def _str(value) -> str | None:
    return None if value is None else str(value)
