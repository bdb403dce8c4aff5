"""Showing a stored (language-neutral) guidance result in the reader's language.

Results are stored as codes and params; `with_texts` adds the rendered `text` to every coded
object, through Django's gettext in the active language — the same shape as
`result_to_dict(result, translate=gettext)`, so the API and the pages read one structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from procurement.guidance.labels import LABELS
from procurement.guidance.messages import MESSAGES, render
from procurement.guidance.rules_model import RuleSet
from procurement.wizard.questions import QUESTIONS

_LABEL_GROUPS = {
    "buyer_type": "buyer_type",
    "signatory": "signatory",
    "category": "category",
    "approvals_obtained": "approval",
}


def with_texts(data: Any) -> Any:
    """A copy of `data` with `text` added to every object that has a known `code`."""
    if isinstance(data, Mapping):
        out = {k: with_texts(v) for k, v in data.items()}
        code = data.get("code")
        if isinstance(code, str) and code in MESSAGES:
            out["text"] = render(code, data.get("params") or {}, gettext)
        return out
    if isinstance(data, list):
        return [with_texts(v) for v in data]
    return data


def label(group: str, key: Any) -> str:
    """The translated label of an engine value, or the value itself if there is none."""
    text = LABELS.get(group, {}).get(str(key))
    return gettext(text) if text else str(key)


def yuan(value: Any) -> str:
    """An amount in yuan with thousands separators, trailing zero fen dropped."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


def facts_summary(facts: Mapping[str, Any], rules: RuleSet | None) -> list[tuple[str, str]]:
    """(question, answer) for every fact given or not left at its default, in wizard order."""
    rows: list[tuple[str, str]] = []
    addon = facts.get("addon") or {}
    preferences = facts.get("preferences") or {}
    for key, q in QUESTIONS.items():
        if key == "is_addon":
            value: Any = bool(addon) or None
        elif key.startswith("addon_"):
            value = addon.get(key.removeprefix("addon_"))
        elif key.startswith("preferences_"):
            value = preferences.get(key.removeprefix("preferences_"))
        else:
            value = facts.get(key)
        if value is None or value is False or value == [] or value == "":
            continue
        if key == "same_item_purchases_ytd" and Decimal(str(value)) == 0:
            continue
        rows.append((str(q.label), _answer_text(key, q.kind, value, rules)))
    return rows


def _answer_text(key: str, kind: str, value: Any, rules: RuleSet | None) -> str:
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if key in _LABEL_GROUPS and isinstance(value, list):
        return "、".join(label(_LABEL_GROUPS[key], v) for v in value)
    if key in _LABEL_GROUPS:
        return label(_LABEL_GROUPS[key], value)
    if key == "province" and rules is not None and value in rules.jurisdictions:
        return rules.jurisdictions[value].name_zh
    if key == "budget_level":
        return {
            "central": gettext("Central"), "province": gettext("Province"),
            "city": gettext("City"), "county": gettext("County"),
        }.get(value, str(value))
    if key == "payment_model":
        return gettext("Unit price × usage (pay as used)") if value == "usage" else gettext(
            "Fixed total price"
        )
    if kind == "money":
        return f"{yuan(value)} {gettext('yuan')}"
    return str(value)


def result_context(stored: Mapping[str, Any], rules: RuleSet | None) -> dict[str, Any]:
    """Template context for a stored result: texts added, thresholds and models as lists."""
    result = with_texts(stored)
    thresholds = []
    for key in ("procurement_limit", "public_tender"):
        t = result["thresholds"].get(key)
        if t is not None:
            j = rules.jurisdictions.get(t["jurisdiction"]) if rules else None
            t["jurisdiction_name"] = j.name_zh if j else t["jurisdiction"]
            thresholds.append(t)
    return {
        "result": result,
        "thresholds": thresholds,
        "models": [result["cooperation"], result["deployment"]],
    }
