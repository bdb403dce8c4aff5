"""Reads of framework versions, and their parsed engine form (cached per process)."""

from functools import lru_cache

from django.db.models import QuerySet

from assessment.models import FrameworkVersion
from assessment.scoring import Framework, parse_framework


def framework_version_list() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.defer("content").order_by("slug", "-version")


def framework_version_get(*, slug: str, version: int) -> FrameworkVersion:
    return FrameworkVersion.objects.get(slug=slug, version=version)


def framework_engine(row: FrameworkVersion) -> Framework:
    """The engine's Framework for a stored version; parsed once per process and version."""
    return _parse_cached(row.pk, row.content_hash, row)


@lru_cache(maxsize=64)
def _parse_cached(pk: int, content_hash: str, row: FrameworkVersion) -> Framework:
    framework, errors = parse_framework(row.content, file=row.file_name)
    if framework is None:  # stored rows were validated on load; this means the code changed
        raise ValueError(f"stored framework {row} no longer validates: {errors[:3]}")
    return framework
