"""A task goes through a real worker process and a real broker (never eager mode)."""

import pytest
from django.conf import settings

from core.models import WorkerHeartbeat
from core.services import heartbeat_request
from tests.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_tasks_are_not_run_eagerly():
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_heartbeat_is_seen_by_a_real_worker(celery_worker_process):
    beat = heartbeat_request()
    assert beat.seen_at is None

    def seen():
        return WorkerHeartbeat.objects.filter(pk=beat.pk, seen_at__isnull=False).first()

    seen_beat = wait_for(seen, timeout=30)
    # The hostname proves it was the separate worker process, not this one.
    assert seen_beat.worker_hostname.startswith("test-")
    assert celery_worker_process["process"].poll() is None
