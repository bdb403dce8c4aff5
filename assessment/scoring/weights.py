"""N/A redistribution: the effective weight of every applicable indicator.

Policy ``proportional`` (the only one the shipped frameworks state, and the only one parsed):

* within a dimension, an N/A indicator's weight goes to the dimension's other applicable
  indicators in proportion to their weights: ``w_i / Σ applicable w`` of the dimension;
* a dimension whose indicators are all N/A goes, likewise, to the other dimensions in proportion
  to their weights: ``D_d / Σ D of dimensions with an applicable indicator``.

A *missing* answer is not N/A: it keeps its weight and scores 0. Effective weights are on the
0–100 total scale and add up to 100 (unless every indicator is N/A, when there are none).
"""

from collections.abc import Collection, Iterable
from decimal import Decimal, localcontext

from assessment.scoring.rounding import HUNDRED, SCORING_CONTEXT, ZERO
from assessment.scoring.types import Dimension, Framework, Indicator


def redistribute(
    dimensions: Iterable[Dimension],
    indicators: Iterable[Indicator],
    not_applicable: Collection[str],
) -> tuple[dict[str, Decimal], dict[str, tuple[Decimal, Decimal]]]:
    """(effective weight per applicable indicator, per applicable dimension its (effective
    weight, sum of its applicable indicators' nominal weights)), unrounded; dimensions with no
    applicable indicator are absent from both."""
    indicators = tuple(indicators)
    applicable: dict[str, Decimal] = {}
    for ind in indicators:
        if ind.code not in not_applicable:
            applicable[ind.dimension] = applicable.get(ind.dimension, ZERO) + ind.weight
    live = [d for d in dimensions if d.code in applicable]
    total = sum((d.weight for d in live), ZERO)
    dims = {d.code: HUNDRED * d.weight / total for d in live}
    effective = {
        ind.code: dims[ind.dimension] * ind.weight / applicable[ind.dimension]
        for ind in indicators
        if ind.code not in not_applicable
    }
    return effective, {code: (eff, applicable[code]) for code, eff in dims.items()}


def effective_weights(framework: Framework, not_applicable: Collection[str]) -> dict[str, Decimal]:
    """Effective weight (share of the 0–100 total) of each applicable indicator, unrounded."""
    with localcontext(SCORING_CONTEXT):
        return redistribute(framework.dimensions, framework.indicators, not_applicable)[0]
