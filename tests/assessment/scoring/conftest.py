"""Shared fixtures: the shipped frameworks (parsed once) and complete answer payloads."""

from pathlib import Path
from typing import Any

import pytest

import assessment
from assessment.scoring import Framework, load_framework_file, validate_answers
from assessment.scoring.types import Answer

FRAMEWORKS_DIR = Path(assessment.__file__).parent / "frameworks"

# Complete CAICT answer set; hand computation in test_shipped_frameworks.py.
CAICT_PAYLOAD: dict[str, Any] = {
    "P1": {"numerator": 18, "denominator": 20},
    "P2": {"items": ["plan", "management_rules", "migration_plan", "om_appraisal_rules"]},
    "P3": {"value": 76},
    "P4": {"numerator": 15, "denominator": 20},
    "O1": {"numerator": 36, "denominator": 40},
    "O2": {"numerator": 150, "denominator": 200},
    "O3": {"numerator": 120, "denominator": 150},
    "O4": {"level": "L3"},
    "O5": {"value": 50},
    "O6": {"value": 88},
    "C1": {"count": 16},
    "C2": {"value": "99.72"},
    "C3": {"value": 12},
    "C4": {"numerator": 45, "denominator": 50},
    "C5": {"level": "L3"},
    "S1": {"level": "compliant"},
    "S2": {"value": True},
    "S3": {"items": ["in_china_storage", "customer_key_management", "exit_tooling"]},
    "S4": {"events": {"general_incident": 1, "overdue_high_vulnerability": 2}},
    "S5": {"items": ["security_policy", "security_staff", "emergency_plan", "annual_drill"]},
}

# Complete GB/T 42584 answer set (two N/A); hand computation in test_shipped_frameworks.py.
GBT_PAYLOAD: dict[str, Any] = {
    "Q1": {"items": ["approval", "procurement", "contract", "supervision", "acceptance"]},
    "Q2": {"numerator": 6, "denominator": 8},
    "Q3": {"value": 90},
    "Q4": {"value": 25},
    "Q5": {"numerator": 80, "denominator": 100},
    "Q6": {"level": "L3"},
    "Q7": {"value": "1.4"},
    "Q8": {"items": ["mlps_filed", "mlps_tested", "security_rules", "backup"]},
    "M1": {"value": "99.81"},
    "M2": {"events": {"general_failure": 2}},
    "M3": {"value": 3},
    "M4": {"numerator": 950, "denominator": 1000},
    "M5": {"numerator": 91, "denominator": 100},
    "M6": {"numerator": 60, "denominator": 100},
    "M7": {"events": {"overdue_high_vulnerability": 1}},
    "M8": {"level": "L3"},
    "A1": {"numerator": 81, "denominator": 100},
    "A2": {"numerator": 99, "denominator": 100},
    "A3": {"value": 88},
    "A4": {"value": 45},
    "E1": {"value": "1.3"},
    "E2": {"numerator": 9, "denominator": 10},
    "E3": {"value": 8},
    "E4": {"not_applicable": True, "reason": "生产能力无法界定 / capacity cannot be defined"},
    "E5": {"value": -5},
    "E6": {"not_applicable": True, "reason": "无债务融资 / no debt financing"},
}


def load(name: str) -> Framework:
    framework, errors = load_framework_file(FRAMEWORKS_DIR / name)
    assert not errors, [str(e) for e in errors]
    assert framework is not None
    return framework


def typed(framework: Framework, payload: dict[str, Any]) -> tuple[Answer, ...]:
    answers, errors = validate_answers(framework, payload)
    assert not errors, [e.to_dict() for e in errors]
    return answers


@pytest.fixture(scope="session")
def caict() -> Framework:
    return load("caict-gov-cloud-v1.yaml")


@pytest.fixture(scope="session")
def gbt() -> Framework:
    return load("gbt-42584-2023-v1.yaml")


@pytest.fixture(scope="session")
def caict_answers(caict: Framework) -> tuple[Answer, ...]:
    return typed(caict, CAICT_PAYLOAD)


@pytest.fixture(scope="session")
def gbt_answers(gbt: Framework) -> tuple[Answer, ...]:
    return typed(gbt, GBT_PAYLOAD)
