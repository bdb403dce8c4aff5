"""The guidance engine: ``advise(rules, facts) -> Result``.

Pure function of a validated :class:`RuleSet` and :class:`Facts`: no Django, no I/O (the
working-day calendar is a library lookup). Impossible facts raise :class:`InvalidFacts` with
field-level errors; nothing else raises for bad input.
"""

from __future__ import annotations

from collections.abc import Sequence

from procurement.guidance import warnings as w
from procurement.guidance.context import Context
from procurement.guidance.facts import validate_facts
from procurement.guidance.methods import all_verdicts
from procurement.guidance.models_advice import advise_models
from procurement.guidance.rules_model import RuleSet
from procurement.guidance.rules_schema import in_force_until, select_rule_set
from procurement.guidance.thresholds import resolve_thresholds
from procurement.guidance.timeline import WorkdayCalendar, build_timeline, supported_years
from procurement.guidance.types import (
    Applicability,
    Category,
    Facts,
    FieldError,
    GuidanceWarning,
    InvalidFacts,
    Message,
    Method,
    MethodVerdict,
    Recommendation,
    Result,
    Severity,
    Timeline,
    Verdict,
)

SOLE_ABOVE = "sole_supplier_above_threshold"


def advise(rules: RuleSet, facts: Facts) -> Result:
    """Method guidance for ``facts`` under ``rules`` (see the module docstring)."""
    errors = validate_facts(facts, rules)
    if errors:
        raise InvalidFacts(errors)
    thresholds, warnings = resolve_thresholds(rules, facts)
    ctx = Context(rules, facts, thresholds)
    applicability = assess_applicability(ctx)
    verdicts = all_verdicts(ctx)
    approvals = w.required_approvals(ctx, verdicts)
    timelines, cal = build_timelines(ctx, verdicts)
    warnings += (
        w.law_not_applicable(ctx, applicability)
        + w.level_note(ctx)
        + w.tender_law_risk(ctx)
        + w.works_tender_law(ctx)
        + w.central_procurement(ctx)
        + w.splitting(ctx)
        + w.addon_over_limit(ctx)
        + w.needs_survey(ctx)
        + w.service_contract_term(ctx)
        + w.payment_model(ctx)
        + w.method_date_uncertain(ctx, verdicts)
        + w.approvals_missing(ctx, approvals)
        + w.timeline_beyond_calendar(cal.first_unsupported, supported_years())
    )
    cooperation, deployment = advise_models(rules, facts)
    return Result(
        rules=rules.ref,
        facts=facts,
        applicability=applicability,
        thresholds=thresholds,
        verdicts=verdicts,
        recommended=recommend(ctx, verdicts, applicability),
        approvals=approvals,
        documents=required_documents(ctx, verdicts, warnings),
        warnings=tuple(_order(warnings)),
        timelines=timelines,
        cooperation=cooperation,
        deployment=deployment,
    )


def advise_on_date(rule_sets: Sequence[RuleSet], facts: Facts) -> Result:
    """Pick the rule set in force on ``facts.date`` and advise; a date outside every rule set
    is a field error on ``date``."""
    rules = select_rule_set(rule_sets, facts.date)
    if rules is None:
        ranges = "; ".join(
            f"{r.slug} v{r.version}: {r.effective_from}–{in_force_until(r, rule_sets) or ''}"
            for r in rule_sets
        )
        raise InvalidFacts(
            (
                FieldError(
                    "date", "DATE_OUTSIDE_RULE_SETS", {"date": facts.date, "ranges": ranges or "-"}
                ),
            )
        )
    return advise(rules, facts)


# --------------------------------------------------------------------------- applicability


def assess_applicability(ctx: Context) -> Applicability:
    """LAW 2 / REG 2: the law applies only if the buyer is a 国家机关 / 事业单位 / 团体组织
    spending 财政性资金 (any share above 0 %) AND the item is in the 集中采购目录 or at/above
    the 采购限额标准. Unknown catalogue status counts as "not in the catalogue" (the amount test
    still applies). Each failing or passing test is a reason."""
    f = ctx.facts
    rule = ctx.rules.rule("applicability")
    reasons: list[Message] = []
    buyer_ok = f.buyer_type in rule.values["buyer_types"]
    reasons.append(
        Message(
            "BUYER_IN_SCOPE" if buyer_ok else "BUYER_NOT_IN_SCOPE",
            {"buyer_type": f.buyer_type.value},
            rule.basis,
        )
    )
    funds_ok = f.fiscal_funds_percent > 0
    reasons.append(
        Message(
            "FISCAL_FUNDS_USED" if funds_ok else "NO_FISCAL_FUNDS",
            {"percent": f.fiscal_funds_percent},
            rule.basis,
        )
    )
    limit = ctx.thresholds.procurement_limit
    above = ctx.thresholds.above_procurement_limit
    in_catalogue = ctx.in_catalogue is True
    if in_catalogue:
        reasons.append(
            Message("IN_CENTRAL_CATALOGUE", {}, ctx.rules.rule("central_procurement").basis)
        )
    limit_amount = limit.amount if limit is not None and limit.amount is not None else "-"
    limit_basis = limit.basis if limit is not None else ()
    if above:
        reasons.append(
            Message("AT_OR_ABOVE_LIMIT", {"amount": f.amount, "limit": limit_amount}, limit_basis)
        )
    elif above is False and not in_catalogue:
        reasons.append(
            Message(
                "BELOW_LIMIT_NOT_IN_CATALOGUE",
                {"amount": f.amount, "limit": limit_amount},
                limit_basis,
            )
        )
    elif above is None and not in_catalogue:
        reasons.append(Message("LIMIT_UNKNOWN", {}, limit_basis))
    return Applicability(
        applies=buyer_ok and funds_ok and (in_catalogue or bool(above)), reasons=tuple(reasons)
    )


# --------------------------------------------------------------------------- recommendation


def _profile(ctx: Context) -> str:
    f = ctx.facts
    if f.standard_goods is True and f.category == Category.GOODS:
        return "standardised"
    if f.specs_fixable is False:
        return "supplier_proposes"
    return "complex_specifiable"


def _situational(ctx: Context) -> list[Method]:
    """Methods the facts point at directly (add-on, sole supplier, R&D, repeat orders...)."""
    f = ctx.facts
    out: list[Method] = []
    if ctx.addon is not None or (f.capable_suppliers == 1 and f.sole_supplier_evidence):
        out.append(Method.SINGLE_SOURCE)
    if f.rd_need and f.no_market_solution:
        out.append(Method.COOPERATIVE_INNOVATION)
    if f.repeat_small_orders or f.users_choose_supplier or f.attestation_consulting_services:
        out.append(Method.FRAMEWORK_AGREEMENT)
    if f.earlier_tender_failed:
        out += [Method.COMPETITIVE_NEGOTIATION, Method.COMPETITIVE_CONSULTATION]
    return out


def recommend(
    ctx: Context, verdicts: Sequence[MethodVerdict], applicability: Applicability
) -> tuple[Recommendation, ...]:
    """Usable methods, best first (modelled order, profiles from ``provisions.recommendation``).

    Order key: methods the facts point at directly first (add-on / sole supplier → 单一来源,
    R&D → 合作创新, repeat orders → 框架协议, failed tender → 谈判/磋商); then ``allowed``
    before ``allowed_with_approval`` (LAW 26: public tender is the main method, deviations need
    approval); then the need profile's order (standardised / complex but specifiable /
    supplier proposes, domain §3); then the fixed method order. Nothing is recommended when
    the law does not apply.
    """
    if not applicability.applies:
        return ()
    usable = [v for v in verdicts if v.verdict != Verdict.NOT_ALLOWED]
    situational = _situational(ctx)
    profile_name = _profile(ctx)
    profile = list(ctx.rules.recommendation_profiles.get(profile_name, ()))
    order = list(Method)

    def key(v: MethodVerdict) -> tuple[int, int, int, int]:
        sit = situational.index(v.method) if v.method in situational else len(situational)
        prof = profile.index(v.method) if v.method in profile else len(profile)
        return (sit, v.verdict != Verdict.ALLOWED, prof, order.index(v.method))

    basis = ctx.rules.rule("recommendation").basis
    out = []
    for v in sorted(usable, key=key):
        reasons = []
        if v.method in situational:
            reasons.append(
                Message("RECOMMEND_FACTS_POINT_HERE", {}, v.reasons[0].basis if v.reasons else ())
            )
        if v.method in profile:
            reasons.append(Message(f"RECOMMEND_PROFILE_{profile_name.upper()}", {}, basis))
        if v.verdict == Verdict.ALLOWED_WITH_APPROVAL:
            reasons.append(Message("RECOMMEND_NEEDS_APPROVAL", {}, ()))
        out.append(Recommendation(v.method, v.verdict, tuple(reasons)))
    return tuple(out)


# --------------------------------------------------------------------------- documents, timeline


def required_documents(
    ctx: Context, verdicts: Sequence[MethodVerdict], warnings: Sequence[GuidanceWarning]
) -> tuple[Message, ...]:
    """Documents the buyer must prepare: the 需求调查 when triggered; per usable method its
    written approvals; for 单一来源 at/above the threshold with a unique supplier the expert
    opinion and public notice (REG 38); for an add-on the consistency reason (LAW 31(三))."""
    docs: list[Message] = []
    survey = [x for x in warnings if x.code.startswith("NEEDS_SURVEY_")]
    if survey:
        docs.append(Message("DOC_NEEDS_SURVEY", {}, survey[0].basis))
    for v in verdicts:
        if v.verdict == Verdict.NOT_ALLOWED:
            continue
        for a in v.approvals:
            docs.append(Message(f"DOC_{a.value.upper()}", {"method_zh": v.name_zh}, ()))
        for req in v.requirements:
            if req.code in ("REQ_EXPERT_OPINION", "REQ_SOLE_SUPPLIER_NOTICE"):
                docs.append(Message(req.code.replace("REQ_", "DOC_"), dict(req.params), req.basis))
        if v.method == Method.SINGLE_SOURCE and any(
            r.code == "MET_ADDON_CONSISTENCY" for r in v.reasons
        ):
            docs.append(Message("DOC_ADDON_CONSISTENCY", {}, ctx.rules.rule("addon").basis))
    return tuple(docs)


def build_timelines(
    ctx: Context, verdicts: Sequence[MethodVerdict]
) -> tuple[tuple[Timeline, ...], WorkdayCalendar]:
    """A minimum timeline for every usable method that has statutory periods in the data."""
    cal = WorkdayCalendar()
    start = ctx.facts.timeline_start or ctx.facts.date
    counted = bool(ctx.rules.rule("timeline_counting").values["start_day_counted"])
    out: list[Timeline] = []
    for v in verdicts:
        rule = ctx.rules.methods[v.method]
        if v.verdict == Verdict.NOT_ALLOWED or not rule.periods:
            continue
        situations = frozenset()
        if (
            v.method == Method.SINGLE_SOURCE
            and ctx.above_tender
            and any(r.code == "MET_SOLE_SUPPLIER" for r in v.reasons)
        ):
            situations = frozenset({SOLE_ABOVE})
        timeline = build_timeline(rule, start, cal, start_counted=counted, situations=situations)
        if timeline.steps:
            out.append(timeline)
    return tuple(out), cal


_SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _order(warnings: Sequence[GuidanceWarning]) -> list[GuidanceWarning]:
    return sorted(warnings, key=lambda x: _SEVERITY_ORDER[x.severity])
