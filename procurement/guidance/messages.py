"""English templates for every code the guidance engine emits, for translation by Django.

Each template is wrapped in the no-op :func:`~procurement.guidance.i18n.gettext_noop` so that
Django's ``makemessages`` extracts it; the Django layer renders with its real ``gettext``::

    from django.utils.translation import gettext
    render_message(message, translate=gettext)

Templates use ``%(name)s`` placeholders filled from the message's ``params``. Param values that
are keys of a label group (``category``, ``kind``, ``signatory``, ``buyer_type``, ``approval``)
are translated through :data:`~procurement.guidance.labels.LABELS`; Chinese legal names
(``method_zh``, ``province``...) stay as data. ``None`` renders as "—".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from procurement.guidance.i18n import Translate, gettext_noop, identity
from procurement.guidance.labels import LABELS

MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- applicability (LAW 2)
    "BUYER_IN_SCOPE": gettext_noop(
        "The buyer (%(buyer_type)s) is a purchaser under the Government Procurement Law."
    ),
    "BUYER_NOT_IN_SCOPE": gettext_noop(
        "The buyer (%(buyer_type)s) is not a state organ, public institution or social organisation, so the Government Procurement Law does not apply."
    ),
    "FISCAL_FUNDS_USED": gettext_noop("The purchase uses fiscal funds (%(percent)s %%)."),
    "NO_FISCAL_FUNDS": gettext_noop(
        "The purchase uses no fiscal funds, so the Government Procurement Law does not apply."
    ),
    "IN_CENTRAL_CATALOGUE": gettext_noop(
        "The item is in the centralised procurement catalogue, so the law applies whatever the amount."
    ),
    "AT_OR_ABOVE_LIMIT": gettext_noop(
        "The amount %(amount)s yuan is at or above the procurement limit of %(limit)s yuan."
    ),
    "BELOW_LIMIT_NOT_IN_CATALOGUE": gettext_noop(
        "The amount %(amount)s yuan is below the procurement limit of %(limit)s yuan and the item is not in the centralised procurement catalogue, so the law does not apply."
    ),
    "LIMIT_UNKNOWN": gettext_noop(
        "The rule data holds no procurement limit for this purchase; whether the law applies could not be determined from the amount."
    ),
    # ---------------------------------------------------------------- method verdicts
    "METHOD_NOT_IN_FORCE": gettext_noop(
        "This method is not in force on the procurement date (in force from %(date)s)."
    ),
    "CATEGORY_NOT_COVERED": gettext_noop("This method cannot be used for %(category)s."),
    "INFO_SYSTEM_EXCLUDED": gettext_noop(
        "This method does not apply to government information systems."
    ),
    "TOO_FEW_SUPPLIERS": gettext_noop(
        "Only %(count)s capable suppliers; this method needs at least %(minimum)s."
    ),
    "NO_CONDITION_MET": gettext_noop(
        "None of the situations in which %(method_zh)s may be used applies to the facts given."
    ),
    "DEVIATION_NEEDS_APPROVAL": gettext_noop(
        "The amount is at or above the public-tender threshold (%(threshold)s yuan): using a method other than public tender needs the prior consent of the competent budget unit and the approval of a finance department at districted-city level or above."
    ),
    "THRESHOLD_UNKNOWN_APPROVAL": gettext_noop(
        "The rule data holds no public-tender threshold for this purchase; to be safe, obtain consent and approval before using a method other than public tender."
    ),
    "SECONDARY_RULE": gettext_noop(
        "This rule comes from secondary sources (reprints, exam banks); check the primary text."
    ),
    "TENDER_DEFAULT_ABOVE_THRESHOLD": gettext_noop(
        "The amount is at or above the public-tender threshold (%(threshold)s yuan): public tender is the default method."
    ),
    "TENDER_PERMITTED_BELOW_THRESHOLD": gettext_noop(
        "The amount is below the public-tender threshold (%(threshold)s yuan); public tender, the main method, is still permitted."
    ),
    "TENDER_THRESHOLD_UNKNOWN": gettext_noop(
        "The rule data holds no public-tender threshold for this purchase; public tender is always permitted."
    ),
    "WORKS_TENDER_LAW": gettext_noop("Tendering of works follows the Tendering and Bidding Law."),
    "TENDER_LIKELY_FAILS": gettext_noop(
        "Only %(count)s capable suppliers: with fewer than %(minimum)s qualified bidders the tender fails."
    ),
    "URGENCY_CAUSED_BY_BUYER": gettext_noop(
        "The urgency was caused by the buyer, so it does not justify competitive negotiation."
    ),
    "URGENCY_CAUSE_UNKNOWN": gettext_noop(
        "Say whether the urgency was caused by the buyer: only urgency not caused by the buyer justifies competitive negotiation."
    ),
    "FAILED_TENDER_TWO_BIDDERS": gettext_noop(
        "After the failed tender only %(bidders)s responsive bidders remain: negotiation with them is possible after approval."
    ),
    "WORKS_TENDER_DUTY_UNKNOWN": gettext_noop(
        "Say whether these works must be tendered under the Tendering and Bidding Law."
    ),
    "WORKS_MUST_BE_TENDERED": gettext_noop(
        "These works must be tendered under the Tendering and Bidding Law."
    ),
    "SOLE_SUPPLIER_NO_EVIDENCE": gettext_noop(
        "A single capable supplier is claimed without evidence; the claim needs evidence (expert opinion)."
    ),
    "ADDON_ROUTE_OVER_LIMIT": gettext_noop(
        "All supplements together (%(total)s yuan) exceed %(percent)s %% of the original contract (%(limit)s yuan): an add-on is not possible."
    ),
    "ADDON_NO_REASON": gettext_noop(
        "State why the original supplier is needed (consistency or service compatibility)."
    ),
    "FRAMEWORK_TERM_EXCEEDED": gettext_noop(
        "A framework agreement may run at most %(maximum)s months; %(term)s months were given."
    ),
    "MET_LIMITED_SUPPLIER_POOL": gettext_noop(
        "The item is special and can only be bought from a limited range of suppliers."
    ),
    "MET_TENDER_COST_DISPROPORTIONATE": gettext_noop(
        "The cost of a public tender is disproportionate to the value of the purchase."
    ),
    "MET_FAILED_TENDER": gettext_noop(
        "An earlier tender failed (no bids, no qualified bids or the re-tender failed)."
    ),
    "MET_SPECS_NOT_FIXABLE": gettext_noop(
        "Technically complex or special: detailed specifications cannot be fixed."
    ),
    "MET_URGENT_NOT_CAUSED_BY_BUYER": gettext_noop(
        "A tender would take too long for an urgent need not caused by the buyer."
    ),
    "MET_PRICE_NOT_CALCULABLE": gettext_noop("The total price cannot be calculated in advance."),
    "MET_PURCHASE_OF_SERVICES": gettext_noop("This is a government purchase of services."),
    "MET_RESEARCH_OR_TECH_TRANSFER": gettext_noop(
        "A research project with insufficient competition, or a technology-transfer project to be supported."
    ),
    "MET_WORKS_NOT_TENDERED": gettext_noop("Works that are not required to be tendered."),
    "MET_SOLE_SUPPLIER": gettext_noop("Only one supplier can deliver, with evidence."),
    "MET_UNFORESEEABLE_EMERGENCY": gettext_noop(
        "An unforeseeable emergency prevents buying from other suppliers."
    ),
    "MET_ADDON_CONSISTENCY": gettext_noop(
        "An add-on from the original supplier for consistency or service compatibility, within the add-on limit."
    ),
    "MET_STANDARD_GOODS": gettext_noop(
        "Goods with uniform specifications, ample supply and stable prices."
    ),
    "MET_SMALL_REPEAT_CATALOGUE_ORDERS": gettext_noop(
        "Frequent small purchases of catalogue items."
    ),
    "MET_ATTESTATION_CONSULTING_SERVICES": gettext_noop("Attestation and consulting services."),
    "MET_USERS_CHOOSE_SUPPLIER": gettext_noop(
        "A purchase of services in which the service users choose among two or more suppliers."
    ),
    "MET_NO_MARKET_SOLUTION_RD": gettext_noop(
        "Nothing on the market meets the need, and the R&D serves national strategy."
    ),
    # ---------------------------------------------------------------- requirements
    "REQ_MIN_QUALIFIED_BIDDERS": gettext_noop(
        "At least %(value)s qualified bidders, or the tender fails."
    ),
    "REQ_MIN_SUPPLIERS_RANDOM": gettext_noop(
        "Invite at least %(value)s suppliers drawn at random from qualified suppliers."
    ),
    "REQ_MIN_SUPPLIERS": gettext_noop("At least %(value)s suppliers."),
    "REQ_PANEL_MIN_MEMBERS": gettext_noop("A panel of at least %(value)s members."),
    "REQ_PANEL_MIN_MEMBERS_ODD": gettext_noop(
        "A panel of at least %(value)s members, an odd number."
    ),
    "REQ_PANEL_EXPERT_SHARE": gettext_noop("Experts make up at least %(value)s of the panel."),
    "REQ_PRICE_WEIGHT": gettext_noop(
        "Comprehensive scoring with a price weight of %(min)s–%(max)s %%."
    ),
    "REQ_SOLE_SUPPLIER_NOTICE": gettext_noop(
        "Publish the project and the single supplier for at least %(days)s working days."
    ),
    "REQ_EXPERT_OPINION": gettext_noop("Obtain an expert opinion confirming the single supplier."),
    "REQ_MIN_SUPPLIERS_ONE_QUOTE": gettext_noop(
        "At least %(value)s suppliers, each giving one fixed quote; the lowest price wins."
    ),
    "REQ_FRAMEWORK_MAX_TERM": gettext_noop(
        "The framework agreement runs at most %(value)s months."
    ),
    "REQ_FRAMEWORK_TWO_STAGES": gettext_noop(
        "Two stages: award the framework agreement, then place the orders under it."
    ),
    "REQ_MAX_RD_SUPPLIERS": gettext_noop("At most %(value)s R&D suppliers."),
    "REQ_RD_PLAN_SCORE": gettext_noop("The R&D plan carries at least %(value)s %% of the score."),
    # ---------------------------------------------------------------- recommendation
    "RECOMMEND_FACTS_POINT_HERE": gettext_noop("The facts point directly at this method."),
    "RECOMMEND_PROFILE_STANDARDISED": gettext_noop("Suits standardised needs."),
    "RECOMMEND_PROFILE_COMPLEX_SPECIFIABLE": gettext_noop(
        "Suits complex needs that can still be specified."
    ),
    "RECOMMEND_PROFILE_SUPPLIER_PROPOSES": gettext_noop(
        "Suits needs where suppliers propose the solution."
    ),
    "RECOMMEND_NEEDS_APPROVAL": gettext_noop(
        "Needs consent and approval before the procurement starts."
    ),
    # ---------------------------------------------------------------- warnings
    "LAW_NOT_APPLICABLE": gettext_noop(
        "The Government Procurement Law does not apply to this purchase; the method verdicts are for information only."
    ),
    "THRESHOLD_FALLBACK": gettext_noop(
        "The rule data holds no %(kind)s for %(category)s in %(province)s; the central figure (%(amount)s yuan) is used. Check the local figure."
    ),
    "PROVINCE_FALLBACK": gettext_noop(
        "The rule data holds no thresholds for %(province)s; the central figures are used. Check the local figures."
    ),
    "THRESHOLD_SECONDARY": gettext_noop(
        "The thresholds for %(province)s come from secondary sources; check the local document."
    ),
    "CENTRAL_LEVEL_IGNORES_PROVINCE": gettext_noop(
        "A central-budget purchase uses the central thresholds; the province given was not used for them."
    ),
    "TENDER_LAW_RISK": gettext_noop(
        "The contract is signed by a %(signatory)s, not the buyer: the Tendering and Bidding Law may govern instead. Get legal advice."
    ),
    "WORKS_FOLLOW_TENDER_LAW": gettext_noop(
        "Works are tendered under the Tendering and Bidding Law; the rule data holds no public-tender threshold for works."
    ),
    "ASK_WORKS_TENDER_DUTY": gettext_noop(
        "Say whether these works must be tendered: it decides whether competitive consultation is open."
    ),
    "SPLITTING_RISK": gettext_noop(
        "Earlier non-tender purchases of the same item this year (%(earlier)s yuan) plus this one (%(amount)s yuan) come to %(total)s yuan, past the public-tender threshold of %(threshold)s yuan: this may be splitting to avoid public tender."
    ),
    "ADDON_OVER_LIMIT": gettext_noop(
        "Supplements to the original contract of %(original)s yuan would total %(total)s yuan (%(already_added)s yuan already plus %(amount)s yuan now), more than %(percent)s %% (%(limit)s yuan). That is a violation: run a new competitive procurement."
    ),
    "CENTRAL_PROCUREMENT_AGENCY_REQUIRED": gettext_noop(
        "The item is in the centralised procurement catalogue: the buyer must entrust the centralised procurement agency."
    ),
    "CATALOGUE_ASSUMED_FROM_DATA": gettext_noop(
        "Catalogue status not given: the rule data (secondary) says %(province)s lists cloud computing services in its catalogue. Confirm it."
    ),
    "NEEDS_SURVEY_AMOUNT": gettext_noop(
        "A needs survey is mandatory: the amount %(amount)s yuan is at or above %(threshold)s yuan."
    ),
    "NEEDS_SURVEY_CUSTOM_IT": gettext_noop(
        "A needs survey is mandatory for a custom-developed IT system."
    ),
    "NEEDS_SURVEY_PUBLIC_INTEREST": gettext_noop(
        "A needs survey is mandatory for a project of public interest."
    ),
    "SERVICE_TERM_OVER_MAX": gettext_noop(
        "A government purchase-of-services contract may run at most %(maximum)s months; %(term)s months were given."
    ),
    "SERVICE_TERM_NEEDS_ASSURED_BUDGET": gettext_noop(
        "A purchase-of-services contract longer than %(normal)s months (here %(term)s) is only possible up to %(maximum)s months where the budget is assured and content and prices are stable."
    ),
    "ASK_PRICE_CALCULABLE": gettext_noop(
        "Billing is by usage: say whether the total price can be calculated in advance; if not, negotiation or consultation may be open."
    ),
    "METHOD_EFFECTIVE_DATE_UNCERTAIN": gettext_noop(
        "The in-force date of %(method_zh)s is not in the rule data; check that it was in force on the procurement date."
    ),
    "APPROVAL_MISSING_COMPETENT_BUDGET_UNIT_CONSENT": gettext_noop(
        "The consent of the competent budget unit must be obtained before the procurement starts (for %(methods_zh)s)."
    ),
    "APPROVAL_MISSING_FINANCE_DEPARTMENT_APPROVAL": gettext_noop(
        "The approval of the finance department must be obtained before the procurement starts (for %(methods_zh)s)."
    ),
    "TIMELINE_BEYOND_CALENDAR": gettext_noop(
        "The holiday calendar has no data from %(date)s (it covers up to %(last_year)s): working days after that are counted Monday to Friday and may be wrong."
    ),
    # ---------------------------------------------------------------- documents
    "DOC_NEEDS_SURVEY": gettext_noop("Needs survey report."),
    "DOC_COMPETENT_BUDGET_UNIT_CONSENT": gettext_noop(
        "Written consent of the competent budget unit (for %(method_zh)s)."
    ),
    "DOC_FINANCE_DEPARTMENT_APPROVAL": gettext_noop(
        "Written approval of the finance department (for %(method_zh)s)."
    ),
    "DOC_EXPERT_OPINION": gettext_noop("Expert opinion on the single supplier."),
    "DOC_SOLE_SUPPLIER_NOTICE": gettext_noop(
        "Public notice of the single supplier (at least %(days)s working days)."
    ),
    "DOC_ADDON_CONSISTENCY": gettext_noop(
        "Statement of why the add-on must come from the original supplier."
    ),
    # ---------------------------------------------------------------- timeline steps
    "STEP_PUBLIC_TENDER_DOCUMENTS_ON_SALE": gettext_noop(
        "Tender documents available for at least %(days)s working days: earliest end"
    ),
    "STEP_PUBLIC_TENDER_BID_DEADLINE": gettext_noop(
        "Bid deadline at least %(days)s days after the documents are issued: earliest date"
    ),
    "STEP_PUBLIC_TENDER_CLARIFICATION_CUTOFF": gettext_noop(
        "Clarifications affecting bids at least %(days)s days before the bid deadline: latest date"
    ),
    "STEP_INVITED_TENDER_DOCUMENTS_ON_SALE": gettext_noop(
        "Tender documents available for at least %(days)s working days: earliest end"
    ),
    "STEP_INVITED_TENDER_BID_DEADLINE": gettext_noop(
        "Bid deadline at least %(days)s days after the documents are issued: earliest date"
    ),
    "STEP_INVITED_TENDER_CLARIFICATION_CUTOFF": gettext_noop(
        "Clarifications affecting bids at least %(days)s days before the bid deadline: latest date"
    ),
    "STEP_COMPETITIVE_NEGOTIATION_RESPONSE_DEADLINE": gettext_noop(
        "Response deadline at least %(days)s working days after the negotiation documents are issued: earliest date"
    ),
    "STEP_COMPETITIVE_CONSULTATION_DOCUMENTS_ON_SALE": gettext_noop(
        "Consultation documents available for at least %(days)s working days: earliest end"
    ),
    "STEP_COMPETITIVE_CONSULTATION_FIRST_RESPONSE_DEADLINE": gettext_noop(
        "First responses at least %(days)s days after the consultation documents are issued: earliest date"
    ),
    "STEP_SINGLE_SOURCE_PUBLIC_NOTICE": gettext_noop(
        "Public notice of the single supplier for at least %(days)s working days: earliest end"
    ),
    "STEP_ENQUIRY_RESPONSE_DEADLINE": gettext_noop(
        "Quotes at least %(days)s working days after the enquiry notice is issued: earliest date"
    ),
    "STEP_COOPERATIVE_INNOVATION_PUBLIC_NOTICE": gettext_noop(
        "Public notice for at least %(days)s working days: earliest end"
    ),
    # ---------------------------------------------------------------- cooperation / deployment
    "MODEL_COOPERATION_JOINT_VENTURE_FUNDING_PRESSURE": gettext_noop(
        "Joint venture: heavy up-front government investment (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_JOINT_VENTURE_CONTROL_AND_RISK": gettext_noop(
        "Joint venture: the company controls the project and bears the commercial risk (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_JOINT_VENTURE_PROJECT_CYCLE": gettext_noop(
        "Joint venture: long preparation; policy and regulation needed (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_JOINT_VENTURE_SUSTAINABILITY": gettext_noop(
        "Joint venture: strong continuity, with a risk of a rigid state-company culture (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_DIRECT_PURCHASE_FUNDING_PRESSURE": gettext_noop(
        "Direct purchase: pay as used, light on the budget (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_DIRECT_PURCHASE_CONTROL_AND_RISK": gettext_noop(
        "Direct purchase: the government leads and bears the risk; strong competition, weak vendor voice (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_DIRECT_PURCHASE_PROJECT_CYCLE": gettext_noop(
        "Direct purchase: short from approval to delivery (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_COOPERATION_DIRECT_PURCHASE_SUSTAINABILITY": gettext_noop(
        "Direct purchase: weak continuity, exposed to policy and leadership change (score %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_PRIVATE_CLOUD_SECURITY": gettext_noop(
        "Private cloud: deployed within the government's own control (security %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_PRIVATE_CLOUD_FLEXIBILITY": gettext_noop(
        "Private cloud: complex to manage (flexibility %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_PRIVATE_CLOUD_SCALABILITY": gettext_noop(
        "Private cloud: weaker as systems grow (scalability %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_PRIVATE_CLOUD_COST": gettext_noop(
        "Private cloud: lower resource utilisation (cost efficiency %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_DEDICATED_CLOUD_SECURITY": gettext_noop(
        "Dedicated cloud: dedicated resources (security %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_DEDICATED_CLOUD_FLEXIBILITY": gettext_noop(
        "Dedicated cloud: public-cloud agility (flexibility %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_DEDICATED_CLOUD_SCALABILITY": gettext_noop(
        "Dedicated cloud: scales with public-facing systems (scalability %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_DEDICATED_CLOUD_COST": gettext_noop(
        "Dedicated cloud: better utilisation than private cloud (cost efficiency %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_GOV_PUBLIC_CLOUD_SECURITY": gettext_noop(
        "Government public cloud: for non-sensitive systems only (security %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_GOV_PUBLIC_CLOUD_FLEXIBILITY": gettext_noop(
        "Government public cloud: suits public-facing, interactive systems (flexibility %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_GOV_PUBLIC_CLOUD_SCALABILITY": gettext_noop(
        "Government public cloud: elastic capacity (scalability %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_GOV_PUBLIC_CLOUD_COST": gettext_noop(
        "Government public cloud: shared resources (cost efficiency %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_HYBRID_CLOUD_SECURITY": gettext_noop(
        "Hybrid cloud: key data kept private (security %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_HYBRID_CLOUD_FLEXIBILITY": gettext_noop(
        "Hybrid cloud: applications run on public cloud (flexibility %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_HYBRID_CLOUD_SCALABILITY": gettext_noop(
        "Hybrid cloud: combines several clouds (scalability %(score)s, weight %(weight)s)."
    ),
    "MODEL_DEPLOYMENT_HYBRID_CLOUD_COST": gettext_noop(
        "Hybrid cloud: the hardest to manage across platforms (cost efficiency %(score)s, weight %(weight)s)."
    ),
    "MODEL_EXCLUDED_SENSITIVE": gettext_noop("Not an option: the system handles sensitive data."),
    "MODEL_JV_PROCUREMENT_UNCLEAR": gettext_noop(
        "Risk: how buyers then procure from a joint-venture company is unclear in public sources."
    ),
    "MODEL_SENSITIVITY_UNKNOWN": gettext_noop(
        "Say whether the system handles sensitive data: it decides whether the government public cloud is an option."
    ),
    "MODEL_PUBLIC_FACING_NON_SENSITIVE": gettext_noop(
        "A non-sensitive, public-facing system is the typical case for the government public cloud."
    ),
    # ---------------------------------------------------------------- field errors
    "REQUIRED": gettext_noop("This field is required."),
    "UNKNOWN_FIELD": gettext_noop("Unknown field."),
    "NOT_A_MAPPING": gettext_noop("Expected an object with named fields."),
    "NOT_A_LIST": gettext_noop("Expected a list."),
    "NOT_TEXT": gettext_noop("Expected text."),
    "NOT_A_BOOLEAN": gettext_noop("Expected yes or no."),
    "NOT_A_DATE": gettext_noop("Expected a date (YYYY-MM-DD)."),
    "NOT_AN_AMOUNT": gettext_noop(
        "Expected an amount in yuan (a number, written as text or a whole number)."
    ),
    "NOT_A_COUNT": gettext_noop("Expected a whole number."),
    "INVALID_CHOICE": gettext_noop("Not a valid choice (expected one of: %(choices)s)."),
    "NEGATIVE_AMOUNT": gettext_noop("The amount cannot be negative."),
    "AMOUNT_NOT_POSITIVE": gettext_noop("The amount must be greater than zero."),
    "PERCENT_OUT_OF_RANGE": gettext_noop("A percentage must be between 0 and 100."),
    "NEGATIVE_COUNT": gettext_noop("The number cannot be negative."),
    "TERM_NOT_POSITIVE": gettext_noop("The contract term must be at least one month."),
    "INFO_SYSTEM_NOT_WORKS": gettext_noop(
        "A government information system is goods or services, not works."
    ),
    "SOLE_SUPPLIER_CONTRADICTS_COUNT": gettext_noop(
        "Evidence of a single supplier contradicts the %(count)s capable suppliers given."
    ),
    "DATE_OUT_OF_RANGE": gettext_noop("Give a date from %(earliest)s to %(latest)s."),
    "DATE_OUTSIDE_RULE_SET": gettext_noop(
        "No rules for this date: rule set %(slug)s version %(version)s covers %(effective_from)s to %(effective_to)s."
    ),
    "DATE_OUTSIDE_RULE_SETS": gettext_noop(
        "No rule set is in force on %(date)s (loaded: %(ranges)s)."
    ),
    "UNKNOWN_PROVINCE": gettext_noop("Unknown province %(province)s."),
    "PROVINCE_REQUIRED": gettext_noop("Give the province for a provincial, city or county budget."),
    "ADDON_WITHOUT_ORIGINAL": gettext_noop("An add-on needs the amount of the original contract."),
    "ADDON_AMOUNT_MISMATCH": gettext_noop(
        "The add-on amount must equal the purchase amount (%(amount)s yuan)."
    ),
    "WEIGHT_OUT_OF_RANGE": gettext_noop("A weight must be a whole number from 0 to 5."),
}


def has_message(code: str) -> bool:
    return code in MESSAGES


def model_reason_code(kind: str, option: str, criterion: str) -> str:
    """Code of the reason for one option and criterion of a model comparison."""
    return f"MODEL_{kind}_{option}_{criterion}".upper()


def _param_text(name: str, value: Any, translate: Translate) -> str:
    if value is None:
        return "—"
    if isinstance(value, date):
        return value.isoformat()
    group = LABELS.get(name)
    if group is not None and str(value) in group:
        return translate(group[str(value)])
    return str(value)


def render(
    code: str, params: Mapping[str, Any] | None = None, translate: Translate | None = None
) -> str:
    """The text for ``code`` with ``params``, through ``translate`` (default: English).

    A translation whose placeholders do not match the English template (a translator's typo)
    falls back to the English template rather than raising.
    """
    translate = translate or identity
    values = {k: _param_text(k, v, translate) for k, v in (params or {}).items()}
    try:
        return translate(MESSAGES[code]) % values
    except (KeyError, ValueError, TypeError):
        return MESSAGES[code] % values


def render_message(message: Any, translate: Translate | None = None) -> str:
    """Render anything with ``code`` and ``params`` (Message, warning, field error, step)."""
    return render(message.code, message.params, translate)
