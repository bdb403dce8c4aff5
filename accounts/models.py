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


class ApiTokenVerification(models.Model):
    """Marks an API token as issued after its holder verified a second factor.

    POST /api/v1/auth/token/ with `otp_token` records the device that accepted the code. A user
    who must verify a second factor (accounts.otp.otp_required) may use only a token marked so,
    and only while that device is still theirs and confirmed: resetting the second factor ends
    such tokens, as it ends a verified session. A token issued for a password alone has no mark.
    """

    token = models.OneToOneField(
        "authtoken.Token", verbose_name=_("API token"), primary_key=True, on_delete=models.CASCADE,
        related_name="verification",
    )
    device_id = models.CharField(_("verified with device"), max_length=255)
    verified_at = models.DateTimeField(_("verified at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token verification")
        verbose_name_plural = _("API token verifications")

    def __str__(self) -> str:
        return f"{self.token_id[:6]}… {self.device_id}"
