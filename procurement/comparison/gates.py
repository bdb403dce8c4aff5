"""Vendor qualification gates and a side-by-side comparison helper.

Gates check a vendor's credentials against what the procurement requires on the bid deadline:

* ``cac_cloud_assessment`` — a 云计算服务安全评估 result, where the buyer requires one;
* ``mlps`` — a 网络安全等级保护 (等保) filing of the cloud platform at or above the level of the
  systems to host (the level is an input, taken from the systems' own filings). The rule that a
  cloud platform may not host systems of a higher protection level is the GB/T 22239-2019 cloud
  extension as we understand it; it is not in the domain reference, so the minimum is an input;
* any further credential kinds the documents require (``GateRules.required_kinds``).

The requirements themselves are inputs (the tender documents set them); this module only checks
them. Validity is judged on the bid deadline day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from .messages import CREDENTIAL_LABELS, Message, msg
from .types import (
    CREDENTIAL_KINDS,
    ComparisonRow,
    Credential,
    GateOutcome,
    GateReport,
    GateRules,
    Vendor,
    VendorGates,
)

Status = Literal["pass", "warn", "fail"]
_ORDER: dict[str, int] = {"pass": 0, "warn": 1, "fail": 2}


def credential_status(
    credential: Credential, deadline: date, warn_window_days: int
) -> tuple[Status, Message]:
    """Is the credential valid on the bid deadline, and for how long after it?

    Valid on the deadline when valid_from ≤ deadline ≤ valid_to, both days included: a
    credential whose valid_to is the deadline day is valid that day; one ending the day before
    fails. Valid but ending within ``warn_window_days`` days after the deadline (valid_to ≤
    deadline + window, so a valid_to on the deadline day always warns) → "warn". Missing
    valid_from: not checked (many certificates state only an end date). Missing valid_to →
    "warn": the expiry must be checked on the certificate itself.
    """
    params = {
        "kind": CREDENTIAL_LABELS.get(credential.kind, credential.kind),
        "kind_code": credential.kind,
        "number": credential.number,
        "deadline": deadline.isoformat(),
    }
    if credential.valid_from is not None and credential.valid_from > deadline:
        return "fail", msg(
            "gate.credential.not_yet_valid", valid_from=credential.valid_from.isoformat(), **params
        )
    if credential.valid_to is None:
        return "warn", msg("gate.credential.no_expiry", **params)
    params["valid_to"] = credential.valid_to.isoformat()
    if credential.valid_to < deadline:
        return "fail", msg("gate.credential.expired", **params)
    days = (credential.valid_to - deadline).days
    if days <= warn_window_days:
        return "warn", msg(
            "gate.credential.expiring", days=warn_window_days, days_left=days, **params
        )
    return "pass", msg("gate.credential.valid", **params)


def _mlps_status(credential: Credential, rules: GateRules) -> tuple[Status, Message]:
    required = rules.min_mlps_level
    assert required is not None
    if credential.level is None:
        return "fail", msg("gate.mlps.level_missing", number=credential.number, required=required)
    if credential.level < required:
        return "fail", msg(
            "gate.mlps.level_too_low",
            number=credential.number,
            level=credential.level,
            required=required,
        )
    return credential_status(credential, rules.bid_deadline, rules.warn_window_days)


def _gate(vendor: Vendor, kind: str, rules: GateRules) -> GateOutcome:
    """The best of the vendor's credentials of ``kind`` decides the gate (pass > warn > fail;
    among equals the one valid longest). No credential of that kind → fail."""
    candidates = [c for c in vendor.credentials if c.kind == kind]
    if not candidates:
        return GateOutcome(
            kind,
            "fail",
            msg("gate.credential.missing", kind=CREDENTIAL_LABELS.get(kind, kind), kind_code=kind),
        )
    judged = []
    for credential in candidates:
        if kind == "mlps" and rules.min_mlps_level is not None:
            status, reason = _mlps_status(credential, rules)
        else:
            status, reason = credential_status(
                credential, rules.bid_deadline, rules.warn_window_days
            )
        judged.append((status, credential, reason))
    status, credential, reason = min(
        judged,
        key=lambda j: (_ORDER[j[0]], -(j[1].valid_to or date.max).toordinal(), j[1].number),
    )
    return GateOutcome(kind, status, reason, credential.number or None)


def check_vendors(rules: GateRules, vendors: Sequence[Vendor]) -> GateReport:
    """Run the qualification gates for every vendor; the worst gate gives the vendor's status.

    Refused with field-level errors: a negative warning window, a minimum 等保 level outside
    1–5, an unknown required credential kind. A vendor with no gate to pass (nothing required)
    passes. Vendors come back in the order given.
    """
    errors: list[Message] = []
    window = rules.warn_window_days
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        errors.append(
            msg("gate.rules.warn_window_negative", field="rules.warn_window_days", days=window)
        )
    level = rules.min_mlps_level
    if level is not None and (
        isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5
    ):
        errors.append(
            msg("gate.rules.mlps_level_invalid", field="rules.min_mlps_level", level=level)
        )
    for index, kind in enumerate(rules.required_kinds):
        if kind not in CREDENTIAL_KINDS:
            errors.append(
                msg("gate.rules.kind_unknown", field=f"rules.required_kinds[{index}]", kind=kind)
            )
    if errors:
        return GateReport(errors=tuple(errors))

    kinds: list[str] = []
    if rules.cac_assessment_required:
        kinds.append("cac_cloud_assessment")
    if rules.min_mlps_level is not None:
        kinds.append("mlps")
    kinds.extend(k for k in rules.required_kinds if k not in kinds)
    report = []
    for vendor in vendors:
        gates = tuple(_gate(vendor, kind, rules) for kind in kinds)
        status: Status = max((g.status for g in gates), key=_ORDER.__getitem__, default="pass")
        report.append(VendorGates(vendor.vendor_id, vendor.name, status, gates))
    return GateReport(errors=(), vendors=tuple(report))


def differing_rows(
    vendors: Mapping[str, Mapping[str, Any]], *, include_equal: bool = False
) -> tuple[ComparisonRow, ...]:
    """Side by side: one row per attribute, the rows where the vendors' values differ.

    ``vendors`` maps vendor id → attribute dict (in display order). Attributes are listed in the
    order they first appear. A vendor lacking an attribute shows None, which differs from any
    value another vendor has. Values are compared with ``==`` (Decimal("1.0") equals 1). With
    ``include_equal`` every row is returned, each marked ``differs``. One vendor: nothing differs.
    """
    attributes: list[str] = []
    for attrs in vendors.values():
        for key in attrs:
            if key not in attributes:
                attributes.append(key)
    rows: list[ComparisonRow] = []
    for attribute in attributes:
        values = tuple((vid, attrs.get(attribute)) for vid, attrs in vendors.items())
        first = values[0][1]
        differs = any(v != first for _, v in values[1:])
        if differs or include_equal:
            rows.append(ComparisonRow(attribute, values, differs))
    return tuple(rows)
