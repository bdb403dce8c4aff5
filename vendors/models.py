"""Cloud vendors: the catalogue that comparisons and bids draw on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VendorKind(models.TextChoices):
    # The four kinds of lead vendor named in seed 004.
    INFRASTRUCTURE = "infrastructure", _("IT infrastructure vendor")
    PUBLIC_CLOUD = "public_cloud", _("Public-cloud IaaS vendor")
    TELECOM = "telecom", _("Telecom operator")
    INTEGRATOR = "integrator", _("System integrator")


class Vendor(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=VendorKind.choices)

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
