"""Validate raw answer payloads (JSON from a form or the API) into typed answers.

Payload: an object keyed by indicator code; each value an object whose shape depends on the
indicator type (``null`` = no answer yet)::

    {"P1": {"numerator": 18, "denominator": 20},      # ratio (or {"value": "90"} in %)
     "O5": {"value": 50},                             # band, in %
     "O4": {"level": "L3"},                           # level
     "P2": {"items": ["plan", "migration_plan"]},     # checklist
     "S2": {"value": true},                           # yes_no
     "C1": {"count": 16},                             # capped_count
     "S4": {"events": {"general_incident": 1}},       # deduction
     "C3": {"value": 12},                             # threshold
     "P4": {"not_applicable": true, "reason": "…"}}   # any indicator that allows N/A

Numbers may be JSON numbers or numeric strings. Every problem becomes an :class:`AnswerError`
keyed by indicator code and sub-field (``P1.numerator``, ``S4.events.unknown``), carrying a
stable code, params and an English template (``messages``) for the Django layer to translate.
Validation never raises on bad input.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from assessment.scoring.cross_checks import failed_checks
from assessment.scoring.messages import Message, ParamValue
from assessment.scoring.rounding import HUNDRED, ZERO
from assessment.scoring.serialise import message_to_dict
from assessment.scoring.types import (
    Answer,
    BandParams,
    ChecklistAnswer,
    ChecklistParams,
    CountAnswer,
    DeductionParams,
    EventsAnswer,
    FractionAnswer,
    Framework,
    Indicator,
    LevelAnswer,
    LevelParams,
    NotApplicable,
    NumberAnswer,
    PercentAnswer,
    ThresholdParams,
    YesNoAnswer,
)

NA_REASON_MAX = 2000
_NUMBER_TEXT_MAX = 40  # longer numeric strings are refused (no pathological Decimals)
_MAGNITUDE_MAX = Decimal("999999999999999")


@dataclass(frozen=True, slots=True)
class AnswerError:
    """A field-level error: ``indicator`` None means the payload as a whole."""

    indicator: str | None
    field: str | None
    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """"__all__", "P1" or "P1.numerator"."""
        if self.indicator is None:
            return "__all__"
        return f"{self.indicator}.{self.field}" if self.field else self.indicator

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def to_dict(self) -> dict[str, Any]:
        """``{"field", "code", "params", "message"}`` (message rendered in English)."""
        return {"field": self.key, **message_to_dict(self.message)}


def errors_by_field(errors: tuple[AnswerError, ...] | list[AnswerError]) -> dict[str, list[dict[str, Any]]]:
    """``{"P1.numerator": [{"field", "code", "params", "message"}, …]}`` for API responses."""
    out: dict[str, list[dict[str, Any]]] = {}
    for error in errors:
        out.setdefault(error.key, []).append(error.to_dict())
    return out


class _Errors:
    def __init__(self, code: str) -> None:
        self.code = code
        self.items: list[AnswerError] = []

    def add(self, fld: str | None, code: str, /, **params: ParamValue) -> None:
        self.items.append(AnswerError(self.code, fld, code, params))


def _number(raw: Any, e: _Errors, fld: str) -> Decimal | None:
    value: Decimal | None = None
    if isinstance(raw, int | float | str) and not isinstance(raw, bool):
        text = str(raw).strip()
        if len(text) <= _NUMBER_TEXT_MAX:
            try:
                value = Decimal(text)
            except InvalidOperation:
                value = None
    # Finite and at most 28 significant digits: the engine's 28-digit context holds it exactly.
    if value is None or not value.is_finite() or len(value.as_tuple().digits) > 28:
        e.add(fld, "invalid_number")
        return None
    return value


def _in_range(
    value: Decimal | None, e: _Errors, fld: str, lo: Decimal | None, hi: Decimal | None
) -> Decimal | None:
    """``value`` within [lo, hi]; every figure is also kept below 10^15 in magnitude."""
    if value is None:
        return None
    lo = -_MAGNITUDE_MAX if lo is None else max(lo, -_MAGNITUDE_MAX)
    hi = _MAGNITUDE_MAX if hi is None else min(hi, _MAGNITUDE_MAX)
    if value < lo:
        e.add(fld, "below_minimum", min=lo)
        return None
    if value > hi:
        e.add(fld, "above_maximum", max=hi)
        return None
    return value


def _count(raw: Any, e: _Errors, fld: str) -> int | None:
    value = _number(raw, e, fld)
    if value is None:
        return None
    if value != value.to_integral_value():
        e.add(fld, "invalid_integer")
        return None
    value = _in_range(value, e, fld, ZERO, None)
    return None if value is None else int(value)


def _keys(m: dict[str, Any], e: _Errors, allowed: tuple[str, ...]) -> None:
    for key in m:
        if key not in allowed:
            e.add(str(key), "unknown_field", field=str(key))


def _percent_or_fraction(
    ind: Indicator, m: dict[str, Any], e: _Errors, lo: Decimal, hi: Decimal
) -> Answer | None:
    """ratio / band: ``value`` in % or ``numerator`` + ``denominator`` (both ≥ 0)."""
    _keys(m, e, ("value", "numerator", "denominator"))
    has_value = "value" in m
    has_fraction = "numerator" in m or "denominator" in m
    if has_value == has_fraction:
        e.add(None, "ratio_form")
        return None
    if has_value:
        value = _in_range(_number(m["value"], e, "value"), e, "value", lo, hi)
        return PercentAnswer(ind.code, value) if value is not None else None
    if "numerator" not in m or "denominator" not in m:
        e.add("numerator" if "numerator" not in m else "denominator", "required")
        return None
    num = _in_range(_number(m["numerator"], e, "numerator"), e, "numerator", ZERO, None)
    den = _in_range(_number(m["denominator"], e, "denominator"), e, "denominator", ZERO, None)
    if num is None or den is None:
        return None
    if den == ZERO:
        e.add("denominator", "zero_denominator")
        return None
    if hi <= HUNDRED and num > den:
        e.add("numerator", "numerator_exceeds_denominator", numerator=num, denominator=den)
        return None
    percent = HUNDRED * num / den
    if percent < lo or percent > hi:
        e.add("numerator", "below_minimum" if percent < lo else "above_maximum", min=lo, max=hi)
        return None
    return FractionAnswer(ind.code, num, den)


def _ratio(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    return _percent_or_fraction(ind, m, e, ZERO, HUNDRED)


def _band(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    p: BandParams = ind.params  # type: ignore[assignment]
    return _percent_or_fraction(ind, m, e, p.min_value, p.max_value)


def _level(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("level",))
    p: LevelParams = ind.params  # type: ignore[assignment]
    level = m.get("level")
    if "level" not in m:
        e.add("level", "required")
    elif not isinstance(level, str) or level not in p.scores:
        e.add("level", "unknown_choice", value=str(level), choices=", ".join(p.scores))
    else:
        return LevelAnswer(ind.code, level)
    return None


def _checklist(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("items",))
    p: ChecklistParams = ind.params  # type: ignore[assignment]
    items = m.get("items")
    if "items" not in m:
        e.add("items", "required")
        return None
    if not isinstance(items, list):
        e.add("items", "invalid_list")
        return None
    ok, seen = True, set()
    for i, item in enumerate(items):
        if not isinstance(item, str) or item not in p.points:
            e.add(f"items[{i}]", "unknown_choice", value=str(item), choices=", ".join(p.points))
            ok = False
        elif item in seen:
            e.add(f"items[{i}]", "duplicate_item", value=item)
            ok = False
        else:
            seen.add(item)
    return ChecklistAnswer(ind.code, frozenset(seen)) if ok else None


def _yes_no(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("value",))
    if "value" not in m:
        e.add("value", "required")
    elif not isinstance(m["value"], bool):
        e.add("value", "invalid_boolean")
    else:
        return YesNoAnswer(ind.code, m["value"])
    return None


def _capped_count(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("count",))
    if "count" not in m:
        e.add("count", "required")
        return None
    count = _count(m["count"], e, "count")
    return CountAnswer(ind.code, count) if count is not None else None


def _deduction(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("events",))
    p: DeductionParams = ind.params  # type: ignore[assignment]
    events = m.get("events")
    if "events" not in m:
        e.add("events", "required")
        return None
    if not isinstance(events, dict):
        e.add("events", "invalid_mapping")
        return None
    ok, counts = True, {}
    for kind, raw in events.items():
        if kind not in p.points:
            e.add(f"events.{kind}", "unknown_choice", value=str(kind), choices=", ".join(p.points))
            ok = False
            continue
        n = _count(raw, e, f"events.{kind}")
        if n is None:
            ok = False
        elif n:
            counts[kind] = n  # zero counts dropped: {"x": 0} and {} are the same answer
    return EventsAnswer(ind.code, tuple(sorted(counts.items()))) if ok else None


def _threshold(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("value",))
    p: ThresholdParams = ind.params  # type: ignore[assignment]
    if "value" not in m:
        e.add("value", "required")
        return None
    value = _in_range(_number(m["value"], e, "value"), e, "value", p.min_value, p.max_value)
    return NumberAnswer(ind.code, value) if value is not None else None


_PARSERS = {
    "ratio": _ratio,
    "band": _band,
    "level": _level,
    "checklist": _checklist,
    "yes_no": _yes_no,
    "capped_count": _capped_count,
    "deduction": _deduction,
    "threshold": _threshold,
}


def _not_applicable(ind: Indicator, m: dict[str, Any], e: _Errors) -> Answer | None:
    _keys(m, e, ("not_applicable", "reason"))
    if m["not_applicable"] is not True:
        e.add("not_applicable", "na_flag")
        return None
    if not ind.not_applicable_allowed:
        e.add(None, "na_not_allowed", indicator=ind.code)
        return None
    reason = m.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        e.add("reason", "na_reason_required")
        return None
    if len(reason) > NA_REASON_MAX:
        e.add("reason", "na_reason_too_long", max=NA_REASON_MAX)
        return None
    return NotApplicable(ind.code, reason.strip())


def parse_answer(ind: Indicator, raw: Any) -> tuple[Answer | None, list[AnswerError]]:
    """One indicator's payload → (typed answer or None, errors)."""
    e = _Errors(ind.code)
    if not isinstance(raw, dict):
        e.add(None, "invalid_answer", indicator=ind.code)
        return None, e.items
    if "not_applicable" in raw:
        answer = _not_applicable(ind, raw, e)
    else:
        answer = _PARSERS[ind.type](ind, raw, e)
    return (answer if not e.items else None), e.items


def validate_answers(
    framework: Framework, payload: Any, *, require_complete: bool = False
) -> tuple[tuple[Answer, ...], tuple[AnswerError, ...]]:
    """Validate a whole payload: (valid typed answers, every error).

    Answers come back in framework order, valid ones even when others have errors (a draft can
    keep what is right). ``require_complete`` adds an error per unanswered indicator (for
    submission). Cross-checks from the framework run on the valid answers and are reported on
    their left-hand field.
    """
    if not isinstance(payload, dict):
        return (), (AnswerError(None, None, "invalid_payload"),)
    errors: list[AnswerError] = []
    for code in payload:
        if code not in framework.indicator_by_code:
            errors.append(AnswerError(str(code), None, "unknown_indicator", {"indicator": str(code)}))
    answers: dict[str, Answer] = {}
    for ind in framework.indicators:
        raw = payload.get(ind.code)
        if raw is None:
            if require_complete:
                errors.append(AnswerError(ind.code, None, "answer_required", {"indicator": ind.code}))
            continue
        answer, problems = parse_answer(ind, raw)
        errors.extend(problems)
        if answer is not None:
            answers[ind.code] = answer
    for check, _, _, message in failed_checks(framework, answers):
        errors.append(AnswerError(check.left[0], check.left[1], message.code, message.params))
    if answers and all(isinstance(a, NotApplicable) for a in answers.values()) and len(
        answers
    ) == len(framework.indicators):
        errors.append(AnswerError(None, None, "no_applicable_indicators"))
    return tuple(answers.values()), tuple(errors)
