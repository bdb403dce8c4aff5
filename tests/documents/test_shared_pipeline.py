"""Documents and assessment reports run on one rendering pipeline (core.rendering): the lease,
the attempts limit, re-queuing and the broker-down case, shown here on documents (the
assessment report tests in tests/assessment/reports run unchanged on the same code)."""

from datetime import timedelta

import pytest
from django.utils import timezone

import assessment.services.reports as reports
import documents.services as documents
from core import rendering
from documents.models import Document, DocumentKind
from documents.services import document_render, document_request, documents_requeue_stale

MEMO = DocumentKind.PROCUREMENT_MEMO


@pytest.fixture
def memo(world, project_a) -> Document:
    return document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)[0]


def test_reports_and_documents_share_one_pipeline_and_one_pdf_writer(world, project_a, assessment_a, monkeypatch):
    assert isinstance(reports.PIPELINE, rendering.RenderPipeline)
    assert isinstance(documents.PIPELINE, rendering.RenderPipeline)
    assert (reports.PIPELINE.model, documents.PIPELINE.model) == (reports.Report, Document)
    calls = []
    real = rendering.html_to_pdf
    monkeypatch.setattr(rendering, "html_to_pdf", lambda html, **kw: calls.append(html[:15]) or real(html, **kw))
    report, _ = reports.report_request(actor=world["official_a"], assessment=assessment_a)
    document, _ = document_request(actor=world["official_a"], kind=MEMO, object_id=project_a.pk)
    reports.report_render(report_id=report.pk)
    document_render(document_id=document.pk)
    assert len(calls) == 2
    report.refresh_from_db()
    document.refresh_from_db()
    assert report.status == document.status == "done"


def test_a_held_lease_is_left_alone_and_an_expired_one_is_taken_over(memo, settings, monkeypatch):
    sent = []
    monkeypatch.setattr(rendering.RenderPipeline, "enqueue", lambda self, *, pk: sent.append(pk) or True)
    now = timezone.now()
    Document.objects.filter(pk=memo.pk).update(status="rendering", attempts=1, lease_expires_at=now + timedelta(minutes=5))
    assert document_render(document_id=memo.pk) is None  # another worker holds it
    assert documents_requeue_stale() == 0 and sent == []
    Document.objects.filter(pk=memo.pk).update(lease_expires_at=now - timedelta(seconds=1))
    assert documents_requeue_stale(document_id=memo.pk) == 1 and sent == [memo.pk]
    document = document_render(document_id=memo.pk)
    assert document is not None and document.status == "done" and document.attempts == 2


def test_a_queued_document_whose_task_was_lost_is_sent_again(memo, settings, monkeypatch):
    sent = []
    monkeypatch.setattr(rendering.RenderPipeline, "enqueue", lambda self, *, pk: sent.append(pk) or True)
    assert documents_requeue_stale() == 0
    Document.objects.filter(pk=memo.pk).update(
        requested_at=timezone.now() - timedelta(seconds=settings.REPORTS_QUEUED_RESEND_SECONDS + 1)
    )
    assert documents_requeue_stale() == 1 and sent == [memo.pk]


def test_after_the_last_attempt_the_document_fails_with_a_reason(memo):
    Document.objects.filter(pk=memo.pk).update(status="rendering", attempts=rendering.MAX_ATTEMPTS,
                                               lease_expires_at=timezone.now() - timedelta(seconds=1))
    assert document_render(document_id=memo.pk) is None
    memo.refresh_from_db()
    assert memo.status == "failed" and str(rendering.MAX_ATTEMPTS) in memo.error


def test_with_the_broker_down_the_document_stays_queued_with_a_note(memo, monkeypatch):
    from documents.tasks import render_document

    def down(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(render_document, "apply_async", down)
    assert documents.document_enqueue(document_id=memo.pk) is False
    memo.refresh_from_db()
    assert memo.status == "queued" and memo.error


def test_a_transient_database_error_releases_the_lease_for_the_task_to_retry(memo, monkeypatch):
    from django.db import OperationalError

    monkeypatch.setitem(documents._HTML, MEMO, lambda d: (_ for _ in ()).throw(OperationalError("gone away")))
    with pytest.raises(OperationalError):
        document_render(document_id=memo.pk)
    memo.refresh_from_db()
    assert memo.status == "queued" and memo.lease_expires_at is None and memo.attempts == 1
