"""From stored rows to the pure comparison engine and back.

The legal figures (price-weight ranges, panel size) come from the evaluation's pinned rule-set
version; the tender documents' figures (criteria, SME deduction, rounding, tie-break order,
abnormal-price threshold) from the evaluation itself. Nothing here writes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from procurement.comparison import (
    TEMPLATES,
    Bid,
    Category,
    Criterion,
    EvaluationResult,
    EvaluationRules,
    MemberScore,
    PriceWeightTable,
    Rounding,
    abnormally_low_prices,
    evaluate,
    price_weight_sensitivity,
    to_dict,
    winning_prices,
)

from .models import Evaluation

# Engine field paths → this app's field names.
_FIELD_MAP = (
    (re.compile(r"^rules\.criteria\[(\d+)\]\.(\w+)$"), r"criteria.\1.\2"),
    (re.compile(r"^rules\.criteria$"), "criteria"),
    (re.compile(r"^rules\.price_weights$"), "criteria"),
    (re.compile(r"^rules\.category\.kind$"), "category"),
    (re.compile(r"^rules\.category\.(goods_share|services_share)$"), r"\1"),
    (re.compile(r"^rules\.method$"), "procurement_method"),
    (re.compile(r"^rules\.sme_deduction_percent$"), "sme_deduction_percent"),
    (re.compile(r"^rules\.rounding\.places$"), "rounding_places"),
    (re.compile(r"^rules\.rounding\.mode$"), "rounding_mode"),
    (re.compile(r"^rules\.tie_break\[\d+\]$"), "tie_break"),
    (re.compile(r"^bids\[(\d+)\]\.(\w+)$"), r"bids.\1.\2"),
    (re.compile(r"^bids\[(\d+)\]\.scores\.(.+)$"), r"bids.\1.scores.\2"),
    (re.compile(r"^member_scores\[(\d+)\]\.(\w+)$"), r"member_scores.\1.\2"),
    (re.compile(r"^threshold_percent$"), "abnormal_threshold_percent"),
)


def api_field(field: str | None, default: str = "non_field_errors") -> str:
    if not field:
        return default
    for pattern, replacement in _FIELD_MAP:
        if pattern.match(field):
            return pattern.sub(replacement, field)
    return field


def render(message: dict | Any) -> str:
    """A message (engine Message or its stored dict form) in the request language."""
    if isinstance(message, dict):
        code, params = message["code"], message.get("params", {})
    else:
        code, params = message.code, {k: str(v) for k, v in message.params.items()}
    return gettext(TEMPLATES[code]) % {k: str(v) for k, v in params.items()}


def localize(data: Any) -> Any:
    """Re-render every serialised message ({code, params, message}) in the request language,
    so that a sealed record (stored with English text) reads in the reader's language."""
    if isinstance(data, dict):
        if "code" in data and "params" in data and "message" in data and data["code"] in TEMPLATES:
            return {**data, "message": render(data)}
        return {key: localize(value) for key, value in data.items()}
    if isinstance(data, list):
        return [localize(item) for item in data]
    return data


def price_weight_table(evaluation: Evaluation) -> PriceWeightTable:
    return PriceWeightTable.from_mapping(evaluation.rule_set.content["evaluation"]["price_weight"])


def required_members(evaluation: Evaluation) -> int | None:
    """Panel size from the rule data: the larger panel at or above its budget threshold."""
    panel = evaluation.rule_set.content.get("evaluation", {}).get("panel")
    if not panel:
        return None
    large_from = panel.get("large_amount_at_least")
    if large_from is not None and evaluation.project.amount >= Decimal(str(large_from)):
        return int(panel.get("min_members_large") or panel["min_members"])
    return int(panel["min_members"])


def rules_for(evaluation: Evaluation, criteria=None) -> EvaluationRules:
    """The engine's rules; ``criteria`` (rows or dicts) overrides the stored ones."""
    rows = list(evaluation.criteria.all()) if criteria is None else criteria
    return EvaluationRules(
        method=evaluation.engine_method,
        category=Category(
            kind=evaluation.category,
            goods_share=evaluation.goods_share,
            services_share=evaluation.services_share,
        ),
        criteria=tuple(
            Criterion(code=_get(c, "code"), name=_get(c, "name"), kind=_get(c, "kind"),
                      max_points=_get(c, "max_points"))
            for c in rows
        ),
        price_weights=price_weight_table(evaluation),
        rounding=Rounding(places=evaluation.rounding_places, mode=evaluation.rounding_mode),
        sme_deduction_percent=evaluation.sme_deduction_percent,
        tie_break=tuple(evaluation.tie_break or ()),
        required_members=required_members(evaluation),
    )


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def rule_errors(rules: EvaluationRules) -> dict[str, list[str]]:
    """The rules' own errors (price weight outside the legal range, criteria not adding up to
    100 …), found by running the engine without bids and keeping the errors about the rules."""
    result = evaluate(rules, (), ())
    errors: dict[str, list[str]] = {}
    for message in result.errors:
        if message.field and message.field.startswith("rules."):
            errors.setdefault(api_field(message.field), []).append(render(message))
    return errors


def engine_inputs(evaluation: Evaluation, bids, scores) -> tuple[list[Bid], list[MemberScore]]:
    engine_bids = [
        Bid(bidder_id=b.bidder_name, price=b.price, name=b.bidder_name, sme_eligible=b.sme_eligible)
        for b in bids
    ]
    engine_scores = [
        MemberScore(
            member_id=s.member.get_username(),
            bidder_id=s.bid.bidder_name,
            criterion_code=s.criterion.code,
            points=s.points,
        )
        for s in scores
    ]
    return engine_bids, engine_scores


def compute(evaluation: Evaluation, bids, scores) -> tuple[EvaluationResult, dict]:
    """The evaluation and its robustness analysis, both as JSON-ready data (English text)."""
    engine_bids, engine_scores = engine_inputs(evaluation, bids, scores)
    result = evaluate(rules_for(evaluation), engine_bids, engine_scores)
    threshold = evaluation.abnormal_threshold_percent
    sensitivity = {
        "price_weight": to_dict(price_weight_sensitivity(result)),
        "winning_prices": to_dict(winning_prices(result)),
        "abnormally_low": to_dict(abnormally_low_prices(engine_bids, threshold_percent=threshold)),
    }
    return result, sensitivity


def redact_member_scores(result: dict) -> dict:
    """The result without any member's individual points (means and totals stay)."""
    bids = [
        {**bid, "criteria": [{**c, "member_scores": []} for c in bid.get("criteria", [])]}
        for bid in result.get("bids", [])
    ]
    return {**result, "members": [], "bids": bids}
