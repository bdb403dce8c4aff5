"""Create and change an evaluation's set-up: method, category, criteria and their points."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from orgs.access import body_scope
from procurement.comparison import abnormally_low_prices
from procurement.models import ProcurementProject

from ..engine import render, rule_errors, rules_for
from ..models import Category, Criterion, Evaluation, MemberScore
from ..permissions import can_edit
from .common import locked_open, log, require_editor

_SETTINGS = (
    "title", "procurement_method", "category", "goods_share", "services_share",
    "sme_deduction_percent", "rounding_places", "rounding_mode", "tie_break",
    "abnormal_threshold_percent",
)


def _field_errors(exc: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    return {f"{prefix}{field}": messages for field, messages in exc.message_dict.items()}


def _criteria_rows(evaluation: Evaluation, criteria: list[dict[str, Any]]) -> list[Criterion]:
    rows, errors = [], {}
    for index, spec in enumerate(criteria):
        row = Criterion(
            evaluation=evaluation,
            code=str(spec.get("code", "")).strip(),
            name=str(spec.get("name", "")).strip(),
            kind=spec.get("kind", ""),
            max_points=spec.get("max_points"),
            position=index,
        )
        try:
            row.full_clean(exclude=["evaluation"], validate_unique=False)
        except ValidationError as exc:
            errors.update(_field_errors(exc, f"criteria.{index}."))
        rows.append(row)
    if not criteria:
        errors["criteria"] = [_("Give the scoring table: a price criterion and the others.")]
    if errors:
        raise ValidationError(errors)
    return rows


def _validate(evaluation: Evaluation, criteria: list[Criterion]) -> None:
    """Field checks, then the engine's: price weight in the legal range of the rule set for
    the method and the (applied) category, criteria adding up to 100, a known tie-break."""
    if evaluation.category != Category.MIXED:
        evaluation.goods_share = evaluation.services_share = None
    try:
        evaluation.full_clean(exclude=["project", "rule_set", "created_by", "closed_by"])
    except ValidationError as exc:
        raise ValidationError(_field_errors(exc)) from None
    errors = rule_errors(rules_for(evaluation, criteria))
    threshold = evaluation.abnormal_threshold_percent
    if threshold is not None:
        for message in abnormally_low_prices((), threshold_percent=threshold).errors:
            errors.setdefault("abnormal_threshold_percent", []).append(render(message))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def evaluation_create(
    *,
    user,
    project: ProcurementProject,
    title: str,
    procurement_method: str,
    category: str,
    criteria: list[dict[str, Any]],
    goods_share: Decimal | None = None,
    services_share: Decimal | None = None,
    sme_deduction_percent: Decimal = Decimal(0),
    rounding_places: int = 2,
    rounding_mode: str = ROUND_HALF_UP,
    tie_break: list[str] | None = None,
    abnormal_threshold_percent: Decimal | None = None,
) -> Evaluation:
    """An evaluation of ``project``'s bids, pinned to the project's rule-set version.

    Raises PermissionDenied unless ``user`` sees the project's body and may edit (officials,
    engaged consultants, administrators), and ValidationError({field: …}) for bad set-up.
    """
    visible = ProcurementProject.objects.filter(body_scope(user, via="body"), pk=project.pk)
    if not visible.exists():
        raise PermissionDenied
    evaluation = Evaluation(
        project=project,
        rule_set=project.rule_set,
        title=(title or "").strip(),
        procurement_method=procurement_method,
        category=category,
        goods_share=goods_share,
        services_share=services_share,
        sme_deduction_percent=sme_deduction_percent,
        rounding_places=rounding_places,
        rounding_mode=rounding_mode,
        abnormal_threshold_percent=abnormal_threshold_percent,
        created_by=user,
    )
    if tie_break is not None:
        evaluation.tie_break = list(tie_break)
    if not can_edit(user, evaluation):
        raise PermissionDenied
    rows = _criteria_rows(evaluation, criteria)
    _validate(evaluation, rows)
    evaluation.save()
    for row in rows:
        row.evaluation = evaluation
        row.save()
    log(
        evaluation, user, "evaluation.created",
        **{name: _plain(getattr(evaluation, name)) for name in _SETTINGS},
        criteria=[_criterion_dict(row) for row in rows],
        rule_set=f"{evaluation.rule_set.slug} v{evaluation.rule_set.version}",
    )
    return evaluation


@transaction.atomic
def evaluation_update(
    *, user, evaluation: Evaluation, criteria: list[dict[str, Any]] | None = None, **fields: Any
) -> Evaluation:
    """Change the set-up while the evaluation is open. The criteria can be replaced only
    before any member has scored (the scores refer to them)."""
    unknown = set(fields) - set(_SETTINGS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    evaluation = locked_open(evaluation)
    require_editor(user, evaluation)
    before = {name: _plain(getattr(evaluation, name)) for name in _SETTINGS}
    for name, value in fields.items():
        setattr(evaluation, name, value)
    current = list(evaluation.criteria.all())
    rows = current
    if criteria is not None:
        if MemberScore.objects.filter(bid__evaluation=evaluation).exists():
            raise ValidationError(
                {"criteria": _("Members have scored already; the criteria can no longer change.")}
            )
        rows = _criteria_rows(evaluation, criteria)
    _validate(evaluation, rows)
    evaluation.save()
    changes = {
        name: [before[name], _plain(getattr(evaluation, name))]
        for name in _SETTINGS
        if before[name] != _plain(getattr(evaluation, name))
    }
    if criteria is not None:
        evaluation.criteria.all().delete()
        for row in rows:
            row.save()
        changes["criteria"] = [
            [_criterion_dict(c) for c in current], [_criterion_dict(c) for c in rows]
        ]
    if changes:
        log(evaluation, user, "evaluation.changed", changes=changes)
    return evaluation


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _criterion_dict(row: Criterion) -> dict[str, Any]:
    return {"code": row.code, "name": row.name, "kind": row.kind, "max_points": str(row.max_points)}
