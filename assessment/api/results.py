"""The explained result as the API's JSON: names in both languages, messages in the request's."""

from decimal import Decimal
from typing import Any

from assessment.scoring import Result, Text, answer_to_payload
from core.i18n import render_engine_message


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _text(value: Text) -> dict[str, str]:
    return {"zh-hans": value.zh, "en": value.en}


def _message(message) -> dict[str, Any]:
    return {
        "code": message.code,
        "params": {k: (_text(v) if isinstance(v, Text) else str(v)) for k, v in message.params.items()},
        "message": render_engine_message(message),
    }


def _grade(grade) -> dict[str, Any]:
    return {"code": grade.code, "name": _text(grade.name), "min_score": _d(grade.min_score), "status": grade.status}


def result_payload(result: Result) -> dict[str, Any]:
    """Every figure as a string (exact Decimal), every derivation step, every reason."""
    return {
        "framework": {
            "slug": result.framework_slug, "version": result.framework_version,
            "content_hash": result.framework_content_hash,
        },
        "inputs_hash": result.inputs_hash,
        "total": _d(result.total),
        "grade": _grade(result.grade),
        "score_grade": _grade(result.score_grade),
        "dimensions": [
            {
                "code": d.code, "name": _text(d.name), "weight": _d(d.weight), "status": d.status,
                "effective_weight": _d(d.effective_weight), "score": _d(d.score),
                "points": _d(d.points), "shortfall": _d(d.shortfall),
            }
            for d in result.dimensions
        ],
        "indicators": [
            {
                "code": i.code, "name": _text(i.name), "dimension": i.dimension, "type": i.type,
                "status": i.status,
                "answer": answer_to_payload(i.answer) if i.answer is not None else None,
                "measured": _d(i.measured), "normalised": _d(i.normalised), "weight": _d(i.weight),
                "effective_weight": _d(i.effective_weight), "points": _d(i.points),
                "shortfall": _d(i.shortfall), "provenance": i.indicator.provenance,
            }
            for i in result.indicators
        ],
        "caps": [
            {
                "rule": c.rule, "indicator": c.indicator, "cap_grade": _grade(c.cap_grade),
                "score": _d(c.score), "fails_below": _d(c.fails_below),
                "lowered_grade": c.lowered_grade, "message": _message(c.message),
            }
            for c in result.caps
        ],
        "cross_check_failures": [
            {
                "check": f.check, "left": f.left, "left_value": _d(f.left_value), "op": f.op,
                "right": f.right, "right_value": _d(f.right_value), "message": _message(f.message),
            }
            for f in result.cross_check_failures
        ],
        "missing": list(result.missing),
        "not_applicable": list(result.not_applicable),
        "improvement_plan": [
            {"code": i.code, "name": _text(i.name), "points_recoverable": _d(i.shortfall), "advice": _text(i.advice)}
            for i in result.improvement_plan
        ],
        "next_grade": None if result.next_grade is None else {
            "grade": _grade(result.next_grade.grade),
            "points_needed": _d(result.next_grade.points_needed),
            "required": list(result.next_grade.required),
            "indicators": list(result.next_grade.indicators),
            "points_gained": _d(result.next_grade.points_gained),
            "message": _message(result.next_grade.message),
        },
        "notices": [_message(n) for n in result.notices],
    }


def answer_errors_payload(errors) -> dict[str, list[str]]:
    """Engine answer errors → the API's field map ("answers.P1.numerator": [...])."""
    out: dict[str, list[str]] = {}
    for error in errors:
        key = "answers" if error.key == "__all__" else f"answers.{error.key}"
        out.setdefault(key, []).append(render_engine_message(error.message))
    return out
