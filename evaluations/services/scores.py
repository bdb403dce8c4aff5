"""Panel members' scores: each member enters and changes only their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Bid, CriterionKind, Evaluation, MemberScore
from ..permissions import is_panel_member
from .common import locked_open, log


@dataclass(frozen=True)
class ScoreEntry:
    """Points for one bid on one non-price criterion; None removes the member's score."""

    bid_id: int
    criterion: str
    points: Decimal | None


@transaction.atomic
def member_scores_submit(
    *, user, evaluation: Evaluation, entries: Sequence[ScoreEntry]
) -> list[MemberScore]:
    """Enter ``user``'s own scores (0 ≤ points ≤ the criterion's maximum).

    PermissionDenied unless ``user`` is on the panel. Every entry is checked before anything
    is written, so a bad entry changes nothing; errors are keyed ``scores.<index>.<field>``.
    """
    evaluation = locked_open(evaluation)
    if not is_panel_member(user, evaluation):
        raise PermissionDenied
    bids = {b.pk: b for b in Bid.objects.filter(evaluation=evaluation)}
    criteria = {
        c.code: c for c in evaluation.criteria.exclude(kind=CriterionKind.PRICE)
    }
    errors: dict[str, list[str]] = {}
    seen: set[tuple[int, str]] = set()
    for index, entry in enumerate(entries):
        where = f"scores.{index}"
        if entry.bid_id not in bids:
            errors[f"{where}.bid"] = [_("No such bid in this evaluation.")]
        criterion = criteria.get(entry.criterion)
        if criterion is None:
            errors[f"{where}.criterion"] = [
                _("%(code)s is not a non-price criterion of this evaluation.")
                % {"code": entry.criterion}
            ]
        elif entry.points is not None and not Decimal(0) <= entry.points <= criterion.max_points:
            errors[f"{where}.points"] = [
                _("Points must be from 0 to %(max)s.") % {"max": criterion.max_points}
            ]
        elif entry.points is not None and entry.points.as_tuple().exponent < -2:
            # Stored with two decimals: never round a member's mark silently.
            errors[f"{where}.points"] = [_("Give points with at most two decimals.")]
        if (entry.bid_id, entry.criterion) in seen:
            errors[f"{where}.criterion"] = [_("This bid and criterion are scored twice.")]
        seen.add((entry.bid_id, entry.criterion))
    if errors:
        raise ValidationError(errors)
    saved = []
    for entry in entries:
        bid, criterion = bids[entry.bid_id], criteria[entry.criterion]
        current = MemberScore.objects.filter(bid=bid, criterion=criterion, member=user).first()
        previous = None if current is None else str(current.points)
        if entry.points is None:
            if current is not None:
                current.delete()
                log(evaluation, user, "score.removed", bid=bid.pk, bidder=bid.bidder_name,
                    criterion=criterion.code, previous=previous)
            continue
        if current is not None and current.points == entry.points:
            saved.append(current)
            continue
        if current is None:
            current = MemberScore(bid=bid, criterion=criterion, member=user)
        current.points = entry.points
        current.save()
        saved.append(current)
        log(evaluation, user, "score.entered", bid=bid.pk, bidder=bid.bidder_name,
            criterion=criterion.code, points=str(entry.points), previous=previous)
    return saved
