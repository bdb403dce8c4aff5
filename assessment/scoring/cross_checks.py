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
OPS = {
    "lt": Decimal.__lt__,
    "lte": Decimal.__le__,
    "eq": Decimal.__eq__,
    "gte": Decimal.__ge__,
    "gt": Decimal.__gt__,
}


def _number(value: object) -> Decimal | None:
    """An answer field's value as a Decimal; None when it is not a number (or is a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return Decimal(value)


def failed_checks(
    framework: Framework, answers: Mapping[str, Answer]
) -> list[tuple[CrossCheck, Decimal, Decimal, Message]]:
    """(check, left value, right value, message) for every check that fails."""
    failures = []
    get = answers.get
    for check, lcode, lname, rcode, rname, op, ltext, op_text, rtext in framework.compiled.checks:
        # Each side: the answer's field when that answer has it as a number, else skip. The
        # usual field is already a (canonical) Decimal.
        left = getattr(get(lcode), lname, None)
        if type(left) is not Decimal and (left := _number(left)) is None:
            continue
        right = getattr(get(rcode), rname, None)
        if type(right) is not Decimal and (right := _number(right)) is None:
            continue
        if op(left, right):
            continue
        message = Message(
            "cross_check_failed",
            {
                "left": ltext,
                "left_value": left,
                "op": op_text,
                "right": rtext,
                "right_value": right,
                "check": check.code,
            },
        )
        failures.append((check, left, right, message))
    return failures
