"""Cloud vendors: the catalogue that comparisons and bids draw on.

Every fact carries its provenance (source file and section, and whether the source is
secondary, i.e. a press claim). Writes go through ``vendors.services``, which also append to
the change log (:class:`VendorChange`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs.models import DeploymentModel


class VendorKind(models.TextChoices):
    # The four kinds of lead vendor named in seed 004.
    INFRASTRUCTURE = "infrastructure", _("IT infrastructure vendor")
    PUBLIC_CLOUD = "public_cloud", _("Public-cloud IaaS vendor")
    TELECOM = "telecom", _("Telecom operator")
    INTEGRATOR = "integrator", _("System integrator")


class CredentialKind(models.TextChoices):
    # The first eight are the kinds the comparison engine's gates know
    # (procurement.comparison.types.CREDENTIAL_KINDS); the codes must stay equal to those.
    MLPS = "mlps", _("MLPS (等保) filing")
    CAC_CLOUD_ASSESSMENT = "cac_cloud_assessment", _(
        "CAC cloud service security assessment (云计算服务安全评估)"
    )
    TRUSTED_CLOUD = "trusted_cloud", _("Trusted Cloud (可信云)")
    ISO27001 = "iso27001", _("ISO/IEC 27001")
    ISO27017 = "iso27017", _("ISO/IEC 27017")
    ISO27018 = "iso27018", _("ISO/IEC 27018")
    CSA_STAR = "csa_star", _("CSA STAR")
    CCRC = "ccrc", _("CCRC information security service")
    ISO9001 = "iso9001", _("ISO 9001")
    OTHER = "other", _("Other")


class Evidence(models.TextChoices):
    CLAIMED = "claimed", _("Claimed by a source (unverified)")
    CERTIFICATE = "certificate", _("Certificate checked")


class Sourced(models.Model):
    """Where a fact comes from: a file (seed or document) and its section."""

    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    source_section = models.CharField(_("source section"), max_length=300, blank=True)
    secondary = models.BooleanField(
        _("secondary source"),
        default=False,
        help_text=_("The fact comes from a press claim or reprint, not a primary document."),
    )
    seed_key = models.CharField(
        _("seed key"),
        max_length=120,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Stable key of a shipped fact; reloading never overwrites it."),
    )

    class Meta:
        abstract = True


class Vendor(Sourced):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=VendorKind.choices)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VendorDeployment(Sourced):
    """A deployment model the vendor offers (私有云, 专有云, 政务公有云, 混合云)."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="deployments"
    )
    model = models.CharField(_("deployment model"), max_length=16, choices=DeploymentModel.choices)

    class Meta:
        verbose_name = _("deployment model offered")
        verbose_name_plural = _("deployment models offered")
        ordering = ["vendor", "model"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "model"], name="unique_vendor_deployment"),
        ]

    def __str__(self) -> str:
        return self.get_model_display()


class ServiceRegion(Sourced):
    """A region where the vendor has local service (资源池, 属地化服务)."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="regions"
    )
    name = models.CharField(_("region"), max_length=100)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("region with local service")
        verbose_name_plural = _("regions with local service")
        ordering = ["vendor", "name"]

    def __str__(self) -> str:
        return self.name


class GovCloudReference(Sourced):
    """A government-cloud project the vendor built or runs."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="references"
    )
    name = models.CharField(_("project"), max_length=200)
    region = models.CharField(_("region"), max_length=100, blank=True)
    since = models.PositiveSmallIntegerField(
        _("since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("government-cloud reference")
        verbose_name_plural = _("government-cloud references")
        ordering = ["vendor", "name"]

    def __str__(self) -> str:
        return self.name


class Credential(Sourced):
    """A certification or filing (等保, 可信云, 云计算服务安全评估, ISO …).

    ``evidence`` says whether a certificate was checked: a credential that a source only
    mentions is "claimed", with no number and no validity dates, and is shown as unverified.
    """

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="credentials"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=CredentialKind.choices)
    title = models.CharField(
        _("title as stated"), max_length=200, blank=True,
        help_text=_("The credential's name as the certificate or the source states it."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    number = models.CharField(_("certificate number"), max_length=100, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    evidence = models.CharField(
        _("evidence"), max_length=16, choices=Evidence.choices, default=Evidence.CLAIMED
    )

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["vendor", "kind", "-level", "number"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def verified(self) -> bool:
        return self.evidence == Evidence.CERTIFICATE


class MarketFact(Sourced):
    """A market figure with its year and source; ``vendor`` is empty for a market-wide fact."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="market_facts",
    )
    text = models.CharField(_("fact"), max_length=300)
    figure = models.DecimalField(_("figure"), max_digits=16, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    period = models.CharField(_("period"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("market fact")
        verbose_name_plural = _("market facts")
        ordering = ["vendor", "-year", "text"]

    def __str__(self) -> str:
        return self.text

    @property
    def figure_text(self) -> str:
        """The figure without trailing zeros, never in exponent form (20, not 2E+1)."""
        return "" if self.figure is None else f"{self.figure.normalize():f}"


class CatalogueVersion(models.Model):
    """A shipped catalogue file that was loaded (idempotency of ``load_vendors``)."""

    slug = models.SlugField(_("slug"), max_length=60)
    version = models.PositiveIntegerField(_("version"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    file_name = models.CharField(_("file"), max_length=200)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["slug", "version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_catalogue_version"),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class VendorChange(models.Model):
    """Append-only history of the catalogue, written by the services (never edited)."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="changes",
    )
    vendor_name = models.CharField(_("vendor name"), max_length=200, blank=True)
    entity = models.CharField(_("what"), max_length=40)
    entity_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("catalogue change")
        verbose_name_plural = _("catalogue changes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.vendor_name} · {self.entity} · {self.action}"
