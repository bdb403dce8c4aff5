"""Method guidance against the stored rule sets: pick the version in force, call the engine.

Nothing is written here; the function lives with the services because saving a project and the
stateless API both go through it, and it raises the services' field-level ValidationError.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from procurement.guidance import advise, facts_from_mapping, in_force_until, result_to_dict
from procurement.guidance.messages import render
from procurement.guidance.types import FieldError, InvalidFacts, Result
from procurement.models import RuleSetVersion
from procurement.selectors.rule_sets import (
    rule_set_engine,
    rule_set_version_in_force,
    rule_set_version_list,
)

NON_FIELD = "non_field_errors"


@dataclass(frozen=True)
class GuidanceOutcome:
    result: Result
    rule_set: RuleSetVersion

    def stored_result(self) -> dict[str, Any]:
        """The result without text and without the facts (stored apart): language-neutral."""
        data = result_to_dict(self.result)
        data.pop("facts", None)
        return data

    def stored_facts(self) -> dict[str, Any]:
        return result_to_dict(self.result)["facts"]


def guidance_compute(*, data: Mapping[str, Any]) -> GuidanceOutcome:
    """Advise on `data` (facts as JSON-like values: see `facts_from_mapping`).

    The rule-set version in force on the facts' date is used. Impossible facts, and a date
    that no stored version covers, raise ValidationError({field path: [message, ...]}) with
    messages in the active language.
    """
    on = _date_of(data)
    if on is None:  # let the engine report the date (and every other type error) per field
        _, errors = facts_from_mapping(data)
        raise field_errors(errors or (FieldError("date", "NOT_A_DATE", {}),))
    row = rule_set_version_in_force(on=on)
    if row is None:
        rows = list(rule_set_version_list())
        ranges = "; ".join(
            f"{r.slug} v{r.version}: {r.effective_from}–{in_force_until(r, rows) or ''}" for r in rows
        )
        raise field_errors(
            (FieldError("date", "DATE_OUTSIDE_RULE_SETS", {"date": on, "ranges": ranges or "-"}),)
        )
    rules = rule_set_engine(row)
    facts, errors = facts_from_mapping(data, rules)
    if facts is None:
        raise field_errors(errors)
    try:
        result = advise(rules, facts)
    except InvalidFacts as exc:  # validated above; kept so that bad facts never become a 500
        raise field_errors(exc.errors) from exc
    return GuidanceOutcome(result=result, rule_set=row)


def field_errors(errors: Iterable[FieldError]) -> ValidationError:
    """The engine's field errors as one ValidationError, messages in the active language."""
    out: dict[str, list[str]] = {}
    for error in errors:
        out.setdefault(error.field or NON_FIELD, []).append(
            render(error.code, error.params, gettext)
        )
    return ValidationError(out)


def _date_of(data: Mapping[str, Any]) -> date | None:
    if not isinstance(data, Mapping):
        return None
    value = data.get("date")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
