"""Serialise engine results to plain JSON-ready data.

Decimals become strings (exact: "8.35", never a float), dates ISO strings, tuples lists, and a
:class:`Message` a dict with its code, field, params and English text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .messages import Message


def to_dict(result: Any) -> Any:
    """Any engine dataclass (or tuple / dict of them) → dicts, lists, str, int, bool, None."""
    if isinstance(result, Message):
        return {
            "code": result.code,
            "field": result.field,
            "params": {key: to_dict(value) for key, value in result.params.items()},
            "message": result.text(),
        }
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        data = {f.name: to_dict(getattr(result, f.name)) for f in dataclasses.fields(result)}
        if hasattr(type(result), "ok"):
            data["ok"] = result.ok
        return data
    if isinstance(result, Decimal):
        return str(result)
    if isinstance(result, date):
        return result.isoformat()
    if isinstance(result, Mapping):
        return {_key(key): to_dict(value) for key, value in result.items()}
    if isinstance(result, list | tuple):
        return [to_dict(item) for item in result]
    return result


def _key(key: Any) -> str:
    if isinstance(key, tuple):
        return "/".join(str(part) for part in key)
    return str(key)
