"""What each role's home page shows, in a constant number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from assessment.models import Assessment, Status

from .assessments import assessment_list


@dataclass(frozen=True)
class TrendPoint:
    year: int
    total: Decimal | None
    dimensions: dict


@dataclass(frozen=True)
class CloudTrend:
    cloud: str
    points: tuple[TrendPoint, ...]


def trends(*, user) -> list[CloudTrend]:
    """Totals and dimension scores per cloud over the years (one query)."""
    rows = (
        assessment_list(user=user)
        .exclude(total__isnull=True)
        .order_by("cloud__name", "year")
        .values_list("cloud__name", "year", "total", "dimension_scores", "status")
    )
    by_cloud: dict[str, list[TrendPoint]] = defaultdict(list)
    for cloud, year, total, dims, _status in rows:
        by_cloud[cloud].append(TrendPoint(year, total, dims))
    return [CloudTrend(cloud, tuple(points)) for cloud, points in by_cloud.items()]


def recent_assessments(*, user, limit: int = 10) -> QuerySet[Assessment]:
    return assessment_list(user=user).order_by("-updated_at")[:limit]


def assigned_work(*, user) -> QuerySet[Assessment]:
    return assessment_list(user=user).filter(assignments__consultant=user, status__in=[Status.DRAFT, Status.RETURNED])


@dataclass(frozen=True)
class QueueAgeing:
    counts: dict
    oldest_waiting_days: int | None


def queue_ageing(*, user) -> QueueAgeing:
    qs = assessment_list(user=user).filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    oldest = qs.order_by().aggregate(oldest=Min("status_changed_at"))["oldest"]
    return QueueAgeing(counts, (timezone.now() - oldest).days if oldest else None)


def notifications_unread(*, user, limit: int = 20):
    from assessment.models import Notification

    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("assessment__cloud", "actor")
        .order_by("-created_at")[:limit]
    )
