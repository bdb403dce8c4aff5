"""The evaluation dossier: the sealed record of a closed bid evaluation, as a PDF.

Member-by-member points follow the evaluations' visibility rule: readers who may see every
member's scores get the full dossier; everyone else who may see the evaluation gets the
"redacted" variant (means, totals and ranking, no individual points). The variant is part of
the content version, so the two never share a file.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from documents.models import Document
from evaluations.engine import localize, redact_member_scores
from evaluations.models import Category, CriterionKind, Evaluation, ProcurementMethod, RoundingMode
from evaluations.permissions import sees_all_member_scores
from evaluations.results import decided_by_labels
from evaluations.selectors import evaluation_get
from evaluations.services.sealing import seal_verify

from . import Subject, pdf_html, safe_filename

FULL, REDACTED = "full", "redacted"
# Event details a reader without the member scores does not see (the page hides them too).
_SCORE_DETAILS = ("criterion", "points", "previous")


def dossier_subject(*, actor, evaluation_id: int) -> Subject:
    """Raises Evaluation.DoesNotExist when not visible, ValidationError when still open."""
    evaluation = evaluation_get(user=actor, pk=evaluation_id)
    if not evaluation.is_closed:
        raise ValidationError(
            {"status": _("Close the evaluation first: only a sealed record is exported as a dossier.")}
        )
    variant = FULL if sees_all_member_scores(actor, evaluation) else REDACTED
    return Subject(
        subject=f"evaluation:{evaluation.pk}",
        content_version=f"{evaluation.seal.sha256[:16]}-{variant}",
        fields={"evaluation": evaluation},
    )


def _variant(document: Document) -> str:
    return FULL if document.content_version.endswith(f"-{FULL}") else REDACTED


def dossier_visible(user, document: Document) -> bool:
    try:
        evaluation = evaluation_get(user=user, pk=document.evaluation_id)
    except Evaluation.DoesNotExist:
        return False
    return _variant(document) == REDACTED or sees_all_member_scores(user, evaluation)


def _weight_bands(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive price weights with the same winner(s), as bands (the page lists each step)."""
    bands = []
    for winners, group in groupby(steps, key=lambda s: tuple(s["winners"])):
        group = list(group)
        bands.append({
            "from": group[0]["price_weight_percent"], "to": group[-1]["price_weight_percent"],
            "winners": list(winners), "ranking": group[0]["ranking"],
        })
    return bands


def _detail_text(detail: dict[str, Any], *, full: bool) -> str:
    parts = []
    for key, value in detail.items():
        if not full and key in _SCORE_DETAILS:
            continue
        if isinstance(value, (dict, list)) or value is None:
            continue  # set-up snapshots: the criteria and settings are shown in their own tables
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


def dossier_html(document: Document) -> str:
    evaluation = Evaluation.objects.select_related("seal", "project__body", "rule_set").defer(
        "rule_set__content", "project__facts", "project__result"
    ).get(pk=document.evaluation_id)
    record = evaluation.seal
    if not seal_verify(record):
        raise ValueError(_("The sealed record does not match its SHA-256; it is not exported."))
    payload = record.payload
    full = _variant(document) == FULL
    result = payload["result"] if full else redact_member_scores(payload["result"])
    with translation.override(document.language):  # engine messages and labels in that language
        labels = decided_by_labels()
        result = localize(result)
        sensitivity = localize(payload["sensitivity"])
        kinds = dict(CriterionKind.choices)
        context = {
            "document": document,
            "full": full,
            "evaluation": payload["evaluation"],
            "method_label": dict(ProcurementMethod.choices).get(payload["evaluation"]["procurement_method"], ""),
            "category_label": dict(Category.choices).get(result.get("category_applied"), result.get("category_applied")),
            "rounding_label": dict(RoundingMode.choices).get(payload["evaluation"]["rounding"]["mode"], ""),
            "project": payload["project"],
            "rule_set": payload["rule_set"],
            "criteria": [{**c, "kind_label": kinds.get(c["kind"], c["kind"])} for c in payload["criteria"]],
            "panel": payload["panel"],
            "bids": payload["bids"],
            "member_scores": payload["member_scores"] if full else [],
            "result": result,
            "ranking": [
                {**b, "decided_by_label": labels.get(b["decided_by"], b["decided_by"])} for b in result["bids"]
            ],
            "tie_break": [labels.get(t, t) for t in payload["evaluation"]["tie_break"]],
            "sensitivity": sensitivity,
            "bands": _weight_bands(sensitivity["price_weight"].get("steps", [])),
            "events": [
                {**e, "text": _detail_text(e.get("detail") or {}, full=full)} for e in payload["events"]
            ],
            "sealed_at": payload["sealed_at"],
            "sealed_by": payload["sealed_by"],
            "record_hash": record.sha256,
        }
    return pdf_html("documents/dossier.html", context, language=document.language)


def dossier_filename(document: Document) -> str:
    return f"{safe_filename(document.evaluation.title)}-dossier-{document.language}.pdf"
