"""Writes to evaluations; every write checks the evaluation is open and logs an event."""

from .bids import bid_create, bid_delete, bid_update
from .evaluations import evaluation_create, evaluation_update
from .panel import panel_member_add, panel_member_remove
from .scores import member_scores_submit
from .sealing import evaluation_close, seal_digest, seal_verify

__all__ = [
    "bid_create",
    "bid_delete",
    "bid_update",
    "evaluation_close",
    "evaluation_create",
    "evaluation_update",
    "member_scores_submit",
    "panel_member_add",
    "panel_member_remove",
    "seal_digest",
    "seal_verify",
]
