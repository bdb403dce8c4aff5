"""Turn a guidance :class:`Result` (or any engine dataclass) into a JSON-able dict.

Decimals become strings (no float rounding), dates ISO text, enums their value, sets sorted
lists, tuples lists. With ``translate`` given, every object that has a ``code`` and ``params``
also gets a rendered ``text`` (see :func:`messages.render`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from procurement.guidance.i18n import Translate
from procurement.guidance.messages import MESSAGES, render
from procurement.guidance.types import Result


def to_jsonable(value: Any, translate: Translate | None = None) -> Any:
    """Recursively convert engine output to JSON types (see the module docstring)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {
            f.name: to_jsonable(getattr(value, f.name), translate)
            for f in dataclasses.fields(value)
        }
        code = getattr(value, "code", None)
        if translate is not None and isinstance(code, str) and code in MESSAGES:
            out["text"] = render(code, getattr(value, "params", {}), translate)
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v, translate) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(to_jsonable(v, translate) for v in value)
    if isinstance(value, list | tuple):
        return [to_jsonable(v, translate) for v in value]
    return value


def result_to_dict(result: Result, translate: Translate | None = None) -> dict[str, Any]:
    """A JSON-able dict of ``result``; pass ``translate`` (e.g. Django's ``gettext``) to add
    rendered ``text`` to every reason, warning, requirement, document and step."""
    data = to_jsonable(result, translate)
    assert isinstance(data, dict)
    return data
