"""The shipped rule YAML feeds the engine: evaluation.price_weight has the shape it reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from procurement.comparison import PriceWeightTable
from procurement.comparison.types import basis_text

RULES = Path(__file__).resolve().parents[3] / "procurement" / "rules"
FILES = sorted(RULES.glob("*.yaml")) if RULES.is_dir() else []


def test_basis_text_accepts_text_and_the_yaml_mapping() -> None:
    assert basis_text("87号令 art. 55") == "87号令 art. 55"
    assert basis_text({"law": "87号令", "article": "第五十五条", "source": "MOF87"}) == (
        "87号令 第五十五条"
    )
    assert basis_text({"law": "87号令", "article": None}) == "87号令"
    assert basis_text(None) == ""


@pytest.mark.skipif(not FILES, reason="no rule YAML shipped yet")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_shipped_price_weight_ranges_load(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    price_weight = (data.get("evaluation") or {}).get("price_weight")
    if price_weight is None:
        pytest.skip(f"{path.name} has no evaluation.price_weight")
    table = PriceWeightTable.from_mapping(price_weight)
    for method in ("tender", "consultation"):
        for category in ("goods", "services"):
            found = table.lookup(method, category)
            assert found is not None, (method, category)
            assert Decimal(0) < found.min_percent < Decimal(100)
            assert found.max_percent is None or found.max_percent > found.min_percent
            assert found.basis and "{" not in found.basis
