from django.db.models import QuerySet

from assessment.models import Assessment, Report

from .assessments import visible_assessments


def report_list(*, user, assessment: Assessment) -> QuerySet[Report]:
    return assessment.reports.select_related("requested_by").order_by("-requested_at")


def report_get(*, user, pk: int) -> Report:
    """A report is visible exactly when its assessment is (DoesNotExist otherwise → 404)."""
    return Report.objects.select_related("assessment__cloud", "framework").defer("framework__content").get(
        pk=pk, assessment__in=visible_assessments(user=user).values("pk")
    )
