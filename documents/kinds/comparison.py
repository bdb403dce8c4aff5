"""The vendor comparison: the side-by-side table with its qualification gates, as a PDF.

A comparison is not an object: it is identified by its canonical parameters (vendor ids in
the order shown, gate rules). Its content version is a hash of the compared vendors' data, so
a vendor edited after the request gives a new document rather than a stale one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from documents.models import Document
from procurement.comparison import GateRules
from vendors.models import Vendor
from vendors.selectors import vendor_comparison, vendor_list

from . import Subject, digest, pdf_html

_RELATED = ("deployments", "regions", "references", "credentials", "market_facts")


@dataclass(frozen=True)
class ComparisonParams:
    ids: tuple[int, ...]
    deadline: date
    min_mlps_level: int | None = None
    cac_required: bool = False
    required: tuple[str, ...] = ()
    warn_days: int = 30

    def canonical(self) -> dict[str, Any]:
        return {
            "ids": list(self.ids),  # order kept: it is the order of the columns
            "deadline": self.deadline.isoformat(),
            "min_mlps_level": self.min_mlps_level,
            "cac_required": bool(self.cac_required),
            "required": sorted(set(self.required)),
            "warn_days": int(self.warn_days),
        }

    @classmethod
    def from_canonical(cls, data: dict[str, Any]) -> ComparisonParams:
        return cls(
            ids=tuple(data["ids"]), deadline=date.fromisoformat(data["deadline"]),
            min_mlps_level=data["min_mlps_level"], cac_required=data["cac_required"],
            required=tuple(data["required"]), warn_days=data["warn_days"],
        )

    def rules(self) -> GateRules:
        return GateRules(
            bid_deadline=self.deadline, cac_assessment_required=self.cac_required,
            min_mlps_level=self.min_mlps_level, required_kinds=tuple(sorted(set(self.required))),
            warn_window_days=self.warn_days,
        )


def _row(obj: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _snapshot(vendors: list[Vendor]) -> str:
    """Every stored fact of the vendors (prefetched by the catalogue selector), hashed."""
    return digest([
        {"vendor": _row(v), **{name: sorted((_row(r) for r in getattr(v, name).all()), key=lambda r: r["id"])
                               for name in _RELATED}}
        for v in vendors
    ])[:16]


def comparison_subject(*, actor, params: ComparisonParams) -> Subject:
    """Raises ValidationError for bad parameters (too few or unknown vendors, bad gate rules)."""
    comparison = vendor_comparison(user=actor, ids=list(params.ids), rules=params.rules())
    canonical = params.canonical()
    return Subject(
        subject=f"vendors:{digest(canonical)}",
        content_version=_snapshot([c.vendor for c in comparison.columns]),
        fields={"params": canonical},
    )


def comparison_visible(user, document: Document) -> bool:
    """Vendors are visible to every signed-in user, and so is a comparison of them."""
    ids = document.params.get("ids", [])
    return vendor_list(user=user).filter(pk__in=ids).count() == len(set(ids))


def comparison_html(document: Document) -> str:
    params = ComparisonParams.from_canonical(document.params)
    with translation.override(document.language):  # labels and gate reasons in that language
        comparison = vendor_comparison(user=document.requested_by, ids=list(params.ids), rules=params.rules())
        if _snapshot([c.vendor for c in comparison.columns]) != document.content_version:
            raise ValueError(_("The vendors' data changed after the request; ask for the comparison again."))
        context = {"document": document, "comparison": comparison, "rules": comparison.rules}
    return pdf_html("documents/comparison.html", context, language=document.language)


def comparison_filename(document: Document) -> str:
    return f"vendor-comparison-{document.params.get('deadline', '')}-{document.language}.pdf"
