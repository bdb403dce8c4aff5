"""Password rules beyond Django's own validators: character classes and maximum age.

The validators run wherever Django validates a password (the services call
`validate_password`; the admin's and the password-change forms do too), and they read the
settings when they run, so a changed setting applies at once.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = ("lower", "upper", "digit", "other")


def character_classes(password: str) -> set[str]:
    found = set()
    for char in password:
        if char.isdigit():
            found.add("digit")
        elif char.isalpha() and char.islower():
            found.add("lower")
        elif char.isalpha() and char.isupper():
            found.add("upper")
        else:  # symbols, spaces, and letters without case (Chinese characters)
            found.add("other")
    return found


class CharacterClassesValidator:
    """At least N of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int | None = None):
        self._min_classes = min_classes

    @property
    def min_classes(self) -> int:
        value = self._min_classes if self._min_classes is not None else settings.PASSWORD_MIN_CHARACTER_CLASSES
        return max(0, min(value, len(CLASSES)))

    def validate(self, password: str, user=None) -> None:
        if len(character_classes(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(count)d kind of character: lower-case letters, upper-case letters, digits, other characters.",
            "Your password must mix at least %(count)d kinds of character: lower-case letters, upper-case letters, digits, other characters.",
            self.min_classes,
        ) % {"count": self.min_classes}


class NotTheCurrentPasswordValidator:
    """A change must change something: the new password may not be the one in use."""

    def validate(self, password: str, user=None) -> None:
        if user is not None and user.pk and user.has_usable_password() and user.check_password(password):
            raise ValidationError(_("Choose a password different from the current one."), code="password_unchanged")

    def get_help_text(self) -> str:
        return _("Your new password must differ from the current one.")


def password_expires_at(user):
    """When `user`'s password expires, or None when there is no maximum age."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return None
    changed = user.password_changed_at or user.date_joined
    return changed + timedelta(days=days)


def password_expired(user, *, now=None) -> bool:
    expires = password_expires_at(user)
    return expires is not None and user.has_usable_password() and (now or timezone.now()) >= expires
