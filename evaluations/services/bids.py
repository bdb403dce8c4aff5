"""Bids: bidder, price and SME flag, entered by an editor."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Bid, Evaluation
from .common import locked_open, log, require_editor

_FIELDS = ("bidder_name", "price", "sme_eligible", "vendor")


def _check(bid: Bid) -> None:
    bid.bidder_name = (bid.bidder_name or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        bid.full_clean(exclude=["evaluation", "entered_by", "updated_by"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if bid.price is not None and "price" not in errors and bid.price <= 0:
        errors["price"] = [_("The bid price must be greater than zero.")]
    same_name = Bid.objects.filter(evaluation_id=bid.evaluation_id, bidder_name=bid.bidder_name)
    if "bidder_name" not in errors and same_name.exclude(pk=bid.pk).exists():
        errors["bidder_name"] = [_("This bidder has a bid already.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(bid: Bid) -> dict[str, Any]:
    return {
        "bid": bid.pk, "bidder": bid.bidder_name, "price": str(bid.price),
        "sme_eligible": bid.sme_eligible, "vendor": bid.vendor_id,
    }


@transaction.atomic
def bid_create(
    *,
    user,
    evaluation: Evaluation,
    bidder_name: str,
    price: Decimal,
    sme_eligible: bool = False,
    vendor=None,
) -> Bid:
    evaluation = locked_open(evaluation)
    require_editor(user, evaluation)
    bid = Bid(
        evaluation=evaluation, bidder_name=bidder_name, price=price, sme_eligible=sme_eligible,
        vendor=vendor, entered_by=user, updated_by=user,
    )
    _check(bid)
    bid.save()
    log(evaluation, user, "bid.created", **_snapshot(bid))
    return bid


@transaction.atomic
def bid_update(*, user, bid: Bid, **fields: Any) -> Bid:
    unknown = set(fields) - set(_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    evaluation = locked_open(bid.evaluation)
    require_editor(user, evaluation)
    bid = Bid.objects.select_for_update().get(pk=bid.pk, evaluation=evaluation)
    before = _snapshot(bid)
    for name, value in fields.items():
        setattr(bid, name, value)
    bid.updated_by = user
    _check(bid)
    bid.save()
    after = _snapshot(bid)
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        log(evaluation, user, "bid.changed", bid=bid.pk, bidder=bid.bidder_name, changes=changes)
    return bid


@transaction.atomic
def bid_delete(*, user, bid: Bid) -> None:
    """Withdraw a bid (with the members' scores on it) while the evaluation is open."""
    evaluation = locked_open(bid.evaluation)
    require_editor(user, evaluation)
    log(evaluation, user, "bid.deleted", **_snapshot(bid), scores=bid.scores.count())
    bid.delete()
