"""The one place that says which government bodies a user may see.

Every selector that returns body-owned data filters through `body_scope`, so an official of
body A never sees body B's data, whatever page or endpoint asks.
"""

from django.db.models import Q

from accounts.models import Role


def body_scope(user, *, via: str = "") -> Q:
    """A filter on any model that reaches a GovernmentBody through the lookup path `via`.

    `via` is the path from the filtered model to the body ("" for GovernmentBody itself,
    "owner" for a cloud, "cloud__owner" for an assessment). Anonymous and inactive users see
    nothing; reviewers and administrators see all; officials their own body; consultants the
    bodies that engaged them (active engagements only).
    """
    prefix = f"{via}__" if via else ""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser or user.role in (Role.REVIEWER, Role.ADMINISTRATOR):
        return Q()
    if user.role == Role.OFFICIAL:
        if user.body_id is None:
            return Q(pk__in=[])
        return Q(**{f"{prefix}pk" if not via else f"{via}_id": user.body_id})
    if user.role == Role.CONSULTANT:
        return Q(**{f"{prefix}engagements__consultant": user, f"{prefix}engagements__active": True})
    return Q(pk__in=[])
