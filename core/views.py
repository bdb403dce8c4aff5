"""Shell pages: the role-aware home page and the health check."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessment.selectors.dashboards import (
    assigned_work,
    notifications_unread,
    queue_ageing,
    recent_assessments,
    trends,
)
from core.selectors import heartbeat_latest_seen
from orgs.selectors import cloud_list, engagement_list

CLOUDS_PER_PAGE = 25


@login_required
def home(request):
    """The role-aware dashboard: what this user works on, and how the scores move."""
    user = request.user
    reviewing = user.is_reviewer or user.is_administrator
    # A reviewer sees every cloud (hundreds): the table shows them a page at a time.
    clouds = Paginator(cloud_list(user=user).order_by("owner__division_code", "name", "pk"), CLOUDS_PER_PAGE)
    context = {
        "clouds": clouds.get_page(request.GET.get("page")),
        "engagements": engagement_list(user=user) if user.is_consultant else None,
        "recent": recent_assessments(user=user),
        "assigned": assigned_work(user=user) if user.is_consultant else None,
        "ageing": queue_ageing(user=user) if reviewing else None,
        "trends": trends(user=user) if not reviewing else None,
        "notifications": notifications_unread(user=user),
    }
    return render(request, "core/home.html", context)


@require_GET
@never_cache
def health(request):
    """Liveness for load balancers: the database answers; when a worker last answered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    beat = heartbeat_latest_seen()
    return JsonResponse(
        {
            "database": "ok",
            "worker_last_seen": beat.seen_at.isoformat() if beat else None,
        }
    )
