"""Readers for each section of a rule file (used by :mod:`rules_schema`).

The sets below name what the engine understands: condition ids, limit ids and period ids per
method, provisions and their figures, model criteria and options. A rule file may leave a
condition out (the engine then treats that route as unavailable) but may not invent ids the
engine would silently ignore.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from procurement.guidance.messages import has_message, model_reason_code
from procurement.guidance.rules_model import (
    ApprovalRule,
    Condition,
    Jurisdiction,
    Limit,
    MethodRule,
    ModelChoice,
    ModelCriterion,
    ModelSet,
    Period,
    PriceWeight,
    RuleItem,
    Source,
    ThresholdItem,
)
from procurement.guidance.types import (
    Approval,
    BudgetLevel,
    BuyerType,
    Category,
    Method,
    PeriodUnit,
    Signatory,
)
from procurement.guidance.yaml_checks import Checker, join

PROVENANCE_KEYS = ("basis", "secondary", "modelled", "note")


@dataclass(frozen=True)
class MethodSpec:
    conditions: frozenset[str]
    limits: Mapping[str, tuple[type, ...]]
    periods: frozenset[str]


METHOD_SPECS: dict[Method, MethodSpec] = {
    Method.PUBLIC_TENDER: MethodSpec(
        frozenset(),
        {"min_qualified_bidders": (int,)},
        frozenset({"documents_on_sale", "bid_deadline", "clarification_cutoff"}),
    ),
    Method.INVITED_TENDER: MethodSpec(
        frozenset({"limited_supplier_pool", "tender_cost_disproportionate"}),
        {"min_suppliers": (int,)},
        frozenset({"documents_on_sale", "bid_deadline", "clarification_cutoff"}),
    ),
    Method.COMPETITIVE_NEGOTIATION: MethodSpec(
        frozenset(
            {
                "failed_tender",
                "specs_not_fixable",
                "urgent_not_caused_by_buyer",
                "price_not_calculable",
            }
        ),
        {
            "min_suppliers": (int,),
            "panel_min_members": (int,),
            "panel_min_members_above_threshold": (int,),
            "panel_expert_share_min": (str,),
            "failed_tender_responsive_bidders": (int,),
        },
        frozenset({"response_deadline"}),
    ),
    Method.COMPETITIVE_CONSULTATION: MethodSpec(
        frozenset(
            {
                "purchase_of_services",
                "specs_not_fixable",
                "price_not_calculable",
                "research_or_tech_transfer",
                "works_not_tendered",
            }
        ),
        {"min_suppliers": (int,), "min_suppliers_purchase_of_services": (int,)},
        frozenset({"documents_on_sale", "first_response_deadline"}),
    ),
    Method.SINGLE_SOURCE: MethodSpec(
        frozenset({"sole_supplier", "unforeseeable_emergency", "addon_consistency"}),
        {},
        frozenset({"public_notice"}),
    ),
    Method.ENQUIRY: MethodSpec(
        frozenset({"standard_goods"}), {"min_suppliers": (int,)}, frozenset({"response_deadline"})
    ),
    Method.FRAMEWORK_AGREEMENT: MethodSpec(
        frozenset(
            {
                "small_repeat_catalogue_orders",
                "attestation_consulting_services",
                "users_choose_supplier",
            }
        ),
        {"max_term_months_goods": (int,), "max_term_months_services": (int,)},
        frozenset(),
    ),
    Method.COOPERATIVE_INNOVATION: MethodSpec(
        frozenset({"no_market_solution_rd"}),
        {
            "panel_min_members": (int,),
            "max_rd_suppliers": (int,),
            "rd_plan_min_score_percent": (int,),
        },
        frozenset({"public_notice"}),
    ),
}

ONLY_WHEN = frozenset({"sole_supplier_above_threshold"})

# provision id -> {figure key -> kind}
PROVISION_SPECS: dict[str, dict[str, str]] = {
    "applicability": {"buyer_types": "buyer_types"},
    "central_procurement": {},
    "catalogue_lists_cloud": {"jurisdictions": "jurisdictions"},
    "tender_law_risk": {"signatories": "signatories"},
    "works_tender_law": {},
    "splitting": {},
    "addon": {"max_total_percent": "percent"},
    "info_system": {
        "excluded_methods": "methods",
        "excluded_categories": "categories",
        "jurisdictions": "jurisdictions_or_null",
    },
    "needs_survey": {"amount_at_least": "amount", "categories": "categories"},
    "service_contract_term": {"normal_max_months": "months", "extended_max_months": "months"},
    "timeline_counting": {"start_day_counted": "bool"},
    "recommendation": {"profiles": "profiles"},
}

PROFILE_KEYS = ("standardised", "complex_specifiable", "supplier_proposes")
APPROVAL_RULE_IDS = ("deviation_from_public_tender", "failed_tender_two_bidders")
THRESHOLD_KINDS = ("procurement_limit", "public_tender")


# --------------------------------------------------------------------------- sources


def read_sources(c: Checker, raw: Any) -> dict[str, Source]:
    m = c.mapping(raw, "sources")
    if m is None:
        return {}
    out: dict[str, Source] = {}
    for sid, value in m.items():
        p = join("sources", sid)
        sm = c.mapping(value, p)
        if sm is None:
            continue
        c.keys(
            sm, p, required=("title", "url"), optional=("secondary", "in_domain_sources", "note")
        )
        url = c.string(sm, "url", p, nullable=True)
        in_domain = c.boolean(sm, "in_domain_sources", p, default=True)
        if url is not None and not url.startswith(("http://", "https://")):
            c.error(join(p, "url"), f"expected an http(s) URL, got {url!r}")
        if url is None and in_domain and "url" in sm:
            c.error(
                join(p, "url"),
                "a source from the domain Sources list needs its URL "
                "(set in_domain_sources: false for a source named without one)",
            )
        out[sid] = Source(
            id=sid,
            title=c.string(sm, "title", p) or sid,
            url=url,
            secondary=c.boolean(sm, "secondary", p),
            in_domain_sources=in_domain,
            note=c.string(sm, "note", p, nullable=True),
        )
    return out


def read_jurisdictions(c: Checker, raw: Any) -> dict[str, Jurisdiction]:
    m = c.mapping(raw, "jurisdictions")
    if m is None:
        return {}
    out: dict[str, Jurisdiction] = {}
    for key, value in m.items():
        p = join("jurisdictions", key)
        jm = c.mapping(value, p)
        if jm is None:
            continue
        c.keys(jm, p, required=("name_zh",))
        out[key] = Jurisdiction(key=key, name_zh=c.string(jm, "name_zh", p) or key)
    if "central" not in out:
        c.error("jurisdictions", "must include 'central' (the fallback for every province)")
    return out


# --------------------------------------------------------------------------- thresholds


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


# --------------------------------------------------------------------------- models


def read_models(
    c: Checker, raw: Any, kind: str, section: str, sources: Mapping[str, Source]
) -> ModelSet | None:
    m = c.mapping(raw, section)
    if m is None:
        return None
    c.keys(m, section, required=("modelled", "scale", "basis", "criteria", "options"))
    modelled = c.boolean(m, "modelled", section)
    if not modelled:
        c.error(join(section, "modelled"), "these scores are our modelling: set modelled: true")
    scale = c.mapping(m.get("scale", {}), join(section, "scale")) or {}
    lo = c.integer(scale, "min", join(section, "scale"), minimum=0) or 0
    hi = c.integer(scale, "max", join(section, "scale"), minimum=1) or 0
    if lo >= hi:
        c.error(join(section, "scale"), "min must be below max")
    criteria: list[ModelCriterion] = []
    cm = c.mapping(m.get("criteria", {}), join(section, "criteria")) or {}
    for key, value in cm.items():
        p = join(join(section, "criteria"), key)
        vm = c.mapping(value, p)
        if vm is None:
            continue
        c.keys(vm, p, required=("name_zh", "weight"))
        weight = c.integer(vm, "weight", p, minimum=0, maximum=5)
        criteria.append(ModelCriterion(key, c.string(vm, "name_zh", p) or key, weight or 0))
    if criteria and not any(cr.weight for cr in criteria):
        c.error(join(section, "criteria"), "at least one criterion needs a weight above 0")
    options: list[ModelChoice] = []
    om = c.mapping(m.get("options", {}), join(section, "options")) or {}
    keys = [cr.key for cr in criteria]
    for key, value in om.items():
        p = join(join(section, "options"), key)
        vm = c.mapping(value, p)
        if vm is None:
            continue
        c.keys(vm, p, required=("name_zh", "scores"), optional=("excluded_when_sensitive",))
        sm = c.mapping(vm.get("scores", {}), join(p, "scores")) or {}
        c.keys(sm, join(p, "scores"), required=keys)
        scores = {k: c.integer(sm, k, join(p, "scores"), minimum=lo, maximum=hi) for k in sm}
        for crit in keys:
            code = model_reason_code(kind, key, crit)
            if not has_message(code):
                c.error(
                    join(p, "scores"),
                    f"no translatable message {code} for option {key!r} / {crit!r}; "
                    "add it to procurement/guidance/messages.py",
                )
        options.append(
            ModelChoice(
                key,
                c.string(vm, "name_zh", p) or key,
                {k: v for k, v in scores.items() if v is not None},
                c.boolean(vm, "excluded_when_sensitive", p),
            )
        )
    if len(options) < 2:
        c.error(join(section, "options"), "needs at least two options to compare")
    return ModelSet(
        kind, tuple(criteria), tuple(options), lo, hi, c.basis(m, section, sources), modelled
    )
