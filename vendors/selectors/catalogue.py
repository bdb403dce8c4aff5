"""Vendor lists and details with every fact prefetched (a constant number of queries)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ..models import Credential, Vendor


def _visible(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def vendor_list(
    *,
    user,
    kind: str | None = None,
    deployment_model: str | None = None,
    credential_kind: str | None = None,
    search: str | None = None,
) -> QuerySet[Vendor]:
    """Vendors with their facts, filtered; anonymous or inactive users get nothing."""
    qs = Vendor.objects.all() if _visible(user) else Vendor.objects.none()
    if kind:
        qs = qs.filter(kind=kind)
    if deployment_model:
        qs = qs.filter(deployments__model=deployment_model)
    if credential_kind:
        qs = qs.filter(credentials__kind=credential_kind)
    if search:
        qs = qs.filter(name__icontains=search)
    return (
        qs.distinct()
        .order_by("name")
        .prefetch_related(
            "deployments",
            "regions",
            "references",
            Prefetch("credentials", queryset=Credential.objects.order_by("kind", "-level", "id")),
            "market_facts",
        )
    )


def vendor_get(*, user, pk: int) -> Vendor:
    """Raises Vendor.DoesNotExist when missing (→ 404)."""
    return vendor_list(user=user).get(pk=pk)
