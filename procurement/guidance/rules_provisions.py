"""Readers for the provisions section (legal figures) and the evaluation section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procurement.guidance.rules_model import PriceWeight, RuleItem, Source
from procurement.guidance.rules_sections import PROFILE_KEYS, PROVENANCE_KEYS, PROVISION_SPECS
from procurement.guidance.types import BuyerType, Category, Method, Signatory
from procurement.guidance.yaml_checks import Checker, join

# --------------------------------------------------------------------------- provisions


def read_provisions(
    c: Checker, raw: Any, sources: Mapping[str, Source], jurisdictions: Mapping[str, Any]
) -> dict[str, RuleItem]:
    m = c.mapping(raw, "provisions")
    if m is None:
        return {}
    c.keys(m, "provisions", required=tuple(PROVISION_SPECS))
    out: dict[str, RuleItem] = {}
    for pid, value in m.items():
        if pid not in PROVISION_SPECS:
            continue
        p = join("provisions", pid)
        pm = c.mapping(value, p)
        if pm is None:
            continue
        spec = PROVISION_SPECS[pid]
        c.keys(pm, p, required=(*spec, "basis"), optional=PROVENANCE_KEYS)
        values = {k: _read_figure(c, pm, k, kind, p, jurisdictions) for k, kind in spec.items()}
        basis = c.basis(pm, p, sources)
        out[pid] = RuleItem(
            id=pid,
            values=values,
            basis=basis,
            secondary=c.boolean(pm, "secondary", p),
            modelled=c.boolean(pm, "modelled", p),
            note=c.string(pm, "note", p, nullable=True),
        )
    term = out.get("service_contract_term")
    if term:
        normal, extended = (
            term.values.get("normal_max_months"),
            term.values.get("extended_max_months"),
        )
        if normal and extended and extended < normal:
            c.error(
                "provisions.service_contract_term.extended_max_months",
                "must not be shorter than normal_max_months",
            )
    return out


def _read_figure(
    c: Checker,
    pm: dict[str, Any],
    key: str,
    kind: str,
    p: str,
    jurisdictions: Mapping[str, Any],
) -> Any:
    if key not in pm:
        return None
    enum_kinds = {
        "buyer_types": BuyerType,
        "signatories": Signatory,
        "methods": Method,
        "categories": Category,
    }
    if kind in enum_kinds:
        return c.enum_list(pm, key, p, enum_kinds[kind])
    if kind == "percent":
        return c.integer(pm, key, p, minimum=0, maximum=100)
    if kind == "months":
        return c.integer(pm, key, p, minimum=1)
    if kind == "amount":
        return c.amount(pm, key, p)
    if kind == "bool":
        value = pm.get(key)
        if not isinstance(value, bool):
            c.error(join(p, key), "expected true or false")
            return None
        return value
    if kind in ("jurisdictions", "jurisdictions_or_null"):
        if pm.get(key) is None and kind == "jurisdictions_or_null":
            return None
        items = c.list(pm, key, p)
        if items is None:
            if kind == "jurisdictions":
                c.error(join(p, key), "expected a list of jurisdiction keys")
            return None
        for i, j in enumerate(items):
            if not isinstance(j, str) or j not in jurisdictions:  # a list or mapping is unhashable
                c.error(f"{join(p, key)}[{i}]", f"unknown jurisdiction {j!r}")
        return tuple(j for j in items if isinstance(j, str) and j in jurisdictions)
    if kind == "profiles":
        return _read_profiles(c, pm, key, p)
    raise AssertionError(kind)  # pragma: no cover - spec table and readers move together


def _read_profiles(c: Checker, pm: dict[str, Any], key: str, p: str) -> dict[str, tuple]:
    pp = join(p, key)
    m = c.mapping(pm.get(key), pp)
    if m is None:
        return {}
    c.keys(m, pp, required=PROFILE_KEYS)
    return {k: c.enum_list(m, k, pp, Method) or () for k in PROFILE_KEYS if k in m}


# --------------------------------------------------------------------------- evaluation


def read_evaluation(
    c: Checker, raw: Any, sources: Mapping[str, Source]
) -> dict[str, dict[str, PriceWeight]]:
    m = c.mapping(raw, "evaluation")
    if m is None:
        return {}
    c.keys(m, "evaluation", required=("price_weight",), optional=("panel",))
    pw = (
        c.mapping(m.get("price_weight"), "evaluation.price_weight") if "price_weight" in m else None
    )
    out: dict[str, dict[str, PriceWeight]] = {}
    if pw is not None:
        c.keys(pw, "evaluation.price_weight", required=("tender", "consultation"))
        for stage, value in pw.items():
            sp = join("evaluation.price_weight", stage)
            sm = c.mapping(value, sp)
            if sm is None or stage not in ("tender", "consultation"):
                continue
            c.keys(sm, sp, required=("goods", "services"))
            out[stage] = {}
            for cat, cval in sm.items():
                cp = join(sp, cat)
                cm = c.mapping(cval, cp)
                if cm is None or cat not in ("goods", "services"):
                    continue
                c.keys(cm, cp, required=("min", "max", "basis"), optional=("secondary", "note"))
                lo = c.integer(cm, "min", cp, minimum=0, maximum=100, nullable=True)
                hi = c.integer(cm, "max", cp, minimum=0, maximum=100, nullable=True)
                if lo is not None and hi is not None and lo > hi:
                    c.error(cp, f"min {lo} is above max {hi}")
                out[stage][cat] = PriceWeight(
                    lo, hi, c.basis(cm, cp, sources), c.boolean(cm, "secondary", cp)
                )
    if "panel" in m:
        pm = c.mapping(m["panel"], "evaluation.panel")
        if pm is not None:
            c.keys(
                pm,
                "evaluation.panel",
                required=(
                    "min_members",
                    "odd",
                    "min_members_large",
                    "large_amount_at_least",
                    "basis",
                ),
                optional=("secondary", "note"),
            )
            c.integer(pm, "min_members", "evaluation.panel", minimum=1)
            c.integer(pm, "min_members_large", "evaluation.panel", minimum=1)
            c.amount(pm, "large_amount_at_least", "evaluation.panel")
            c.boolean(pm, "odd", "evaluation.panel")
            c.basis(pm, "evaluation.panel", sources)
    return out
