"""The stateless score check behind POST /api/v1/procurement/bid-scores/.

The legal price-weight range, when method and category are given, comes from the rule-set
version in force today (stored by the procurement app's loader).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.comparison import (
    DEFAULT_TIE_BREAK,
    CheckBid,
    PriceWeightTable,
    Rounding,
    ScoreCheckRules,
    score_bids,
    to_dict,
)
from procurement.selectors.rule_sets import rule_set_version_in_force

from .engine import localize, render

_FIELDS = {
    "rules.price_points": "price_points",
    "rules.rounding.places": "rounding.places",
    "rules.rounding.mode": "rounding.mode",
    "rules.sme_deduction_percent": "sme_deduction_percent",
}


def _field(path: str | None) -> str:
    if not path:
        return "non_field_errors"
    if path in _FIELDS:
        return _FIELDS[path]
    if path.startswith("rules.tie_break"):
        return "tie_break"
    return path.replace("[", ".").replace("]", "")


def score_check(data: dict[str, Any]) -> dict[str, Any]:
    """{"result": …} or {"errors": {field: [message]}}."""
    weight_range, rule_ref = None, None
    if data.get("method"):
        version = rule_set_version_in_force(on=timezone.localdate())
        if version is None:
            return {"errors": {"method": [_("No procurement rule set is loaded for today.")]}}
        table = PriceWeightTable.from_mapping(version.content["evaluation"]["price_weight"])
        weight_range = table.lookup(data["method"], data["category"])
        rule_ref = {"slug": version.slug, "version": version.version, "content_hash": version.content_hash}
    rounding = data.get("rounding") or {}
    rules = ScoreCheckRules(
        price_points=data["price_points"],
        rounding=Rounding(places=rounding.get("places", 2), mode=rounding.get("mode", ROUND_HALF_UP)),
        sme_deduction_percent=data.get("sme_deduction_percent", Decimal(0)),
        tie_break=tuple(data.get("tie_break") or DEFAULT_TIE_BREAK),
        price_weight_range=weight_range,
        category=data.get("category", ""),
    )
    bids = [CheckBid(**bid) for bid in data["bids"]]
    result = score_bids(rules, bids)
    if result.errors:
        errors: dict[str, list[str]] = {}
        for message in result.errors:
            errors.setdefault(_field(message.field), []).append(render(message))
        return {"errors": errors}
    return {"result": {"rule_set": rule_ref, **localize(to_dict(result))}}
