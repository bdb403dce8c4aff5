"""Writes of bodies, clouds and engagements."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from vendors.models import Vendor

from .models import Engagement, GovernmentBody, GovernmentCloud


@transaction.atomic
def body_create(
    *, name: str, division_code: str, level: str, parent: GovernmentBody | None = None
) -> GovernmentBody:
    body = GovernmentBody(name=name, division_code=division_code, level=level, parent=parent)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def cloud_create(
    *,
    name: str,
    kind: str,
    owner: GovernmentBody,
    deployment_model: str,
    cooperation_model: str,
    operating_vendors: Iterable[Vendor] = (),
) -> GovernmentCloud:
    cloud = GovernmentCloud(
        name=name, kind=kind, owner=owner,
        deployment_model=deployment_model, cooperation_model=cooperation_model,
    )
    cloud.full_clean()
    cloud.save()
    cloud.operating_vendors.set(list(operating_vendors))
    return cloud


@transaction.atomic
def engagement_grant(*, consultant: User, body: GovernmentBody, granted_by: User) -> Engagement:
    """An administrator records that `body` engaged `consultant` (idempotent: reactivates)."""
    if consultant.role != Role.CONSULTANT:
        raise ValidationError({"consultant": _("Only consultants can be engaged by a body.")})
    if not granted_by.is_administrator:
        raise ValidationError({"granted_by": _("Only administrators grant engagements.")})
    engagement, created = Engagement.objects.get_or_create(
        consultant=consultant, body=body, defaults={"granted_by": granted_by}
    )
    if not created and not engagement.active:
        engagement.active = True
        engagement.granted_by = granted_by
        engagement.save(update_fields=["active", "granted_by"])
    return engagement


@transaction.atomic
def engagement_revoke(*, engagement: Engagement) -> Engagement:
    engagement.active = False
    engagement.save(update_fields=["active"])
    return engagement
