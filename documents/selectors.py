"""Reads of documents: a document is visible exactly when what it is of is, to that reader."""

from __future__ import annotations

from .kinds.comparison import comparison_visible
from .kinds.dossier import dossier_visible
from .kinds.memo import memo_visible
from .models import Document, DocumentKind

_VISIBLE = {
    DocumentKind.PROCUREMENT_MEMO: memo_visible,
    DocumentKind.EVALUATION_DOSSIER: dossier_visible,
    DocumentKind.VENDOR_COMPARISON: comparison_visible,
}


def document_get(*, user, pk: int) -> Document:
    """Raises Document.DoesNotExist when missing or not visible to `user` (→ 404).

    Visibility is decided by the area's selectors (projects, evaluations with their
    member-score rule, the vendor catalogue), never here.
    """
    if not getattr(user, "is_authenticated", False):
        raise Document.DoesNotExist
    document = Document.objects.select_related("project", "evaluation").defer(
        "project__facts", "project__result"
    ).get(pk=pk)
    if not _VISIBLE[DocumentKind(document.kind)](user, document):
        raise Document.DoesNotExist
    return document
