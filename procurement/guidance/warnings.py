"""Warnings: one small rule per risk, each citing its basis from the rule data.

Each function takes the :class:`Context` (plus what it needs) and returns a list, usually of
zero or one :class:`GuidanceWarning`. Missing facts never raise; where a fact is unknown the
rule either stays silent or asks for it (severity ``info``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from procurement.guidance.context import Context
from procurement.guidance.types import (
    Applicability,
    Approval,
    BudgetLevel,
    Category,
    GuidanceWarning,
    Method,
    MethodVerdict,
    PaymentModel,
    RequiredApproval,
    Severity,
    Verdict,
)

W = list[GuidanceWarning]


def law_not_applicable(ctx: Context, applicability: Applicability) -> W:
    """LAW 2 / REG 2: out of scope — say so; the method verdicts are then for information."""
    if applicability.applies:
        return []
    return [
        GuidanceWarning(
            "LAW_NOT_APPLICABLE", {}, ctx.rules.rule("applicability").basis, Severity.INFO
        )
    ]


def tender_law_risk(ctx: Context) -> W:
    """Domain §1: a state-owned or platform company as contracting party → 招标投标法 may govern
    instead; flagged as a risk, not decided."""
    if ctx.facts.signatory not in ctx.rules.signatory_risk:
        return []
    return [
        GuidanceWarning(
            "TENDER_LAW_RISK",
            {"signatory": ctx.facts.signatory.value},
            ctx.rules.rule("tender_law_risk").basis,
        )
    ]


def works_tender_law(ctx: Context) -> W:
    """LAW 4: tendering of works follows 招标投标法; asks whether the works must be tendered
    when that is unknown (it decides the 磋商 route for works)."""
    if ctx.facts.category != Category.WORKS:
        return []
    basis = ctx.rules.rule("works_tender_law").basis
    out = [GuidanceWarning("WORKS_FOLLOW_TENDER_LAW", {}, basis, Severity.INFO)]
    if ctx.facts.works_must_be_tendered is None:
        out.append(GuidanceWarning("ASK_WORKS_TENDER_DUTY", {}, basis, Severity.INFO))
    return out


def splitting(ctx: Context) -> W:
    """LAW 28 / REG 28 (化整为零): this purchase alone is below the public-tender threshold,
    but with this fiscal year's earlier non-tender purchases of the same 品目 under the same
    budget item it goes past it (strictly above: REG 28 says 超过). Silent without a figure."""
    threshold = ctx.thresholds.public_tender
    if threshold is None or threshold.amount is None or ctx.above_tender:
        return []
    earlier = ctx.facts.same_item_purchases_ytd
    total = earlier + ctx.facts.amount
    if earlier <= 0 or total <= threshold.amount:
        return []
    return [
        GuidanceWarning(
            "SPLITTING_RISK",
            {
                "earlier": earlier,
                "amount": ctx.facts.amount,
                "total": total,
                "threshold": threshold.amount,
            },
            ctx.rules.rule("splitting").basis,
            Severity.CRITICAL,
        )
    ]


def addon_over_limit(ctx: Context) -> W:
    """LAW 49 / REG 67(五): all supplements above the add-on limit (10 % of the original in the
    data) is a violation; beyond it a new competitive procurement is needed. Exactly at the
    limit is allowed (不得超过)."""
    addon = ctx.addon
    if addon is None or addon.within_limit:
        return []
    return [
        GuidanceWarning(
            "ADDON_OVER_LIMIT",
            {
                "original": addon.original,
                "already_added": addon.already_added,
                "amount": addon.amount,
                "total": addon.total,
                "limit": addon.limit,
                "percent": addon.percent,
            },
            ctx.rules.rule("addon").basis,
            Severity.CRITICAL,
        )
    ]


def central_procurement(ctx: Context) -> W:
    """LAW 18: an item in the 集中采购目录 must be bought through the 集中采购机构. If the buyer
    did not say, the data's (secondary) list of provinces that catalogue 云计算服务 is used, and
    the warning says the catalogue status was assumed."""
    if ctx.in_catalogue is not True:
        return []
    out = [
        GuidanceWarning(
            "CENTRAL_PROCUREMENT_AGENCY_REQUIRED", {}, ctx.rules.rule("central_procurement").basis
        )
    ]
    if ctx.catalogue_from_data:
        out.append(
            GuidanceWarning(
                "CATALOGUE_ASSUMED_FROM_DATA",
                {"province": ctx.rules.jurisdictions[ctx.jurisdiction].name_zh},
                ctx.rules.rule("catalogue_lists_cloud").basis,
                Severity.INFO,
            )
        )
    return out


def needs_survey(ctx: Context) -> W:
    """需求管理办法 (secondary): a 需求调查 is mandatory for goods/services at or above the amount
    in the data (1000万), for custom-developed IT systems and for projects of public interest.
    One warning per trigger that holds."""
    rule = ctx.rules.rule("needs_survey")
    f = ctx.facts
    out: W = []
    at_least = rule.values["amount_at_least"]
    if f.category in rule.values["categories"] and at_least is not None and f.amount >= at_least:
        out.append(
            GuidanceWarning(
                "NEEDS_SURVEY_AMOUNT", {"amount": f.amount, "threshold": at_least}, rule.basis
            )
        )
    if f.custom_it_system:
        out.append(GuidanceWarning("NEEDS_SURVEY_CUSTOM_IT", {}, rule.basis))
    if f.public_interest:
        out.append(GuidanceWarning("NEEDS_SURVEY_PUBLIC_INTEREST", {}, rule.basis))
    return out


def service_contract_term(ctx: Context) -> W:
    """财政部令第102号 (secondary): a 政府购买服务 contract normally runs at most
    ``normal_max_months``; up to ``extended_max_months`` only where the budget is assured and
    content and prices are stable. Longer than that: always warned. Unknown term: silent."""
    f = ctx.facts
    term = f.contract_term_months
    if not f.government_purchase_of_services or term is None:
        return []
    rule = ctx.rules.rule("service_contract_term")
    normal, extended = rule.values["normal_max_months"], rule.values["extended_max_months"]
    if term > extended:
        return [
            GuidanceWarning(
                "SERVICE_TERM_OVER_MAX",
                {"term": term, "maximum": extended},
                rule.basis,
                Severity.CRITICAL,
            )
        ]
    if term > normal and not f.multi_year_budget_assured:
        return [
            GuidanceWarning(
                "SERVICE_TERM_NEEDS_ASSURED_BUDGET",
                {"term": term, "normal": normal, "maximum": extended},
                rule.basis,
            )
        ]
    return []


def payment_model(ctx: Context) -> W:
    """Usage-based billing (IaaS/PaaS by consumption, seed 004) may mean the total price cannot
    be calculated in advance (LAW 30(四)); ask when the buyer left that open."""
    f = ctx.facts
    if f.payment_model != PaymentModel.USAGE or f.price_calculable_in_advance is not None:
        return []
    cond = ctx.rules.methods[Method.COMPETITIVE_NEGOTIATION].conditions.get("price_not_calculable")
    return [GuidanceWarning("ASK_PRICE_CALCULABLE", {}, cond.basis if cond else (), Severity.INFO)]


def method_date_uncertain(ctx: Context, verdicts: Iterable[MethodVerdict]) -> W:
    """A method whose in-force date in the data is only a lower bound (合作创新) and that is
    not ruled out: in the bound's year, warn that it may not yet have been in force."""
    out: W = []
    for v in verdicts:
        rule = ctx.rules.methods[v.method]
        if (
            v.verdict != Verdict.NOT_ALLOWED
            and rule.effective_from
            and not rule.effective_from_exact
            and ctx.facts.date.year == rule.effective_from.year
        ):
            out.append(
                GuidanceWarning(
                    "METHOD_EFFECTIVE_DATE_UNCERTAIN", {"method_zh": rule.name_zh}, rule.basis
                )
            )
    return out


def approvals_missing(ctx: Context, approvals: Iterable[RequiredApproval]) -> W:
    """LAW 27 / REG 23: consent and approval must be obtained *before* procurement starts; one
    warning per approval not yet obtained, naming the methods that need it."""
    out: W = []
    for req in approvals:
        if req.obtained:
            continue
        names = "、".join(ctx.rules.methods[m].name_zh for m in req.methods)
        out.append(
            GuidanceWarning(
                f"APPROVAL_MISSING_{req.approval.value.upper()}", {"methods_zh": names}, req.basis
            )
        )
    return out


def timeline_beyond_calendar(
    first_unsupported: date | None, supported: tuple[int, int] | None
) -> W:
    """The working-day library has no data for a date the timeline passes through."""
    if first_unsupported is None:
        return []
    last = supported[1] if supported else "-"
    return [
        GuidanceWarning("TIMELINE_BEYOND_CALENDAR", {"date": first_unsupported, "last_year": last})
    ]


def required_approvals(
    ctx: Context, verdicts: Iterable[MethodVerdict]
) -> tuple[RequiredApproval, ...]:
    """Each approval some ``allowed_with_approval`` method needs, with those methods."""
    needed: dict[Approval, list[Method]] = {}
    for v in verdicts:
        for a in v.approvals:
            needed.setdefault(a, []).append(v.method)
    out = []
    for approval, methods in needed.items():
        basis = tuple(
            b
            for rule in ctx.rules.approvals.values()
            if approval in rule.requires and set(methods) & set(rule.methods)
            for b in rule.basis
        )
        before = any(
            rule.before_start for rule in ctx.rules.approvals.values() if approval in rule.requires
        )
        out.append(
            RequiredApproval(
                approval, tuple(methods), approval in ctx.facts.approvals_obtained, before, basis
            )
        )
    return tuple(out)


def level_note(ctx: Context) -> W:
    """A central-budget purchase ignores the province for thresholds; say so if one was given."""
    if ctx.facts.budget_level == BudgetLevel.CENTRAL and ctx.facts.province:
        return [GuidanceWarning("CENTRAL_LEVEL_IGNORES_PROVINCE", {}, (), Severity.INFO)]
    return []
