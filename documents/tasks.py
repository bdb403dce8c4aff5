"""Thin tasks: take an id, call one service."""

from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError

from documents.services import document_render, documents_requeue_stale


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError), retry_backoff=2, retry_backoff_max=30, max_retries=3,
)
def render_document(self, document_id: int) -> None:
    document_render(document_id=document_id)


@worker_ready.connect
def _requeue_on_start(**_kwargs) -> None:
    # A worker that died mid-render left an expired lease; the next worker to start picks it up.
    documents_requeue_stale()
