from .models import WorkerHeartbeat


def heartbeat_latest_seen() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.filter(seen_at__isnull=False).order_by("-seen_at").first()
