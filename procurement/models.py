"""Procurement data: rule-set versions (content with provenance) and saved guidance projects."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from procurement.guidance.labels import LABELS
from procurement.guidance.types import Category, Method


class RuleSetVersion(models.Model):
    """One released version of a procurement rule set, stored as loaded (never edited).

    `content` is the file's parsed data as canonical JSON; `content_hash` the engine's sha256 of
    it. Saved guidance pins the version it used (PROTECT), so a version in use is never deleted.
    """

    slug = models.SlugField(_("slug"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=200)
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procurement rule set version")
        verbose_name_plural = _("procurement rule set versions")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_rule_set_version"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="rule_set_effective_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


# Labels come from the engine's catalogue (already marked for translation there).
CATEGORY_CHOICES = [(c.value, _(LABELS["category"][c.value])) for c in Category]
METHOD_CHOICES = [(m.value, _(LABELS["method"][m.value])) for m in Method]


class ProcurementProject(models.Model):
    """Saved guidance: the facts given, the engine's result and the rule-set version it used.

    `result` is language-neutral (codes and params); it is rendered in the reader's language
    when shown. `procurement_date`, `category`, `amount`, `law_applies` and
    `recommended_method` are copied from facts and result for lists and filters.
    """

    title = models.CharField(_("title"), max_length=200)
    body = models.ForeignKey(
        "orgs.GovernmentBody", verbose_name=_("buyer (government body)"),
        on_delete=models.PROTECT, related_name="procurement_projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
        related_name="+",
    )
    rule_set = models.ForeignKey(
        RuleSetVersion, verbose_name=_("rule set version"), on_delete=models.PROTECT,
        related_name="projects",
    )
    facts = models.JSONField(_("facts"))
    result = models.JSONField(_("result"))
    procurement_date = models.DateField(_("procurement date"))
    category = models.CharField(_("category"), max_length=16, choices=CATEGORY_CHOICES)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2)
    law_applies = models.BooleanField(_("Government Procurement Law applies"))
    recommended_method = models.CharField(
        _("first recommended method"), max_length=32, choices=METHOD_CHOICES, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procurement project")
        verbose_name_plural = _("procurement projects")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["body", "-created_at"], name="procproj_body_created")]

    def __str__(self) -> str:
        return self.title
