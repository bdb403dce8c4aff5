"""Who may do what with an evaluation the user can already see (see selectors.evaluation_list).

* Editors — officials of the buying body, consultants it engaged, administrators — set up the
  evaluation, enter bids, manage the panel and close it. Reviewers only read.
* Panel members score, each only their own scores.
* Member scores: reviewers and administrators always; a panel member their own while the
  evaluation is open and everyone's once it is closed; nobody else.
* The result (which shows the means of the members' scores) is hidden from panel members while
  the evaluation is open, so that no member scores with the others' marks in view.
"""

from __future__ import annotations

from .models import Evaluation


def _staff(user) -> bool:
    return bool(user.is_reviewer or user.is_administrator)


def can_edit(user, evaluation: Evaluation) -> bool:
    return bool(user.is_administrator or user.is_official or user.is_consultant)


def is_panel_member(user, evaluation: Evaluation) -> bool:
    members = getattr(evaluation, "panel_user_ids", None)
    if members is None:
        members = set(evaluation.panel.values_list("user_id", flat=True))
    return user.pk in members


def sees_all_member_scores(user, evaluation: Evaluation) -> bool:
    return _staff(user) or (evaluation.is_closed and is_panel_member(user, evaluation))


def sees_member_scores(user, evaluation: Evaluation) -> bool:
    """Some member scores at least (a panel member's own, while open)."""
    return _staff(user) or is_panel_member(user, evaluation)


def sees_result(user, evaluation: Evaluation) -> bool:
    if evaluation.is_closed or _staff(user):
        return True
    return not is_panel_member(user, evaluation)
