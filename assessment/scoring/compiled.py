"""Per-framework tables for the engine's hot path, built once per Framework.

``Framework.compiled`` is built when the Framework is constructed (``Framework.__post_init__``,
so ``dataclasses.replace`` builds a fresh one and two frameworks never share one) and is derived
from the framework's own fields only; nothing in it depends on answers. Scoring reads these
tables instead of re-deriving per call what is fixed per framework: indicator rows with their
scoring function, dimension position and effective weight when nothing is N/A, caps with their
positions and rounded thresholds, cross-check operands, and the inputs-hash encoder.

Rows are plain tuples, unpacked in the engine's loop (the cheapest access there is); their
layout is documented on each field.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from assessment.scoring.cross_checks import OP_TEXT, OPS
from assessment.scoring.hashing import InputsEncoder
from assessment.scoring.indicator_types import SCORERS
from assessment.scoring.rounding import HUNDRED, SCORING_CONTEXT, round_half_up
from assessment.scoring.types import (
    CapRule,
    CrossCheck,
    Dimension,
    Framework,
    GradeBand,
    Indicator,
    LevelParams,
)
from assessment.scoring.weights import redistribute

#: (indicator, code, answer classes accepted, scoring function, params, dimension position,
#: nominal weight, effective weight, effective weight / 100); both effective figures are None
#: when N/A.
Row = tuple[
    Indicator, str, frozenset[type], Callable[..., Any], Any, int, Decimal, Decimal | None, Decimal | None
]
#: (dimension, effective weight, Σ nominal weights of its applicable indicators); both None
#: when the dimension has no applicable indicator.
DimensionRow = tuple[Dimension, Decimal | None, Decimal | None]


@dataclass(frozen=True, slots=True)
class CompiledFramework:
    dimensions: tuple[Dimension, ...]  # the framework's own, for N/A redistribution
    indicators: tuple[Indicator, ...]
    rows: tuple[Row, ...]  # framework order; weights when no indicator is N/A
    dimension_rows: tuple[DimensionRow, ...]  # framework order; ditto
    # (rule, gate indicator position, fails_below, cap grade, cap grade rank, rounded threshold)
    caps: tuple[tuple[CapRule, int, Decimal, GradeBand, int, Decimal], ...]
    inputs_encoder: InputsEncoder
    # (check, left code, left field, right code, right field, comparison, left text, op text,
    # right text)
    checks: tuple[tuple[CrossCheck, str, str, str, str, Callable[..., bool], str, str, str], ...]

    def rows_for(self, not_applicable: Collection[str]) -> tuple[tuple[Row, ...], tuple[DimensionRow, ...]]:
        """``rows`` and ``dimension_rows`` with the weights after N/A redistribution
        (``weights.redistribute``); call in the scoring context."""
        eff_by_code, dim_eff = redistribute(self.dimensions, self.indicators, not_applicable)
        rows = tuple(_with_weight(row, eff_by_code.get(row[1])) for row in self.rows)
        return rows, _dimension_rows(self.dimensions, dim_eff)


def _with_weight(row: tuple[Any, ...], eff: Decimal | None) -> Row:
    """``row``'s first seven items with the effective weight and effective weight / 100."""
    return (*row[:7], eff, None if eff is None else eff / HUNDRED)  # type: ignore[return-value]


def _dimension_rows(
    dimensions: tuple[Dimension, ...], dim_eff: dict[str, tuple[Decimal, Decimal]]
) -> tuple[DimensionRow, ...]:
    return tuple((d, *dim_eff.get(d.code, (None, None))) for d in dimensions)


def compile_framework(fw: Framework) -> CompiledFramework:
    """The engine's tables for ``fw`` (called by ``Framework.__post_init__``)."""
    dim_position = {d.code: pos for pos, d in enumerate(fw.dimensions)}
    with localcontext(SCORING_CONTEXT):
        eff_by_code, dim_eff = redistribute(fw.dimensions, fw.indicators, ())
        rows = tuple(
            _with_weight(
                (
                    ind, ind.code, fw.accepts[ind.code], SCORERS[ind.type][0], ind.params,
                    dim_position[ind.dimension], ind.weight,
                ),  # fmt: skip
                eff_by_code[ind.code],
            )
            for ind in fw.indicators
        )
        caps = tuple(
            (
                rule, fw.indicator_position[rule.indicator], rule.fails_below,
                fw.grade_by_code[rule.cap_grade], fw.grade_rank[rule.cap_grade],
                round_half_up(rule.fails_below),
            )  # fmt: skip
            for rule in fw.caps
        )
    levels = {
        ind.code: [c.code for c in ind.params.levels]
        for ind in fw.indicators
        if isinstance(ind.params, LevelParams)
    }
    return CompiledFramework(
        dimensions=fw.dimensions,
        indicators=fw.indicators,
        rows=rows,
        dimension_rows=_dimension_rows(fw.dimensions, dim_eff),
        caps=caps,
        inputs_encoder=InputsEncoder(
            fw.slug, fw.version, fw.content_hash, [ind.code for ind in fw.indicators], levels
        ),
        checks=tuple(
            (
                check, check.left[0], check.left[1], check.right[0], check.right[1],
                OPS[check.op], ".".join(check.left), OP_TEXT[check.op], ".".join(check.right),
            )  # fmt: skip
            for check in fw.cross_checks
        ),
    )
