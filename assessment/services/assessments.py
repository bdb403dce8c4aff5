"""Creating assessments and assigning consultants."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role
from assessment.access import may_create_for
from assessment.models import Assessment, Assignment, FrameworkVersion, HistoryKind
from orgs.models import Engagement, GovernmentCloud

from .history import history_record

YEAR_RANGE = (2015, 2100)


@transaction.atomic
def assessment_create(*, actor, cloud: GovernmentCloud, year: int, framework: FrameworkVersion) -> Assessment:
    """Open an assessment of `cloud` for `year`, pinned to `framework` for good.

    Officials create for their own body's clouds, consultants for bodies that engaged them
    (and are assigned to what they create), administrators for any.
    """
    if not may_create_for(actor, cloud):
        raise PermissionDenied
    if not (YEAR_RANGE[0] <= year <= YEAR_RANGE[1]):
        raise ValidationError({"year": _("Enter a year between %(min)s and %(max)s.") % {"min": YEAR_RANGE[0], "max": YEAR_RANGE[1]}})
    if Assessment.objects.filter(cloud=cloud, framework=framework, year=year).exists():
        raise ValidationError(
            {"year": _("This cloud already has an assessment for %(year)s with this framework.") % {"year": year}}
        )
    assessment = Assessment.objects.create(cloud=cloud, year=year, framework=framework, created_by=actor)
    if actor.role == Role.CONSULTANT:
        Assignment.objects.create(assessment=assessment, consultant=actor, assigned_by=actor)
    return assessment


@transaction.atomic
def assessment_assign(*, actor, assessment: Assessment, consultant) -> Assignment:
    """Reviewers and administrators assign consultants to an assessment (idempotent).

    Only a consultant whom the assessment's body engages (an active engagement) may be
    assigned: the body chooses who evaluates it, the assignment only picks among them.
    """
    if not (actor.is_reviewer or actor.is_administrator):
        raise PermissionDenied
    if consultant.role != Role.CONSULTANT or not consultant.is_active:
        raise ValidationError({"consultant": _("Choose an active consultant.")})
    body = assessment.cloud.owner
    if not Engagement.objects.filter(consultant=consultant, body=body, active=True).exists():
        raise ValidationError({"consultant": _(
            "%(consultant)s is not engaged by %(body)s. The body must engage a consultant before they "
            "can be assigned to its assessments."
        ) % {"consultant": consultant, "body": body}})
    assignment, created = Assignment.objects.get_or_create(
        assessment=assessment, consultant=consultant, defaults={"assigned_by": actor}
    )
    if created:
        history_record(
            assessment=assessment, actor=actor, kind=HistoryKind.ASSIGNMENT,
            new={"consultant": consultant.username},
        )
    return assignment
