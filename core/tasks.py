from celery import shared_task

from .services import heartbeat_mark_seen


@shared_task(bind=True, max_retries=3)
def heartbeat_seen(self, heartbeat_id: int) -> None:
    heartbeat_mark_seen(heartbeat_id=heartbeat_id, worker_hostname=self.request.hostname or "")
