"""Reads of bodies, clouds and engagements, always through the access rule."""

from django.db.models import QuerySet

from accounts.models import Role, User

from .access import body_scope
from .models import Engagement, GovernmentBody, GovernmentCloud


def body_list(*, user) -> QuerySet[GovernmentBody]:
    return GovernmentBody.objects.filter(body_scope(user)).select_related("parent").distinct()


def body_get(*, user, pk: int) -> GovernmentBody:
    """Raises GovernmentBody.DoesNotExist when the body is missing *or* not visible (→ 404)."""
    return body_list(user=user).get(pk=pk)


def cloud_list(*, user) -> QuerySet[GovernmentCloud]:
    return (
        GovernmentCloud.objects.filter(body_scope(user, via="owner"))
        .select_related("owner")
        .prefetch_related("operating_vendors")
        .distinct()
    )


def cloud_get(*, user, pk: int) -> GovernmentCloud:
    return cloud_list(user=user).get(pk=pk)


def engagement_list(*, user) -> QuerySet[Engagement]:
    qs = Engagement.objects.select_related("consultant", "body", "granted_by")
    if user.is_administrator or user.is_reviewer:
        return qs
    if user.is_consultant:
        return qs.filter(consultant=user)
    return qs.filter(body_id=user.body_id) if user.body_id else qs.none()


def engaged_consultants(*, body_id: int):
    """Active consultants whom the body engages (active engagements): the ones who may be
    assigned to its assessments (assessment.services.assessments.assessment_assign)."""
    return User.objects.filter(
        role=Role.CONSULTANT, is_active=True, engagements__body_id=body_id, engagements__active=True
    ).distinct().order_by("username")
