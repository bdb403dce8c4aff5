"""Reads of the vendor catalogue (public to every signed-in user: vendors are not body-owned)."""

from .catalogue import vendor_get, vendor_list
from .comparison import (
    Comparison,
    ComparisonCell,
    ComparisonRow,
    GateCell,
    VendorColumn,
    vendor_comparison,
)

__all__ = [
    "Comparison",
    "ComparisonCell",
    "ComparisonRow",
    "GateCell",
    "VendorColumn",
    "vendor_comparison",
    "vendor_get",
    "vendor_list",
]
