"""Vendor qualification gates on the bid deadline, and the side-by-side helper."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from procurement.comparison import (
    Credential,
    GateRules,
    Vendor,
    check_vendors,
    credential_status,
    differing_rows,
    to_dict,
)

DEADLINE = date(2025, 6, 30)


def cac(valid_to: date | None, valid_from: date | None = date(2023, 1, 1)) -> Credential:
    return Credential(
        "cac_cloud_assessment",
        "CAC-2023-01",
        "中央网信办",
        "政务云平台",
        None,
        valid_from,
        valid_to,
    )


def mlps(level: int | None, valid_to: date | None = date(2027, 1, 1), number: str = "MLPS-1"):
    return Credential("mlps", number, "公安机关", "云平台", level, date(2024, 1, 1), valid_to)


@pytest.mark.parametrize(
    ("valid_to", "status", "code"),
    [
        (DEADLINE - timedelta(days=1), "fail", "gate.credential.expired"),  # the day before
        (DEADLINE, "warn", "gate.credential.expiring"),  # valid on the deadline day itself
        (DEADLINE + timedelta(days=10), "warn", "gate.credential.expiring"),  # within 30 days
        (DEADLINE + timedelta(days=30), "warn", "gate.credential.expiring"),  # window inclusive
        (DEADLINE + timedelta(days=31), "pass", "gate.credential.valid"),
        (None, "warn", "gate.credential.no_expiry"),
    ],
)
def test_credential_validity_on_the_deadline(valid_to, status, code) -> None:
    got, reason = credential_status(cac(valid_to), DEADLINE, 30)
    assert (got, reason.code) == (status, code)


def test_credential_not_yet_valid_on_the_deadline() -> None:
    status, reason = credential_status(
        cac(date(2027, 1, 1), valid_from=DEADLINE + timedelta(days=1)), DEADLINE, 30
    )
    assert (status, reason.code) == ("fail", "gate.credential.not_yet_valid")
    # valid_from on the deadline day is valid
    status, _ = credential_status(cac(date(2027, 1, 1), valid_from=DEADLINE), DEADLINE, 30)
    assert status == "pass"


def test_check_vendors_cac_and_mlps_gates() -> None:
    rules = GateRules(
        bid_deadline=DEADLINE, cac_assessment_required=True, min_mlps_level=3, warn_window_days=30
    )
    vendors = [
        Vendor("v1", "甲云", (cac(date(2026, 1, 1)), mlps(4))),
        Vendor("v2", "乙云", (cac(DEADLINE), mlps(3))),  # CAC expires on the deadline day: warn
        Vendor("v3", "丙云", (cac(DEADLINE - timedelta(days=1)), mlps(2))),
        Vendor("v4", "丁云", ()),
        Vendor("v5", "戊云", (cac(date(2026, 1, 1)), mlps(None))),
    ]
    report = check_vendors(rules, vendors)
    assert report.ok
    summary = {
        v.vendor_id: (v.status, [(g.gate, g.status, g.reason.code) for g in v.gates])
        for v in report.vendors
    }
    assert summary == {
        "v1": (
            "pass",
            [
                ("cac_cloud_assessment", "pass", "gate.credential.valid"),
                ("mlps", "pass", "gate.credential.valid"),
            ],
        ),
        "v2": (
            "warn",
            [
                ("cac_cloud_assessment", "warn", "gate.credential.expiring"),
                ("mlps", "pass", "gate.credential.valid"),
            ],
        ),
        "v3": (
            "fail",
            [
                ("cac_cloud_assessment", "fail", "gate.credential.expired"),
                ("mlps", "fail", "gate.mlps.level_too_low"),
            ],
        ),
        "v4": (
            "fail",
            [
                ("cac_cloud_assessment", "fail", "gate.credential.missing"),
                ("mlps", "fail", "gate.credential.missing"),
            ],
        ),
        "v5": (
            "fail",
            [
                ("cac_cloud_assessment", "pass", "gate.credential.valid"),
                ("mlps", "fail", "gate.mlps.level_missing"),
            ],
        ),
    }
    json.dumps(to_dict(report))  # every reason renders with its params
    too_low = report.vendors[2].gates[1].reason
    assert too_low.params == {"number": "MLPS-1", "level": 2, "required": 3}
    assert too_low.text() == (
        "MLPS (等保) MLPS-1 is level 2; the systems to host need level 3 or higher."
    )


def test_best_credential_of_a_kind_decides() -> None:
    # An expired level-4 filing and a current level-3 one: the current one passes the gate.
    rules = GateRules(bid_deadline=DEADLINE, min_mlps_level=3)
    vendor = Vendor(
        "v", "云", (mlps(4, DEADLINE - timedelta(days=1), "OLD"), mlps(3, date(2028, 1, 1), "NEW"))
    )
    gate = check_vendors(rules, [vendor]).vendors[0].gates[0]
    assert (gate.status, gate.credential_number) == ("pass", "NEW")


def test_no_gate_required_passes_and_other_kinds_can_be_required() -> None:
    report = check_vendors(GateRules(bid_deadline=DEADLINE), [Vendor("v", "云")])
    assert report.vendors[0].status == "pass" and report.vendors[0].gates == ()
    rules = GateRules(bid_deadline=DEADLINE, required_kinds=("iso27001", "trusted_cloud"))
    iso = Credential("iso27001", "ISO-1", "CQC", "", None, date(2024, 1, 1), date(2027, 1, 1))
    vendor = check_vendors(rules, [Vendor("v", "云", (iso,))]).vendors[0]
    assert [(g.gate, g.status) for g in vendor.gates] == [
        ("iso27001", "pass"),
        ("trusted_cloud", "fail"),
    ]


def test_gate_rule_errors() -> None:
    report = check_vendors(
        GateRules(
            bid_deadline=DEADLINE, min_mlps_level=6, warn_window_days=-1, required_kinds=("soc2",)
        ),
        [],
    )
    assert [(e.code, e.field) for e in report.errors] == [
        ("gate.rules.warn_window_negative", "rules.warn_window_days"),
        ("gate.rules.mlps_level_invalid", "rules.min_mlps_level"),
        ("gate.rules.kind_unknown", "rules.required_kinds[0]"),
    ]


def test_differing_rows_highlights_only_differences() -> None:
    vendors = {
        "huawei": {"mlps_level": 4, "iso27017": True, "projects": 700, "share": Decimal("25.8")},
        "ctyun": {"mlps_level": 4, "iso27017": True, "projects": 2000},
        "cec": {"mlps_level": 3, "iso27017": True, "projects": 2000, "ccrc_level": 3},
    }
    rows = differing_rows(vendors)
    assert [r.attribute for r in rows] == ["mlps_level", "projects", "share", "ccrc_level"]
    assert rows[2].values == (("huawei", Decimal("25.8")), ("ctyun", None), ("cec", None))
    every = differing_rows(vendors, include_equal=True)
    assert [(r.attribute, r.differs) for r in every][1] == ("iso27017", False)
    assert differing_rows({"only": {"a": 1}}) == ()
    assert differing_rows({"a": {"x": Decimal("1.0")}, "b": {"x": 1}}) == ()
