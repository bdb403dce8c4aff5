"""Parse and check the ``params`` of each indicator type in a framework file.

Checks are the ones that keep every formula in ``indicator_types`` well defined and monotonic:
floor < target, band limits in order, distinct choice codes, a best level / step worth 100,
threshold scores that never rise as the value gets worse.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from assessment.scoring.rounding import HUNDRED, ZERO
from assessment.scoring.schema_reader import Reader, join
from assessment.scoring.types import (
    BandParams,
    CappedCountParams,
    ChecklistParams,
    Choice,
    DeductionParams,
    IndicatorParams,
    LevelParams,
    RatioParams,
    ThresholdParams,
    ThresholdStep,
    YesNoParams,
)


def _ratio(r: Reader, raw: Any, path: str) -> RatioParams | None:
    m = r.mapping(raw, path, ("floor", "target"))
    if m is None:
        return None
    floor = r.score(m.get("floor"), join(path, "floor"))
    target = r.score(m.get("target"), join(path, "target"))
    if floor is None or target is None:
        return None
    if floor >= target:
        r.error(join(path, "target"), "ascending", detail="floor < target")
        return None
    return RatioParams(floor, target)


def _band(r: Reader, raw: Any, path: str) -> BandParams | None:
    keys = ("zero_below", "full_from", "full_to", "zero_above")
    m = r.mapping(raw, path, keys, ("min_value", "max_value"))
    if m is None:
        return None
    values = [r.number(m.get(k), join(path, k)) for k in keys]
    lo = r.number(m.get("min_value", 0), join(path, "min_value"))
    hi = r.number(m.get("max_value", 100), join(path, "max_value"))
    if None in values or lo is None or hi is None:
        return None
    zb, ff, ft, za = values  # type: ignore[misc]
    if not (lo <= zb <= ff <= ft <= za <= hi) or lo >= hi:  # type: ignore[operator]
        r.error(
            path,
            "ascending",
            detail="min_value <= zero_below <= full_from <= full_to <= zero_above <= max_value",
        )
        return None
    return BandParams(zb, ff, ft, za, lo, hi)  # type: ignore[arg-type]


def _choices(r: Reader, raw: Any, path: str, points: bool) -> tuple[Choice, ...] | None:
    """Levels / checklist items / deduction events: code, label_zh, label_en and a number."""
    key = "points" if points else "score"
    out: list[Choice] = []
    ok = True
    entries = r.items(raw, path)
    for i, entry in enumerate(entries):
        p = join(path, i)
        m = r.mapping(entry, p, ("code", "label_zh", "label_en", key))
        if m is None:
            ok = False
            continue
        code = r.code(m.get("code"), join(p, "code"))
        label = r.texts(m, p, "label")
        value = r.positive(m.get(key), join(p, key)) if points else r.score(m.get(key), join(p, key))
        if code is None or label is None or value is None:
            ok = False
            continue
        out.append(Choice(code, label, value))
    r.unique((c.code, join(join(path, i), "code")) for i, c in enumerate(out))
    if not ok or not entries or len({c.code for c in out}) != len(out):
        return None
    return tuple(out)


def _level(r: Reader, raw: Any, path: str) -> LevelParams | None:
    m = r.mapping(raw, path, ("levels",))
    if m is None:
        return None
    levels = _choices(r, m.get("levels"), join(path, "levels"), points=False)
    if levels is None:
        return None
    if max(c.score for c in levels) != HUNDRED:
        r.error(join(path, "levels"), "best_score_100", kind="level")
        return None
    return LevelParams(levels, {c.code: c.score for c in levels})


def _checklist(r: Reader, raw: Any, path: str) -> ChecklistParams | None:
    m = r.mapping(raw, path, ("items",))
    if m is None:
        return None
    items = _choices(r, m.get("items"), join(path, "items"), points=True)
    if items is None:
        return None
    points = {c.code: c.score for c in items}
    return ChecklistParams(items, points, sum(points.values(), ZERO))


def _yes_no(r: Reader, raw: Any, path: str) -> YesNoParams | None:
    if raw is None:
        return YesNoParams()
    m = r.mapping(raw, path, ())
    return YesNoParams() if m is not None and not m else None


def _capped_count(r: Reader, raw: Any, path: str) -> CappedCountParams | None:
    m = r.mapping(raw, path, ("points_per_unit",))
    if m is None:
        return None
    ppu = r.positive(m.get("points_per_unit"), join(path, "points_per_unit"))
    if ppu is not None and ppu > HUNDRED:
        r.error(join(path, "points_per_unit"), "expected_score")
        return None
    return CappedCountParams(ppu) if ppu is not None else None


def _deduction(r: Reader, raw: Any, path: str) -> DeductionParams | None:
    m = r.mapping(raw, path, ("events",))
    if m is None:
        return None
    events = _choices(r, m.get("events"), join(path, "events"), points=True)
    if events is None:
        return None
    return DeductionParams(events, {c.code: c.score for c in events})


def _threshold(r: Reader, raw: Any, path: str) -> ThresholdParams | None:
    m = r.mapping(raw, path, ("direction", "steps"), ("otherwise", "min_value", "max_value"))
    if m is None:
        return None
    direction = r.choice(
        m.get("direction"), join(path, "direction"), ("lower_is_better", "higher_is_better")
    )
    otherwise = r.score(m.get("otherwise", 0), join(path, "otherwise"))
    lo = r.number(m["min_value"], join(path, "min_value")) if "min_value" in m else ZERO
    hi = r.number(m["max_value"], join(path, "max_value")) if m.get("max_value") is not None else None
    steps: list[ThresholdStep] = []
    ok = True
    for i, entry in enumerate(r.items(m.get("steps"), join(path, "steps"))):
        p = join(join(path, "steps"), i)
        s = r.mapping(entry, p, ("bound", "score"))
        if s is None:
            ok = False
            continue
        bound = r.number(s.get("bound"), join(p, "bound"))
        score = r.score(s.get("score"), join(p, "score"))
        if bound is None or score is None:
            ok = False
            continue
        steps.append(ThresholdStep(bound, score))
    if not ok or not steps or direction is None or otherwise is None or "min_value" in m and lo is None:
        return None
    sign = Decimal(1) if direction == "lower_is_better" else Decimal(-1)
    if any(sign * a.bound >= sign * b.bound for a, b in zip(steps, steps[1:], strict=False)):
        order = "ascending" if sign > 0 else "descending"
        r.error(join(path, "steps"), "ascending", detail=f"bounds {order}, best first")
        return None
    scores = [s.score for s in steps] + [otherwise]
    if any(a < b for a, b in zip(scores, scores[1:], strict=False)):
        r.error(join(path, "steps"), "monotonic_scores")
        return None
    if steps[0].score != HUNDRED:
        r.error(join(path, "steps"), "best_score_100", kind="step")
        return None
    return ThresholdParams(direction, tuple(steps), otherwise, lo, hi)  # type: ignore[arg-type]


PARAM_PARSERS: dict[str, Callable[[Reader, Any, str], IndicatorParams | None]] = {
    "ratio": _ratio,
    "band": _band,
    "level": _level,
    "checklist": _checklist,
    "yes_no": _yes_no,
    "capped_count": _capped_count,
    "deduction": _deduction,
    "threshold": _threshold,
}
