"""Reads of the audit log: walk the chain and report the first record that does not fit."""

from dataclasses import dataclass

from .chain import GENESIS_HASH, record_content, record_hash
from .models import AuditChain, AuditRecord


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    anchor_seq: int
    broken_seq: int | None = None
    reason: str = ""


def audit_chain_verify() -> ChainReport:
    head = AuditChain.objects.filter(pk=1).first()
    anchor_seq = head.anchor_seq if head else 0
    expected_prev = head.anchor_hash if head else GENESIS_HASH
    expected_seq = anchor_seq + 1
    checked = 0
    fields = [f.name for f in AuditRecord._meta.concrete_fields]
    for values in AuditRecord.objects.order_by("seq").values(*fields).iterator(chunk_size=2000):
        seq = values["seq"]
        if seq != expected_seq:
            what = "missing before it" if seq > expected_seq else "out of order"
            return ChainReport(False, checked, anchor_seq, seq, f"record(s) {what}: expected seq {expected_seq}")
        if values["prev_hash"] != expected_prev:
            return ChainReport(False, checked, anchor_seq, seq, "previous hash does not match the chain")
        if record_hash(values["prev_hash"], record_content(values)) != values["hash"]:
            return ChainReport(False, checked, anchor_seq, seq, "content does not match its hash")
        expected_prev, expected_seq = values["hash"], seq + 1
        checked += 1
    last_seq = head.last_seq if head else 0
    if head is not None and (expected_seq - 1 != last_seq or expected_prev != head.last_hash):
        return ChainReport(
            False, checked, anchor_seq, expected_seq,
            f"chain ends at seq {expected_seq - 1} but the head records seq {last_seq}",
        )
    return ChainReport(True, checked, anchor_seq)
