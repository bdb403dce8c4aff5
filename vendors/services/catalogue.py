"""Create, change and delete catalogue records, each write logged in :class:`VendorChange`.

The admin and the loader both go through :func:`vendor_record_save` /
:func:`vendor_record_delete`, so no write escapes the history.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import (
    ChangeAction,
    Credential,
    Evidence,
    GovCloudReference,
    MarketFact,
    ServiceRegion,
    Vendor,
    VendorChange,
    VendorDeployment,
)

CatalogueRecord = (
    Vendor | VendorDeployment | ServiceRegion | GovCloudReference | Credential | MarketFact
)
_NOT_LOGGED = {"id", "created_at", "updated_at"}
# CCRC information-security service qualifications have three levels; 等保 has five.
_MAX_LEVEL = {"mlps": 5, "ccrc": 3}


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _snapshot(record: models.Model) -> dict[str, Any]:
    return {
        field.attname: _json_value(getattr(record, field.attname))
        for field in record._meta.concrete_fields
        if field.name not in _NOT_LOGGED
    }


def _vendor_of(record: models.Model) -> Vendor | None:
    return record if isinstance(record, Vendor) else getattr(record, "vendor", None)


def credential_check(
    *,
    kind: str,
    level: int | None,
    evidence: str,
    number: str,
    valid_from: date | None,
    valid_to: date | None,
) -> None:
    """The rules a credential must meet; raises ValidationError({field: message}).

    等保 and CCRC credentials state a level (等保 1–5, CCRC 1–3). A credential marked as
    checked against its certificate needs the certificate number and its expiry date; one that
    a source only mentions stays "claimed" and may have neither. Validity runs from valid_from
    to valid_to, both days included.
    """
    errors: dict[str, str] = {}
    if kind in _MAX_LEVEL:
        if level is None:
            errors["level"] = _("This kind of credential needs its level.")
        elif not 1 <= level <= _MAX_LEVEL[kind]:
            errors["level"] = _("The level must be from 1 to %(max)s.") % {"max": _MAX_LEVEL[kind]}
    if evidence == Evidence.CERTIFICATE:
        if not number:
            errors["number"] = _("A checked certificate needs its number.")
        if valid_to is None:
            errors["valid_to"] = _("A checked certificate needs its expiry date.")
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = _("The expiry date is before the start of validity.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vendor_record_save(*, actor, record: CatalogueRecord, note: str = "") -> CatalogueRecord:
    """Validate and save a vendor or one of its facts; log what changed (old and new values)."""
    previous = None
    if record.pk is not None:
        previous = type(record).objects.select_for_update().filter(pk=record.pk).first()
    record.full_clean()
    if isinstance(record, Credential):
        credential_check(
            kind=record.kind,
            level=record.level,
            evidence=record.evidence,
            number=record.number,
            valid_from=record.valid_from,
            valid_to=record.valid_to,
        )
    before = _snapshot(previous) if previous is not None else {}
    record.save()
    after = _snapshot(record)
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value and (previous is not None or value not in (None, ""))
    }
    if previous is not None and not changes:
        return record
    vendor = _vendor_of(record)
    VendorChange.objects.create(
        vendor=vendor,
        vendor_name=vendor.name if vendor else "",
        entity=record._meta.model_name,
        entity_id=record.pk,
        action=ChangeAction.UPDATE if previous is not None else ChangeAction.CREATE,
        changes=changes,
        actor=actor,
        note=note,
    )
    return record


@transaction.atomic
def vendor_record_delete(*, actor, record: CatalogueRecord, note: str = "") -> None:
    """Delete a vendor (with its facts) or one fact; the log keeps the last values."""
    vendor = _vendor_of(record)
    VendorChange.objects.create(
        vendor=None if isinstance(record, Vendor) else vendor,
        vendor_name=vendor.name if vendor else "",
        entity=record._meta.model_name,
        entity_id=record.pk,
        action=ChangeAction.DELETE,
        changes={name: [value, None] for name, value in _snapshot(record).items()},
        actor=actor,
        note=note,
    )
    # A deleted vendor's history stays, detached (SET_NULL), under its name.
    record.delete()


def vendor_create(
    *,
    actor,
    name: str,
    kind: str,
    summary: str = "",
    source_file: str = "",
    source_section: str = "",
    secondary: bool = False,
    note: str = "",
) -> Vendor:
    vendor = Vendor(
        name=name,
        kind=kind,
        summary=summary,
        source_file=source_file,
        source_section=source_section,
        secondary=secondary,
    )
    return vendor_record_save(actor=actor, record=vendor, note=note)


_VENDOR_FIELDS = {"name", "kind", "summary", "source_file", "source_section", "secondary"}
_CREDENTIAL_FIELDS = {
    "kind", "title", "level", "number", "issuer", "scope", "valid_from", "valid_to", "evidence",
    "source_file", "source_section", "secondary",
}


def _apply(record: models.Model, allowed: set[str], fields: dict[str, Any]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(record, name, value)


def vendor_update(*, actor, vendor: Vendor, note: str = "", **fields: Any) -> Vendor:
    _apply(vendor, _VENDOR_FIELDS, fields)
    return vendor_record_save(actor=actor, record=vendor, note=note)


def credential_create(*, actor, vendor: Vendor, note: str = "", **fields: Any) -> Credential:
    credential = Credential(vendor=vendor)
    _apply(credential, _CREDENTIAL_FIELDS, fields)
    return vendor_record_save(actor=actor, record=credential, note=note)


def credential_update(*, actor, credential: Credential, note: str = "", **fields: Any) -> Credential:
    _apply(credential, _CREDENTIAL_FIELDS, fields)
    return vendor_record_save(actor=actor, record=credential, note=note)
