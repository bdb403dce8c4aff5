"""Small typed readers for validating parsed YAML; each collects errors instead of raising.

Every reader takes a :class:`Checker` (which knows the file name and collects
:class:`RuleError` objects), the parent mapping, the key and the dotted path of the parent. A
reader returns the converted value, or ``None`` after recording an error; callers keep going so
that one run reports every problem in a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

import yaml

from procurement.guidance.types import Basis, RuleError

E = TypeVar("E", bound=StrEnum)

MISSING = object()


class Checker:
    def __init__(self, file: str):
        self.file = file
        self.errors: list[RuleError] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(RuleError(file=self.file, path=path, message=message))

    # ------------------------------------------------------------------ structure

    def mapping(self, value: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.error(path, f"expected a mapping (key: value), got {_kind(value)}")
            return None
        bad = [k for k in value if not isinstance(k, str)]
        for k in bad:
            self.error(path, f"keys must be text, got {_kind(k)} {k!r}")
        return {k: v for k, v in value.items() if isinstance(k, str)}

    def keys(
        self,
        m: Mapping[str, Any],
        path: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> None:
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in required:
            if key not in m:
                self.error(join(path, key), "required key is missing")
        for key in m:
            if key not in allowed:
                self.error(
                    join(path, key),
                    f"unknown key (expected one of: {', '.join(sorted(allowed)) or 'none'})",
                )

    def list(self, m: Mapping[str, Any], key: str, path: str) -> list[Any] | None:
        value = m.get(key, MISSING)
        if value is MISSING:
            return None
        if not isinstance(value, list):
            self.error(join(path, key), f"expected a list, got {_kind(value)}")
            return None
        return value

    # ------------------------------------------------------------------ scalars

    def string(
        self, m: Mapping[str, Any], key: str, path: str, *, nullable: bool = False
    ) -> str | None:
        value = m.get(key, MISSING)
        if value is MISSING or (value is None and nullable):
            return None
        if not isinstance(value, str) or not value.strip():
            self.error(join(path, key), f"expected non-empty text, got {_kind(value)}")
            return None
        return value.strip()

    def integer(
        self,
        m: Mapping[str, Any],
        key: str,
        path: str,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        nullable: bool = False,
    ) -> int | None:
        value = m.get(key, MISSING)
        if value is MISSING or (value is None and nullable):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(join(path, key), f"expected a whole number, got {_kind(value)}")
            return None
        if minimum is not None and value < minimum:
            self.error(join(path, key), f"must be at least {minimum}, got {value}")
            return None
        if maximum is not None and value > maximum:
            self.error(join(path, key), f"must be at most {maximum}, got {value}")
            return None
        return value

    def boolean(self, m: Mapping[str, Any], key: str, path: str, default: bool = False) -> bool:
        value = m.get(key, MISSING)
        if value is MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.error(join(path, key), f"expected true or false, got {_kind(value)}")
            return default
        return value

    def date(
        self, m: Mapping[str, Any], key: str, path: str, *, nullable: bool = False
    ) -> date | None:
        value = m.get(key, MISSING)
        if value is MISSING or (value is None and nullable):
            return None
        if isinstance(value, datetime):
            self.error(join(path, key), "expected a date (YYYY-MM-DD), got a date and time")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(join(path, key), f"expected a date (YYYY-MM-DD), got {_kind(value)} {value!r}")
        return None

    def amount(self, m: Mapping[str, Any], key: str, path: str) -> Decimal | None:
        """Money in yuan: an integer or a quoted decimal; ``null`` means "no figure"."""
        value = m.get(key, MISSING)
        if value is MISSING or value is None:
            return None
        if isinstance(value, bool | float):
            self.error(
                join(path, key),
                "write money as a whole number of yuan or a quoted decimal, not "
                f"{_kind(value)} {value!r}",
            )
            return None
        try:
            amount = Decimal(str(value)) if isinstance(value, int | str) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            self.error(join(path, key), f"expected an amount in yuan, got {value!r}")
            return None
        if amount < 0:
            self.error(join(path, key), f"must not be negative, got {value}")
            return None
        return amount

    def enum(self, value: Any, enum: type[E], path: str) -> E | None:
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(e.value for e in enum)
            self.error(path, f"unknown value {value!r} (expected one of: {choices})")
            return None

    def enum_list(
        self, m: Mapping[str, Any], key: str, path: str, enum: type[E], *, non_empty: bool = True
    ) -> tuple[E, ...] | None:
        items = self.list(m, key, path)
        if items is None:
            return None
        if non_empty and not items:
            self.error(join(path, key), "must not be empty")
        out: list[E] = []
        for i, item in enumerate(items):
            converted = self.enum(item, enum, f"{join(path, key)}[{i}]")
            if converted is not None:
                if converted in out:
                    self.error(f"{join(path, key)}[{i}]", f"duplicate value {item!r}")
                out.append(converted)
        return tuple(out)

    # ------------------------------------------------------------------ provenance

    def basis(
        self, m: Mapping[str, Any], path: str, sources: Mapping[str, Any]
    ) -> tuple[Basis, ...]:
        """Read ``basis``: one mapping or a non-empty list of mappings {law, article, source}."""
        raw = m.get("basis", MISSING)
        where = join(path, "basis")
        if raw is MISSING or raw is None:
            self.error(where, "every item needs its legal basis {law, article, source}")
            return ()
        entries = raw if isinstance(raw, list) else [raw]
        if not entries:
            self.error(where, "must not be empty")
        out: list[Basis] = []
        for i, entry in enumerate(entries):
            p = f"{where}[{i}]" if isinstance(raw, list) else where
            em = self.mapping(entry, p)
            if em is None:
                continue
            self.keys(em, p, required=("law", "article", "source"), optional=("note",))
            law = self.string(em, "law", p)
            article = self.string(em, "article", p, nullable=True)
            source = self.string(em, "source", p)
            if source is not None and source not in sources:
                known = ", ".join(sorted(sources)) or "none"
                self.error(join(p, "source"), f"unknown source id {source!r} (known: {known})")
                continue
            if law is None or source is None:
                continue
            url = getattr(sources[source], "url", None)
            secondary = bool(getattr(sources[source], "secondary", False)) or (
                m.get("secondary") is True
            )
            out.append(
                Basis(
                    law=law,
                    article=article,
                    source=source,
                    url=url,
                    note=self.string(em, "note", p, nullable=True),
                    secondary=secondary,
                )
            )
        return tuple(out)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class UniqueKeyLoader(_SafeLoader):
    """A safe loader that refuses duplicate keys (PyYAML silently keeps the last one)."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: list[Any] = []
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r}",
                    key_node.start_mark,
                )
            seen.append(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml_text(text: str) -> Any:
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - UniqueKeyLoader is a SafeLoader
