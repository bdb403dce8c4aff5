"""Derived facts shared by the method, warning and timeline rules of one ``advise`` call."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from procurement.guidance.rules_model import RuleSet
from procurement.guidance.thresholds import CENTRAL, jurisdiction_of
from procurement.guidance.types import Facts, ResolvedThresholds


@dataclass(frozen=True)
class AddOnCheck:
    """LAW 31(三) / LAW 49 / REG 67: all supplements together ≤ ``percent`` % of the original."""

    original: Decimal
    already_added: Decimal
    amount: Decimal
    total: Decimal
    limit: Decimal
    percent: int

    @property
    def within_limit(self) -> bool:
        return self.total <= self.limit


@dataclass(frozen=True)
class Context:
    rules: RuleSet
    facts: Facts
    thresholds: ResolvedThresholds

    @property
    def jurisdiction(self) -> str:
        return jurisdiction_of(self.facts)

    @property
    def above_tender(self) -> bool | None:
        return self.thresholds.above_public_tender

    @property
    def tender_threshold(self) -> Decimal | str:
        value = self.thresholds.public_tender
        return value.amount if value is not None and value.amount is not None else "-"

    @cached_property
    def in_catalogue(self) -> bool | None:
        """The buyer's answer; if unknown, what the rule data says for the province (secondary)."""
        if self.facts.cloud_in_central_catalogue is not None:
            return self.facts.cloud_in_central_catalogue
        if self.jurisdiction != CENTRAL and self.jurisdiction in self.rules.catalogue_lists_cloud:
            return True
        return None

    @property
    def catalogue_from_data(self) -> bool:
        return self.facts.cloud_in_central_catalogue is None and self.in_catalogue is True

    @property
    def info_system_restricted(self) -> bool:
        """The 政务信息系统 restriction applies (to every jurisdiction unless the data limits it)."""
        if not self.facts.is_info_system:
            return False
        scope = self.rules.info_system_jurisdictions
        return scope is None or self.jurisdiction in scope

    @cached_property
    def addon(self) -> AddOnCheck | None:
        a = self.facts.addon
        if a is None or a.original_contract_amount is None or a.amount is None:
            return None
        percent = int(self.rules.rule("addon").values["max_total_percent"])
        total = a.already_added + a.amount
        limit = a.original_contract_amount * Decimal(percent) / Decimal(100)
        return AddOnCheck(
            a.original_contract_amount, a.already_added, a.amount, total, limit, percent
        )
