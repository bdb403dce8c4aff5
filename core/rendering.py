"""Background PDF rendering for any model: requested once per key, rendered under a lease.

No business logic here: a `RenderPipeline` is given the row model, a callable that builds a
row's HTML (it gathers its own data, in the worker) and the dotted path of the Celery task that
calls `render`. Callers compute the key and check access; the pipeline does the rest.

Exactly once: the row's `key` is unique, so asking twice returns the same row and two
simultaneous requests make one row. A worker claims the row under `select_for_update` and holds
a lease; a task for a row that is done, or whose lease another worker holds, does nothing. A
worker killed mid-render leaves an expired lease: `requeue_stale` (run when a worker starts and
when anyone polls the row) queues it again. The PDF is written through Django's storage API
under a content-addressed name, and the row points to it only once it is whole.

A row model needs: key (unique), status (`RenderStatus` values), stage, progress, attempts,
lease_expires_at, error, file, sha256, size, pages, requested_at, started_at, finished_at.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.broker import send
from core.pdf import html_to_pdf

log = logging.getLogger("govcloud.reports")
MAX_ATTEMPTS = 3

Row = TypeVar("Row", bound=models.Model)


class RenderStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RENDERING = "rendering", gettext_lazy("Rendering")
    DONE = "done", gettext_lazy("Done")
    FAILED = "failed", gettext_lazy("Failed")


def render_key(*parts: object) -> str:
    """The sha256 of the parts joined by "|": the row's unique key."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


@dataclass(frozen=True)
class RenderPipeline(Generic[Row]):
    model: type[Row]
    build_html: Callable[[Row], str]  # row → HTML; runs in the worker, reads what it needs
    task: str  # dotted path of the Celery task that calls `render(pk=…)`
    folder: Callable[[Row], str]  # storage folder of a row's files (orphans are looked for there)
    name: str = "report"  # in log lines

    # --- requests ------------------------------------------------------------------------
    def request(self, *, key: str, **fields: Any) -> tuple[Row, bool]:
        """The row for `key`, created with `fields` and queued if new. Returns (row, created)."""
        existing = self.model.objects.filter(key=key).first()
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                row = self.model.objects.create(key=key, **fields)
                transaction.on_commit(lambda: self.enqueue(pk=row.pk))
        except IntegrityError:  # a simultaneous request created it first
            return self.model.objects.get(key=key), False
        return row, True

    def enqueue(self, *, pk: int) -> bool:
        """Send the render task; with the broker down the row stays queued and is retried later."""
        try:
            send(import_string(self.task), args=[pk], queue=settings.REPORTS_QUEUE or None)
        except Exception as exc:  # broker unreachable: kombu raises several kinds  # noqa: BLE001
            log.warning("%s %s: broker unavailable (%s); left queued", self.name, pk, exc)
            self.model.objects.filter(pk=pk, status=RenderStatus.QUEUED).update(
                error=_("Waiting for the report service; it will start when the service is back.")
            )
            return False
        return True

    def retry(self, *, pk: int) -> Row:
        with transaction.atomic():
            row = self.model.objects.select_for_update().get(pk=pk)
            if row.status != RenderStatus.FAILED:
                raise ValidationError({"status": _("Only a failed report can be retried.")})
            row.status, row.attempts, row.error, row.progress, row.stage = RenderStatus.QUEUED, 0, "", 0, ""
            row.save(update_fields=["status", "attempts", "error", "progress", "stage"])
            transaction.on_commit(lambda: self.enqueue(pk=row.pk))
        return row

    def requeue_stale(self, *, pk: int | None = None) -> int:
        """Queue again the rows whose worker vanished (expired lease) or whose task was lost."""
        now = timezone.now()
        lost_after = now - timedelta(seconds=settings.REPORTS_QUEUED_RESEND_SECONDS)
        objects = self.model.objects
        qs = objects.filter(status=RenderStatus.RENDERING, lease_expires_at__lt=now) | objects.filter(
            status=RenderStatus.QUEUED, requested_at__lt=lost_after
        )
        if pk is not None:
            qs = qs.filter(pk=pk)
        ids = list(qs.values_list("pk", flat=True)[:500])
        for row_id in ids:
            self.enqueue(pk=row_id)
        return len(ids)

    # --- the worker's side ---------------------------------------------------------------
    def render(self, *, pk: int) -> Row | None:
        """Render and store one row (idempotent; safe to run twice or after a crash)."""
        row = self._claim(pk)
        if row is None:
            return None
        try:
            html = self.build_html(row)
            self._stage(pk, "layout", 30)
            pdf = html_to_pdf(html, on_stage=lambda s, p: self._stage(pk, s, p))
            self._stage(pk, "storing", 95)
        except (OperationalError, InterfaceError):
            self._release(pk)  # transient: the task retries with backoff
            raise
        except Exception as exc:  # deterministic (bad data, template, time limit): fail with the reason
            log.exception("%s %s failed", self.name, pk)
            self._fail(pk, exc)
            return None
        return self._finish(pk, pdf.content, pdf.pages)

    def _lease(self) -> timedelta:
        return timedelta(seconds=settings.REPORTS_LEASE_SECONDS)

    @transaction.atomic
    def _claim(self, pk: int) -> Row | None:
        row = self.model.objects.select_for_update().filter(pk=pk).first()
        now = timezone.now()
        if row is None or row.status in (RenderStatus.DONE, RenderStatus.FAILED):
            return None
        if row.status == RenderStatus.RENDERING and row.lease_expires_at and row.lease_expires_at > now:
            return None  # another worker holds it
        if row.attempts >= MAX_ATTEMPTS:
            row.status, row.error = RenderStatus.FAILED, _("Rendering failed %(n)s times; see the server log.") % {"n": row.attempts}
            row.save(update_fields=["status", "error"])
            return None
        row.status, row.stage, row.progress = RenderStatus.RENDERING, "collecting", 5
        row.attempts += 1
        row.started_at, row.lease_expires_at, row.error = now, now + self._lease(), ""
        row.save(update_fields=["status", "stage", "progress", "attempts", "started_at", "lease_expires_at", "error"])
        return row

    def _stage(self, pk: int, stage: str, progress: int) -> None:
        self.model.objects.filter(pk=pk, status=RenderStatus.RENDERING).update(
            stage=stage, progress=progress, lease_expires_at=timezone.now() + self._lease()
        )
        delay = settings.REPORTS_STAGE_DELAY_SECONDS  # fault-injection hook for the kill tests; 0 in use
        if delay:
            time.sleep(delay)

    def _release(self, pk: int) -> None:
        self.model.objects.filter(pk=pk, status=RenderStatus.RENDERING).update(
            status=RenderStatus.QUEUED, lease_expires_at=None
        )

    def _finish(self, pk: int, content: bytes, pages: int) -> Row:
        digest = hashlib.sha256(content).hexdigest()
        with transaction.atomic():
            row = self.model.objects.select_for_update().get(pk=pk)
            if row.status == RenderStatus.DONE:  # another worker finished first: keep theirs
                return row
            name = f"{self.folder(row)}/{row.key}-{digest[:16]}.pdf"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(content))
            row.file.name = name
            row.sha256, row.size, row.pages = digest, len(content), pages
            row.status, row.stage, row.progress = RenderStatus.DONE, "done", 100
            row.finished_at, row.lease_expires_at = timezone.now(), None
            row.save()
        self._remove_orphans(row)
        return row

    def _remove_orphans(self, row: Row) -> None:
        """Files of this key other than the one the row points to (a killed worker's leftovers)."""
        folder = self.folder(row)
        try:
            _dirs, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotImplementedError):
            return
        keep = row.file.name.rsplit("/", 1)[-1]
        for name in files:
            if name.startswith(row.key) and name != keep:
                default_storage.delete(f"{folder}/{name}")

    def _fail(self, pk: int, exc: Exception) -> None:
        from celery.exceptions import SoftTimeLimitExceeded

        reason = (
            _("Rendering took longer than allowed.") if isinstance(exc, SoftTimeLimitExceeded)
            else _("Rendering failed: %(error)s") % {"error": str(exc)[:300] or exc.__class__.__name__}
        )
        self.model.objects.filter(pk=pk).update(status=RenderStatus.FAILED, error=reason, lease_expires_at=None)
