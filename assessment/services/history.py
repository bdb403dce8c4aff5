"""The history of an assessment: one helper so every write records itself the same way."""

from typing import Any

from assessment.models import Assessment, HistoryEntry


def history_record(
    *, assessment: Assessment, actor, kind: str, indicator_code: str = "",
    old: Any = None, new: Any = None, reason: str = "",
) -> HistoryEntry:
    return HistoryEntry.objects.create(
        assessment=assessment, revision=assessment.revision, actor=actor, kind=kind,
        indicator_code=indicator_code, old=old, new=new, reason=reason,
    )
