"""The hot-path result constructors build the same frozen objects as the dataclasses do."""

from dataclasses import fields
from decimal import Decimal as D

from assessment.scoring import Framework, Text
from assessment.scoring.results import (
    DimensionResult,
    IndicatorResult,
    Result,
    make_dimension_result,
    make_indicator_result,
    make_result,
)


def test_make_indicator_result_matches_the_dataclass(caict: Framework) -> None:
    ind = caict.indicators[0]
    values = (ind, "answered", None, D(90), D(90), D(6), D("5.4"), D("0.6"))
    built = make_indicator_result(*values)
    assert built == IndicatorResult(*values)
    assert [f.name for f in fields(IndicatorResult)] == list(vars(built))
    assert (built.code, built.name, built.weight, built.advice) == (ind.code, ind.name, ind.weight, ind.advice)


def test_make_dimension_result_matches_the_dataclass(caict: Framework) -> None:
    values = (caict.dimensions[0], "scored", D(20), D(82), D("16.4"), D("3.6"))
    built = make_dimension_result(*values)
    assert built == DimensionResult(*values)
    assert [f.name for f in fields(DimensionResult)] == list(vars(built))
    assert built.name == Text("政策落实", "Policy implementation")


def test_make_result_matches_the_dataclass(caict: Framework) -> None:
    values = {f.name: f.name for f in fields(Result)}
    assert make_result(**values) == Result(**values)  # type: ignore[arg-type]
