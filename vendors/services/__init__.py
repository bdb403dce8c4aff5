"""Writes to the vendor catalogue; every write appends to the change log."""

from .catalogue import (
    credential_create,
    credential_update,
    vendor_create,
    vendor_record_delete,
    vendor_record_save,
    vendor_update,
)
from .loader import LoadReport, catalogue_load

__all__ = [
    "LoadReport",
    "catalogue_load",
    "credential_create",
    "credential_update",
    "vendor_create",
    "vendor_record_delete",
    "vendor_record_save",
    "vendor_update",
]
