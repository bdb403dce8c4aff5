"""Loading framework files into the database (the service behind `load_frameworks`)."""

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from assessment.models import FrameworkVersion
from assessment.scoring import FrameworkError, load_framework_file
from assessment.scoring.hashing import canonical_json

SHIPPED_DIR = Path(__file__).resolve().parent.parent / "frameworks"


@dataclass(frozen=True)
class LoadOutcome:
    file: str
    slug: str | None
    version: int | None
    action: str  # "created" | "unchanged" | "refused" | "invalid"
    errors: tuple[FrameworkError | str, ...] = ()


def shipped_framework_files() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.yaml"))


def framework_files_load(*, paths: list[Path]) -> list[LoadOutcome]:
    """Validate every file, then store the valid new versions in one transaction.

    Same slug+version with the same content: nothing. Same slug+version with different
    content: refused (a released version is never edited — release a new version instead).
    Nothing is stored if any file is invalid or refused, so a batch lands whole or not at all.
    """
    outcomes: list[LoadOutcome] = []
    to_store: list[tuple[Path, dict, object]] = []
    for path in paths:
        framework, errors = load_framework_file(path)
        if framework is None:
            outcomes.append(LoadOutcome(path.name, None, None, "invalid", tuple(errors)))
            continue
        existing = FrameworkVersion.objects.filter(slug=framework.slug, version=framework.version).first()
        if existing is not None:
            if existing.content_hash == framework.content_hash:
                outcomes.append(LoadOutcome(path.name, framework.slug, framework.version, "unchanged"))
            else:
                outcomes.append(
                    LoadOutcome(
                        path.name, framework.slug, framework.version, "refused",
                        (f"{path.name}: version {framework.version} of {framework.slug} is already loaded "
                         "with different content; release it as a new version instead.",),
                    )
                )
            continue
        data = json.loads(canonical_json(yaml.safe_load(path.read_text(encoding="utf-8"))))
        to_store.append((path, data, framework))
        outcomes.append(LoadOutcome(path.name, framework.slug, framework.version, "created"))
    if any(o.action in ("invalid", "refused") for o in outcomes):
        return [o if o.action != "created" else LoadOutcome(o.file, o.slug, o.version, "not stored") for o in outcomes]
    with transaction.atomic():
        for path, data, framework in to_store:
            FrameworkVersion.objects.create(
                slug=framework.slug, version=framework.version,
                title_zh=framework.title.zh, title_en=framework.title.en,
                published=framework.published, effective=framework.effective,
                file_name=path.name, content=data, content_hash=framework.content_hash,
            )
    return outcomes
