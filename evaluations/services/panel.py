"""The evaluation panel: who scores."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from orgs.access import body_scope
from orgs.models import GovernmentBody

from ..models import Evaluation, MemberScore, PanelMember
from .common import locked_open, log, require_editor


@transaction.atomic
def panel_member_add(*, user, evaluation: Evaluation, member) -> PanelMember:
    """Add ``member``, who must be active and able to see the project's body (the one access
    rule): officials of the body, consultants it engaged, reviewers, administrators."""
    evaluation = locked_open(evaluation)
    require_editor(user, evaluation)
    sees_body = GovernmentBody.objects.filter(
        body_scope(member), pk=evaluation.project.body_id
    ).exists()
    if not member.is_active or not sees_body:
        raise ValidationError({"user": _("This user cannot see the project, so cannot sit on its panel.")})
    if evaluation.panel.filter(user=member).exists():
        raise ValidationError({"user": _("This user is on the panel already.")})
    entry = PanelMember.objects.create(evaluation=evaluation, user=member, added_by=user)
    log(evaluation, user, "panel.added", member=member.get_username())
    return entry


@transaction.atomic
def panel_member_remove(*, user, evaluation: Evaluation, member) -> None:
    """Remove a member who has not scored yet (scores stay tied to their author)."""
    evaluation = locked_open(evaluation)
    require_editor(user, evaluation)
    entry = evaluation.panel.filter(user=member).first()
    if entry is None:
        raise ValidationError({"user": _("This user is not on the panel.")})
    if MemberScore.objects.filter(bid__evaluation=evaluation, member=member).exists():
        raise ValidationError({"user": _("This member has scored already and stays on the panel.")})
    entry.delete()
    log(evaluation, user, "panel.removed", member=member.get_username())
