"""Operational writes."""

from django.db import transaction
from django.utils import timezone

from .models import WorkerHeartbeat


@transaction.atomic
def heartbeat_request() -> WorkerHeartbeat:
    """Record a heartbeat request and send it to the workers once the row is committed."""
    from .tasks import heartbeat_seen

    beat = WorkerHeartbeat.objects.create()
    transaction.on_commit(lambda: heartbeat_seen.delay(beat.pk))
    return beat


@transaction.atomic
def heartbeat_mark_seen(*, heartbeat_id: int, worker_hostname: str) -> WorkerHeartbeat | None:
    beat = WorkerHeartbeat.objects.select_for_update().filter(pk=heartbeat_id).first()
    if beat is None or beat.seen_at is not None:  # gone, or already seen: idempotent
        return beat
    beat.seen_at = timezone.now()
    beat.worker_hostname = worker_hostname[:200]
    beat.save(update_fields=["seen_at", "worker_hostname"])
    return beat
