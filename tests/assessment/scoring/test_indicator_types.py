"""Table-driven cases per indicator type, edge values included."""

from decimal import Decimal as D

import pytest

from assessment.scoring.indicator_types import (
    score_band,
    score_capped_count,
    score_checklist,
    score_deduction,
    score_level,
    score_ratio,
    score_threshold,
    score_yes_no,
)
from assessment.scoring.types import (
    BandParams,
    CappedCountParams,
    ChecklistAnswer,
    ChecklistParams,
    Choice,
    CountAnswer,
    DeductionParams,
    EventsAnswer,
    FractionAnswer,
    LevelAnswer,
    LevelParams,
    NumberAnswer,
    PercentAnswer,
    RatioParams,
    Text,
    ThresholdParams,
    ThresholdStep,
    YesNoAnswer,
    YesNoParams,
)

T = Text("x", "x")


def pct(value: str) -> PercentAnswer:
    return PercentAnswer("X", D(value))


def frac(num: int, den: int) -> FractionAnswer:
    return FractionAnswer("X", D(num), D(den))


# O1-like: floor 60, target 100
O1 = RatioParams(D(60), D(100))
# P3-like: floor 0, target 95
P3 = RatioParams(D(0), D(95))


@pytest.mark.parametrize(
    ("params", "answer", "normalised", "measured"),
    [
        (O1, pct("0"), "0", "0"),
        (O1, pct("59.99"), "0", "59.99"),
        (O1, pct("60"), "0", "60"),  # at the floor: still 0
        (O1, pct("70"), "25", "70"),
        (O1, pct("90"), "75", "90"),
        (O1, pct("100"), "100", "100"),
        (O1, frac(36, 40), "75", "90"),  # numerator/denominator form
        (O1, frac(40, 40), "100", "100"),
        (O1, frac(0, 40), "0", "0"),
        (P3, pct("95"), "100", "95"),  # target reached below 100 %
        (P3, pct("96"), "100", "96"),
        (P3, pct("76"), "80", "76"),
        (P3, pct("120"), "100", "120"),  # beyond 100 % (rejected by validation) clamps
        (P3, frac(5, 0), "0", "0"),  # zero denominator (rejected by validation) is 0, no crash
    ],
)
def test_ratio(params: RatioParams, answer, normalised: str, measured: str) -> None:
    assert score_ratio(params, answer) == (D(normalised), D(measured))


def test_ratio_thirds_keep_full_precision() -> None:
    n, measured = score_ratio(RatioParams(D(0), D(100)), frac(1, 3))
    assert measured == D(100) / D(3)
    assert n == measured


BAND = BandParams(D(10), D(30), D(70), D(90), D(0), D(100))
CLIFF = BandParams(D(30), D(30), D(70), D(70), D(0), D(100))


@pytest.mark.parametrize(
    ("params", "value", "normalised"),
    [
        (BAND, "0", "0"),
        (BAND, "10", "0"),  # at the lower zero limit
        (BAND, "20", "50"),
        (BAND, "25", "75"),
        (BAND, "30", "100"),  # inclusive full-marks edge
        (BAND, "50", "100"),
        (BAND, "70", "100"),  # inclusive full-marks edge
        (BAND, "80", "50"),
        (BAND, "90", "0"),  # at the upper zero limit
        (BAND, "100", "0"),
        (CLIFF, "29.99", "0"),  # limit equal to edge: a cliff, no division by zero
        (CLIFF, "30", "100"),
        (CLIFF, "70", "100"),
        (CLIFF, "70.01", "0"),
    ],
)
def test_band(params: BandParams, value: str, normalised: str) -> None:
    assert score_band(params, pct(value)) == (D(normalised), D(value))


def test_band_accepts_a_fraction() -> None:
    assert score_band(BAND, frac(1, 4)) == (D(75), D(25))


LEVELS = LevelParams(
    (Choice("L1", T, D(0)), Choice("L2", T, D(40)), Choice("L3", T, D(70)), Choice("L4", T, D(100))),
    {"L1": D(0), "L2": D(40), "L3": D(70), "L4": D(100)},
)


@pytest.mark.parametrize(
    ("level", "normalised"),
    [("L1", "0"), ("L2", "40"), ("L3", "70"), ("L4", "100"), ("L9", "0")],  # unknown → 0
)
def test_level(level: str, normalised: str) -> None:
    assert score_level(LEVELS, LevelAnswer("X", level)) == (D(normalised), None)


CHECKLIST = ChecklistParams(
    (Choice("a", T, D(35)), Choice("b", T, D(25)), Choice("c", T, D(25)), Choice("d", T, D(15))),
    {"a": D(35), "b": D(25), "c": D(25), "d": D(15)},
    D(100),
)
UNEVEN = ChecklistParams(
    (Choice("a", T, D(1)), Choice("b", T, D(2))), {"a": D(1), "b": D(2)}, D(3)
)


@pytest.mark.parametrize(
    ("params", "items", "normalised", "measured"),
    [
        (CHECKLIST, set(), "0", "0"),
        (CHECKLIST, {"a"}, "35", "35"),
        (CHECKLIST, {"a", "b", "c"}, "85", "85"),
        (CHECKLIST, {"a", "b", "c", "d"}, "100", "100"),
        (CHECKLIST, {"a", "zz"}, "35", "35"),  # unknown item counts nothing
        (UNEVEN, {"b"}, str(D(200) / D(3)), "2"),  # points not summing to 100 are normalised
    ],
)
def test_checklist(params: ChecklistParams, items: set[str], normalised: str, measured: str) -> None:
    assert score_checklist(params, ChecklistAnswer("X", frozenset(items))) == (D(normalised), D(measured))


@pytest.mark.parametrize(("value", "normalised"), [(True, "100"), (False, "0")])
def test_yes_no(value: bool, normalised: str) -> None:
    assert score_yes_no(YesNoParams(), YesNoAnswer("X", value)) == (D(normalised), None)


@pytest.mark.parametrize(
    ("count", "normalised"),
    [(0, "0"), (1, "5"), (16, "80"), (19, "95"), (20, "100"), (21, "100"), (1000, "100"), (-3, "0")],
)
def test_capped_count(count: int, normalised: str) -> None:
    assert score_capped_count(CappedCountParams(D(5)), CountAnswer("X", count))[0] == D(normalised)


DEDUCT = DeductionParams(
    (Choice("major", T, D(40)), Choice("general", T, D(10)), Choice("vuln", T, D(5))),
    {"major": D(40), "general": D(10), "vuln": D(5)},
)


@pytest.mark.parametrize(
    ("events", "normalised", "deducted"),
    [
        ((), "100", "0"),
        ((("general", 1), ("vuln", 2)), "80", "20"),
        ((("major", 2),), "20", "80"),
        ((("major", 3),), "0", "120"),  # floor at 0; the measured figure keeps the full deduction
        ((("major", 2), ("general", 2)), "0", "100"),
    ],
)
def test_deduction(events: tuple, normalised: str, deducted: str) -> None:
    assert score_deduction(DEDUCT, EventsAnswer("X", events)) == (D(normalised), D(deducted))


HOURS = ThresholdParams(
    "lower_is_better",
    (ThresholdStep(D(4), D(100)), ThresholdStep(D(24), D(80)), ThresholdStep(D(72), D(50)), ThresholdStep(D(168), D(20))),
    D(0),
    D(0),
    None,
)
RATIO_UP = ThresholdParams(
    "higher_is_better",
    (ThresholdStep(D("1.5"), D(100)), ThresholdStep(D("1.2"), D(80)), ThresholdStep(D("1.0"), D(60))),
    D(10),
    None,
    None,
)


@pytest.mark.parametrize(
    ("params", "value", "normalised"),
    [
        (HOURS, "0", "100"),
        (HOURS, "4", "100"),  # bounds are inclusive
        (HOURS, "4.01", "80"),
        (HOURS, "24", "80"),
        (HOURS, "72", "50"),
        (HOURS, "168", "20"),
        (HOURS, "168.5", "0"),  # beyond the last step: otherwise
        (RATIO_UP, "2", "100"),
        (RATIO_UP, "1.5", "100"),
        (RATIO_UP, "1.3", "80"),
        (RATIO_UP, "1.0", "60"),
        (RATIO_UP, "0.99", "10"),
        (RATIO_UP, "-5", "10"),
    ],
)
def test_threshold(params: ThresholdParams, value: str, normalised: str) -> None:
    assert score_threshold(params, NumberAnswer("X", D(value))) == (D(normalised), D(value))


def test_every_type_function_documents_edges_and_missing_data() -> None:
    from assessment.scoring.indicator_types import SCORERS

    for name, (fn, _) in SCORERS.items():
        doc = fn.__doc__ or ""
        assert "N/A" in doc and "missing" in doc, name
