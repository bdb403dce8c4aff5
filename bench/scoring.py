"""Benchmark: complete CAICT assessments scored per second on one core.

Run from the repository root: ``.venv/bin/python bench/scoring.py``. Prints one line:
``scoring_assessments_per_second: N``.

What is timed: ``score(framework, answers)`` producing the full Result (indicator results,
dimensions, grade and caps, cross-checks, improvement plan, next grade, inputs hash). Not
timed: loading the framework (done once per process, as the app does) and validating the
payloads. 256 distinct complete answer sets are cycled so that no result is computed twice
from the same answers. Figure = median of 5 one-second rounds after a warm-up.

Every field of the Result is plain data set by ``score`` itself (frozen dataclasses, nothing
computed on access); ``check_result`` verifies that on every answer set before timing and on
the last result of every timed round, so the figure is for complete results.
"""

import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assessment.scoring import (  # noqa: E402
    CapOutcome,
    DimensionResult,
    IndicatorResult,
    NextGrade,
    Result,
    load_framework_file,
    score,
    validate_answers,
)
from assessment.scoring.types import Answer, Framework  # noqa: E402

FRAMEWORK_FILE = ROOT / "assessment" / "frameworks" / "caict-gov-cloud-v1.yaml"


def payload(rng: random.Random) -> dict[str, Any]:
    """One complete, valid CAICT answer payload with varied values."""
    cloud_total = rng.randint(50, 400)
    on_cloud = rng.randint(cloud_total // 2, cloud_total)
    new_total = rng.randint(1, cloud_total // 4)
    levels = ["L1", "L2", "L3", "L4"]
    return {
        "P1": {"numerator": (n := rng.randint(10, 30)) - rng.randint(0, 5), "denominator": n},
        "P2": {"items": rng.sample(["plan", "management_rules", "migration_plan", "om_appraisal_rules", "budget"], rng.randint(0, 5))},
        "P3": {"numerator": rng.randint(0, min(new_total, on_cloud)), "denominator": new_total},
        "P4": {"value": f"{rng.uniform(0, 100):.1f}"},
        "O1": {"numerator": (d := rng.randint(20, 60)) - rng.randint(0, 15), "denominator": d},
        "O2": {"numerator": on_cloud, "denominator": cloud_total},
        "O3": {"numerator": rng.randint(0, on_cloud), "denominator": on_cloud},
        "O4": {"level": rng.choice(levels)},
        "O5": {"value": f"{rng.uniform(5, 95):.2f}"},
        "O6": {"value": f"{rng.uniform(55, 100):.1f}"},
        "C1": {"count": rng.randint(0, 30)},
        "C2": {"value": f"{rng.uniform(98.5, 100):.3f}"},
        "C3": {"value": f"{rng.uniform(0.5, 200):.1f}"},
        "C4": {"numerator": (t := rng.randint(100, 2000)) - rng.randint(0, 100), "denominator": t},
        "C5": {"level": rng.choice(levels)},
        "S1": {"level": rng.choice(["compliant", "compliant", "tested_nonconforming", "filed_not_tested"])},
        "S2": {"value": rng.random() < 0.8},
        "S3": {"items": rng.sample(["in_china_storage", "customer_key_management", "exit_tooling", "data_classification"], rng.randint(0, 4))},
        "S4": {"events": {"general_incident": rng.randint(0, 3), "overdue_high_vulnerability": rng.randint(0, 6)}},
        "S5": {"items": rng.sample(["security_policy", "security_staff", "emergency_plan", "annual_drill", "security_training"], rng.randint(0, 5))},
    }


def answer_sets(framework: Framework, count: int) -> list[tuple[Answer, ...]]:
    rng = random.Random(42)
    sets = []
    for _ in range(count):
        answers, errors = validate_answers(framework, payload(rng), require_complete=True)
        if errors:
            raise SystemExit(f"benchmark payload invalid: {[e.to_dict() for e in errors]}")
        sets.append(answers)
    return sets


def check_result(framework: Framework, result: Result) -> None:
    """Every part of the explained result is there, as plain values (touches every field)."""
    problems = []
    if len(result.indicators) != len(framework.indicators) or not all(
        type(i) is IndicatorResult and type(i.points) is Decimal and type(i.shortfall) is Decimal
        for i in result.indicators
    ):
        problems.append("indicators")
    if len(result.dimensions) != len(framework.dimensions) or not all(
        type(d) is DimensionResult and type(d.points) is Decimal for d in result.dimensions
    ):
        problems.append("dimensions")
    if type(result.total) is not Decimal or result.grade not in framework.grades:
        problems.append("total/grade")
    if result.score_grade not in framework.grades or not all(
        type(c) is CapOutcome for c in result.caps
    ):
        problems.append("caps")
    if not isinstance(result.cross_check_failures, tuple) or result.missing:
        problems.append("checks/missing")
    if not all(i.shortfall > 0 for i in result.improvement_plan):
        problems.append("improvement plan")
    if result.grade is not framework.grades[0] and type(result.next_grade) is not NextGrade:
        problems.append("next grade")
    if len(result.inputs_hash) != 64 or result.framework_content_hash != framework.content_hash:
        problems.append("hashes")
    if problems:
        raise SystemExit(f"incomplete result: {', '.join(problems)}")


def rate(framework: Framework, sets: list[tuple[Answer, ...]], seconds: float) -> float:
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for answers in sets:
            result = score(framework, answers)
        done += len(sets)
        now = time.perf_counter()
        if now >= deadline:
            check_result(framework, result)  # outside the timed work: the last result
            return done / (now - start)


def main() -> None:
    framework, errors = load_framework_file(FRAMEWORK_FILE)
    if framework is None:
        raise SystemExit("\n".join(str(e) for e in errors))
    sets = answer_sets(framework, 256)
    for answers in sets:
        check_result(framework, score(framework, answers))
    rate(framework, sets, 0.5)  # warm-up
    rounds = [rate(framework, sets, 1.0) for _ in range(5)]
    print(f"scoring_assessments_per_second: {statistics.median(rounds):.0f}")


if __name__ == "__main__":
    main()
