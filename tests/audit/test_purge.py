"""Retention: at least 180 days; purging removes only older records and keeps the chain verifiable."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit.models import AuditChain, AuditRecord
from audit.selectors import audit_chain_verify
from audit.services import audit_purge, audit_record


@pytest.fixture
def aged(db, monkeypatch):
    """Records written at given ages in days (the clock is moved, not the rows)."""

    def make(*ages):
        now = timezone.now()
        out = []
        for age in ages:
            monkeypatch.setattr(timezone, "now", lambda age=age: now - timedelta(days=age))
            out.append(audit_record(event="export", detail={"age": age}))
        monkeypatch.undo()
        return out

    return make


@pytest.mark.parametrize("days", [0, 30, 179])
def test_purge_refuses_less_than_180_days(db, days):
    audit_record(event="export")
    with pytest.raises(ValidationError):
        audit_purge(older_than_days=days)
    with pytest.raises(CommandError, match="180"):
        call_command("purge_audit_log", "--older-than-days", str(days))
    assert AuditRecord.objects.count() == 1


def test_purge_respects_a_longer_configured_retention(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    with pytest.raises(ValidationError):
        audit_purge(older_than_days=200)


def test_purge_removes_only_older_records_and_the_chain_still_verifies(aged):
    old = aged(400, 300, 200)
    young = aged(100, 10)
    outcome = audit_purge(older_than_days=180)
    assert outcome.removed == 3
    remaining = set(AuditRecord.objects.values_list("pk", flat=True))
    assert {r.pk for r in young} <= remaining and not ({r.pk for r in old} & remaining)
    head = AuditChain.objects.get(pk=1)
    assert (head.anchor_seq, head.anchor_hash) == (old[-1].seq, old[-1].hash)
    # The purge is itself recorded, chained after the young records.
    assert AuditRecord.objects.order_by("-seq").first().event == "audit_purge"
    report = audit_chain_verify()
    assert report.ok and report.checked == 3 and report.anchor_seq == old[-1].seq


def test_purge_never_removes_a_younger_record_even_after_a_clock_step_back(aged):
    records = aged(400, 10, 300)  # the third was written after the clock went back
    audit_purge(older_than_days=180)
    remaining = set(AuditRecord.objects.values_list("pk", flat=True))
    assert records[0].pk not in remaining
    assert records[1].pk in remaining and records[2].pk in remaining  # the chain stays contiguous
    assert audit_chain_verify().ok


def test_purge_command_and_second_purge(aged):
    aged(500, 1)
    out = StringIO()
    call_command("purge_audit_log", "--older-than-days", "180", stdout=out)
    assert "Removed 1 audit records" in out.getvalue()
    call_command("purge_audit_log", "--older-than-days", "180", stdout=StringIO())
    assert audit_chain_verify().ok
    assert AuditRecord.objects.filter(event="audit_purge").count() == 2
