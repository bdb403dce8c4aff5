"""The one rounding helper of the comparison engine, and the exact-arithmetic context.

Tender documents state how scores are rounded (commonly "保留两位小数，四舍五入": 2 places,
half up), so places and mode are data (:class:`Rounding`); the default is 2 places ROUND_HALF_UP.
The engine rounds in exactly these places and nowhere else:

* each non-price criterion's mean of the panel members' scores;
* each bid's price score;
* a total is the sum of those rounded parts (so it needs no further rounding).

Intermediate figures (evaluated prices, raw quotients, raw means) are kept exact, computed in a
60-digit decimal context: far more than any price in yuan and fen needs, so a raw figure that lies
exactly on a .xx5 boundary is represented exactly and one that does not can never be mistaken for
it (a quotient a/b of integers below 10^15 is at least 10^-18 away from any other boundary).
"""

from __future__ import annotations

import decimal
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)

from .types import Rounding

PRECISION = 60

SUPPORTED_MODES: frozenset[str] = frozenset(
    {
        ROUND_HALF_UP,
        ROUND_HALF_EVEN,
        ROUND_HALF_DOWN,
        ROUND_UP,
        ROUND_DOWN,
        ROUND_CEILING,
        ROUND_FLOOR,
    }
)

DEFAULT_ROUNDING = Rounding()

_HALF_MODES = frozenset({ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN})
_AWAY_MODES = frozenset({ROUND_UP, ROUND_CEILING})  # same as each other for x >= 0


def exact_context() -> decimal.Context:
    """A decimal context for the engine's intermediate arithmetic (60 significant digits)."""
    return decimal.Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)


def quantum(rounding: Rounding) -> Decimal:
    """The smallest step of a rounded figure: 10^-places (0.01 for 2 places)."""
    return Decimal(1).scaleb(-rounding.places)


def round_score(value: Decimal, rounding: Rounding = DEFAULT_ROUNDING) -> Decimal:
    """Round a score as the tender documents state: ``places`` decimals, ``mode``.

    The default (2 places, ROUND_HALF_UP) is "保留两位小数，四舍五入": 8.345 → 8.35, 8.3449 → 8.34.
    The value must be a Decimal (never a float: 8.345 as a float is 8.3449999… and would round
    down). Edge values: zero stays zero; negative values are rounded symmetrically by the mode,
    though the engine never produces one.
    """
    with decimal.localcontext(exact_context()):
        return value.quantize(quantum(rounding), rounding=rounding.mode)


def below_threshold(target: Decimal, rounding: Rounding) -> tuple[Decimal, bool]:
    """Invert :func:`round_score`: for x ≥ 0, ``round(x) < target`` ⇔ x < t (or x ≤ t).

    ``target`` must be a multiple of the rounding quantum q. Returns ``(t, inclusive)``: the
    boundary t where rounding first reaches ``target``, and whether t itself still rounds below
    it. For the half modes t = target − q/2 (HALF_UP: exclusive; HALF_DOWN: inclusive; HALF_EVEN:
    depends on parity); for UP/CEILING t = target − q (inclusive); for DOWN/FLOOR t = target
    (exclusive). Used to solve for the price at which a bid would rank first.
    """
    q = quantum(rounding)
    with decimal.localcontext(exact_context()):
        if rounding.mode in _HALF_MODES:
            boundary = target - q / 2
        elif rounding.mode in _AWAY_MODES:
            boundary = target - q
        else:
            boundary = target
        inclusive = round_score(boundary, rounding) < target
    return boundary, inclusive
