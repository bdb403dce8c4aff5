"""The derived figures of an evaluation, as the reader may see them.

An open evaluation is computed from its rows on every read (nothing derived is stored, so
nothing can go stale); a closed one is read from its sealed record. Messages are rendered in
the request language; member-by-member points are removed for readers who may not see them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procurement.comparison import to_dict

from . import ocds
from .engine import compute, localize, redact_member_scores
from .models import Evaluation, MemberScore
from .permissions import sees_all_member_scores
from .selectors import bid_list


def _live(evaluation: Evaluation) -> tuple[dict[str, Any], dict[str, Any]]:
    bids = list(bid_list(evaluation=evaluation))
    scores = (
        MemberScore.objects.filter(bid__evaluation=evaluation)
        .select_related("bid", "criterion", "member")
        .order_by("bid_id", "criterion__position", "criterion_id", "member_id")
    )
    result, sensitivity = compute(evaluation, bids, list(scores))
    return to_dict(result), sensitivity


def _derived(evaluation: Evaluation) -> tuple[dict[str, Any], dict[str, Any], dict | None]:
    if evaluation.is_closed:
        record = evaluation.seal
        return record.payload["result"], record.payload["sensitivity"], {
            "sha256": record.sha256, "sealed_at": record.sealed_at.isoformat(),
        }
    result, sensitivity = _live(evaluation)
    return result, sensitivity, None


def decided_by_labels() -> dict[str, str]:
    return {
        "total": _("total score"),
        "bid_price": _("lower bid price"),
        "evaluated_price": _("lower evaluated price"),
        "technical_score": _("higher technical score"),
        "commercial_score": _("higher commercial score"),
        "price_score": _("higher price score"),
        "lot": _("lot (tie remains)"),
    }


def evaluation_result(*, user, evaluation: Evaluation) -> dict[str, Any]:
    """The engine's full derivation: price scores with base and formula, each criterion's
    members' points (for those who may see them), means, totals, ranks and tie-breaks."""
    result, _sensitivity, seal = _derived(evaluation)
    if not sees_all_member_scores(user, evaluation):
        result = {**redact_member_scores(result), "member_count": len(result.get("members", []))}
    labels = decided_by_labels()
    result = {
        **result,
        "bids": [
            {**bid, "decided_by_label": labels.get(bid["decided_by"], bid["decided_by"])}
            for bid in result.get("bids", [])
        ],
    }
    return {"sealed": seal, **localize(result)}


def evaluation_record(*, evaluation: Evaluation) -> dict[str, Any]:
    """The sealed record itself and its digest (for readers who may see every member score)."""
    if not evaluation.is_closed:
        raise ValidationError({"status": _("The evaluation is not closed yet.")})
    record = evaluation.seal
    return {"sha256": record.sha256, "record": record.payload}


def evaluation_sensitivity(*, evaluation: Evaluation) -> dict[str, Any]:
    """Ranking across the legal price-weight range, winning prices, abnormally low prices."""
    _result, sensitivity, seal = _derived(evaluation)
    return {"sealed": seal, **localize(sensitivity)}


def evaluation_ocds(*, evaluation: Evaluation) -> dict[str, Any]:
    if not evaluation.is_closed:
        raise ValidationError(
            {"status": _("Close the evaluation first: only a sealed result is published.")}
        )
    record = evaluation.seal
    return ocds.release(record.payload, digest=record.sha256)
