"""Assessment data: framework versions, assessments and everything recorded about them.

An assessment is pinned to one framework version. Its answers live in `Response` rows (one
per indicator, the engine's JSON payload). Every change is written by the services together
with a `HistoryEntry`; approval freezes a `SealedRecord` that nothing updates afterwards.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkVersion(models.Model):
    """One released version of an indicator framework, stored as loaded (never edited).

    `content` is the file's canonical JSON; `content_hash` its sha256. Assessments pin the
    version they use (PROTECT), so a version in use is never deleted.
    """

    slug = models.SlugField(_("slug"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    published = models.DateField(_("published"))
    effective = models.DateField(_("effective from"))
    file_name = models.CharField(_("file"), max_length=200)
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_framework_version"),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Assessment(models.Model):
    cloud = models.ForeignKey(
        "orgs.GovernmentCloud", verbose_name=_("government cloud"), on_delete=models.PROTECT,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("year assessed"))
    framework = models.ForeignKey(
        FrameworkVersion, verbose_name=_("framework version"), on_delete=models.PROTECT,
        related_name="assessments",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # Optimistic lock: every write bumps it; a write based on an older value is refused.
    lock_version = models.PositiveIntegerField(_("edit version"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    # The latest computed score, kept by the services so lists and dashboards need no engine.
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    dimension_scores = models.JSONField(_("dimension scores"), default=dict, blank=True)
    answered_count = models.PositiveSmallIntegerField(_("indicators answered"), default=0)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-year", "cloud__name"]
        constraints = [
            models.UniqueConstraint(fields=["cloud", "framework", "year"], name="one_assessment_per_cloud_year"),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"]),
            # The review queue, oldest first: the first page is read from the index alone.
            models.Index(
                fields=["status_changed_at", "id"],
                condition=models.Q(status__in=["submitted", "in_review"]),
                name="assessment_queue_age",
            ),
            # Home pages' recent assessments, newest change first (a backward index scan).
            models.Index(fields=["updated_at"], name="assessment_updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.cloud} · {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)


class Assignment(models.Model):
    """A consultant assigned to an assessment (by a reviewer or an administrator)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consultant"), on_delete=models.PROTECT,
        related_name="assignments",
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "consultant"], name="unique_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.assessment}"


class Response(models.Model):
    """The answer to one indicator: the engine's payload, or N/A with its reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="responses")
    indicator_code = models.CharField(_("indicator"), max_length=40)
    payload = models.JSONField(_("answer"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator_code"], name="one_answer_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.indicator_code}"

    @property
    def is_not_applicable(self) -> bool:
        return bool(self.payload.get("not_applicable"))


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    # Stored under the content hash, never under the uploader's file name.
    return f"evidence/{instance.assessment_id}/{instance.sha256}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    indicator_code = models.CharField(_("indicator"), max_length=40)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    refers_to = models.DateField(_("date the evidence refers to"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["indicator_code", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class HistoryKind(models.TextChoices):
    VALUE = "value", _("Value changed")
    NOT_APPLICABLE = "not_applicable", _("Marked not applicable")
    ADJUSTMENT = "adjustment", _("Adjusted by the reviewer")
    EVIDENCE_ADDED = "evidence_added", _("Evidence attached")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    STATUS = "status", _("Status changed")
    ASSIGNMENT = "assignment", _("Consultant assigned")
    COMMENT = "comment", _("Comment")
    IMPORT = "import", _("Imported from Excel")


class HistoryEntry(models.Model):
    """Who changed what, when, from what to what, and why. Written only by the services."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="history")
    revision = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=HistoryKind.choices)
    indicator_code = models.CharField(max_length=40, blank=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.kind} · {self.at:%Y-%m-%d %H:%M}"


class ReviewComment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    revision = models.PositiveIntegerField()
    indicator_code = models.CharField(max_length=40, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]


class SealedRecord(models.Model):
    """What an approval froze: framework, answers, evidence hashes, scores, and its own hash."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="sealed_records")
    revision = models.PositiveIntegerField()
    payload = models.JSONField()
    record_hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)
    sealed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("sealed record")
        verbose_name_plural = _("sealed records")
        ordering = ["assessment", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "revision"], name="one_seal_per_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} r{self.revision} {self.record_hash[:12]}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=20)  # submitted | returned | approved | reopened
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def report_upload_to(instance: "Report", filename: str) -> str:
    return f"reports/{instance.assessment_id}/{instance.key}.pdf"


class Report(models.Model):
    """One PDF per (assessment revision, framework version, template version, language).

    The key makes a report exactly-once: asking again returns the same row. Rendering runs in
    a Celery task that claims the row under a lease; a worker that dies loses its lease and
    the report is queued again (see services.reports).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="reports")
    revision = models.PositiveIntegerField()
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    template_version = models.CharField(max_length=20)
    language = models.CharField(max_length=10)
    # "sealed" for an approved revision; for a draft, the edit version it was rendered from.
    content_version = models.CharField(max_length=20)
    key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    stage = models.CharField(max_length=30, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=report_upload_to, blank=True, max_length=300)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "revision", "content_version", "framework", "template_version", "language"],
                name="one_report_per_key",
            ),
        ]
        indexes = [models.Index(fields=["status", "lease_expires_at"])]

    def __str__(self) -> str:
        return f"{self.assessment} r{self.revision} {self.language} ({self.status})"
