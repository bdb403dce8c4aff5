"""Small readers for framework files that record every problem instead of raising.

Each reader takes the raw YAML value and its path (``indicators[3].weight``), returns the
parsed value or ``None``, and records a :class:`FrameworkError` for anything wrong — so one
pass over a file reports all of its problems.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from assessment.scoring.messages import Message, ParamValue
from assessment.scoring.rounding import HUNDRED, ZERO
from assessment.scoring.types import Text

CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class FrameworkError:
    """One problem in a framework file: where (file, path) and what (code, params)."""

    file: str
    path: str
    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return Message(self.code, self.params).render()

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Reader:
    """Collects errors for one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[FrameworkError] = []
        self._paths: set[str] = set()

    def error(self, path: str, code: str, /, **params: ParamValue) -> None:
        # One error per path: a missing key is not also reported as "must be a text".
        if path not in self._paths:
            self._paths.add(path)
            self.errors.append(FrameworkError(self.file, path, code, params))

    def mapping(
        self, raw: Any, path: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, Any] | None:
        """A mapping with exactly these keys; missing and unknown keys are both reported."""
        if not isinstance(raw, dict):
            self.error(path, "expected_mapping")
            return None
        required = tuple(required)
        allowed = (*required, *optional)
        for key in required:
            if key not in raw:
                self.error(join(path, key), "missing_key")
        for key in raw:
            if key not in allowed:
                self.error(join(path, str(key)), "unknown_key", allowed=", ".join(allowed))
        return raw

    def items(self, raw: Any, path: str) -> list[Any]:
        """A non-empty list (an empty or wrong value gives [] after recording the error)."""
        if not isinstance(raw, list) or not raw:
            self.error(path, "expected_list")
            return []
        return raw

    def text(self, raw: Any, path: str) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            self.error(path, "expected_text")
            return None
        return raw.strip()

    def texts(self, m: Mapping[str, Any], path: str, stem: str) -> Text | None:
        """``<stem>_zh`` + ``<stem>_en`` → Text."""
        zh = self.text(m.get(f"{stem}_zh"), join(path, f"{stem}_zh"))
        en = self.text(m.get(f"{stem}_en"), join(path, f"{stem}_en"))
        return Text(zh, en) if zh is not None and en is not None else None

    def code(self, raw: Any, path: str) -> str | None:
        if not isinstance(raw, str) or not CODE_RE.match(raw):
            self.error(path, "expected_code")
            return None
        return raw

    def slug(self, raw: Any, path: str) -> str | None:
        if not isinstance(raw, str) or not SLUG_RE.match(raw):
            self.error(path, "expected_slug")
            return None
        return raw

    def integer(self, raw: Any, path: str, minimum: int) -> int | None:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < minimum:
            self.error(path, "expected_integer", min=minimum)
            return None
        return raw

    def number(self, raw: Any, path: str, code: str = "expected_number") -> Decimal | None:
        """int, float or numeric string → Decimal (floats via their shortest repr)."""
        value: Decimal | None = None
        if isinstance(raw, (int, float, str)) and not isinstance(raw, bool):
            try:
                value = Decimal(str(raw).strip())
            except InvalidOperation:
                value = None
        if value is None or not value.is_finite():
            self.error(path, code)
            return None
        return value

    def positive(self, raw: Any, path: str) -> Decimal | None:
        value = self.number(raw, path, "expected_positive")
        if value is not None and value <= ZERO:
            self.error(path, "expected_positive")
            return None
        return value

    def score(self, raw: Any, path: str) -> Decimal | None:
        value = self.number(raw, path, "expected_score")
        if value is not None and not ZERO <= value <= HUNDRED:
            self.error(path, "expected_score")
            return None
        return value

    def date(self, raw: Any, path: str) -> date | None:
        if isinstance(raw, date):
            return raw
        if isinstance(raw, str):
            try:
                return date.fromisoformat(raw.strip())
            except ValueError:
                pass
        self.error(path, "expected_date")
        return None

    def choice(self, raw: Any, path: str, choices: tuple[str, ...]) -> str | None:
        if raw not in choices:
            self.error(path, "expected_choice", choices=", ".join(choices))
            return None
        return str(raw)

    def boolean(self, raw: Any, path: str) -> bool | None:
        if not isinstance(raw, bool):
            self.error(path, "expected_boolean")
            return None
        return raw

    def unique(self, codes: Iterable[tuple[str | None, str]]) -> None:
        """Report every repeat of a code (``(code, path)`` pairs)."""
        seen: set[str] = set()
        for code, path in codes:
            if code is None:
                continue
            if code in seen:
                self.error(path, "duplicate_code", code=code)
            seen.add(code)
