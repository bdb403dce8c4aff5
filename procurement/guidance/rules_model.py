"""Typed, immutable view of a validated rule set (built by :mod:`rules_schema`).

Every figure the engine uses — thresholds, periods, limits, percentages, weights — comes from
one of these objects, never from a literal in code. Items carry their :class:`Basis` and a
``secondary`` flag (domain file: figures from reprints and exam banks) or ``modelled`` flag
(no public text: our own modelling).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from procurement.guidance.types import (
    Approval,
    Basis,
    BudgetLevel,
    Category,
    Method,
    PeriodUnit,
    RuleRef,
    Signatory,
)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None
    secondary: bool
    in_domain_sources: bool
    note: str | None = None


@dataclass(frozen=True)
class Jurisdiction:
    key: str
    name_zh: str


@dataclass(frozen=True)
class ThresholdItem:
    """One figure: a 采购限额标准 (``procurement_limit``) or a 公开招标数额标准
    (``public_tender``) for a jurisdiction, some budget levels and some categories."""

    jurisdiction: str
    levels: frozenset[BudgetLevel]
    kind: str
    categories: frozenset[Category]
    amount: Decimal | None
    basis: tuple[Basis, ...]
    secondary: bool
    note: str | None
    effective_from: date | None = None
    effective_to: date | None = None

    def in_force(self, on: date) -> bool:
        if self.effective_from and on < self.effective_from:
            return False
        return not (self.effective_to and on > self.effective_to)


@dataclass(frozen=True)
class Condition:
    id: str
    basis: tuple[Basis, ...]
    secondary: bool = False


@dataclass(frozen=True)
class Limit:
    id: str
    value: Any  # int or str (e.g. "2/3"), as written in the rule file
    basis: tuple[Basis, ...]
    secondary: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Period:
    """A statutory period. Exactly one of ``after`` / ``before`` is set: ``after`` is ``start``
    or an earlier period id (earliest date = anchor + days), ``before`` is a period id
    (latest date = anchor - days). ``only_when`` restricts the step to one situation."""

    id: str
    days: int
    unit: PeriodUnit
    after: str | None
    before: str | None
    basis: tuple[Basis, ...]
    secondary: bool = False
    only_when: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MethodRule:
    method: Method
    name_zh: str
    categories: frozenset[Category]
    basis: tuple[Basis, ...]
    conditions: dict[str, Condition]
    limits: dict[str, Limit]
    periods: tuple[Period, ...]
    secondary: bool = False
    effective_from: date | None = None
    effective_from_exact: bool = True
    note: str | None = None

    def limit(self, key: str) -> Limit | None:
        return self.limits.get(key)


@dataclass(frozen=True)
class ApprovalRule:
    id: str
    requires: tuple[Approval, ...]
    methods: tuple[Method, ...]
    before_start: bool
    basis: tuple[Basis, ...]
    note: str | None = None


@dataclass(frozen=True)
class RuleItem:
    """A generic rule with a basis and a few named figures (``values``)."""

    id: str
    values: dict[str, Any]
    basis: tuple[Basis, ...]
    secondary: bool = False
    modelled: bool = False
    note: str | None = None


@dataclass(frozen=True)
class PriceWeight:
    min: int | None
    max: int | None
    basis: tuple[Basis, ...]
    secondary: bool = False


@dataclass(frozen=True)
class ModelCriterion:
    key: str
    name_zh: str
    weight: int


@dataclass(frozen=True)
class ModelChoice:
    key: str
    name_zh: str
    scores: dict[str, int]
    excluded_when_sensitive: bool = False


@dataclass(frozen=True)
class ModelSet:
    kind: str
    criteria: tuple[ModelCriterion, ...]
    options: tuple[ModelChoice, ...]
    scale_min: int
    scale_max: int
    basis: tuple[Basis, ...]
    modelled: bool


@dataclass(frozen=True)
class RuleSet:
    slug: str
    version: int
    title: str
    effective_from: date
    effective_to: date | None
    content_hash: str
    file: str
    sources: dict[str, Source]
    jurisdictions: dict[str, Jurisdiction]
    thresholds: tuple[ThresholdItem, ...]
    methods: dict[Method, MethodRule]
    approvals: dict[str, ApprovalRule]
    rules: dict[str, RuleItem]
    signatory_risk: frozenset[Signatory]
    info_system_excluded: frozenset[Method]
    info_system_jurisdictions: frozenset[str] | None
    catalogue_lists_cloud: frozenset[str]
    price_weights: dict[str, dict[str, PriceWeight]]
    recommendation_profiles: dict[str, tuple[Method, ...]]
    cooperation: ModelSet
    deployment: ModelSet
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @property
    def ref(self) -> RuleRef:
        return RuleRef(
            slug=self.slug,
            version=self.version,
            content_hash=self.content_hash,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
        )

    def covers(self, on: date) -> bool:
        if on < self.effective_from:
            return False
        return not (self.effective_to and on > self.effective_to)

    def rule(self, key: str) -> RuleItem:
        return self.rules[key]
