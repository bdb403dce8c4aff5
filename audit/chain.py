"""The hash chain of the audit log, pure: canonical content of a record and its hash.

hash(n) = sha256(hash(n-1) + canonical_json(content(n))), with 64 zeros before the first record.
Changing, inserting or removing any record breaks every hash after it.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields that a record's hash covers, in a fixed order (the hash itself excluded).
HASHED_FIELDS = (
    "seq", "created_at", "event", "result", "actor_id", "actor_username", "ip_address",
    "object_type", "object_id", "object_repr", "detail", "prev_hash",
)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def timestamp(value: datetime) -> str:
    """UTC to the millisecond (records are written so), one spelling whatever the database
    or a backup returns."""
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def record_content(values: dict[str, Any]) -> dict[str, Any]:
    content = {name: values[name] for name in HASHED_FIELDS}
    content["created_at"] = timestamp(values["created_at"])
    return content


def record_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(content)).encode("utf-8")).hexdigest()
