"""Parse the comparison's request parameters (shared by the page, the export and the API)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def parse_ids(values: Iterable[str]) -> list[int]:
    """Vendor ids as ``ids=1,2,3`` or ``ids=1&ids=2``; raises ValueError with the message."""
    ids: list[int] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or len(part) > 18 or int(part) < 1:
                raise ValueError(_("%(value)s is not a vendor id.") % {"value": part[:20]})
            ids.append(int(part))
    return ids
