"""Reads of framework versions, and their parsed engine form (cached per process)."""

from functools import lru_cache

from django.db.models import QuerySet

from assessment.models import FrameworkVersion
from assessment.scoring import Framework, parse_framework


def framework_version_list() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.defer("content").order_by("slug", "-version")


def framework_version_get(*, slug: str, version: int) -> FrameworkVersion:
    return FrameworkVersion.objects.get(slug=slug, version=version)


# A released version never changes (the loader refuses a new hash for a stored version), so its
# content — 23 kB of JSON for the shipped frameworks — is read and decoded once per process
# and version, not on every page that shows an assessment. Keyed by content hash as well, so a
# row that did change (or a test database that reuses ids) is read again.
_CONTENT: dict[tuple[int, str], dict] = {}


def framework_content_attach(row: FrameworkVersion) -> FrameworkVersion:
    """Give a row read without its content (`defer("content")`) the content, from this
    process's copy (one query the first time). The copy is shared: read it, never change it."""
    if "content" in row.__dict__:
        return row
    key = (row.pk, row.content_hash)
    content = _CONTENT.get(key)
    if content is None:
        content, content_hash = FrameworkVersion.objects.values_list("content", "content_hash").get(pk=row.pk)
        if content_hash == row.content_hash:
            if len(_CONTENT) >= 64:
                _CONTENT.clear()
            _CONTENT[key] = content
    row.content = content
    return row


def framework_engine(row: FrameworkVersion) -> Framework:
    """The engine's Framework for a stored version; parsed once per process and version."""
    return _parse_cached(row.pk, row.content_hash, row)


@lru_cache(maxsize=64)
def _parse_cached(pk: int, content_hash: str, row: FrameworkVersion) -> Framework:
    framework, errors = parse_framework(row.content, file=row.file_name)
    if framework is None:  # stored rows were validated on load; this means the code changed
        raise ValueError(f"stored framework {row} no longer validates: {errors[:3]}")
    return framework
