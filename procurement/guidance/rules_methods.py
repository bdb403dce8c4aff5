"""Readers for the methods section (conditions, limits, periods) and the approvals section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from procurement.guidance.rules_model import (
    ApprovalRule,
    Condition,
    Limit,
    MethodRule,
    Period,
    Source,
)
from procurement.guidance.rules_sections import APPROVAL_RULE_IDS, METHOD_SPECS, ONLY_WHEN
from procurement.guidance.types import Approval, Category, Method, PeriodUnit
from procurement.guidance.yaml_checks import Checker, join

# --------------------------------------------------------------------------- methods


def read_methods(c: Checker, raw: Any, sources: Mapping[str, Source]) -> dict[Method, MethodRule]:
    m = c.mapping(raw, "methods")
    if m is None:
        return {}
    out: dict[Method, MethodRule] = {}
    for key, value in m.items():
        p = join("methods", key)
        method = c.enum(key, Method, p)
        mm = c.mapping(value, p)
        if method is None or mm is None:
            continue
        rule = _read_method(c, method, mm, p, sources)
        if rule is not None:
            out[method] = rule
    for method in Method:
        if method.value not in m:
            c.error(join("methods", method.value), "required method is missing")
    return out


def _read_method(
    c: Checker, method: Method, mm: dict[str, Any], p: str, sources: Mapping[str, Source]
) -> MethodRule | None:
    spec = METHOD_SPECS[method]
    c.keys(
        mm,
        p,
        required=("name_zh", "categories", "basis", "conditions", "limits", "periods"),
        optional=("secondary", "note", "effective_from", "effective_from_exact"),
    )
    conditions: dict[str, Condition] = {}
    cm = c.mapping(mm.get("conditions", {}), join(p, "conditions")) or {}
    for cid, cval in cm.items():
        cp = join(join(p, "conditions"), cid)
        if cid not in spec.conditions:
            known = ", ".join(sorted(spec.conditions)) or "none"
            c.error(cp, f"unknown condition for {method.value} (known: {known})")
            continue
        cvm = c.mapping(cval, cp)
        if cvm is None:
            continue
        c.keys(cvm, cp, required=("basis",), optional=("secondary", "note"))
        conditions[cid] = Condition(cid, c.basis(cvm, cp, sources), c.boolean(cvm, "secondary", cp))
    limits: dict[str, Limit] = {}
    lm = c.mapping(mm.get("limits", {}), join(p, "limits")) or {}
    for lid, lval in lm.items():
        lp = join(join(p, "limits"), lid)
        if lid not in spec.limits:
            known = ", ".join(sorted(spec.limits)) or "none"
            c.error(lp, f"unknown limit for {method.value} (known: {known})")
            continue
        lvm = c.mapping(lval, lp)
        if lvm is None:
            continue
        c.keys(lvm, lp, required=("value", "basis"), optional=("secondary", "note"))
        v = lvm.get("value")
        if isinstance(v, bool) or not isinstance(v, spec.limits[lid]):
            c.error(
                join(lp, "value"),
                f"expected {' or '.join(t.__name__ for t in spec.limits[lid])}, got {v!r}",
            )
            continue
        if isinstance(v, int) and v < 0:
            c.error(join(lp, "value"), f"must not be negative, got {v}")
            continue
        limits[lid] = Limit(
            lid,
            v,
            c.basis(lvm, lp, sources),
            c.boolean(lvm, "secondary", lp),
            c.string(lvm, "note", lp, nullable=True),
        )
    periods = _read_periods(c, method, mm, p, sources)
    categories = c.enum_list(mm, "categories", p, Category)
    name = c.string(mm, "name_zh", p)
    basis = c.basis(mm, p, sources)
    if name is None or categories is None:
        return None
    return MethodRule(
        method=method,
        name_zh=name,
        categories=frozenset(categories),
        basis=basis,
        conditions=conditions,
        limits=limits,
        periods=periods,
        secondary=c.boolean(mm, "secondary", p),
        effective_from=c.date(mm, "effective_from", p, nullable=True),
        effective_from_exact=c.boolean(mm, "effective_from_exact", p, default=True),
        note=c.string(mm, "note", p, nullable=True),
    )


def _read_periods(
    c: Checker, method: Method, mm: dict[str, Any], p: str, sources: Mapping[str, Source]
) -> tuple[Period, ...]:
    spec = METHOD_SPECS[method]
    items = c.list(mm, "periods", p) or []
    out: list[Period] = []
    ids: set[str] = set()
    for i, value in enumerate(items):
        pp = f"{join(p, 'periods')}[{i}]"
        pm = c.mapping(value, pp)
        if pm is None:
            continue
        c.keys(
            pm,
            pp,
            required=("id", "days", "unit", "basis"),
            optional=("after", "before", "only_when", "secondary", "note"),
        )
        pid = c.string(pm, "id", pp)
        if pid is not None and pid not in spec.periods:
            known = ", ".join(sorted(spec.periods)) or "none"
            c.error(join(pp, "id"), f"unknown period {pid!r} for {method.value} (known: {known})")
            pid = None
        if pid is not None and pid in ids:
            c.error(join(pp, "id"), f"duplicate period {pid!r}")
        days = c.integer(pm, "days", pp, minimum=1)
        unit = c.enum(pm.get("unit"), PeriodUnit, join(pp, "unit")) if "unit" in pm else None
        after = c.string(pm, "after", pp, nullable=True)
        before = c.string(pm, "before", pp, nullable=True)
        if (after is None) == (before is None):
            c.error(pp, "set exactly one of 'after' (start or an earlier period) or 'before'")
        anchor = after or before
        if anchor is not None and anchor not in ids and after != "start":
            c.error(
                join(pp, "after" if after else "before"),
                f"{anchor!r} is not 'start' or an earlier period of this method",
            )
            anchor = None
        only_when = c.string(pm, "only_when", pp, nullable=True)
        if only_when is not None and only_when not in ONLY_WHEN:
            c.error(
                join(pp, "only_when"),
                f"unknown situation {only_when!r} (known: {', '.join(sorted(ONLY_WHEN))})",
            )
        basis = c.basis(pm, pp, sources)
        if pid is None or days is None or unit is None or anchor is None:
            continue
        ids.add(pid)
        out.append(
            Period(
                pid,
                days,
                unit,
                after,
                before,
                basis,
                c.boolean(pm, "secondary", pp),
                only_when,
                c.string(pm, "note", pp, nullable=True),
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- approvals


def read_approvals(c: Checker, raw: Any, sources: Mapping[str, Source]) -> dict[str, ApprovalRule]:
    m = c.mapping(raw, "approvals")
    if m is None:
        return {}
    c.keys(m, "approvals", required=APPROVAL_RULE_IDS)
    out: dict[str, ApprovalRule] = {}
    for aid, value in m.items():
        p = join("approvals", aid)
        am = c.mapping(value, p)
        if am is None or aid not in APPROVAL_RULE_IDS:
            continue
        c.keys(am, p, required=("requires", "methods", "before_start", "basis"), optional=("note",))
        requires = c.enum_list(am, "requires", p, Approval)
        methods = c.enum_list(am, "methods", p, Method)
        basis = c.basis(am, p, sources)
        if requires is None or methods is None:
            continue
        out[aid] = ApprovalRule(
            aid,
            requires,
            methods,
            c.boolean(am, "before_start", p),
            basis,
            c.string(am, "note", p, nullable=True),
        )
    return out
