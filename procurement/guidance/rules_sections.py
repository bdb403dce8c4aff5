"""What the engine understands in a rule file: the ids each section may use.

The sets below name condition ids, limit ids and period ids per method, provisions and their
figures, threshold kinds, approval rules and recommendation profiles. A rule file may leave a
condition out (the engine then treats that route as unavailable) but may not invent ids the
engine would silently ignore. The section readers (``rules_sources``, ``rules_thresholds``,
``rules_methods``, ``rules_provisions``, ``rules_model_sets``; used by :mod:`rules_schema`)
check a rule file against them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from procurement.guidance.types import Method

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
