"""Reads of assessments, always through the access rule (`assessment.access`)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from assessment.access import assessment_scope
from assessment.models import (
    Assessment,
    Evidence,
    HistoryEntry,
    ReviewComment,
    SealedRecord,
    Status,
)


@dataclass(frozen=True)
class AssessmentFilters:
    status: str = ""
    body: int | None = None
    region: str = ""  # a division-code prefix: "32" province, "3213" city
    year: int | None = None
    cloud: int | None = None


def assessment_list(*, user, filters: AssessmentFilters | None = None) -> QuerySet[Assessment]:
    qs = (
        Assessment.objects.filter(pk__in=Assessment.objects.filter(assessment_scope(user)).values("pk"))
        .select_related("cloud__owner", "framework", "created_by")
        .defer("framework__content")
    )
    f = filters or AssessmentFilters()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.body:
        qs = qs.filter(cloud__owner_id=f.body)
    if f.region:
        qs = qs.filter(cloud__owner__division_code__startswith=f.region)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.cloud:
        qs = qs.filter(cloud_id=f.cloud)
    return qs.order_by("-year", "cloud__name", "pk")


def assessment_get(*, user, pk: int) -> Assessment:
    """Raises Assessment.DoesNotExist when missing or not visible to `user` (→ 404)."""
    return (
        Assessment.objects.filter(pk__in=Assessment.objects.filter(assessment_scope(user)).values("pk"))
        .select_related("cloud__owner", "framework", "created_by")
        .prefetch_related(
            "responses",
            "assignments__consultant",
            Prefetch("evidence", queryset=Evidence.objects.filter(removed_at__isnull=True).select_related("uploaded_by")),
        )
        .get(pk=pk)
    )


def review_queue(*, user, filters: AssessmentFilters | None = None) -> QuerySet[Assessment]:
    """Submitted and in-review assessments, oldest first (ageing)."""
    qs = assessment_list(user=user, filters=filters)
    if not (filters and filters.status):
        qs = qs.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
    return qs.order_by("status_changed_at", "pk")


def history_list(*, assessment: Assessment) -> QuerySet[HistoryEntry]:
    return assessment.history.select_related("actor").order_by("at", "pk")


def comment_list(*, assessment: Assessment) -> QuerySet[ReviewComment]:
    return assessment.comments.select_related("author").order_by("created_at", "pk")


def sealed_records(*, assessment: Assessment) -> QuerySet[SealedRecord]:
    return assessment.sealed_records.select_related("sealed_by").order_by("revision")


def evidence_get(*, user, pk: int) -> Evidence:
    """Evidence is visible exactly when its assessment is."""
    return Evidence.objects.select_related("assessment").get(
        pk=pk, assessment__in=Assessment.objects.filter(assessment_scope(user)).values("pk")
    )
