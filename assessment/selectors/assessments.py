"""Reads of assessments, always through the access rule (`assessment.access`).

What each read costs matters: the load benchmark (bench/load.py) runs these pages on 10,000
assessments. So:

- visibility is `assessment_scope` applied directly; only a scope that joins one-to-many
  relations (a consultant's engagements and assignments, several rows per assessment) is
  wrapped in a semi-join that keeps each assessment once;
- list rows carry the assessment's own columns and the names their tables show — never the
  framework's content;
- a single assessment is read with its cloud, body and framework in one query, and a page
  asks only for the related rows it shows (`related=`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from assessment.access import assessment_scope
from assessment.models import (
    Assessment,
    Assignment,
    Evidence,
    HistoryEntry,
    ReviewComment,
    SealedRecord,
    Status,
)
from assessment.selectors.frameworks import framework_content_attach
from orgs.models import GovernmentBody
from orgs.selectors import body_list


@dataclass(frozen=True)
class AssessmentFilters:
    status: str = ""
    body: int | None = None
    region: str = ""  # a division-code prefix: "32" province, "3213" city
    year: int | None = None
    cloud: int | None = None
    body_name: str = ""  # part of the owner body's name


# What a list row shows (the tables, the API's AssessmentOutput): every column of the
# assessment, the names of its cloud and body, the framework's slug and version.
_ROW_FIELDS = (
    *(f.name for f in Assessment._meta.concrete_fields),
    "cloud__name", "cloud__owner", "cloud__owner__name", "framework__slug", "framework__version",
)


def _joins_many(qs: QuerySet) -> bool:
    """True when the filter joins a relation with several rows per assessment (reverse
    foreign key, many-to-many): then a row may come back more than once."""
    for join in qs.query.alias_map.values():
        field = getattr(join, "join_field", None)
        if field is not None and not (getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False)):
            return True
    return False


def visible_assessments(*, user) -> QuerySet[Assessment]:
    """Every assessment `user` may see, each once (the rule: `assessment.access`)."""
    qs = Assessment.objects.filter(assessment_scope(user))
    if _joins_many(qs):
        return Assessment.objects.filter(pk__in=qs.values("pk"))
    return qs


def assessment_list(*, user, filters: AssessmentFilters | None = None) -> QuerySet[Assessment]:
    qs = visible_assessments(user=user).select_related("cloud__owner", "framework").only(*_ROW_FIELDS)
    f = filters or AssessmentFilters()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.body:
        qs = qs.filter(cloud__owner_id=f.body)
    if f.body_name:
        qs = qs.filter(cloud__owner__name__icontains=f.body_name)
    if f.region:
        qs = qs.filter(cloud__owner__division_code__startswith=f.region)
    if f.year:
        qs = qs.filter(year=f.year)
    if f.cloud:
        qs = qs.filter(cloud_id=f.cloud)
    return qs.order_by("-year", "cloud__name", "pk")


def _live_evidence() -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("indicator_code", "uploaded_at", "pk")
    )


def evidence_list(*, assessment: Assessment) -> QuerySet[Evidence]:
    """The assessment's evidence that is not removed, with its uploader."""
    return _live_evidence().filter(assessment=assessment)


def assessment_get(*, user, pk: int, related: Iterable[str] = ()) -> Assessment:
    """The assessment with its cloud, body and framework (one query; the framework's content
    comes from the process's copy, see `framework_content_attach`).

    `related` names what the page shows besides, each read in one more query: "responses"
    (the answers), "assignments" (with their consultants), "evidence" (not removed, with
    the uploader; on `assessment.evidence.all()`), "sealed_records" (with who sealed them,
    by revision). Raises Assessment.DoesNotExist when missing or not visible to `user` (→ 404).
    """
    lookups = []
    for name in related:
        if name == "responses":
            lookups.append("responses")
        elif name == "assignments":
            lookups.append(Prefetch("assignments", queryset=_assignments()))
        elif name == "evidence":
            lookups.append(Prefetch("evidence", queryset=_live_evidence()))
        elif name == "sealed_records":
            lookups.append(Prefetch("sealed_records", queryset=SealedRecord.objects.select_related("sealed_by")
                                    .order_by("revision")))
        else:
            raise ValueError(f"unknown related rows: {name}")
    assessment = (
        visible_assessments(user=user)
        .select_related("cloud__owner", "framework")
        .defer("framework__content")
        .prefetch_related(*lookups)
        .get(pk=pk)
    )
    framework_content_attach(assessment.framework)
    return assessment


def _assignments() -> QuerySet[Assignment]:
    return Assignment.objects.select_related("consultant").order_by("assigned_at", "pk")


def review_queue(*, user, filters: AssessmentFilters | None = None) -> QuerySet[Assessment]:
    """Submitted and in-review assessments, oldest first (ageing).

    Without a status filter the queue is read in the order of the partial index
    `assessment_queue_age` (migration 0002), so a page costs the same however long the queue.
    """
    qs = assessment_list(user=user, filters=filters)
    if not (filters and filters.status):
        qs = qs.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
    return qs.order_by("status_changed_at", "pk")


def queue_bodies(*, user, name: str, limit: int = 20) -> QuerySet[GovernmentBody]:
    """Bodies whose name contains `name`, for the queue's body search (at most `limit`)."""
    name = name.strip()[:100]
    if not name:
        return GovernmentBody.objects.none()
    return (
        body_list(user=user).select_related(None).filter(name__icontains=name)
        .only("name", "division_code")
        .order_by("division_code", "name", "pk")[:limit]
    )


def history_list(*, assessment: Assessment) -> QuerySet[HistoryEntry]:
    return assessment.history.select_related("actor").order_by("at", "pk")


def comment_list(*, assessment: Assessment) -> QuerySet[ReviewComment]:
    return assessment.comments.select_related("author").order_by("created_at", "pk")


def sealed_records(*, assessment: Assessment) -> QuerySet[SealedRecord]:
    return assessment.sealed_records.select_related("sealed_by").order_by("revision")


def evidence_get(*, user, pk: int) -> Evidence:
    """Evidence is visible exactly when its assessment is."""
    return Evidence.objects.select_related("assessment").get(
        pk=pk, assessment__in=visible_assessments(user=user).values("pk")
    )
