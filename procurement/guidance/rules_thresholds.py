"""Reader for the thresholds section: procurement limits and public-tender thresholds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procurement.guidance.rules_model import Source, ThresholdItem
from procurement.guidance.rules_sections import THRESHOLD_KINDS
from procurement.guidance.types import BudgetLevel, Category
from procurement.guidance.yaml_checks import Checker, join


def read_thresholds(
    c: Checker, raw: Any, sources: Mapping[str, Source], jurisdictions: Mapping[str, Any]
) -> tuple[ThresholdItem, ...]:
    if not isinstance(raw, list):
        c.error("thresholds", "expected a list of threshold items")
        return ()
    items: list[ThresholdItem] = []
    for i, value in enumerate(raw):
        p = f"thresholds[{i}]"
        tm = c.mapping(value, p)
        if tm is None:
            continue
        c.keys(
            tm,
            p,
            required=("jurisdiction", "levels", "kind", "categories", "amount", "basis"),
            optional=("secondary", "note", "effective_from", "effective_to"),
        )
        jur = c.string(tm, "jurisdiction", p)
        if jur is not None and jur not in jurisdictions:
            c.error(join(p, "jurisdiction"), f"unknown jurisdiction {jur!r}")
        kind = c.string(tm, "kind", p)
        if kind is not None and kind not in THRESHOLD_KINDS:
            c.error(
                join(p, "kind"),
                f"unknown kind {kind!r} (expected one of: {', '.join(THRESHOLD_KINDS)})",
            )
        levels = c.enum_list(tm, "levels", p, BudgetLevel)
        categories = c.enum_list(tm, "categories", p, Category)
        amount = c.amount(tm, "amount", p)
        note = c.string(tm, "note", p, nullable=True)
        if "amount" in tm and tm["amount"] is None and note is None:
            c.error(join(p, "note"), "a threshold without an amount needs a note saying why")
        basis = c.basis(tm, p, sources)
        if None in (jur, kind, levels, categories) or jur not in jurisdictions:
            continue
        if kind not in THRESHOLD_KINDS:
            continue
        items.append(
            ThresholdItem(
                jurisdiction=jur,
                levels=frozenset(levels or ()),
                kind=kind,
                categories=frozenset(categories or ()),
                amount=amount,
                basis=basis,
                secondary=c.boolean(tm, "secondary", p),
                note=note,
                effective_from=c.date(tm, "effective_from", p, nullable=True),
                effective_to=c.date(tm, "effective_to", p, nullable=True),
            )
        )
    _check_threshold_table(c, items, raw)
    return tuple(items)


def _check_threshold_table(c: Checker, items: list[ThresholdItem], raw: list[Any]) -> None:
    seen: dict[tuple[str, BudgetLevel, str, Category], int] = {}
    for idx, item in enumerate(items):
        for level in item.levels:
            for cat in item.categories:
                key = (item.jurisdiction, level, item.kind, cat)
                if key in seen and _ranges_overlap(items[seen[key]], item):
                    c.error(
                        "thresholds",
                        f"two figures for {item.jurisdiction}/{level}/{item.kind}/{cat} "
                        "with overlapping effective dates",
                    )
                seen[key] = idx
    for kind in THRESHOLD_KINDS:
        for cat in Category:
            if ("central", BudgetLevel.CENTRAL, kind, cat) not in seen:
                c.error(
                    "thresholds",
                    f"no central figure for {kind}/{cat}: the central figures are the fallback "
                    "for every province (use amount: null with a note if the law gives none)",
                )
    for (jur, level, kind, cat), idx in seen.items():
        if kind != "public_tender":
            continue
        limit_idx = seen.get((jur, level, "procurement_limit", cat))
        if limit_idx is None:
            continue
        tender, limit = items[idx].amount, items[limit_idx].amount
        if tender is not None and limit is not None and tender < limit:
            c.error(
                "thresholds",
                f"{jur}/{level}/{cat}: public-tender threshold {tender} is below the "
                f"procurement limit {limit}",
            )


def _ranges_overlap(a: ThresholdItem, b: ThresholdItem) -> bool:
    a_start, b_start = a.effective_from, b.effective_from
    a_end, b_end = a.effective_to, b.effective_to
    if a_end and b_start and a_end < b_start:
        return False
    return not (b_end and a_start and b_end < a_start)
