"""Benchmarking an approved assessment against its peers (same framework version, approved).

One query reads every peer's cached scores; ranks, percentiles and regional roll-ups are
computed in Python, so the page costs the same whatever the number of peers.
Regions come from 行政区划代码: the first two digits are the province, four the city, six the
county (GB/T 2260).
"""

from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from assessment.models import Assessment, Status
from orgs.models import GovernmentBody


@dataclass(frozen=True)
class DimensionStanding:
    code: str
    score: Decimal | None
    percentile: Decimal | None  # share of peers scoring at or below this one, 0–100
    peer_median: Decimal | None


@dataclass(frozen=True)
class RegionRollup:
    level: str  # province | city | county
    code: str  # the padded 6-digit code, e.g. 320000
    name: str
    count: int
    mean_total: Decimal


@dataclass(frozen=True)
class Benchmark:
    peers: int
    rank: int
    total_percentile: Decimal
    dimensions: tuple[DimensionStanding, ...]
    rollups: tuple[RegionRollup, ...]  # the assessment's own province, city and county
    provinces: tuple[RegionRollup, ...]


def _percentile(values: list[Decimal], own: Decimal) -> Decimal:
    if not values:
        return Decimal(0)
    return (Decimal(sum(1 for v in values if v <= own)) * 100 / len(values)).quantize(Decimal("0.1"))


def benchmark(*, assessment: Assessment) -> Benchmark | None:
    """None unless the assessment is approved (only approved results are compared)."""
    if assessment.status != Status.APPROVED or assessment.total is None:
        return None
    peers = list(
        Assessment.objects.filter(framework_id=assessment.framework_id, status=Status.APPROVED, total__isnull=False)
        .values_list("pk", "total", "dimension_scores", "cloud__owner__division_code")
    )
    totals = [t for _, t, _, _ in peers]
    rank = 1 + sum(1 for t in totals if t > assessment.total)
    dims = []
    for code, own in assessment.dimension_scores.items():
        values = [Decimal(d[code]) for _, _, d, _ in peers if d.get(code) is not None]
        own_value = Decimal(own) if own is not None else None
        dims.append(DimensionStanding(
            code, own_value,
            _percentile(values, own_value) if own_value is not None else None,
            Decimal(median(values)).quantize(Decimal("0.01")) if values else None,
        ))
    own_code = assessment.cloud.owner.division_code
    levels = (("province", 2), ("city", 4), ("county", 6))
    names = dict(GovernmentBody.objects.filter(division_code__in=_region_codes(peers, own_code)).values_list("division_code", "name"))

    def rollup(level: str, digits: int, prefix: str) -> RegionRollup:
        scores = [t for _, t, _, c in peers if c.startswith(prefix)]
        code = prefix.ljust(6, "0")
        return RegionRollup(level, code, names.get(code, code), len(scores),
                            (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01")) if scores else Decimal(0))

    own_rollups = tuple(
        rollup(level, digits, own_code[:digits])
        for level, digits in levels
        if digits == 2 or own_code[2:digits].strip("0")
    )
    provinces = tuple(sorted(
        (rollup("province", 2, p) for p in {c[:2] for _, _, _, c in peers}),
        key=lambda r: r.mean_total, reverse=True,
    ))
    return Benchmark(len(peers), rank, _percentile(totals, assessment.total), tuple(dims), own_rollups, provinces)


def _region_codes(peers, own_code: str) -> set[str]:
    codes = {c[:2].ljust(6, "0") for _, _, _, c in peers}
    codes |= {own_code[:4].ljust(6, "0"), own_code}
    return codes
