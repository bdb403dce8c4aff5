"""The custom user: every user has one role; an official belongs to one government body."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICIAL = "official", _("Official (填报人)")
    CONSULTANT = "consultant", _("Consultant (评估顾问)")
    REVIEWER = "reviewer", _("Reviewer (审核人)")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICIAL)
    body = models.ForeignKey(
        "orgs.GovernmentBody", verbose_name=_("government body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="officials",
        help_text=_("Required for officials: the body whose data they fill."),
    )
    # When the password was last set: the maximum password age counts from here.
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="official") | Q(body__isnull=False),
                name="official_has_body",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def set_password(self, raw_password):
        # Every path that sets a password (services, admin, changepassword) passes here.
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def is_official(self) -> bool:
        return self.role == Role.OFFICIAL

    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR or self.is_superuser
