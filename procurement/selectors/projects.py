"""Reads of saved procurement projects, always through the access rule."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from orgs.access import body_scope
from orgs.models import GovernmentBody
from procurement.models import ProcurementProject


def project_list(
    *,
    user,
    body_id: int | None = None,
    category: str | None = None,
    recommended_method: str | None = None,
    law_applies: bool | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    search: str | None = None,
) -> QuerySet[ProcurementProject]:
    """Projects of the bodies `user` may see, newest first; the big JSON columns deferred.

    Engagements are unique per consultant and body, so the scope's join adds no duplicates.
    """
    qs = (
        ProcurementProject.objects.filter(body_scope(user, via="body"))
        .select_related("body", "created_by", "rule_set")
        .defer("facts", "result", "rule_set__content")
        .order_by("-created_at", "-id")
    )
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    if category:
        qs = qs.filter(category=category)
    if recommended_method is not None:
        qs = qs.filter(recommended_method=recommended_method)
    if law_applies is not None:
        qs = qs.filter(law_applies=law_applies)
    if date_from is not None:
        qs = qs.filter(procurement_date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(procurement_date__lte=date_to)
    if search:
        qs = qs.filter(title__icontains=search)
    return qs


def project_get(*, user, pk: int) -> ProcurementProject:
    """Raises ProcurementProject.DoesNotExist when missing *or* not visible (→ 404)."""
    return (
        ProcurementProject.objects.filter(body_scope(user, via="body"))
        .select_related("body", "created_by", "rule_set")
        .defer("rule_set__content")
        .get(pk=pk)
    )


def project_creatable_bodies(*, user) -> QuerySet[GovernmentBody]:
    """Bodies for which `user` may save guidance: officials their own body, consultants the
    bodies that engaged them, administrators any body. Reviewers review; they save nothing."""
    if not getattr(user, "is_authenticated", False) or (user.is_reviewer and not user.is_superuser):
        return GovernmentBody.objects.none()
    return GovernmentBody.objects.filter(body_scope(user)).distinct().order_by(
        "division_code", "name"
    )
