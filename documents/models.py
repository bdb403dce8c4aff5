"""PDF documents rendered in the background: procurement memos, evaluation dossiers, vendor
comparisons.

One row per (kind, subject, content version, template version, language): asking again for the
same key returns the same row. Rendering goes through the same pipeline as assessment reports
(`core.rendering`), hence the same status, stage, progress, lease and file fields.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.rendering import RenderStatus


class DocumentKind(models.TextChoices):
    PROCUREMENT_MEMO = "procurement_memo", _("Procurement memo")
    EVALUATION_DOSSIER = "evaluation_dossier", _("Evaluation dossier")
    VENDOR_COMPARISON = "vendor_comparison", _("Vendor comparison")


class Document(models.Model):
    """A PDF of one business object (or, for a comparison, of one set of parameters).

    `subject` names what the PDF is of — "project:12", "evaluation:5", or for a comparison
    "vendors:" and the sha256 of its canonical parameters (kept in `params`). The foreign keys
    repeat the object so that access is checked through that object's own selectors.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    subject = models.CharField(_("subject"), max_length=100)
    project = models.ForeignKey(
        "procurement.ProcurementProject", verbose_name=_("procurement project"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
    )
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", verbose_name=_("bid evaluation"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # What the content was made from: a hash of the saved guidance, the sealed record's digest
    # and variant, or a hash of the compared vendors' data.
    content_version = models.CharField(_("content version"), max_length=40)
    template_version = models.CharField(_("template version"), max_length=20)
    language = models.CharField(_("language"), max_length=10)
    key = models.CharField(max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=RenderStatus.choices, default=RenderStatus.QUEUED)
    stage = models.CharField(max_length=30, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(blank=True, max_length=300)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "content_version", "template_version", "language"],
                name="one_document_per_key",
            ),
        ]
        indexes = [models.Index(fields=["status", "lease_expires_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject} {self.language} ({self.status})"
