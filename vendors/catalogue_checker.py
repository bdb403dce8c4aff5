"""The field checker of a vendor catalogue file, and the messages it reports.

Pure Python (no Django). :class:`Checker` reads one field of a parsed YAML mapping at a time,
checks its type before using it (a list or a mapping where text belongs is an error at its
path, not a TypeError) and collects every problem with its path in the file
(``vendors[2].credentials[0].level``) instead of stopping at the first.

Messages are English :class:`Message` strings that carry their template and params; the
Django layer translates them (``gettext(message.template) % message.params``), and
``makemessages`` extracts the ``gettext_noop`` calls below and in the modules that use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_KEY_LENGTH = 100  # the models' seed_key holds 120: room for "/deployment/<model>"
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9/-]*$")


def gettext_noop(s: str) -> str:
    """Mark a string for translation without translating it (Django extracts these)."""
    return s


class Message(str):
    """An English message that also carries its template and params, for translation."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        text = super().__new__(cls, template % params if params else template)
        text.template = template
        text.params = params
        return text


def field_path(path: str, name: Any) -> str:
    """The path of field ``name`` inside ``path`` (just the name at the top of the file)."""
    return f"{path}.{name}" if path else str(name)


@dataclass
class Checker:
    errors: list[tuple[str, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def error(self, path: str, template: str, **params: Any) -> None:
        self.errors.append((path, Message(template, **params)))

    def mapping(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, gettext_noop("must be a mapping"))
            return None
        return value

    def choice(self, data: dict, name: str, path: str, choices: tuple[str, ...]) -> str | None:
        """One of `choices`, or None (and an error); any other type is an error, not a lookup."""
        value = data.get(name)
        if not isinstance(value, str) or value not in choices:
            self.error(f"{path}.{name}", gettext_noop("must be one of %(choices)s"), choices=", ".join(choices))
            return None
        return value

    def text(self, data: dict, name: str, path: str, *, required: bool = True, max_length: int = 300) -> str:
        value = data.get(name)
        where = field_path(path, name)
        if value is None or value == "":
            if required:
                self.error(where, gettext_noop("is required"))
            return ""
        # Text, or a scalar YAML read as another type (a year, a date): never a list, a
        # mapping, a set or bytes, whose str() is Python syntax.
        if isinstance(value, bool) or not isinstance(value, str | int | float | date):
            self.error(where, gettext_noop("must be text"))
            return ""
        text = str(value).strip()
        if len(text) > max_length:
            self.error(where, gettext_noop("is longer than %(max)s characters"), max=max_length)
        return text

    def integer(self, data: dict, name: str, path: str, low: int, high: int) -> int | None:
        value = data.get(name)
        if value is None:
            return None
        where = field_path(path, name)
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(where, gettext_noop("must be a whole number"))
            return None
        if not low <= value <= high:
            self.error(where, gettext_noop("must be from %(low)s to %(high)s"), low=low, high=high)
            return None
        return value

    def decimal(self, data: dict, name: str, path: str) -> Decimal | None:
        value = data.get(name)
        if value is None:
            return None
        where = f"{path}.{name}"
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(where, gettext_noop("must be a number"))
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(where, gettext_noop("%(value)s is not a number"), value=repr(value))
            return None
        if not number.is_finite():
            self.error(where, gettext_noop("%(value)s is not a finite number"), value=repr(value))
            return None
        return number

    def day(self, data: dict, name: str, path: str) -> date | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.error(f"{path}.{name}", gettext_noop("%(value)s is not a date (YYYY-MM-DD)"), value=repr(value))
            return None

    def key(self, data: dict, path: str, *, required: bool) -> str | None:
        value = data.get("key")
        if value is None:
            if required:
                self.error(f"{path}.key", gettext_noop("is required"))
            return None
        if not isinstance(value, str) or not KEY_RE.match(value):
            self.error(f"{path}.key", gettext_noop("use lower-case letters, digits, '-' and '/'"))
            return None
        if len(value) > MAX_KEY_LENGTH:
            self.error(f"{path}.key", gettext_noop("is longer than %(max)s characters"), max=MAX_KEY_LENGTH)
            return None
        if value in self.keys:
            self.error(f"{path}.key", gettext_noop("the key %(key)s is used twice"), key=value)
        self.keys.add(value)
        return value

    def unknown(self, data: dict, allowed: set[str], path: str) -> None:
        for name in data:
            if name not in allowed:
                self.error(field_path(path, name), gettext_noop("unknown field"))
