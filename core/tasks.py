import logging

from celery import shared_task
from celery.signals import worker_init

from .pdf import warm_up
from .services import heartbeat_mark_seen

log = logging.getLogger("govcloud.reports")


@shared_task(bind=True, max_retries=3)
def heartbeat_seen(self, heartbeat_id: int) -> None:
    heartbeat_mark_seen(heartbeat_id=heartbeat_id, worker_hostname=self.request.hostname or "")


@worker_init.connect  # before the pool forks: every child starts warm
def _warm_up_pdf(**_kwargs) -> None:
    try:
        warm_up()
    except Exception:  # a worker that cannot warm up still serves; its first render shows why  # noqa: BLE001
        log.exception("PDF warm-up failed")
