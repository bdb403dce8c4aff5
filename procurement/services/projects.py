"""Writes of procurement projects (saved guidance)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from orgs.models import GovernmentBody
from procurement.models import ProcurementProject
from procurement.selectors.projects import project_creatable_bodies
from procurement.services.guidance import guidance_compute

# Columns copied from the facts report their errors under the facts' own field names.
_FROM_FACTS = {
    "amount": "facts.amount",
    "category": "facts.category",
    "procurement_date": "facts.date",
}


@transaction.atomic
def procurement_project_create(
    *, user, body: GovernmentBody, title: str, facts: Mapping[str, Any]
) -> ProcurementProject:
    """Run the guidance on `facts` and save it, pinned to the rule-set version used.

    Raises PermissionDenied when `user` may not save for `body` (see
    `project_creatable_bodies`), and ValidationError keyed `facts.<field>` for impossible facts.
    """
    if not project_creatable_bodies(user=user).filter(pk=body.pk).exists():
        raise PermissionDenied
    try:
        outcome = guidance_compute(data=facts)
    except ValidationError as exc:
        raise ValidationError(
            {f"facts.{field}": errors for field, errors in exc.message_dict.items()}
        ) from exc
    result = outcome.result
    project = ProcurementProject(
        title=title.strip(),
        body=body,
        created_by=user,
        rule_set=outcome.rule_set,
        facts=outcome.stored_facts(),
        result=outcome.stored_result(),
        procurement_date=result.facts.date,
        category=result.facts.category.value,
        amount=Decimal(result.facts.amount),
        law_applies=result.applicability.applies,
        recommended_method=result.recommended[0].method.value if result.recommended else "",
    )
    try:
        project.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {_FROM_FACTS.get(f, f): errors for f, errors in exc.message_dict.items()}
        ) from exc
    project.save()
    return project
