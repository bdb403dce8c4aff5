"""Writes of users. Role rules and the password policy live here, not in forms or the admin."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
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
        password_check(password=password, user=user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(event=AuditEvent.USER_CREATED, obj=user, detail={"role": user.role, "body": user.body_id})
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str, body: GovernmentBody | None) -> User:
    old = {"role": user.role, "body": user.body_id, "is_staff": user.is_staff}
    user.role = role
    user.body = body
    user_apply_role_rules(user)
    user.full_clean()
    user.save()
    audit_record(
        event=AuditEvent.ROLE_CHANGE, obj=user,
        detail={"old": old, "new": {"role": user.role, "body": user.body_id, "is_staff": user.is_staff}},
    )
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str, current_password: str | None = None) -> User:
    """Set a new password under the policy (length, common list, character classes, not the
    current one). With `current_password`, the user is changing their own and must prove it."""
    if current_password is not None and not user.check_password(current_password):
        raise ValidationError({"old_password": _("Your current password was entered incorrectly.")})
    password_check(password=password, user=user)
    user.set_password(password)
    user.save(update_fields=["password", "password_changed_at"])
    audit_record(event=AuditEvent.PASSWORD_CHANGE, obj=user, detail={"self_service": current_password is not None})
    return user


def password_check(*, password: str, user: User, field: str = "password") -> None:
    """The password policy (AUTH_PASSWORD_VALIDATORS) as a field-level ValidationError."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


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
