"""The one rounding rule: ROUND_HALF_UP, 2 places, whatever the caller's context."""

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Context, localcontext
from decimal import Decimal as D

import pytest

from assessment.scoring import round_half_up


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("81.675", "81.68"),  # half up (banker's rounding would also give .68)
        ("0.125", "0.13"),  # half up where banker's rounding gives 0.12
        ("0.124999", "0.12"),
        ("84.995", "85.00"),  # the figure that crosses into 先进级
        ("84.9949", "84.99"),
        ("-0.125", "-0.13"),
        ("100", "100.00"),
        ("16.2666666666666666666666667", "16.27"),
    ],
)
def test_round_half_up(value: str, expected: str) -> None:
    assert str(round_half_up(D(value))) == expected


def test_places() -> None:
    assert str(round_half_up(D("6.66665"), 4)) == "6.6667"


def test_ignores_callers_context() -> None:
    for ctx in (Context(rounding=ROUND_DOWN), Context(rounding=ROUND_HALF_EVEN, prec=3)):
        with localcontext(ctx):
            assert str(round_half_up(D("0.125"))) == "0.13"
