"""Shared fixtures: the shipped rule set (loaded once) and a facts builder."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from procurement.guidance import advise, load_rules_file, shipped_rules_dir
from procurement.guidance.rules_model import RuleSet
from procurement.guidance.types import BudgetLevel, BuyerType, Category, Facts, Result

RULES_FILE = shipped_rules_dir() / "cn-gov-procurement-v1.yaml"

BASE = Facts(
    date=date(2025, 6, 2),
    buyer_type=BuyerType.STATE_ORGAN,
    fiscal_funds_percent=Decimal(100),
    budget_level=BudgetLevel.CENTRAL,
    category=Category.SERVICES,
    amount=Decimal("1500000"),
)


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    rule_set, errors = load_rules_file(RULES_FILE)
    assert errors == []
    assert rule_set is not None
    return rule_set


@pytest.fixture(scope="session")
def raw_rules() -> dict:
    return yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))


def make(**changes) -> Facts:
    """``BASE`` with ``changes`` (amounts may be given as int or str)."""
    for key in ("amount", "same_item_purchases_ytd", "fiscal_funds_percent"):
        if key in changes and not isinstance(changes[key], Decimal):
            changes[key] = Decimal(str(changes[key]))
    return dataclasses.replace(BASE, **changes)


@pytest.fixture
def run(rules):
    def _run(**changes) -> Result:
        return advise(rules, make(**changes))

    return _run


def write_rules(tmp_path: Path, data: dict, name: str = "cn-gov-procurement-v1.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
