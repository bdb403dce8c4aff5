"""Government bodies (政府单位), their clouds (政务云) and consultants' engagements."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AdministrativeLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")


class GovernmentBody(models.Model):
    name = models.CharField(_("name"), max_length=200)
    division_code = models.CharField(
        _("administrative division code"),
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Enter the 6-digit administrative division code."))],
        help_text=_("行政区划代码, e.g. 320100 for Nanjing."),
    )
    level = models.CharField(_("level"), max_length=16, choices=AdministrativeLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("government body")
        verbose_name_plural = _("government bodies")
        ordering = ["division_code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "division_code"], name="unique_body_name_per_division"),
        ]

    def __str__(self) -> str:
        return self.name


class CloudKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive government cloud (综合)")
    SECTOR = "sector", _("Sector government cloud (行业)")


class DeploymentModel(models.TextChoices):
    PRIVATE = "private", _("Private cloud (私有云)")
    DEDICATED = "dedicated", _("Dedicated cloud (专有云)")
    PUBLIC = "public", _("Government public cloud (政务公有云)")
    HYBRID = "hybrid", _("Hybrid cloud (混合云)")


class CooperationModel(models.TextChoices):
    JOINT_VENTURE = "joint_venture", _("Government–enterprise joint venture (政企合资)")
    SERVICE_PURCHASE = "service_purchase", _("Government purchase of services (政府购买服务)")


class GovernmentCloud(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=CloudKind.choices)
    owner = models.ForeignKey(
        GovernmentBody, verbose_name=_("owner body"), on_delete=models.PROTECT, related_name="clouds"
    )
    deployment_model = models.CharField(_("deployment model"), max_length=16, choices=DeploymentModel.choices)
    cooperation_model = models.CharField(
        _("cooperation model"), max_length=20, choices=CooperationModel.choices
    )
    operating_vendors = models.ManyToManyField(
        "vendors.Vendor", verbose_name=_("operating vendors"), blank=True, related_name="clouds"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("government cloud")
        verbose_name_plural = _("government clouds")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="unique_cloud_name_per_body"),
        ]

    def __str__(self) -> str:
        return self.name


class Engagement(models.Model):
    """A body engages a consultant: the consultant may then work on that body's assessments."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consultant"), on_delete=models.CASCADE,
        related_name="engagements",
    )
    body = models.ForeignKey(
        GovernmentBody, verbose_name=_("body"), on_delete=models.CASCADE, related_name="engagements"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(fields=["consultant", "body"], name="unique_engagement"),
        ]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.body}"
