"""Result → JSON-able dict for the API: the presentation point where figures are rounded.

Every Decimal becomes a string rounded half-up to 2 places (``rounding.round_half_up``) —
``"81.68"`` — except the framework's own nominal weights and thresholds, which are shown as
written. Text becomes ``{"zh-hans": …, "en": …}``; a Message becomes ``{"code", "params",
"message"}`` with the English rendering (the API may re-render it in the request's language
with ``Message.render``); typed answers become their payload.
"""

from decimal import Decimal
from typing import Any

from assessment.scoring.hashing import answer_to_payload, plain
from assessment.scoring.messages import Message
from assessment.scoring.results import (
    CapOutcome,
    CrossCheckFailure,
    DimensionResult,
    IndicatorResult,
    NextGrade,
    Result,
)
from assessment.scoring.rounding import round_half_up
from assessment.scoring.types import GradeBand, Text


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(round_half_up(value))


def _text(value: Text) -> dict[str, str]:
    return {"zh-hans": value.zh, "en": value.en}


def message_to_dict(message: Message) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in message.params.items():
        # Numbers in params are shown as the message shows them (already rounded where they
        # are computed figures, as entered where they are inputs).
        params[key] = _text(value) if isinstance(value, Text) else str(value)
    return {"code": message.code, "params": params, "message": message.render()}


def _grade(grade: GradeBand) -> dict[str, Any]:
    return {
        "code": grade.code,
        "name": _text(grade.name),
        "min_score": plain(grade.min_score),
        "status": grade.status,
        "provenance": grade.provenance,
    }


def _indicator(r: IndicatorResult) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": _text(r.name),
        "dimension": r.dimension,
        "type": r.type,
        "status": r.status,
        "answer": None if r.answer is None else answer_to_payload(r.answer),
        "measured": _num(r.measured),
        "normalised": _num(r.normalised),
        "weight": plain(r.weight),
        "effective_weight": _num(r.effective_weight),
        "points": _num(r.points),
        "shortfall": _num(r.shortfall),
    }


def _dimension(r: DimensionResult) -> dict[str, Any]:
    return {
        "code": r.code,
        "name": _text(r.name),
        "status": r.status,
        "weight": plain(r.weight),
        "effective_weight": _num(r.effective_weight),
        "score": _num(r.score),
        "points": _num(r.points),
        "shortfall": _num(r.shortfall),
    }


def _cap(c: CapOutcome) -> dict[str, Any]:
    return {
        "rule": c.rule,
        "indicator": c.indicator,
        "cap_grade": _grade(c.cap_grade),
        "score": _num(c.score),
        "fails_below": plain(c.fails_below),
        "lowered_grade": c.lowered_grade,
        "reason": _text(c.reason),
        "message": message_to_dict(c.message),
    }


def _check(f: CrossCheckFailure) -> dict[str, Any]:
    return {
        "check": f.check,
        "left": f.left,
        "left_value": plain(f.left_value),
        "op": f.op,
        "right": f.right,
        "right_value": plain(f.right_value),
        "description": _text(f.description),
        "message": message_to_dict(f.message),
    }


def _next(n: NextGrade | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {
        "grade": _grade(n.grade),
        "points_needed": _num(n.points_needed),
        "required": list(n.required),
        "indicators": list(n.indicators),
        "points_gained": _num(n.points_gained),
        "message": message_to_dict(n.message),
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """A Result as plain JSON types (str, int, bool, None, list, dict)."""
    return {
        "framework": {
            "slug": result.framework_slug,
            "version": result.framework_version,
            "content_hash": result.framework_content_hash,
        },
        "inputs_hash": result.inputs_hash,
        "total": _num(result.total),
        "score_grade": _grade(result.score_grade),
        "grade": _grade(result.grade),
        "dimensions": [_dimension(d) for d in result.dimensions],
        "indicators": [_indicator(i) for i in result.indicators],
        "caps": [_cap(c) for c in result.caps],
        "cross_check_failures": [_check(f) for f in result.cross_check_failures],
        "missing": list(result.missing),
        "not_applicable": list(result.not_applicable),
        "improvement_plan": [
            {
                "indicator": r.code,
                "name": _text(r.name),
                "dimension": r.dimension,
                "status": r.status,
                "normalised": _num(r.normalised),
                "points_recoverable": _num(r.shortfall),
                "advice": _text(r.advice),
            }
            for r in result.improvement_plan
        ],
        "next_grade": _next(result.next_grade),
        "notices": [message_to_dict(m) for m in result.notices],
    }
