"""Frozen dataclasses in and out of the comparison engine (no Django, no database).

Money and scores are :class:`decimal.Decimal`. Integers are accepted where a Decimal is expected
(they are exact); floats are refused with a field-level error, because a float cannot hold 8.345.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from .messages import Message

Method = Literal["tender", "consultation"]
CategoryKind = Literal["goods", "services", "mixed"]
CriterionKind = Literal["price", "technical", "commercial"]
Number = Decimal | int

METHODS: tuple[str, ...] = ("tender", "consultation")
CATEGORY_KINDS: tuple[str, ...] = ("goods", "services", "mixed")
CRITERION_KINDS: tuple[str, ...] = ("price", "technical", "commercial")

# Tie-break keys and their direction ("asc": lower ranks higher, "desc": higher ranks higher).
TIE_BREAK_KEYS: Mapping[str, str] = {
    "bid_price": "asc",  # the quoted price (投标报价), before any SME deduction
    "evaluated_price": "asc",  # the price after the SME deduction
    "technical_score": "desc",  # Σ rounded means of the technical criteria
    "commercial_score": "desc",  # Σ rounded means of the commercial criteria
    "price_score": "desc",
}
# The default order: equal totals → lower bid price first (87号令's ranking rule); equal price
# too → higher technical score first (214号 for 磋商; common tender-document practice). Still
# tied → reported for decision by lot. This is a default: the tender documents may set another
# order, passed as EvaluationRules.tie_break. See ranking.py for the sources.
DEFAULT_TIE_BREAK: tuple[str, ...] = ("bid_price", "technical_score")


@dataclass(frozen=True)
class Rounding:
    """How scores are rounded: ``places`` decimals with a :mod:`decimal` rounding ``mode``."""

    places: int = 2
    mode: str = ROUND_HALF_UP


@dataclass(frozen=True)
class PriceWeightRange:
    """The legal range of the price weight, in percent of the total score (data, not code).

    ``max_percent`` None means no upper bound (公开招标). ``basis`` cites the law and article;
    ``secondary`` marks a figure taken from a secondary source (reprints, exam banks).
    """

    min_percent: Decimal
    max_percent: Decimal | None
    basis: str
    secondary: bool = False


@dataclass(frozen=True)
class PriceWeightTable:
    """Legal price-weight ranges by method and category, as the rule YAML holds them.

    ``entries`` maps ``(method, category)`` → range, e.g. ``("tender", "goods")``. Build it from
    the YAML mapping ``evaluation.price_weight`` with :meth:`from_mapping`.
    """

    entries: Mapping[tuple[str, str], PriceWeightRange]

    def lookup(self, method: str, category: str) -> PriceWeightRange | None:
        return self.entries.get((method, category))

    @classmethod
    def from_mapping(cls, price_weight: Mapping[str, Any]) -> PriceWeightTable:
        """Read ``{tender|consultation: {goods|services: {min, max, basis[, secondary]}}}``.

        ``basis`` may be text or the rule YAML's ``{law, article, source}`` mapping (see
        :func:`basis_text`).

        ``min``/``max`` may be int, str or Decimal (a float is converted through ``str``, which
        is exact for the short figures a YAML file holds); a missing or null ``max`` means no
        upper bound. Raises ``ValueError`` on a malformed entry: the rule loader validates
        the YAML before this is called.
        """
        entries: dict[tuple[str, str], PriceWeightRange] = {}
        for method, by_category in price_weight.items():
            for category, spec in by_category.items():
                if "min" not in spec:
                    raise ValueError(f"price_weight.{method}.{category}: 'min' is required")
                maximum = spec.get("max")
                entries[(str(method), str(category))] = PriceWeightRange(
                    min_percent=Decimal(str(spec["min"])),
                    max_percent=None if maximum is None else Decimal(str(maximum)),
                    basis=basis_text(spec.get("basis")),
                    secondary=bool(spec.get("secondary", False)),
                )
        return cls(entries=entries)


def basis_text(basis: Any) -> str:
    """A legal basis as one line: text as is; ``{law, article, source}`` → "law article"."""
    if basis is None:
        return ""
    if isinstance(basis, Mapping):
        return " ".join(str(basis[k]) for k in ("law", "article") if basis.get(k))
    if isinstance(basis, list | tuple):
        return "; ".join(basis_text(item) for item in basis)
    return str(basis)


@dataclass(frozen=True)
class Category:
    """What is bought. A mixed project gives the funds for goods and for services (any unit:
    amounts or percentages); it takes the category with the larger share (214号 art. 24)."""

    kind: str
    goods_share: Decimal | None = None
    services_share: Decimal | None = None


@dataclass(frozen=True)
class Criterion:
    """One row of the scoring table. Exactly one row has kind "price"; its max points are the
    price points (= the price weight in percent, since the table adds up to 100)."""

    code: str
    name: str
    kind: str
    max_points: Number


@dataclass(frozen=True)
class EvaluationRules:
    """Rules of one 综合评分法 evaluation, as the tender documents and the law set them.

    ``sme_deduction_percent`` is the small/micro-enterprise price deduction the tender documents
    state (an input, not a legal figure). ``required_members`` is the panel size needed (from the
    rule data); fewer members who scored is a warning only. ``tie_break`` is the order of
    tie-break keys (see :data:`TIE_BREAK_KEYS`); the default is :data:`DEFAULT_TIE_BREAK`.
    """

    method: str
    category: Category
    criteria: tuple[Criterion, ...]
    price_weights: PriceWeightTable
    rounding: Rounding = Rounding()
    sme_deduction_percent: Number = Decimal(0)
    tie_break: tuple[str, ...] = DEFAULT_TIE_BREAK
    required_members: int | None = None


@dataclass(frozen=True)
class Bid:
    """One bid that passed the qualification and compliance checks. ``price`` is the quoted
    price (投标报价 / 最后磋商报价) in yuan; ``sme_eligible`` marks a small/micro enterprise
    entitled to the price deduction."""

    bidder_id: str
    price: Number | None
    name: str = ""
    sme_eligible: bool = False


@dataclass(frozen=True)
class MemberScore:
    """One panel member's points for one bid on one non-price criterion."""

    member_id: str
    bidder_id: str
    criterion_code: str
    points: Number


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PriceScore:
    """The price-score formula with its numbers: rounded = round(base / price × points).

    ``price`` is the evaluated price (after any SME deduction); ``raw`` is the exact quotient
    (computed as base × points / price), ``rounded`` the figure that counts.
    """

    base: Decimal
    price: Decimal
    points: Decimal
    raw: Decimal
    rounded: Decimal


@dataclass(frozen=True)
class MemberPoints:
    member_id: str
    points: Decimal


@dataclass(frozen=True)
class CriterionResult:
    """A non-price criterion for one bid: members' points, their exact mean and rounded mean."""

    code: str
    name: str
    kind: str
    max_points: Decimal
    member_scores: tuple[MemberPoints, ...]
    raw_mean: Decimal
    mean: Decimal


@dataclass(frozen=True)
class BidResult:
    """One bid's evaluation, every figure with its derivation.

    ``decided_by`` says what placed the bid: "total", a tie-break key, or "lot" (a tie remains;
    ``tied_with`` lists the other bidders in it, all sharing ``rank``).
    """

    bidder_id: str
    name: str
    bid_price: Decimal
    sme_eligible: bool
    sme_deduction_percent: Decimal
    evaluated_price: Decimal
    price_score: PriceScore
    criteria: tuple[CriterionResult, ...]
    technical_score: Decimal
    commercial_score: Decimal
    non_price_score: Decimal
    total: Decimal
    rank: int
    decided_by: str
    tied_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvaluationResult:
    """Result of :func:`evaluate`. With errors, ``bids`` is empty and nothing is computed."""

    errors: tuple[Message, ...]
    warnings: tuple[Message, ...] = ()
    method: str = ""
    category_applied: str | None = None
    price_weight_percent: Decimal | None = None
    price_weight_range: PriceWeightRange | None = None
    rounding: Rounding = Rounding()
    tie_break: tuple[str, ...] = DEFAULT_TIE_BREAK
    base_price: Decimal | None = None
    members: tuple[str, ...] = ()
    bids: tuple[BidResult, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------ stateless score check


@dataclass(frozen=True)
class ScoreCheckRules:
    """Rules for :func:`score_bids`: price points, rounding, SME deduction, tie-break order.

    ``price_weight_range``, if given, is checked against ``price_points`` as in an evaluation;
    ``category`` (goods / services) only names it in the message.
    """

    price_points: Number
    rounding: Rounding = Rounding()
    sme_deduction_percent: Number = Decimal(0)
    tie_break: tuple[str, ...] = DEFAULT_TIE_BREAK
    price_weight_range: PriceWeightRange | None = None
    category: str = ""


@dataclass(frozen=True)
class CheckBid:
    """A bid as a published result shows it. ``non_price_total`` (and, for the tie-break,
    ``technical_score``) are the published non-price figures; omit them for a price-only check.
    ``published_*`` figures, when given, are compared with the recomputed ones."""

    bidder_id: str
    price: Number | None
    sme_eligible: bool = False
    non_price_total: Number | None = None
    technical_score: Number | None = None
    published_price_score: Number | None = None
    published_total: Number | None = None
    published_rank: int | None = None


@dataclass(frozen=True)
class CheckedBid:
    bidder_id: str
    bid_price: Decimal
    evaluated_price: Decimal
    price_score: PriceScore
    non_price_total: Decimal | None
    total: Decimal
    rank: int
    decided_by: str
    tied_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScoreCheckResult:
    errors: tuple[Message, ...]
    warnings: tuple[Message, ...] = ()
    base_price: Decimal | None = None
    bids: tuple[CheckedBid, ...] = ()
    mismatches: tuple[Message, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------------- sensitivity


@dataclass(frozen=True)
class RankedEntry:
    bidder_id: str
    rank: int
    price_score: Decimal
    non_price_score: Decimal
    total: Decimal
    decided_by: str


@dataclass(frozen=True)
class WeightStep:
    """The ranking at one price weight; non-price points scaled by ``non_price_factor``."""

    price_weight_percent: Decimal
    non_price_factor: Decimal
    ranking: tuple[RankedEntry, ...]
    winners: tuple[str, ...]


@dataclass(frozen=True)
class WinnerChange:
    from_percent: Decimal
    to_percent: Decimal
    winners_before: tuple[str, ...]
    winners_after: tuple[str, ...]
    message: Message


@dataclass(frozen=True)
class WeightSensitivity:
    errors: tuple[Message, ...]
    lower_percent: Decimal | None = None
    upper_percent: Decimal | None = None
    steps: tuple[WeightStep, ...] = ()
    winner_changes: tuple[WinnerChange, ...] = ()


@dataclass(frozen=True)
class WinningPrice:
    """The highest price (to ``price_step``) at which a bid's total would strictly exceed every
    other bid's, all else fixed; None when no positive price achieves it.

    ``case`` is "becomes_base" (its evaluated price would be the new 评标基准价, lowering every
    other bid's price score) or "base_unchanged". ``bound`` is the exact limit on its evaluated
    price (``bound_inclusive`` whether the limit itself qualifies) and ``rival`` the bidder
    whose total sets it. ``total_at_price`` / ``rival_total_at_price`` re-evaluate at the answer,
    ``*_one_step_above`` one price step higher (where it no longer ranks first alone).
    """

    bidder_id: str
    current_price: Decimal
    winning_price: Decimal | None
    case: str | None
    bound: Decimal | None
    bound_inclusive: bool | None
    rival: str | None
    total_at_price: Decimal | None
    rival_total_at_price: Decimal | None
    total_one_step_above: Decimal | None
    rival_total_one_step_above: Decimal | None
    message: Message


@dataclass(frozen=True)
class AbnormalPriceFlag:
    """Whether a price is below ``threshold_percent`` % of the mean of the other bids' prices."""

    bidder_id: str
    price: Decimal | None
    mean_of_others: Decimal | None
    threshold_percent: Decimal
    threshold_price: Decimal | None
    threshold_modelled: bool
    flagged: bool
    message: Message


@dataclass(frozen=True)
class AbnormalPriceReport:
    errors: tuple[Message, ...]
    flags: tuple[AbnormalPriceFlag, ...] = ()


# ------------------------------------------------------------------------------- gates

CREDENTIAL_KINDS: tuple[str, ...] = (
    "mlps",  # 网络安全等级保护 (等保), with a level
    "cac_cloud_assessment",  # 云计算服务安全评估
    "trusted_cloud",  # 可信云
    "iso27001",
    "iso27017",
    "iso27018",
    "csa_star",
    "ccrc",  # with a level
)


@dataclass(frozen=True)
class Credential:
    kind: str
    number: str = ""
    issuer: str = ""
    scope: str = ""
    level: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class Vendor:
    vendor_id: str
    name: str
    credentials: tuple[Credential, ...] = ()


@dataclass(frozen=True)
class GateRules:
    """Qualification gates: CAC assessment required?, minimum 等保 level (of the systems to
    host; None = no gate), further credential kinds required, the bid deadline and the
    soon-expiring warning window in days."""

    bid_deadline: date
    cac_assessment_required: bool = False
    min_mlps_level: int | None = None
    required_kinds: tuple[str, ...] = ()
    warn_window_days: int = 30


@dataclass(frozen=True)
class GateOutcome:
    gate: str
    status: Literal["pass", "warn", "fail"]
    reason: Message
    credential_number: str | None = None


@dataclass(frozen=True)
class VendorGates:
    vendor_id: str
    name: str
    status: Literal["pass", "warn", "fail"]
    gates: tuple[GateOutcome, ...]


@dataclass(frozen=True)
class GateReport:
    errors: tuple[Message, ...]
    vendors: tuple[VendorGates, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ComparisonRow:
    """One attribute across vendors: ``values`` in vendor order (None where a vendor lacks it)."""

    attribute: str
    values: tuple[tuple[str, Any], ...]
    differs: bool = field(default=True)
