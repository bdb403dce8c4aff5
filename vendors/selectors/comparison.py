"""Side-by-side comparison of vendors with the qualification gates applied.

Reads the vendors, hands their credentials to the pure engine (``check_vendors`` for the gates,
``differing_rows`` for which attributes differ) and shapes the answer for the page, the Excel
export and the API alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgs.models import DeploymentModel
from procurement.comparison import Credential as EngineCredential
from procurement.comparison import GateRules, check_vendors, differing_rows
from procurement.comparison import Vendor as EngineVendor

from ..engine_text import render
from ..models import Credential, CredentialKind, Evidence, Vendor
from .catalogue import vendor_list

MAX_VENDORS = 10

# Engine field paths → the request parameters they come from.
_RULE_FIELDS = {
    "rules.warn_window_days": "warn_days",
    "rules.min_mlps_level": "min_mlps_level",
}


@dataclass(frozen=True)
class GateCell:
    gate: str
    label: str
    status: str  # pass / warn / fail
    reason: str
    credential_number: str | None
    unverified: bool  # no checked certificate of this kind: the gate relies on a claim


@dataclass(frozen=True)
class VendorColumn:
    vendor: Vendor
    status: str
    gates: tuple[GateCell, ...]


@dataclass(frozen=True)
class ComparisonCell:
    text: str
    unverified: bool = False


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str
    group: str
    cells: tuple[ComparisonCell, ...]
    differs: bool


@dataclass(frozen=True)
class Comparison:
    rules: GateRules
    columns: tuple[VendorColumn, ...]
    rows: tuple[ComparisonRow, ...]

    @property
    def gate_rows(self) -> tuple[tuple[str, tuple[GateCell, ...]], ...]:
        """(gate label, one cell per vendor): every vendor faces the same gates, in order."""
        if not self.columns:
            return ()
        return tuple(
            (gate.label, tuple(column.gates[index] for column in self.columns))
            for index, gate in enumerate(self.columns[0].gates)
        )

    @property
    def differing(self) -> int:
        return sum(1 for row in self.rows if row.differs)


def vendor_comparison(*, user, ids: list[int], rules: GateRules) -> Comparison:
    """Compare 2–10 vendors (in the order given) under the gate rules.

    Raises ValidationError({"ids": …}) for too few/many, duplicate or unknown vendors, and
    field errors for bad gate rules (the engine checks them: warning window ≥ 0, 等保 level 1–5).
    """
    if len(ids) < 2:
        raise ValidationError({"ids": _("Pick at least two vendors to compare.")})
    if len(ids) > MAX_VENDORS:
        raise ValidationError(
            {"ids": _("Compare at most %(max)s vendors at a time.") % {"max": MAX_VENDORS}}
        )
    if len(set(ids)) != len(ids):
        raise ValidationError({"ids": _("A vendor is listed twice.")})
    found = {vendor.pk: vendor for vendor in vendor_list(user=user).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {
                "ids": ngettext(
                    "Unknown vendor id: %(ids)s.", "Unknown vendor ids: %(ids)s.", len(missing)
                )
                % {"ids": ", ".join(missing)}
            }
        )
    vendors = [found[pk] for pk in ids]
    report = check_vendors(rules, [_engine_vendor(v) for v in vendors])
    if report.errors:
        errors: dict[str, list[str]] = {}
        for message in report.errors:
            field = message.field or "ids"
            field = _RULE_FIELDS.get(field, "required" if "required_kinds" in field else field)
            errors.setdefault(field, []).append(render(message))
        raise ValidationError(errors)
    columns = []
    for vendor, gates in zip(vendors, report.vendors, strict=True):
        checked = {c.kind for c in vendor.credentials.all() if c.evidence == Evidence.CERTIFICATE}
        columns.append(
            VendorColumn(
                vendor=vendor,
                status=gates.status,
                gates=tuple(
                    GateCell(
                        gate=g.gate,
                        label=str(CredentialKind(g.gate).label),
                        status=g.status,
                        reason=render(g.reason),
                        credential_number=g.credential_number,
                        unverified=g.status != "fail" and g.gate not in checked,
                    )
                    for g in gates.gates
                ),
            )
        )
    return Comparison(rules=rules, columns=tuple(columns), rows=_rows(vendors))


def _engine_vendor(vendor: Vendor) -> EngineVendor:
    return EngineVendor(
        vendor_id=str(vendor.pk),
        name=vendor.name,
        credentials=tuple(
            EngineCredential(
                kind=c.kind,
                number=c.number,
                issuer=c.issuer,
                scope=c.scope,
                level=c.level,
                valid_from=c.valid_from,
                valid_to=c.valid_to,
            )
            for c in vendor.credentials.all()
        ),
    )


def credential_text(credential: Credential, *, mark_claimed: bool = True) -> str:
    parts = [credential.title or str(credential.get_kind_display())]
    if credential.level:
        parts.append(_("level %(level)s") % {"level": credential.level})
    if credential.number:
        parts.append(_("No. %(number)s") % {"number": credential.number})
    if credential.valid_to:
        parts.append(_("valid to %(date)s") % {"date": credential.valid_to.isoformat()})
    if mark_claimed and credential.evidence == Evidence.CLAIMED:
        parts.append(_("claimed by source, unverified"))
    return " · ".join(parts)


def _rows(vendors: list[Vendor]) -> tuple[ComparisonRow, ...]:
    """Attribute rows in display order; the engine says which differ across the vendors."""
    labels: dict[str, tuple[str, str]] = {}  # key → (label, group)
    cells: dict[str, dict[str, ComparisonCell]] = {}

    def put(vendor: Vendor, key: str, label: str, group: str, cell: ComparisonCell) -> None:
        labels.setdefault(key, (label, group))
        cells.setdefault(str(vendor.pk), {})[key] = cell

    kinds_present = [
        kind for kind in CredentialKind.values
        if any(c.kind == kind for v in vendors for c in v.credentials.all())
    ]
    for vendor in vendors:
        put(vendor, "kind", _("Kind"), "profile", ComparisonCell(str(vendor.get_kind_display())))
        offered = {d.model for d in vendor.deployments.all()}
        for model in DeploymentModel:
            put(
                vendor, f"deployment:{model.value}", str(model.label), "deployment",
                ComparisonCell(_("Offered") if model.value in offered else _("Not stated")),
            )
        put(
            vendor, "regions", _("Regions with local service"), "profile",
            ComparisonCell(", ".join(r.name for r in vendor.regions.all())),
        )
        put(
            vendor, "references", _("Government-cloud references"), "profile",
            ComparisonCell("; ".join(_reference_text(r) for r in vendor.references.all())),
        )
        for kind in kinds_present:
            held = [c for c in vendor.credentials.all() if c.kind == kind]
            # All claimed: one "unverified" flag for the cell; mixed: each claim says so.
            all_claimed = bool(held) and all(c.evidence == Evidence.CLAIMED for c in held)
            put(
                vendor, f"credential:{kind}", str(CredentialKind(kind).label), "credentials",
                ComparisonCell(
                    "; ".join(credential_text(c, mark_claimed=not all_claimed) for c in held),
                    unverified=all_claimed,
                ),
            )
        put(
            vendor, "market_facts", _("Market facts"), "facts",
            ComparisonCell("; ".join(fact_text(f) for f in vendor.market_facts.all())),
        )
    by_vendor = {
        vid: {key: cell.text for key, cell in row.items()} for vid, row in cells.items()
    }
    rows = []
    for row in differing_rows(by_vendor, include_equal=True):
        label, group = labels[row.attribute]
        rows.append(
            ComparisonRow(
                key=row.attribute,
                label=label,
                group=group,
                cells=tuple(cells[vid][row.attribute] for vid, _value in row.values),
                differs=row.differs,
            )
        )
    return tuple(rows)


def _reference_text(reference) -> str:
    extra = [x for x in (reference.region, str(reference.since or "")) if x]
    return f"{reference.name} ({', '.join(extra)})" if extra else reference.name


def fact_text(fact) -> str:
    figure = ""
    if fact.figure is not None:
        figure = f" {fact.figure_text} {fact.unit}".rstrip()
    when = fact.period or (str(fact.year) if fact.year else "")
    secondary = f" ({_('secondary source')})" if fact.secondary else ""
    return f"{fact.text}{figure}{f' [{when}]' if when else ''}{secondary}"
