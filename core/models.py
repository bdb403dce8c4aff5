"""Operational records: the worker heartbeat proves a real Celery worker is consuming."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    seen_at = models.DateTimeField(_("seen by a worker at"), null=True, blank=True)
    worker_hostname = models.CharField(_("worker"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"heartbeat {self.pk} ({self.worker_hostname or 'not seen'})"
