"""Writes of users. Role rules live here, not in forms or the admin."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from orgs.models import GovernmentBody

from .models import Role, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: str,
    body: GovernmentBody | None = None,
    full_name: str = "",
    email: str = "",
) -> User:
    """Create a user with a role. Officials need a body; others have none.

    `password=None` creates a user who cannot log in until a password is set.
    """
    user = User(username=username, role=role, body=body, full_name=full_name, email=email)
    user_apply_role_rules(user)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str, body: GovernmentBody | None) -> User:
    user.role = role
    user.body = body
    user_apply_role_rules(user)
    user.full_clean()
    user.save()
    return user


def user_apply_role_rules(user: User) -> None:
    """Role invariants, shared by the services and the admin's user form."""
    if user.role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if user.role == Role.OFFICIAL and user.body is None:
        raise ValidationError({"body": _("An official must belong to a government body.")})
    if user.role != Role.OFFICIAL and user.body is not None:
        raise ValidationError({"body": _("Only officials belong to a government body.")})
    # Administrators manage the system in the Django admin; nobody else gets in there.
    user.is_staff = user.role == Role.ADMINISTRATOR
