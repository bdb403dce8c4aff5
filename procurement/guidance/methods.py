"""One small rule per procurement method: allowed / allowed_with_approval / not_allowed.

Shared conventions (each function's docstring adds its own clause and edge cases):

- A condition only counts if the rule set declares it (``methods.<m>.conditions``); removing a
  condition from the data switches that route off.
- Unknown facts (``None``) never satisfy a condition; the verdict then says which fact to give.
- Supplier counts: ``capable_suppliers is None`` does not block a method; a known count below
  the method's minimum (from data) makes it ``not_allowed``.
- At or above the public-tender threshold a method listed under
  ``approvals.deviation_from_public_tender`` needs prior consent and approval
  [LAW 27; REG 23] → ``allowed_with_approval``. Where there is no threshold figure (works), the
  engine cannot tell and conservatively asks for approval, saying why.
- A method outside its categories, not yet in force on the date, or excluded for 政务信息系统
  is ``not_allowed`` whatever else holds.
"""

from __future__ import annotations

from collections.abc import Callable

from procurement.guidance.context import Context
from procurement.guidance.rules_model import MethodRule
from procurement.guidance.types import (
    Approval,
    Category,
    Message,
    Method,
    MethodVerdict,
    Verdict,
)

DEVIATION = "deviation_from_public_tender"
FAILED_TWO = "failed_tender_two_bidders"


class _Draft:
    """Collects reasons for one method before the verdict is fixed."""

    def __init__(self, ctx: Context, method: Method):
        self.ctx = ctx
        self.rule: MethodRule = ctx.rules.methods[method]
        self.reasons: list[Message] = []
        self.requirements: list[Message] = []
        self.approvals: list[Approval] = []

    def add(self, code: str, basis: tuple = (), **params: object) -> None:
        self.reasons.append(Message(code, params, basis))

    def require(self, code: str, limit_id: str, **params: object) -> None:
        limit = self.rule.limit(limit_id)
        if limit is not None:
            self.requirements.append(Message(code, {"value": limit.value, **params}, limit.basis))

    def met(self, condition_id: str, holds: bool) -> bool:
        """Record a satisfied, declared condition; return whether it counts."""
        cond = self.rule.conditions.get(condition_id)
        if cond is None or not holds:
            return False
        self.add(f"MET_{condition_id.upper()}", cond.basis)
        return True

    def done(self, verdict: Verdict) -> MethodVerdict:
        if self.rule.secondary:
            self.add("SECONDARY_RULE", self.rule.basis)
        return MethodVerdict(
            method=self.rule.method,
            name_zh=self.rule.name_zh,
            verdict=verdict,
            reasons=tuple(self.reasons),
            approvals=tuple(self.approvals) if verdict == Verdict.ALLOWED_WITH_APPROVAL else (),
            requirements=tuple(self.requirements),
        )


def _blocked(d: _Draft) -> bool:
    """Category, in-force date and the 政务信息系统 exclusion (210号 + Henan notice)."""
    ctx, rule = d.ctx, d.rule
    if rule.effective_from and ctx.facts.date < rule.effective_from:
        d.add("METHOD_NOT_IN_FORCE", rule.basis, date=rule.effective_from)
        return True
    if ctx.facts.category not in rule.categories:
        d.add("CATEGORY_NOT_COVERED", rule.basis, category=ctx.facts.category.value)
        return True
    if ctx.info_system_restricted and rule.method in ctx.rules.info_system_excluded:
        d.add("INFO_SYSTEM_EXCLUDED", ctx.rules.rule("info_system").basis)
        return True
    return False


def _too_few(d: _Draft, minimum: int | None) -> bool:
    count = d.ctx.facts.capable_suppliers
    if minimum is None or count is None or count >= minimum:
        return False
    d.add("TOO_FEW_SUPPLIERS", count=count, minimum=minimum)
    return True


def _min(d: _Draft, limit_id: str) -> int | None:
    limit = d.rule.limit(limit_id)
    return int(limit.value) if limit is not None else None


def _deviation(d: _Draft) -> Verdict:
    """LAW 27 / REG 23: deviating from public tender at/above the threshold needs prior
    consent of the 主管预算单位 and approval of a 设区的市-level+ 财政部门."""
    rule = d.ctx.rules.approvals[DEVIATION]
    if d.rule.method not in rule.methods:
        return Verdict.ALLOWED
    above = d.ctx.above_tender
    if above is False:
        return Verdict.ALLOWED
    if above is None:
        d.add("THRESHOLD_UNKNOWN_APPROVAL", rule.basis)
    else:
        d.add("DEVIATION_NEEDS_APPROVAL", rule.basis, threshold=d.ctx.tender_threshold)
    d.approvals.extend(a for a in rule.requires if a not in d.approvals)
    return Verdict.ALLOWED_WITH_APPROVAL


def _no_route(d: _Draft) -> MethodVerdict:
    d.add("NO_CONDITION_MET", d.rule.basis, method_zh=d.rule.name_zh)
    return d.done(Verdict.NOT_ALLOWED)


# --------------------------------------------------------------------------- methods


def public_tender(ctx: Context) -> MethodVerdict:
    """公开招标 [LAW 26, 27, 35, 36; REG 31] — the main method, always open where it applies.

    At/above the threshold it is the default; below it, still permitted. A known supplier count
    below ``min_qualified_bidders`` keeps it allowed but warns that the tender would fail
    (废标, LAW 36). Works: tendering follows 招标投标法 (said, not decided).
    """
    d = _Draft(ctx, Method.PUBLIC_TENDER)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    above = ctx.above_tender
    if above:
        d.add("TENDER_DEFAULT_ABOVE_THRESHOLD", d.rule.basis, threshold=ctx.tender_threshold)
    elif above is False:
        d.add("TENDER_PERMITTED_BELOW_THRESHOLD", d.rule.basis, threshold=ctx.tender_threshold)
    else:
        d.add("TENDER_THRESHOLD_UNKNOWN", d.rule.basis)
    if ctx.facts.category == Category.WORKS:
        d.add("WORKS_TENDER_LAW", ctx.rules.rule("works_tender_law").basis)
    minimum = _min(d, "min_qualified_bidders")
    count = ctx.facts.capable_suppliers
    if minimum is not None and count is not None and count < minimum:
        limit = d.rule.limit("min_qualified_bidders")
        d.add("TENDER_LIKELY_FAILS", limit.basis if limit else (), count=count, minimum=minimum)
    d.require("REQ_MIN_QUALIFIED_BIDDERS", "min_qualified_bidders")
    return d.done(Verdict.ALLOWED)


def invited_tender(ctx: Context) -> MethodVerdict:
    """邀请招标 [LAW 29, 34]: a special item with a limited pool of suppliers (29(一)) or a
    public tender whose cost is disproportionate (29(二)); at least ``min_suppliers`` drawn at
    random (LAW 34), so a known smaller pool rules it out; approval at/above the threshold."""
    d = _Draft(ctx, Method.INVITED_TENDER)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    routes = [
        d.met("limited_supplier_pool", f.limited_supplier_pool),
        d.met("tender_cost_disproportionate", f.tender_cost_disproportionate),
    ]
    if not any(routes):
        return _no_route(d)
    if _too_few(d, _min(d, "min_suppliers")):
        return d.done(Verdict.NOT_ALLOWED)
    d.require("REQ_MIN_SUPPLIERS_RANDOM", "min_suppliers")
    return d.done(_deviation(d))


def competitive_negotiation(ctx: Context) -> MethodVerdict:
    """竞争性谈判 [LAW 30, 38; REG 26; 74号令].

    Routes: a failed tender (30(一)); specifications cannot be fixed (30(二): ``specs_fixable``
    is False); urgency not caused by the buyer (30(三) with REG 26: ``urgency_caused_by_buyer``
    must be False — unknown does not count); total price not calculable in advance (30(四)).
    At least ``min_suppliers``; exception: after a failed tender with exactly
    ``failed_tender_responsive_bidders`` responsive bidders, negotiate with them after approval.
    Not for 政务信息系统 (210号 + Henan notice).
    """
    d = _Draft(ctx, Method.COMPETITIVE_NEGOTIATION)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    if f.urgent and f.urgency_caused_by_buyer is True:
        d.add("URGENCY_CAUSED_BY_BUYER")
    elif f.urgent and f.urgency_caused_by_buyer is None:
        d.add("URGENCY_CAUSE_UNKNOWN")
    routes = [
        d.met("failed_tender", f.earlier_tender_failed),
        d.met("specs_not_fixable", f.specs_fixable is False),
        d.met("urgent_not_caused_by_buyer", f.urgent and f.urgency_caused_by_buyer is False),
        d.met("price_not_calculable", f.price_calculable_in_advance is False),
    ]
    if not any(routes):
        return _no_route(d)
    two = _min(d, "failed_tender_responsive_bidders")
    if f.earlier_tender_failed and two is not None and f.responsive_bidders == two:
        rule = ctx.rules.approvals[FAILED_TWO]
        d.add("FAILED_TENDER_TWO_BIDDERS", rule.basis, bidders=two)
        d.approvals.extend(rule.requires)
        _deviation(d)
        _negotiation_requirements(d)
        return d.done(Verdict.ALLOWED_WITH_APPROVAL)
    if _too_few(d, _min(d, "min_suppliers")):
        return d.done(Verdict.NOT_ALLOWED)
    _negotiation_requirements(d)
    return d.done(_deviation(d))


def _negotiation_requirements(d: _Draft) -> None:
    d.require("REQ_MIN_SUPPLIERS", "min_suppliers")
    if d.ctx.above_tender:
        d.require("REQ_PANEL_MIN_MEMBERS", "panel_min_members_above_threshold")
    else:
        d.require("REQ_PANEL_MIN_MEMBERS_ODD", "panel_min_members")
    d.require("REQ_PANEL_EXPERT_SHARE", "panel_expert_share_min")


def competitive_consultation(ctx: Context) -> MethodVerdict:
    """竞争性磋商 [财库〔2014〕214号 art. 3, 10; 财库〔2015〕124号].

    Five routes (art. 3): 政府购买服务; technically complex / specifications not fixable; price
    not calculable in advance; research with little competition or 科技成果转化; works that
    are not required to be tendered (``works_must_be_tendered`` False — unknown does not
    count). At least ``min_suppliers``, or ``min_suppliers_purchase_of_services`` for 购买服务.
    Evaluation by 综合评分法 with the price-weight range from ``evaluation``.
    """
    d = _Draft(ctx, Method.COMPETITIVE_CONSULTATION)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    is_works = f.category == Category.WORKS
    if is_works and f.works_must_be_tendered is None:
        d.add("WORKS_TENDER_DUTY_UNKNOWN", ctx.rules.rule("works_tender_law").basis)
    routes = [
        d.met("purchase_of_services", f.government_purchase_of_services),
        d.met("specs_not_fixable", f.specs_fixable is False),
        d.met("price_not_calculable", f.price_calculable_in_advance is False),
        d.met("research_or_tech_transfer", f.research_or_tech_transfer),
        d.met("works_not_tendered", is_works and f.works_must_be_tendered is False),
    ]
    if is_works and f.works_must_be_tendered is True:
        d.add("WORKS_MUST_BE_TENDERED", ctx.rules.rule("works_tender_law").basis)
        return d.done(Verdict.NOT_ALLOWED)
    if not any(routes):
        return _no_route(d)
    limit_id = "min_suppliers"
    if f.government_purchase_of_services and d.rule.limit("min_suppliers_purchase_of_services"):
        limit_id = "min_suppliers_purchase_of_services"
    if _too_few(d, _min(d, limit_id)):
        return d.done(Verdict.NOT_ALLOWED)
    d.require("REQ_MIN_SUPPLIERS", limit_id)
    _price_weight_requirement(d)
    return d.done(_deviation(d))


def _price_weight_requirement(d: _Draft) -> None:
    category = d.ctx.facts.category.value
    weight = d.ctx.rules.price_weights.get("consultation", {}).get(category)
    if weight is not None:
        d.requirements.append(
            Message("REQ_PRICE_WEIGHT", {"min": weight.min, "max": weight.max}, weight.basis)
        )


def single_source(ctx: Context) -> MethodVerdict:
    """单一来源 [LAW 31, 39; REG 27, 38].

    Routes: only one supplier (31(一), REG 27) — ``capable_suppliers == 1`` *with* evidence;
    a claim without evidence does not count; an unforeseeable emergency not caused by the buyer
    (31(二)); an add-on for consistency or 服务配套 (31(三)) within the add-on limit of the data
    (all supplements ≤ 10 % of the original, LAW 49) and with a stated reason. At/above the
    threshold a unique-supplier purchase also needs expert opinion and a public notice
    (REG 38, period from data).
    """
    d = _Draft(ctx, Method.SINGLE_SOURCE)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    if f.capable_suppliers == 1 and not f.sole_supplier_evidence:
        d.add("SOLE_SUPPLIER_NO_EVIDENCE")
    addon = ctx.addon
    addon_ok = False
    if addon is not None:
        basis = ctx.rules.rule("addon").basis
        if not addon.within_limit:
            d.add(
                "ADDON_ROUTE_OVER_LIMIT",
                basis,
                total=addon.total,
                limit=addon.limit,
                percent=addon.percent,
            )
        elif not (f.addon and f.addon.consistency_reason.strip()):
            d.add("ADDON_NO_REASON", basis)
        else:
            addon_ok = True
    sole = d.met("sole_supplier", f.capable_suppliers == 1 and f.sole_supplier_evidence)
    routes = [
        sole,
        d.met(
            "unforeseeable_emergency",
            f.urgent and f.urgency_unforeseeable and f.urgency_caused_by_buyer is not True,
        ),
        d.met("addon_consistency", addon_ok),
    ]
    if not any(routes):
        return _no_route(d)
    if sole and ctx.above_tender:
        notice = next((p for p in d.rule.periods if p.id == "public_notice"), None)
        if notice is not None:
            d.requirements.append(
                Message("REQ_SOLE_SUPPLIER_NOTICE", {"days": notice.days}, notice.basis)
            )
        d.requirements.append(
            Message("REQ_EXPERT_OPINION", {}, d.rule.conditions["sole_supplier"].basis)
        )
    return d.done(_deviation(d))


def enquiry(ctx: Context) -> MethodVerdict:
    """询价 [LAW 32, 40]: goods only (categories from data), uniform specifications, ample
    supply and stable prices (``standard_goods`` True; unknown does not count); at least
    ``min_suppliers`` each giving one fixed quote; lowest price wins. Not for 政务信息系统."""
    d = _Draft(ctx, Method.ENQUIRY)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    if not d.met("standard_goods", ctx.facts.standard_goods is True):
        return _no_route(d)
    if _too_few(d, _min(d, "min_suppliers")):
        return d.done(Verdict.NOT_ALLOWED)
    d.require("REQ_MIN_SUPPLIERS_ONE_QUOTE", "min_suppliers")
    return d.done(_deviation(d))


def framework_agreement(ctx: Context) -> MethodVerdict:
    """框架协议 [财政部令第110号, in force 2022-03-01 (from data)].

    Routes: frequent small purchases of catalogue items; 鉴证咨询 services; 购买服务 where the
    service users choose among 2+ suppliers (services only). The agreement term is capped
    (goods / services, months from data): a longer ``contract_term_months`` is not allowed; an
    unknown term passes with the cap stated as a requirement. The domain file names no approval
    for this method, so none is required here.
    """
    d = _Draft(ctx, Method.FRAMEWORK_AGREEMENT)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    services = f.category == Category.SERVICES
    routes = [
        d.met("small_repeat_catalogue_orders", f.repeat_small_orders),
        d.met("attestation_consulting_services", services and f.attestation_consulting_services),
        d.met("users_choose_supplier", services and f.users_choose_supplier),
    ]
    if not any(routes):
        return _no_route(d)
    limit_id = "max_term_months_services" if services else "max_term_months_goods"
    cap = _min(d, limit_id)
    if cap is not None and f.contract_term_months is not None and f.contract_term_months > cap:
        limit = d.rule.limit(limit_id)
        d.add(
            "FRAMEWORK_TERM_EXCEEDED",
            limit.basis if limit else (),
            term=f.contract_term_months,
            maximum=cap,
        )
        return d.done(Verdict.NOT_ALLOWED)
    d.require("REQ_FRAMEWORK_MAX_TERM", limit_id)
    d.requirements.append(Message("REQ_FRAMEWORK_TWO_STAGES", {}, d.rule.basis))
    return d.done(Verdict.ALLOWED)


def cooperative_innovation(ctx: Context) -> MethodVerdict:
    """合作创新 [财库〔2024〕13号 (secondary)]: nothing on the market meets the need *and* an
    R&D need serving national strategy (both facts must be True). Panel, R&D-supplier cap,
    R&D-plan score share and notice period come from data. No in-force date is given by the
    domain file: before the lower bound in the data it is not in force; in that year the
    engine warns (see :mod:`warnings`). No approval named by the domain file."""
    d = _Draft(ctx, Method.COOPERATIVE_INNOVATION)
    if _blocked(d):
        return d.done(Verdict.NOT_ALLOWED)
    f = ctx.facts
    if not d.met("no_market_solution_rd", f.rd_need and f.no_market_solution):
        return _no_route(d)
    d.require("REQ_PANEL_MIN_MEMBERS", "panel_min_members")
    d.require("REQ_MAX_RD_SUPPLIERS", "max_rd_suppliers")
    d.require("REQ_RD_PLAN_SCORE", "rd_plan_min_score_percent")
    return d.done(Verdict.ALLOWED)


METHOD_RULES: dict[Method, Callable[[Context], MethodVerdict]] = {
    Method.PUBLIC_TENDER: public_tender,
    Method.INVITED_TENDER: invited_tender,
    Method.COMPETITIVE_NEGOTIATION: competitive_negotiation,
    Method.COMPETITIVE_CONSULTATION: competitive_consultation,
    Method.SINGLE_SOURCE: single_source,
    Method.ENQUIRY: enquiry,
    Method.FRAMEWORK_AGREEMENT: framework_agreement,
    Method.COOPERATIVE_INNOVATION: cooperative_innovation,
}


def all_verdicts(ctx: Context) -> tuple[MethodVerdict, ...]:
    """A verdict for every method, in :class:`Method` order."""
    return tuple(METHOD_RULES[m](ctx) for m in Method)
