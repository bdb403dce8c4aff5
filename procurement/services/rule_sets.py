"""Loading procurement rule files into the database (the service behind `load_rules`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from procurement.guidance import (
    check_rule_sets,
    load_rules_file,
    ranges_conflict,
    shipped_rules_dir,
)
from procurement.guidance.rules_model import RuleSet
from procurement.guidance.types import RuleError
from procurement.models import RuleSetVersion

CREATED, UNCHANGED, REFUSED, INVALID, NOT_STORED = (
    "created", "unchanged", "refused", "invalid", "not stored",
)


@dataclass(frozen=True)
class LoadOutcome:
    file: str
    slug: str | None
    version: int | None
    action: str  # created | unchanged | refused | invalid | not stored
    errors: tuple[RuleError | str, ...] = ()


def shipped_rule_files() -> list[Path]:
    return sorted(p for p in shipped_rules_dir().iterdir() if p.suffix in (".yaml", ".yml"))


def canonical_content(rule_set: RuleSet) -> dict[str, Any]:
    """The parsed file as plain JSON (dates as ISO text); hashes the same as the file."""
    text = json.dumps(rule_set.raw, sort_keys=True, ensure_ascii=False, default=_iso)
    return json.loads(text)


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def rule_set_files_load(*, paths: list[Path]) -> list[LoadOutcome]:
    """Validate every file, then store the valid new versions in one transaction.

    Same slug+version with the same content hash: nothing. Same slug+version with a different
    hash: refused (a released version is never edited — release a new version instead). A new
    version whose effective range overlaps another version of its slug (stored or in the
    batch) is refused too, as the engine refuses it in a directory — except that a higher
    version may start while an earlier one is open-ended, which then ends the day before
    (procurement.guidance.ranges_conflict). Nothing is stored if any file is invalid or
    refused: a batch lands whole or not at all. Nothing is ever deleted.
    """
    outcomes: list[LoadOutcome] = []
    new: list[RuleSet] = []
    for path in paths:
        rule_set, errors = load_rules_file(path)
        if rule_set is None:
            outcomes.append(LoadOutcome(path.name, None, None, INVALID, tuple(errors)))
            continue
        existing = RuleSetVersion.objects.filter(
            slug=rule_set.slug, version=rule_set.version
        ).first()
        if existing is None:
            new.append(rule_set)
            outcomes.append(LoadOutcome(path.name, rule_set.slug, rule_set.version, CREATED))
        elif existing.content_hash == rule_set.content_hash:
            outcomes.append(LoadOutcome(path.name, rule_set.slug, rule_set.version, UNCHANGED))
        else:
            message = (
                f"{path.name}: version {rule_set.version} of {rule_set.slug} is already loaded "
                "with different content; release it as a new version instead."
            )
            outcomes.append(
                LoadOutcome(path.name, rule_set.slug, rule_set.version, REFUSED, (message,))
            )
    outcomes = _refuse_conflicts(outcomes, new)
    if any(o.action in (INVALID, REFUSED) for o in outcomes):
        return [_not_stored(o) for o in outcomes]
    try:
        with transaction.atomic():
            for rule_set in new:
                RuleSetVersion.objects.create(
                    slug=rule_set.slug,
                    version=rule_set.version,
                    title=rule_set.title,
                    effective_from=rule_set.effective_from,
                    effective_to=rule_set.effective_to,
                    file_name=rule_set.file,
                    content=canonical_content(rule_set),
                    content_hash=rule_set.content_hash,
                )
    except IntegrityError:
        # Another load stored one of these versions between our check and our insert.
        message = "another load stored these versions at the same time; run the command again"
        return [
            LoadOutcome(o.file, o.slug, o.version, REFUSED, (message,))
            if o.action == CREATED
            else o
            for o in outcomes
        ]
    return outcomes


def _refuse_conflicts(outcomes: list[LoadOutcome], new: list[RuleSet]) -> list[LoadOutcome]:
    """Duplicate versions in the batch, and effective ranges overlapping another version."""
    problems: dict[str, list[RuleError]] = {}
    for error in check_rule_sets(new):
        problems.setdefault(error.file, []).append(error)
    for rule_set in new:
        stored = RuleSetVersion.objects.filter(slug=rule_set.slug).exclude(
            version=rule_set.version
        )
        for other in stored:
            if ranges_conflict(rule_set, other):
                problems.setdefault(rule_set.file, []).append(
                    RuleError(
                        rule_set.file,
                        "effective_from",
                        f"overlaps the loaded {other} ({other.file_name}, effective "
                        f"{other.effective_from} to {other.effective_to or 'open end'})",
                    )
                )
    if not problems:
        return outcomes
    return [
        LoadOutcome(o.file, o.slug, o.version, REFUSED, tuple(problems[o.file]))
        if o.file in problems and o.action == CREATED
        else o
        for o in outcomes
    ]


def _not_stored(outcome: LoadOutcome) -> LoadOutcome:
    if outcome.action != CREATED:
        return outcome
    return LoadOutcome(outcome.file, outcome.slug, outcome.version, NOT_STORED)
