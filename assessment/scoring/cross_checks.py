"""Cross-field checks between answers, as declared in the framework file.

A check compares two answer fields (``O3.denominator <= O2.numerator``). It is evaluated only
when both fields were answered in a form that has them (a ratio answered as a percentage has no
numerator), so N/A, missing answers and other forms never fail a check. A failure does not
change any score; it is reported (answers.py turns it into a field error, the engine lists it).
"""

from collections.abc import Mapping
from decimal import Decimal

from assessment.scoring.messages import Message
from assessment.scoring.types import Answer, CrossCheck, Framework

OP_TEXT = {"lt": "<", "lte": "<=", "eq": "=", "gte": ">=", "gt": ">"}
_OPS = {
    "lt": Decimal.__lt__,
    "lte": Decimal.__le__,
    "eq": Decimal.__eq__,
    "gte": Decimal.__ge__,
    "gt": Decimal.__gt__,
}


def _field(answers: Mapping[str, Answer], operand: tuple[str, str]) -> Decimal | None:
    value = getattr(answers.get(operand[0]), operand[1], None)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def failed_checks(
    framework: Framework, answers: Mapping[str, Answer]
) -> list[tuple[CrossCheck, Decimal, Decimal, Message]]:
    """(check, left value, right value, message) for every check that fails."""
    failures = []
    for check in framework.cross_checks:
        left = _field(answers, check.left)
        right = _field(answers, check.right)
        if left is None or right is None or _OPS[check.op](left, right):
            continue
        message = Message(
            "cross_check_failed",
            {
                "left": ".".join(check.left),
                "left_value": left,
                "op": OP_TEXT[check.op],
                "right": ".".join(check.right),
                "right_value": right,
                "check": check.code,
            },
        )
        failures.append((check, left, right, message))
    return failures
