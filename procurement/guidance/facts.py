"""Fact validation (field-level errors for impossible facts) and building Facts from input.

``validate_facts(facts, rules=None)`` returns every :class:`FieldError`, never raises.
``facts_from_mapping(data, rules=None)`` turns JSON-like input (strings, numbers, booleans,
ISO dates) into :class:`Facts`, returning ``(facts | None, errors)``; unknown keys are errors.
Error codes have English templates in :mod:`messages`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from procurement.guidance.rules_model import RuleSet
from procurement.guidance.types import (
    AddOnFacts,
    Approval,
    BudgetLevel,
    Category,
    Facts,
    FieldError,
    ModelPreferences,
)

E = list[FieldError]
# A sanity range for dates, not law: a timeline counted from near date.max would overflow.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
_MONEY_FIELDS = ("amount", "same_item_purchases_ytd")
_COUNT_FIELDS = ("capable_suppliers", "responsive_bidders")


def _err(out: E, field: str, code: str, **params: Any) -> None:
    out.append(FieldError(field, code, params))


def _money(out: E, field: str, value: Any, *, positive: bool = False) -> bool:
    if isinstance(value, bool) or not isinstance(value, Decimal) or not value.is_finite():
        _err(out, field, "NOT_AN_AMOUNT")
        return False
    if value < 0:
        _err(out, field, "NEGATIVE_AMOUNT")
        return False
    if positive and value == 0:
        _err(out, field, "AMOUNT_NOT_POSITIVE")
        return False
    return True


def _enum(out: E, field: str, value: Any, enum: type[Enum]) -> None:
    if not isinstance(value, enum):
        _err(out, field, "INVALID_CHOICE", choices=", ".join(str(e.value) for e in enum))


def validate_facts(facts: Facts, rules: RuleSet | None = None) -> tuple[FieldError, ...]:
    """Every impossible or contradictory fact, as field errors.

    Checks: dates within a sanity range (1900–2999); types of enums, money (Decimal, not
    negative; ``amount`` > 0), percentage 0..100, counts ≥ 0, term ≥ 1 month; a province is required below central level and must be known
    to the rule set; the date must be covered by ``rules``; a 政务信息系统 is goods or services,
    not works (210号); an add-on needs its original amount, its amount equal to ``amount``;
    evidence of a sole supplier contradicts a known supplier count above one; preference
    weights 0..5. Facts that are merely unknown (``None``) are not errors.
    """
    out: E = []
    f = facts
    if not isinstance(f.date, date):
        _err(out, "date", "NOT_A_DATE")
    for name in ("buyer_type", "budget_level", "category", "signatory", "payment_model"):
        _enum(out, name, getattr(f, name), _enum_type(name))
    _money(out, "amount", f.amount, positive=True)
    _money(out, "same_item_purchases_ytd", f.same_item_purchases_ytd)
    if _money(out, "fiscal_funds_percent", f.fiscal_funds_percent) and f.fiscal_funds_percent > 100:
        _err(out, "fiscal_funds_percent", "PERCENT_OUT_OF_RANGE")
    for name in _COUNT_FIELDS:
        value = getattr(f, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            _err(out, name, "NOT_A_COUNT")
        elif value is not None and value < 0:
            _err(out, name, "NEGATIVE_COUNT")
    term = f.contract_term_months
    if term is not None and (isinstance(term, bool) or not isinstance(term, int) or term < 1):
        _err(out, "contract_term_months", "TERM_NOT_POSITIVE")
    _check_place(out, f, rules)
    if f.is_info_system and f.category == Category.WORKS:
        _err(out, "category", "INFO_SYSTEM_NOT_WORKS")
    if (
        f.sole_supplier_evidence
        and isinstance(f.capable_suppliers, int)
        and f.capable_suppliers > 1
    ):
        _err(
            out,
            "sole_supplier_evidence",
            "SOLE_SUPPLIER_CONTRADICTS_COUNT",
            count=f.capable_suppliers,
        )
    if f.timeline_start is not None and not isinstance(f.timeline_start, date):
        _err(out, "timeline_start", "NOT_A_DATE")
    for name in ("date", "timeline_start"):
        value = getattr(f, name)
        if isinstance(value, date) and not EARLIEST_DATE <= value <= LATEST_DATE:
            _err(out, name, "DATE_OUT_OF_RANGE", earliest=EARLIEST_DATE, latest=LATEST_DATE)
    if not all(isinstance(a, Approval) for a in f.approvals_obtained):
        _err(
            out,
            "approvals_obtained",
            "INVALID_CHOICE",
            choices=", ".join(a.value for a in Approval),
        )
    _check_addon(out, f)
    _check_preferences(out, f.preferences)
    return tuple(out)


@functools.cache
def _fact_hints() -> dict[str, Any]:
    return typing.get_type_hints(Facts)


def _enum_type(name: str) -> type[Enum]:
    return _fact_hints()[name]  # type: ignore[no-any-return]


def _check_place(out: E, f: Facts, rules: RuleSet | None) -> None:
    if rules is None:
        return
    if isinstance(f.date, date) and not rules.covers(f.date):
        _err(
            out,
            "date",
            "DATE_OUTSIDE_RULE_SET",
            slug=rules.slug,
            version=rules.version,
            effective_from=rules.effective_from,
            effective_to=rules.effective_to or "-",
        )
    if f.province is not None and (
        f.province == "central" or f.province not in rules.jurisdictions
    ):
        _err(out, "province", "UNKNOWN_PROVINCE", province=str(f.province))
    elif f.province is None and f.budget_level in (
        BudgetLevel.PROVINCE,
        BudgetLevel.CITY,
        BudgetLevel.COUNTY,
    ):
        _err(out, "province", "PROVINCE_REQUIRED")


def _check_addon(out: E, f: Facts) -> None:
    a = f.addon
    if a is None:
        return
    if a.original_contract_amount is None:
        _err(out, "addon.original_contract_amount", "ADDON_WITHOUT_ORIGINAL")
    else:
        _money(out, "addon.original_contract_amount", a.original_contract_amount, positive=True)
    if a.amount is None:
        _err(out, "addon.amount", "REQUIRED")
    elif (
        _money(out, "addon.amount", a.amount, positive=True)
        and isinstance(f.amount, Decimal)
        and a.amount != f.amount
    ):
        _err(out, "addon.amount", "ADDON_AMOUNT_MISMATCH", amount=f.amount)
    _money(out, "addon.already_added", a.already_added)


def _check_preferences(out: E, prefs: ModelPreferences) -> None:
    for fld in dataclasses.fields(prefs):
        value = getattr(prefs, fld.name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
            _err(out, f"preferences.{fld.name}", "WEIGHT_OUT_OF_RANGE")


# --------------------------------------------------------------------------- from input


def facts_from_mapping(
    data: Mapping[str, Any], rules: RuleSet | None = None
) -> tuple[Facts | None, tuple[FieldError, ...]]:
    """Build :class:`Facts` from JSON-like input and validate it.

    Money and percentages accept strings or integers (not floats: ``"1000000.50"``); dates ISO
    text; enums their value; ``province`` also its Chinese name when ``rules`` is given;
    ``addon`` and ``preferences`` nested mappings; ``approvals_obtained`` a list.
    """
    out: E = []
    if not isinstance(data, Mapping):
        return None, (FieldError("", "NOT_A_MAPPING", {}),)
    kwargs = _convert_fields(out, data, Facts, _fact_hints(), "")
    if "province" in kwargs and rules is not None and isinstance(kwargs["province"], str):
        kwargs["province"] = _province_key(kwargs["province"], rules)
    if out:
        return None, tuple(out)
    try:
        facts = Facts(**kwargs)
    except TypeError:
        return None, tuple(out)
    errors = validate_facts(facts, rules)
    return (None if errors else facts), errors


def _province_key(value: str, rules: RuleSet) -> str:
    if value in rules.jurisdictions:
        return value
    for key, j in rules.jurisdictions.items():
        if key != "central" and len(value) >= 2 and j.name_zh.startswith(value):
            return key
    return value


def _convert_fields(
    out: E, data: Mapping[str, Any], cls: type, hints: dict[str, Any], prefix: str
) -> dict[str, Any]:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key in data:
        if key not in fields:
            _err(out, f"{prefix}{key}", "UNKNOWN_FIELD")
    for name, fld in fields.items():
        path = f"{prefix}{name}"
        if name not in data:
            if fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
                _err(out, path, "REQUIRED")
            continue
        ok, value = _convert(out, path, data[name], hints[name])
        if ok:
            kwargs[name] = value
    return kwargs


def _convert(out: E, path: str, value: Any, hint: Any) -> tuple[bool, Any]:  # noqa: C901
    optional = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        hint = args[0]
    if value is None:
        if optional:
            return True, None
        _err(out, path, "REQUIRED")
        return False, None
    if hint is Decimal:
        if isinstance(value, bool | float) or not isinstance(value, int | str | Decimal):
            _err(out, path, "NOT_AN_AMOUNT")
            return False, None
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            _err(out, path, "NOT_AN_AMOUNT")
            return False, None
        return True, amount
    if hint is bool:
        if not isinstance(value, bool):
            _err(out, path, "NOT_A_BOOLEAN")
            return False, None
        return True, value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            _err(out, path, "NOT_A_COUNT")
            return False, None
        return True, value
    if hint is str:
        if not isinstance(value, str):
            _err(out, path, "NOT_TEXT")
            return False, None
        return True, value.strip()
    if hint is date:
        if isinstance(value, date):
            return True, value
        try:
            return True, date.fromisoformat(str(value))
        except ValueError:
            _err(out, path, "NOT_A_DATE")
            return False, None
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return True, hint(value)
        except ValueError:
            _err(out, path, "INVALID_CHOICE", choices=", ".join(str(e.value) for e in hint))
            return False, None
    if typing.get_origin(hint) is frozenset:
        if not isinstance(value, list | tuple | set | frozenset):
            _err(out, path, "NOT_A_LIST")
            return False, None
        try:
            return True, frozenset(Approval(v) for v in value)
        except ValueError:
            _err(out, path, "INVALID_CHOICE", choices=", ".join(a.value for a in Approval))
            return False, None
    if hint in (AddOnFacts, ModelPreferences):
        if not isinstance(value, Mapping):
            _err(out, path, "NOT_A_MAPPING")
            return False, None
        before = len(out)
        kwargs = _convert_fields(out, value, hint, typing.get_type_hints(hint), f"{path}.")
        if len(out) > before:
            return False, None
        return True, hint(**kwargs)
    raise AssertionError(f"unhandled fact type {hint!r}")  # pragma: no cover
