"""Load a shipped vendor catalogue file, idempotently.

Same slug and version with the same content hash: nothing happens. Same version with a
different hash: refused (publish a new version file). A new version creates the vendors and
facts whose keys are not yet stored; a stored record is never overwritten, so an
administrator's edits survive every reload. A vendor an administrator created by hand under the
same name is adopted (given the key) rather than duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from ..catalogue_checker import Message
from ..catalogue_parse import Item, Source
from ..catalogue_read import read_catalogue
from ..models import (
    CatalogueVersion,
    Credential,
    GovCloudReference,
    MarketFact,
    ServiceRegion,
    Vendor,
    VendorDeployment,
)
from .catalogue import vendor_record_save

SHIPPED_FILE = Path(__file__).resolve().parent.parent / "data" / "seed-vendors-v1.yaml"


@dataclass
class LoadReport:
    slug: str
    version: int
    status: str  # "loaded" or "unchanged"
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


def _provenance(source: Source) -> dict:
    return {
        "source_file": source.file,
        "source_section": source.section,
        "secondary": source.secondary,
    }


def _translated(message: str) -> str:
    """A catalogue file's message in the active language (see vendors.catalogue_checker.Message)."""
    if isinstance(message, Message):
        return gettext(message.template) % message.params if message.params else gettext(message.template)
    return message


@transaction.atomic
def catalogue_load(*, path: Path | str = SHIPPED_FILE, actor=None) -> LoadReport:
    """Validate and load ``path``; raises ValidationError({location: message}) on a bad file."""
    catalogue, errors = read_catalogue(path)
    if catalogue is None:
        by_location: dict[str, list[str]] = {}
        for location, message in errors:  # every message, several at one location included
            by_location.setdefault(location or "file", []).append(_translated(message))
        raise ValidationError(by_location)
    stored = (
        CatalogueVersion.objects.select_for_update()
        .filter(slug=catalogue.slug, version=catalogue.version)
        .first()
    )
    if stored is not None:
        if stored.content_hash == catalogue.content_hash:
            return LoadReport(catalogue.slug, catalogue.version, "unchanged")
        raise ValidationError(
            {
                "version": gettext(
                    "%(slug)s v%(version)s is already loaded with other content; publish the "
                    "change as a new version file"
                ) % {"slug": catalogue.slug, "version": catalogue.version}
            }
        )
    note = f"load_vendors {catalogue.slug} v{catalogue.version}"
    report = LoadReport(catalogue.slug, catalogue.version, "loaded")

    def save(record, what: str) -> None:
        vendor_record_save(actor=actor, record=record, note=note)
        report.count(what)

    for entry in catalogue.vendors:
        vendor = Vendor.objects.filter(seed_key=entry.key).first()
        if vendor is None:
            vendor = Vendor.objects.filter(name=entry.name, seed_key__isnull=True).first()
            if vendor is not None:
                vendor.seed_key = entry.key
                vendor_record_save(actor=actor, record=vendor, note=note)
            else:
                vendor = Vendor(
                    seed_key=entry.key, name=entry.name, kind=entry.kind, summary=entry.summary,
                    **_provenance(entry.source),
                )
                save(vendor, "vendors")
        for item in entry.deployments:
            model = item.fields["model"]
            key = f"{entry.key}/deployment/{model}"
            exists = VendorDeployment.objects.filter(seed_key=key).exists() or (
                VendorDeployment.objects.filter(vendor=vendor, model=model).exists()
            )
            if not exists:
                save(
                    VendorDeployment(vendor=vendor, seed_key=key, model=model, **_provenance(item.source)),
                    "deployment models",
                )
        for model, items, what in (
            (ServiceRegion, entry.regions, "regions"),
            (GovCloudReference, entry.references, "references"),
            (Credential, entry.credentials, "credentials"),
            (MarketFact, entry.market_facts, "market facts"),
        ):
            for item in items:
                _create_missing(model, item, save, what, vendor=vendor)
    for item in catalogue.market_facts:
        _create_missing(MarketFact, item, save, "market facts", vendor=None)
    CatalogueVersion.objects.create(
        slug=catalogue.slug,
        version=catalogue.version,
        content_hash=catalogue.content_hash,
        file_name=Path(path).name,
    )
    return report


def _create_missing(model, item: Item, save, what: str, *, vendor: Vendor | None) -> None:
    if model.objects.filter(seed_key=item.key).exists():
        return
    save(
        model(vendor=vendor, seed_key=item.key, **item.fields, **_provenance(item.source)),
        what,
    )
