"""Plain frozen dataclasses passed into and out of the guidance engine.

Nothing here imports Django. Money is ``Decimal`` in yuan (元); percentages are ``Decimal``
in the range 0..100; dates are ``datetime.date``.

User-facing text is never stored as prose: every reason, warning and step carries a stable
``code`` and a ``params`` mapping; the English template for each code lives in
:mod:`procurement.guidance.messages` so that the Django layer can translate it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class BuyerType(StrEnum):
    """Who buys. The first three are the 采购人 of LAW 2 / LAW 15."""

    STATE_ORGAN = "state_organ"  # 国家机关
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    SOCIAL_ORGANISATION = "social_organisation"  # 团体组织
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise"  # 国有企业
    OTHER = "other"


class Signatory(StrEnum):
    """Who signs the contract with the supplier."""

    BUYER = "buyer"
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise"
    PLATFORM_COMPANY = "platform_company"  # e.g. a 政企合资 cloud operator


class BudgetLevel(StrEnum):
    CENTRAL = "central"  # 中央
    PROVINCE = "province"  # 省
    CITY = "city"  # 市
    COUNTY = "county"  # 县


class Category(StrEnum):
    GOODS = "goods"  # 货物
    SERVICES = "services"  # 服务
    WORKS = "works"  # 工程


class PaymentModel(StrEnum):
    FIXED = "fixed"  # fixed total price
    USAGE = "usage"  # unit price x usage (按需付费)


class Method(StrEnum):
    """The eight procurement methods, in the order the engine reports them."""

    PUBLIC_TENDER = "public_tender"  # 公开招标
    INVITED_TENDER = "invited_tender"  # 邀请招标
    COMPETITIVE_NEGOTIATION = "competitive_negotiation"  # 竞争性谈判
    COMPETITIVE_CONSULTATION = "competitive_consultation"  # 竞争性磋商
    SINGLE_SOURCE = "single_source"  # 单一来源
    ENQUIRY = "enquiry"  # 询价
    FRAMEWORK_AGREEMENT = "framework_agreement"  # 框架协议
    COOPERATIVE_INNOVATION = "cooperative_innovation"  # 合作创新


class Verdict(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_WITH_APPROVAL = "allowed_with_approval"
    NOT_ALLOWED = "not_allowed"


class Approval(StrEnum):
    COMPETENT_BUDGET_UNIT_CONSENT = "competent_budget_unit_consent"  # 主管预算单位同意
    FINANCE_DEPARTMENT_APPROVAL = "finance_department_approval"  # 设区的市级以上财政部门批准


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class PeriodUnit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"


def _frozen_params(params: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(params or {}))


# --------------------------------------------------------------------------- provenance


@dataclass(frozen=True)
class Basis:
    """The legal (or modelled) basis of a rule item.

    ``law`` and ``article`` are Chinese legal names kept as data (e.g. 政府采购法 / 第二十七条);
    ``source`` is the id of an entry in the rule set's ``sources`` list; ``url`` is copied from it
    (``None`` where the domain file gives no URL). ``secondary`` is True where the source or the
    item citing it is marked ``secondary`` (reprints, exam banks), so a citation says so.
    """

    law: str
    article: str | None
    source: str
    url: str | None = None
    note: str | None = None
    secondary: bool = False


# --------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class Message:
    """A translatable piece of output: ``code`` selects the template, ``params`` fill it.

    ``params`` is read-only and excluded from hashing/equality-by-hash; values are str, int,
    Decimal or date (the serialiser turns them into strings).
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    basis: tuple[Basis, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_params(self.params))


@dataclass(frozen=True)
class GuidanceWarning:
    """A warning for the user, with a severity and the basis it rests on."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    basis: tuple[Basis, ...] = ()
    severity: Severity = Severity.WARNING

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_params(self.params))


@dataclass(frozen=True)
class FieldError:
    """A field-level error about the facts: ``field`` is a dotted path (``addon.amount``)."""

    field: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_params(self.params))


@dataclass(frozen=True)
class RuleError:
    """A problem in a rule file: which file, where in it (``methods.enquiry.periods[0].days``)
    and what is wrong, in plain English for the administrator who loads the file."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class InvalidFacts(ValueError):  # noqa: N818 - reads better at call sites
    """Raised by :func:`engine.advise` when the facts are impossible; carries field errors."""

    def __init__(self, errors: tuple[FieldError, ...]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class AddOnFacts:
    """An add-on (添购 / 补充合同) to an existing contract with the same supplier.

    ``amount`` is this add-on and must equal :attr:`Facts.amount`; ``already_added`` is the sum
    of earlier supplements to the same contract.
    """

    original_contract_amount: Decimal | None
    amount: Decimal | None
    already_added: Decimal = Decimal(0)
    consistency_reason: str = ""


@dataclass(frozen=True)
class ModelPreferences:
    """How much the buyer cares about each criterion (0..5); ``None`` = the modelled default."""

    funding_pressure: int | None = None
    control_and_risk: int | None = None
    project_cycle: int | None = None
    sustainability: int | None = None
    security: int | None = None
    flexibility: int | None = None
    scalability: int | None = None
    cost: int | None = None

    def get(self, criterion: str) -> int | None:
        value = getattr(self, criterion, None)
        return value if isinstance(value, int) or value is None else None


@dataclass(frozen=True)
class Facts:
    """What the buyer tells the engine (domain file §8). Unknowns are ``None``.

    Amounts are in yuan. ``same_item_purchases_ytd`` is the sum of *earlier* non-tender purchases
    of the same 品目 under the same budget item in this fiscal year (not counting this one).
    """

    date: date
    buyer_type: BuyerType
    fiscal_funds_percent: Decimal
    budget_level: BudgetLevel
    category: Category
    amount: Decimal
    province: str | None = None
    signatory: Signatory = Signatory.BUYER
    is_info_system: bool = False
    cloud_in_central_catalogue: bool | None = None
    contract_term_months: int | None = None
    payment_model: PaymentModel = PaymentModel.FIXED
    same_item_purchases_ytd: Decimal = Decimal(0)
    specs_fixable: bool | None = None
    standard_goods: bool | None = None  # uniform specs, ample supply, stable price (LAW 32)
    price_calculable_in_advance: bool | None = None
    capable_suppliers: int | None = None
    sole_supplier_evidence: bool = False
    urgent: bool = False
    urgency_caused_by_buyer: bool | None = None
    urgency_unforeseeable: bool = False
    earlier_tender_failed: bool = False
    responsive_bidders: int | None = None
    addon: AddOnFacts | None = None
    repeat_small_orders: bool = False  # frequent small purchases of catalogue items
    attestation_consulting_services: bool = False  # 鉴证咨询服务
    users_choose_supplier: bool = False  # service users choose among 2+ suppliers
    rd_need: bool = False  # R&D serving national strategy
    no_market_solution: bool = False  # nothing on the market meets the need
    government_purchase_of_services: bool = False  # 政府购买服务
    research_or_tech_transfer: bool = False  # research with little competition / 科技成果转化
    works_must_be_tendered: bool | None = None  # works: must they be tendered (招标投标法)?
    limited_supplier_pool: bool = False  # special item, limited pool (LAW 29(一))
    tender_cost_disproportionate: bool = False  # LAW 29(二)
    multi_year_budget_assured: bool = False  # budget assured, content and prices stable
    custom_it_system: bool = False  # custom-developed IT system (需求调查 trigger)
    public_interest: bool = False  # project of public interest (需求调查 trigger)
    approvals_obtained: frozenset[Approval] = frozenset()
    timeline_start: date | None = None  # defaults to ``date``
    handles_sensitive_data: bool | None = None
    public_facing: bool = False
    preferences: ModelPreferences = field(default_factory=ModelPreferences)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class RuleRef:
    slug: str
    version: int
    content_hash: str
    effective_from: date
    effective_to: date | None


@dataclass(frozen=True)
class Applicability:
    """Whether the 政府采购法 applies; ``reasons`` say why (or why not)."""

    applies: bool
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class ThresholdValue:
    """A resolved threshold. ``amount`` is ``None`` where the rule data holds no figure."""

    kind: str  # "procurement_limit" (采购限额标准) or "public_tender" (公开招标数额标准)
    amount: Decimal | None
    jurisdiction: str
    fallback: bool  # True when a central figure stands in for a missing local one
    secondary: bool
    basis: tuple[Basis, ...]
    note: str | None = None


@dataclass(frozen=True)
class ResolvedThresholds:
    procurement_limit: ThresholdValue | None
    public_tender: ThresholdValue | None
    above_procurement_limit: bool | None
    above_public_tender: bool | None  # None: no figure (e.g. works)


@dataclass(frozen=True)
class MethodVerdict:
    method: Method
    name_zh: str
    verdict: Verdict
    reasons: tuple[Message, ...]
    approvals: tuple[Approval, ...] = ()
    requirements: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    method: Method
    verdict: Verdict
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class RequiredApproval:
    approval: Approval
    methods: tuple[Method, ...]
    obtained: bool
    before_start: bool
    basis: tuple[Basis, ...]


@dataclass(frozen=True)
class TimelineStep:
    """One statutory step. ``kind`` is ``earliest`` (may not happen before ``date``) or
    ``latest`` (must happen on or before ``date``). ``approximate`` is True where the working-day
    calendar did not cover a day the count passed through (weekends-only fallback used)."""

    code: str
    params: Mapping[str, Any] = field(hash=False)
    date: date
    kind: str
    days: int
    unit: PeriodUnit
    is_workday: bool | None
    approximate: bool
    basis: tuple[Basis, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen_params(self.params))


@dataclass(frozen=True)
class Timeline:
    method: Method
    start: date
    steps: tuple[TimelineStep, ...]
    approximate: bool


@dataclass(frozen=True)
class ModelOption:
    key: str
    name_zh: str
    score: Decimal
    excluded: bool
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class ModelAdvice:
    kind: str  # "cooperation" or "deployment"
    options: tuple[ModelOption, ...]  # best first
    recommended: str | None
    weights: tuple[tuple[str, int], ...]
    modelled: bool
    basis: tuple[Basis, ...]
    notes: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Result:
    rules: RuleRef
    facts: Facts
    applicability: Applicability
    thresholds: ResolvedThresholds
    verdicts: tuple[MethodVerdict, ...]
    recommended: tuple[Recommendation, ...]
    approvals: tuple[RequiredApproval, ...]
    documents: tuple[Message, ...]
    warnings: tuple[GuidanceWarning, ...]
    timelines: tuple[Timeline, ...]
    cooperation: ModelAdvice
    deployment: ModelAdvice

    def verdict(self, method: Method | str) -> MethodVerdict:
        for v in self.verdicts:
            if v.method == method:
                return v
        raise KeyError(method)

    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)
