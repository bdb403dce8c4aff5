"""Pure vendor-comparison and bid-scoring engine (no Django import, no database).

Public API:

* :func:`evaluate` — 综合评分法 evaluation (87号令 art. 55; 财库〔2014〕214号 art. 24).
* :func:`score_bids` — stateless recomputation of a published result.
* :func:`price_weight_sensitivity`, :func:`winning_prices`, :func:`abnormally_low_prices`.
* :func:`check_vendors`, :func:`differing_rows` — vendor qualification gates, side by side.
* :func:`to_dict` — JSON-ready serialisation; :func:`round_score` — the one rounding helper.
"""

from .check import score_bids
from .evaluation import evaluate
from .gates import check_vendors, credential_status, differing_rows
from .messages import TEMPLATES, Message
from .price_score import base_price, evaluated_price, price_score
from .rounding import round_score
from .sensitivity import (
    MODELLED_ABNORMAL_THRESHOLD_PERCENT,
    abnormally_low_prices,
    price_weight_sensitivity,
    winning_prices,
)
from .serialize import to_dict
from .types import (
    DEFAULT_TIE_BREAK,
    TIE_BREAK_KEYS,
    AbnormalPriceFlag,
    AbnormalPriceReport,
    Bid,
    BidResult,
    Category,
    CheckBid,
    CheckedBid,
    ComparisonRow,
    Credential,
    Criterion,
    CriterionResult,
    EvaluationResult,
    EvaluationRules,
    GateOutcome,
    GateReport,
    GateRules,
    MemberPoints,
    MemberScore,
    PriceScore,
    PriceWeightRange,
    PriceWeightTable,
    RankedEntry,
    Rounding,
    ScoreCheckResult,
    ScoreCheckRules,
    Vendor,
    VendorGates,
    WeightSensitivity,
    WeightStep,
    WinnerChange,
    WinningPrice,
)

__all__ = [
    "DEFAULT_TIE_BREAK",
    "MODELLED_ABNORMAL_THRESHOLD_PERCENT",
    "TEMPLATES",
    "TIE_BREAK_KEYS",
    "AbnormalPriceFlag",
    "AbnormalPriceReport",
    "Bid",
    "BidResult",
    "Category",
    "CheckBid",
    "CheckedBid",
    "ComparisonRow",
    "Credential",
    "Criterion",
    "CriterionResult",
    "EvaluationResult",
    "EvaluationRules",
    "GateOutcome",
    "GateReport",
    "GateRules",
    "MemberPoints",
    "MemberScore",
    "Message",
    "PriceScore",
    "PriceWeightRange",
    "PriceWeightTable",
    "RankedEntry",
    "Rounding",
    "ScoreCheckResult",
    "ScoreCheckRules",
    "Vendor",
    "VendorGates",
    "WeightSensitivity",
    "WeightStep",
    "WinnerChange",
    "WinningPrice",
    "abnormally_low_prices",
    "base_price",
    "check_vendors",
    "credential_status",
    "differing_rows",
    "evaluate",
    "evaluated_price",
    "price_score",
    "price_weight_sensitivity",
    "round_score",
    "score_bids",
    "to_dict",
    "winning_prices",
]
