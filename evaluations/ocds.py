"""An OCDS 1.1 release for a closed evaluation (the award stage).

Built from the sealed record only, so the release says exactly what was sealed. Mapping:

* ``tender.procurementMethod`` — OCDS codes: 公开招标 → ``open`` (any supplier may bid);
  邀请招标 → ``selective`` (only suppliers invited after qualification, 政府采购法 art. 29, 34);
  竞争性磋商 → ``limited`` (the buyer invites the suppliers it selects — by notice, random draw
  from a supplier pool or written recommendation, 财库〔2014〕214号 art. 6 — and negotiates
  with them). The Chinese method's name goes to ``procurementMethodDetails``.
* ``tender.awardCriteria`` — ``ratedCriteria`` (综合评分法: price and quality scored).
* ``tender.mainProcurementCategory`` — ``goods`` or ``services``; a mixed project reports the
  category the evaluation applied (the larger share of funds).
* ``awards`` — one award, status ``pending`` (the top-ranked bidder is the candidate the panel
  recommends; the buyer confirms the award later), value = its bid price in CNY. A tie that
  survives every tie-break lists every tied bidder and says so in the description.

The OCID prefix is ``settings.OCDS_OCID_PREFIX`` (register one with the OCDS Data Support
Team before publishing; the default is a placeholder).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

OCDS_METHOD = {
    "public_tender": "open",
    "invited_tender": "selective",
    "competitive_consultation": "limited",
}
METHOD_DETAILS = {
    "public_tender": "公开招标（综合评分法，财政部令第87号）",
    "invited_tender": "邀请招标（综合评分法，财政部令第87号）",
    "competitive_consultation": "竞争性磋商（综合评分法，财库〔2014〕214号）",
}
DEFAULT_OCID_PREFIX = "ocds-gcloud"


def _amount(value: str) -> float | int:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def release(record: dict[str, Any], *, digest: str) -> dict[str, Any]:
    """The OCDS release (a dict ready for JSON) for a sealed record and its SHA-256."""
    evaluation, project, result = record["evaluation"], record["project"], record["result"]
    prefix = getattr(settings, "OCDS_OCID_PREFIX", DEFAULT_OCID_PREFIX)
    ocid = f"{prefix}-evaluation-{evaluation['id']}"
    buyer = {"id": f"body-{project['body']['id']}", "name": project["body"]["name"]}
    bid_ids = {b["bidder"]: f"bidder-{b['id']}" for b in record["bids"]}
    prices = {b["bidder"]: b["price"] for b in record["bids"]}
    ranked = sorted(result["bids"], key=lambda b: (b["rank"], b["bidder_id"]))
    winners = [b["bidder_id"] for b in ranked if b["rank"] == 1]
    parties = [{**buyer, "roles": ["buyer", "procuringEntity"]}]
    for bid in record["bids"]:
        roles = ["tenderer"] + (["supplier"] if bid["bidder"] in winners else [])
        parties.append({"id": bid_ids[bid["bidder"]], "name": bid["bidder"], "roles": roles})
    tenderers = [{"id": bid_ids[b["bidder"]], "name": b["bidder"]} for b in record["bids"]]
    weight = result.get("price_weight_percent")
    award = {
        "id": f"{ocid}-award-1",
        "title": evaluation["title"],
        "status": "pending",
        "date": record["sealed_at"],
        "suppliers": [{"id": bid_ids[w], "name": w} for w in winners],
        "description": (
            "综合评分法排名第一" if len(winners) == 1
            else "综合评分法并列第一，按招标文件规定抽签确定"
        ),
    }
    if len(winners) == 1:
        award["value"] = {"amount": _amount(prices[winners[0]]), "currency": "CNY"}
    return {
        "ocid": ocid,
        "id": f"{ocid}-award-{digest[:16]}",
        "date": record["sealed_at"],
        "tag": ["award"],
        "initiationType": "tender",
        "language": "zh",
        "parties": parties,
        "buyer": buyer,
        "tender": {
            "id": f"{ocid}-tender",
            "title": project["title"],
            "status": "complete",
            "procurementMethod": OCDS_METHOD[evaluation["procurement_method"]],
            "procurementMethodDetails": METHOD_DETAILS[evaluation["procurement_method"]],
            "mainProcurementCategory": result["category_applied"],
            "awardCriteria": "ratedCriteria",
            "awardCriteriaDetails": f"综合评分法，低价优先法计算价格分，价格权值 {weight}%",
            "tenderers": tenderers,
            "numberOfTenderers": len(tenderers),
        },
        "awards": [award],
    }

