"""The one Decimal rounding rule of the scoring engine.

Rule (stated here once, used everywhere): scores are computed at full Decimal precision
(28 significant digits, the engine's own context) and rounded ROUND_HALF_UP to two decimal
places only where a figure is presented — in the Result. The grade is read from the *rounded*
total, so the figure a user sees and the grade printed next to it always agree. Because parts
are rounded independently, rounded indicator points may differ from the rounded total by a few
hundredths; the unrounded figures always add up exactly.
"""

from decimal import ROUND_HALF_UP, Context, Decimal

#: Context every engine computation runs in, so a caller's global context cannot change results.
SCORING_CONTEXT = Context(prec=28, rounding=ROUND_HALF_UP)

ZERO = Decimal(0)
HUNDRED = Decimal(100)

_quantize = SCORING_CONTEXT.quantize
_EXPONENTS = {places: Decimal(1).scaleb(-places) for places in range(0, 7)}


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round ``value`` half-up to ``places`` decimals (presentation points only).

    ``round_half_up(Decimal("81.675")) == Decimal("81.68")``; negative values round away from
    zero on a tie (``-0.125`` → ``-0.13``), as ROUND_HALF_UP does.
    """
    # Context.quantize uses SCORING_CONTEXT's ROUND_HALF_UP whatever the caller's context is
    # (and is about twice as fast as passing rounding= to Decimal.quantize).
    return _quantize(value, _EXPONENTS[places])
