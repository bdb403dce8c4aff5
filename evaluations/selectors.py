"""Reads of evaluations, always through the body access rule (via the procurement project)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from orgs.access import body_scope

from .models import Bid, Evaluation, EvaluationEvent, MemberScore, PanelMember
from .permissions import sees_all_member_scores, sees_member_scores


def evaluation_list(*, user, project_id: int | None = None, status: str | None = None) -> QuerySet[Evaluation]:
    """Evaluations of the projects of the bodies ``user`` may see, newest first."""
    qs = (
        Evaluation.objects.filter(body_scope(user, via="project__body"))
        .select_related("project", "project__body", "rule_set", "created_by", "closed_by", "seal",
                        "seal__sealed_by")
        .defer("rule_set__content", "project__facts", "project__result", "seal__payload")
        .prefetch_related(
            Prefetch("panel", queryset=PanelMember.objects.select_related("user")), "criteria"
        )
        .order_by("-created_at", "-id")
    )
    if project_id is not None:
        qs = qs.filter(project_id=project_id)
    if status:
        qs = qs.filter(status=status)
    return qs


def evaluation_get(*, user, pk: int) -> Evaluation:
    """Raises Evaluation.DoesNotExist when missing *or* not visible (→ 404)."""
    evaluation = evaluation_list(user=user).get(pk=pk)
    evaluation.panel_user_ids = {m.user_id for m in evaluation.panel.all()}
    return evaluation


def bid_list(*, evaluation: Evaluation) -> QuerySet[Bid]:
    return evaluation.bids.select_related("vendor", "entered_by", "updated_by").order_by("id")


def member_score_list(*, user, evaluation: Evaluation) -> QuerySet[MemberScore]:
    """The member scores ``user`` may see (see permissions); none for anyone else."""
    qs = (
        MemberScore.objects.filter(bid__evaluation=evaluation)
        .select_related("bid", "criterion", "member")
        .order_by("bid_id", "criterion__position", "criterion_id", "member_id")
    )
    if sees_all_member_scores(user, evaluation):
        return qs
    if sees_member_scores(user, evaluation):
        return qs.filter(member=user)
    return qs.none()


def event_list(*, evaluation: Evaluation) -> QuerySet[EvaluationEvent]:
    return evaluation.events.select_related("actor").order_by("at", "id")


def panel_candidates(*, evaluation: Evaluation) -> QuerySet[User]:
    """Active users who may see the evaluation's project: only they can sit on its panel."""
    body = evaluation.project.body
    officials = User.objects.filter(is_active=True, role="official", body=body)
    consultants = User.objects.filter(
        is_active=True, role="consultant", engagements__body=body, engagements__active=True
    )
    staff = User.objects.filter(is_active=True, role__in=["reviewer", "administrator"]) | (
        User.objects.filter(is_active=True, is_superuser=True)
    )
    return (officials | consultants | staff).distinct().order_by("username")
