"""Differences between revisions: what changed since the last approved (sealed) revision."""

from dataclasses import dataclass
from typing import Any

from assessment.models import Assessment


@dataclass(frozen=True)
class AnswerChange:
    indicator: str
    before: Any
    after: Any


@dataclass(frozen=True)
class RevisionDiff:
    from_revision: int
    to_revision: int
    changes: tuple[AnswerChange, ...]
    total_before: str | None
    total_after: str | None


def revision_diff(*, assessment: Assessment) -> RevisionDiff | None:
    """Compare this revision (sealed, or as it stands) with the previous sealed one."""
    seals = {s.revision: s for s in assessment.sealed_records.all()}
    previous = max((r for r in seals if r < assessment.revision), default=None)
    if previous is None:
        return None
    before = seals[previous].payload
    current_seal = seals.get(assessment.revision)
    if current_seal is not None:
        after_answers, total_after = current_seal.payload["answers"], current_seal.payload["scores"]["total"]
    else:
        after_answers = {r.indicator_code: r.payload for r in assessment.responses.all()}
        total_after = str(assessment.total) if assessment.total is not None else None
    codes = sorted(set(before["answers"]) | set(after_answers))
    changes = tuple(
        AnswerChange(code, before["answers"].get(code), after_answers.get(code))
        for code in codes
        if before["answers"].get(code) != after_answers.get(code)
    )
    return RevisionDiff(previous, assessment.revision, changes, before["scores"]["total"], total_after)
