"""Who may see, fill and review an assessment — the one place these rules live.

Seeing follows the body rule (`orgs.access.body_scope`) plus assignment: a consultant sees
the assessments of bodies that engaged them and those they are assigned to. Filling is for
the body's officials and the assigned consultants, while the assessment is a draft or
returned. Reviewing is for reviewers and administrators.
"""

from django.db.models import Q

from orgs.access import body_scope

from .models import Assessment, Status


def assessment_scope(user) -> Q:
    scope = body_scope(user, via="cloud__owner")
    if not scope:  # Q(): sees everything (`Q() | other` would keep only `other`)
        return scope
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_consultant:
        scope |= Q(assignments__consultant=user)
    return scope


def may_fill(user, assessment: Assessment) -> bool:
    """Officials of the owner body and assigned consultants (status is checked separately)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_official:
        return user.body_id == assessment.cloud.owner_id
    if user.is_consultant:
        return assessment.assignments.filter(consultant=user).exists()
    return False


def may_review(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_reviewer or user.is_administrator))


def may_create_for(user, cloud) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_official:
        return user.body_id == cloud.owner_id
    if user.is_consultant:
        return user.engagements.filter(body_id=cloud.owner_id, active=True).exists()
    return user.is_administrator


def editable_statuses() -> tuple[str, ...]:
    return (Status.DRAFT, Status.RETURNED)
