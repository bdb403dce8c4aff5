"""The audit log is a hash chain: append-only, and any change, insertion or removal is found."""

import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from audit.chain import GENESIS_HASH, record_content, record_hash
from audit.models import AuditChain, AuditLogImmutable, AuditRecord
from audit.selectors import audit_chain_verify
from audit.services import audit_record


def write(n: int, **kwargs):
    return [audit_record(event="export", detail={"i": i}, **kwargs) for i in range(n)]


def drop_update_trigger():
    """What an attacker with database access would do first (rolled back with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditrecord DISABLE TRIGGER audit_auditrecord_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_auditrecord_no_update")


def test_records_chain_each_to_the_previous_hash(db):
    first, second, third = write(3)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    assert third.hash == record_hash(second.hash, record_content(third.__dict__))
    head = AuditChain.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (3, third.hash)
    report = audit_chain_verify()
    assert report.ok and report.checked == 3


def test_record_fields_are_captured(world):
    record = audit_record(event="download", user=world["official_a"], obj=world["cloud_a"], detail={"n": 1})
    record.refresh_from_db()
    assert record.actor_id == world["official_a"].pk
    assert record.actor_username == world["official_a"].username
    assert record.object_type == "orgs.GovernmentCloud" and record.object_id == str(world["cloud_a"].pk)
    assert record.object_repr == str(world["cloud_a"])
    assert record.created_at.utcoffset().total_seconds() == 0
    assert record.result == "success"


def test_unknown_event_is_refused(db):
    with pytest.raises(ValueError):
        audit_record(event="made-up")


def test_application_cannot_update_or_delete_records(db):
    record = write(1)[0]
    record.result = "failure"
    with pytest.raises(AuditLogImmutable):
        record.save()
    with pytest.raises(AuditLogImmutable):
        record.delete()
    with pytest.raises(AuditLogImmutable):
        AuditRecord.objects.filter(pk=record.pk).update(result="failure")
    with pytest.raises(AuditLogImmutable):
        AuditRecord.objects.all().delete()
    assert AuditRecord.objects.get(pk=record.pk).result == "success"


def test_database_refuses_update_even_in_raw_sql(db):
    record = write(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET result = 'failure' WHERE id = %s", [record.pk])
    assert AuditRecord.objects.get(pk=record.pk).result == "success"


def test_changed_content_is_found_at_the_changed_record(db):
    records = write(5)
    drop_update_trigger()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET actor_username = 'someone-else' WHERE id = %s", [records[2].pk])
    report = audit_chain_verify()
    assert not report.ok and report.broken_seq == records[2].seq and report.checked == 2
    assert "hash" in report.reason


def test_rehashing_a_changed_record_breaks_the_next_one(db):
    records = write(4)
    drop_update_trigger()
    values = AuditRecord.objects.filter(pk=records[1].pk).values().get()
    values["detail"] = {"i": 99}
    forged = record_hash(values["prev_hash"], record_content(values))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET detail = %s, hash = %s WHERE id = %s",
                       ['{"i": 99}', forged, records[1].pk])
    report = audit_chain_verify()
    assert not report.ok and report.broken_seq == records[2].seq


def test_removed_record_is_found(db):
    records = write(5)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [records[1].pk])
    report = audit_chain_verify()
    assert not report.ok and report.broken_seq == records[2].seq


def test_removed_tail_is_found_through_the_head(db):
    records = write(3)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [records[-1].pk])
    report = audit_chain_verify()
    assert not report.ok and report.broken_seq == records[-1].seq


def test_verify_command_reports_ok_and_exits_non_zero_when_broken(db):
    records = write(3)
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "OK: 3 records" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [records[0].pk])
    with pytest.raises(CommandError, match=f"seq {records[1].seq}"):
        call_command("verify_audit_log")


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_serialise_on_the_chain_head():
    errors: list[BaseException] = []

    def worker(n: int):
        try:
            for i in range(8):
                audit_record(event="download", detail={"thread": n, "i": i})
        except BaseException as exc:  # noqa: BLE001 — reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, 33))
    assert audit_chain_verify().ok
