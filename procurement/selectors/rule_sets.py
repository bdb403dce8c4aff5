"""Reads of rule-set versions, and their parsed engine form (cached per process)."""

from __future__ import annotations

import threading
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from procurement.guidance import parse_rules
from procurement.guidance.rules_model import RuleSet
from procurement.models import RuleSetVersion

_CACHE_SIZE = 32
_cache: dict[tuple[int, str], RuleSet] = {}
_lock = threading.Lock()


def rule_set_version_list() -> QuerySet[RuleSetVersion]:
    return RuleSetVersion.objects.defer("content").order_by("slug", "-version")


def rule_set_version_in_force(*, on: date, slug: str | None = None) -> RuleSetVersion | None:
    """The version in force on `on` (the latest effective_from wins, as in the engine's
    `select_rule_set`); None when no stored version covers the date. An open-ended version
    ends the day before a later version of its slug starts (procurement.guidance.in_force_until)."""
    succeeded = RuleSetVersion.objects.filter(
        slug=OuterRef("slug"), effective_from__gt=OuterRef("effective_from"), effective_from__lte=on
    )
    qs = RuleSetVersion.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on
    ).exclude(Q(effective_to__isnull=True) & Q(Exists(succeeded)))
    if slug is not None:
        qs = qs.filter(slug=slug)
    return qs.order_by("-effective_from", "-version").first()


def rule_set_engine(row: RuleSetVersion) -> RuleSet:
    """The engine's RuleSet for a stored version; parsed once per process, pk and content hash."""
    key = (row.pk, row.content_hash)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    if "content" in row.get_deferred_fields():
        row = RuleSetVersion.objects.get(pk=row.pk)
    rule_set, errors = parse_rules(row.content, file=row.file_name)
    if rule_set is None:  # stored rows were validated on load; this means the code changed
        raise ValueError(f"stored rule set {row} no longer validates: {errors[:3]}")
    with _lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = rule_set
    return rule_set
