"""The wizard's questions and steps, and when each one matters.

A question is asked only when its condition holds for the answers so far (and, for the later
steps, for a preliminary guidance run on them): province only below central level, add-on
questions only for an add-on, failed-tender questions only after a failed tender, approvals only
when some usable method needs them. Question keys are the engine's fact names, with ``.``
written ``_`` for nested facts (``addon_original_contract_amount``) plus the wizard-only
``is_addon``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from procurement.wizard.flow import Ctx

Condition = Callable[["Ctx"], bool]


def always(ctx: Ctx) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # date | choice | money | percent | count | months | bool | tristate | text | multi | weight
    label: Any
    help: Any = ""
    required: bool = False
    when: Condition = always
    default: Any = None


@dataclass(frozen=True)
class Step:
    name: str
    title: Any
    intro: Any
    questions: tuple[Question, ...]
    when: Condition = always


def _level_below_central(ctx: Ctx) -> bool:
    return ctx.answer("budget_level") not in (None, "", "central")


def _category_is(*values: str) -> Condition:
    return lambda ctx: ctx.answer("category") in values


def _flag(key: str) -> Condition:
    return lambda ctx: ctx.answer(key) is True


def _law_may_apply(ctx: Ctx) -> bool:
    """Method questions matter only if the law applies (unknown counts as "may")."""
    prelim = ctx.preliminary
    return prelim is None or prelim.applicability.applies


def _approvals_needed(ctx: Ctx) -> bool:
    return bool(ctx.required_approvals())


def _single_capable_supplier(ctx: Ctx) -> bool:
    return ctx.answer("capable_suppliers") == 1


def _long_service_contract(ctx: Ctx) -> bool:
    """Budget assurance matters only for a purchase of services longer than the normal term."""
    term = ctx.answer("contract_term_months")
    normal = ctx.service_term_normal_months()
    return (
        ctx.answer("category") == "services"
        and ctx.answer("government_purchase_of_services") is True
        and isinstance(term, int)
        and normal is not None
        and term > normal
    )


NOT_WORKS = _category_is("goods", "services")
CRITERIA = (
    ("funding_pressure", _("Weight of funding pressure")),
    ("control_and_risk", _("Weight of control and risk")),
    ("project_cycle", _("Weight of project cycle")),
    ("sustainability", _("Weight of sustainability")),
    ("security", _("Weight of security")),
    ("flexibility", _("Weight of flexibility")),
    ("scalability", _("Weight of scalability")),
    ("cost", _("Weight of cost efficiency")),
)
WEIGHT_HELP = _("0 (ignore) to 5 (decisive); leave empty for the default weight.")

STEPS: tuple[Step, ...] = (
    Step(
        "basics",
        _("Buyer and purchase"),
        _("Who buys, with which money, at which budget level, and what."),
        (
            Question("date", "date", _("Procurement date"), _(
                "The day the procurement starts; it selects the rule set in force."
            ), required=True),
            Question("buyer_type", "choice", _("Who is the buyer?"), required=True),
            Question(
                "fiscal_funds_percent", "percent", _("Share of fiscal funds (%)"),
                # xgettext:no-python-format
                _("Any share above 0 % counts as fiscal funds."),
                required=True, default="100",
            ),
            Question("signatory", "choice", _("Who signs the contract with the supplier?"),
                     required=True, default="buyer"),
            Question("budget_level", "choice", _("Budget level"), required=True),
            Question("category", "choice", _("What is bought?"), required=True),
        ),
    ),
    Step(
        "purchase",
        _("The purchase"),
        _("Amount, place and kind of purchase: they decide the thresholds."),
        (
            Question("province", "choice", _("Which province?"), _(
                "Provinces without figures in the rule data use the central figures, with a warning."
            ), required=True, when=_level_below_central),
            Question("amount", "money", _("Amount (yuan)"), _("The budget of this purchase."),
                     required=True),
            Question("cloud_in_central_catalogue", "tristate", _(
                "Is cloud computing listed in the applicable centralised procurement catalogue?"
            )),
            Question("is_info_system", "bool", _(
                "This is a government information system (政务信息系统)"
            ), when=NOT_WORKS),
            Question("works_must_be_tendered", "tristate", _(
                "Must these works be tendered under the Tendering and Bidding Law?"
            ), when=_category_is("works")),
            Question("contract_term_months", "months", _("Contract term (months)"),
                     when=NOT_WORKS),
            Question("payment_model", "choice", _("How is it paid?"), required=True,
                     default="fixed", when=NOT_WORKS),
            Question("government_purchase_of_services", "bool", _(
                "This is a government purchase of services (政府购买服务)"
            ), when=_category_is("services")),
            Question("same_item_purchases_ytd", "money", _(
                "Earlier non-tender purchases of the same item this fiscal year (yuan)"
            ), _("Same item, same budget item, this fiscal year, not counting this purchase.")),
            Question("custom_it_system", "bool", _("It is a custom-developed IT system"),
                     when=NOT_WORKS),
            Question("public_interest", "bool", _("It is a project of public interest")),
        ),
    ),
    Step(
        "situation",
        _("Market and situation"),
        _("These answers decide which methods other than public tender are open."),
        (
            Question("is_addon", "bool", _(
                "This is an add-on to an existing contract with the same supplier"
            )),
            Question("earlier_tender_failed", "bool", _("An earlier tender for this need failed")),
            Question("urgent", "bool", _("The need is urgent")),
            Question("specs_fixable", "tristate", _("Can detailed specifications be fixed?"), _(
                "No: suppliers must propose the solution."
            )),
            Question("standard_goods", "tristate", _(
                "Uniform specifications, ample supply and stable prices?"
            ), when=_category_is("goods")),
            Question("price_calculable_in_advance", "tristate", _(
                "Can the total price be calculated in advance?"
            )),
            Question("capable_suppliers", "count", _("How many capable suppliers are there?"), _(
                "Leave empty if unknown."
            )),
            Question("limited_supplier_pool", "bool", _(
                "Special item that only a limited range of suppliers can deliver"
            )),
            Question("tender_cost_disproportionate", "bool", _(
                "The cost of a public tender is disproportionate to the purchase"
            )),
            Question("repeat_small_orders", "bool", _(
                "Frequent small purchases of catalogue items"
            ), when=NOT_WORKS),
            Question("attestation_consulting_services", "bool", _(
                "Attestation or consulting services"
            ), when=_category_is("services")),
            Question("users_choose_supplier", "bool", _(
                "Service users choose among two or more suppliers"
            ), when=_category_is("services")),
            Question("research_or_tech_transfer", "bool", _(
                "Research with little competition, or a technology-transfer project"
            )),
            Question("no_market_solution", "bool", _("Nothing on the market meets the need")),
            Question("rd_need", "bool", _("The need is R&D serving national strategy")),
        ),
        when=_law_may_apply,
    ),
    Step(
        "details",
        _("Details"),
        _("A few more facts about the situation you described."),
        (
            Question("addon_original_contract_amount", "money", _(
                "Amount of the original contract (yuan)"
            ), required=True, when=_flag("is_addon")),
            Question("addon_already_added", "money", _(
                "Supplements already added to that contract (yuan)"
            ), when=_flag("is_addon")),
            Question("addon_consistency_reason", "text", _(
                "Why must the add-on come from the original supplier?"
            ), _("Consistency or service compatibility."), when=_flag("is_addon")),
            Question("responsive_bidders", "count", _(
                "How many responsive bidders did the failed tender have?"
            ), when=_flag("earlier_tender_failed")),
            Question("urgency_caused_by_buyer", "tristate", _(
                "Was the urgency caused by the buyer (e.g. a late start)?"
            ), when=_flag("urgent")),
            Question("urgency_unforeseeable", "bool", _(
                "An unforeseeable emergency prevents buying from other suppliers"
            ), when=_flag("urgent")),
            Question("sole_supplier_evidence", "bool", _(
                "There is evidence that only this supplier can deliver"
            ), when=_single_capable_supplier),
            Question("multi_year_budget_assured", "bool", _(
                "The budget is assured and content and prices are stable for the whole term"
            ), when=_long_service_contract),
        ),
        when=_law_may_apply,
    ),
    Step(
        "approvals",
        _("Approvals and start"),
        _("Methods other than public tender above the threshold need approval before the start."),
        (
            Question("approvals_obtained", "multi", _("Approvals already obtained"),
                     when=_approvals_needed),
            Question("timeline_start", "date", _("Start of the procurement timeline"), _(
                "Leave empty to count from the procurement date."
            )),
        ),
        when=_law_may_apply,
    ),
    Step(
        "models",
        _("Cooperation and deployment"),
        _("For the comparison of cooperation and deployment models. Every answer is optional."),
        (
            Question("handles_sensitive_data", "tristate", _(
                "Does the system handle sensitive data?"
            )),
            Question("public_facing", "bool", _("The system is public-facing")),
            *(Question(f"preferences_{key}", "weight", label, WEIGHT_HELP) for key, label in CRITERIA),
        ),
    ),
)

STEP_NAMES = tuple(s.name for s in STEPS)
QUESTIONS = {q.key: q for s in STEPS for q in s.questions}
STEP_OF = {q.key: s.name for s in STEPS for q in s.questions}
