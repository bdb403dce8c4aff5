"""What every evaluation write does first: lock the row, refuse a closed one, check the role."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ..models import Evaluation, EvaluationEvent
from ..permissions import can_edit


def locked_open(evaluation: Evaluation) -> Evaluation:
    """Re-read the evaluation under a row lock; ValidationError if it is closed (sealed)."""
    locked = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("project", "rule_set")
        .get(pk=evaluation.pk)
    )
    if locked.is_closed:
        raise ValidationError(
            {"status": _("The evaluation is closed and sealed; nothing can change.")}
        )
    return locked


def require_editor(user, evaluation: Evaluation) -> None:
    if not can_edit(user, evaluation):
        raise PermissionDenied


def log(evaluation: Evaluation, actor, action: str, **detail: Any) -> None:
    EvaluationEvent.objects.create(
        evaluation=evaluation, actor=actor, action=action,
        detail={k: str(v) if isinstance(v, Decimal) else v for k, v in detail.items()},
    )
