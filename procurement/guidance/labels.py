"""English labels for the enum values the engine's messages and results name.

Param values that are keys of a label group (``category``, ``kind``, ``signatory``,
``buyer_type``, ``approval``) are translated through :data:`LABELS` when a message is rendered
(:mod:`procurement.guidance.messages`); the other groups label methods, verdicts and model
options for the Django layer::

    label("method", "enquiry", translate=gettext)
"""

from __future__ import annotations

from procurement.guidance.i18n import Translate, gettext_noop, identity

LABELS: dict[str, dict[str, str]] = {
    "category": {
        "goods": gettext_noop("goods"),
        "services": gettext_noop("services"),
        "works": gettext_noop("works"),
    },
    "kind": {
        "procurement_limit": gettext_noop("procurement limit"),
        "public_tender": gettext_noop("public-tender threshold"),
    },
    "signatory": {
        "buyer": gettext_noop("buyer"),
        "state_owned_enterprise": gettext_noop("state-owned enterprise"),
        "platform_company": gettext_noop("platform company"),
    },
    "buyer_type": {
        "state_organ": gettext_noop("state organ"),
        "public_institution": gettext_noop("public institution"),
        "social_organisation": gettext_noop("social organisation"),
        "state_owned_enterprise": gettext_noop("state-owned enterprise"),
        "other": gettext_noop("other"),
    },
    "approval": {
        "competent_budget_unit_consent": gettext_noop("consent of the competent budget unit"),
        "finance_department_approval": gettext_noop("approval of the finance department"),
    },
    "method": {
        "public_tender": gettext_noop("Public tender"),
        "invited_tender": gettext_noop("Invited tender"),
        "competitive_negotiation": gettext_noop("Competitive negotiation"),
        "competitive_consultation": gettext_noop("Competitive consultation"),
        "single_source": gettext_noop("Single source"),
        "enquiry": gettext_noop("Request for quotation"),
        "framework_agreement": gettext_noop("Framework agreement"),
        "cooperative_innovation": gettext_noop("Cooperative innovation"),
    },
    "verdict": {
        "allowed": gettext_noop("allowed"),
        "allowed_with_approval": gettext_noop("allowed with approval"),
        "not_allowed": gettext_noop("not allowed"),
    },
    "model_option": {
        "joint_venture": gettext_noop("Government-enterprise joint venture"),
        "direct_purchase": gettext_noop("Direct purchase of services"),
        "private_cloud": gettext_noop("Private cloud"),
        "dedicated_cloud": gettext_noop("Dedicated cloud"),
        "gov_public_cloud": gettext_noop("Government public cloud"),
        "hybrid_cloud": gettext_noop("Hybrid cloud"),
    },
    "model_criterion": {
        "funding_pressure": gettext_noop("funding pressure"),
        "control_and_risk": gettext_noop("control and risk"),
        "project_cycle": gettext_noop("project cycle"),
        "sustainability": gettext_noop("sustainability"),
        "security": gettext_noop("security"),
        "flexibility": gettext_noop("flexibility"),
        "scalability": gettext_noop("scalability"),
        "cost": gettext_noop("cost efficiency"),
    },
}


def label(group: str, key: str, translate: Translate | None = None) -> str:
    """A translated label for an enum value (``label("method", "enquiry")``)."""
    return (translate or identity)(LABELS[group][key])
