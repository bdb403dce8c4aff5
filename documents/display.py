"""What a document is called: on its progress page and as a downloaded file."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .kinds.comparison import comparison_filename
from .kinds.dossier import dossier_filename
from .kinds.memo import memo_filename
from .models import Document, DocumentKind

_FILENAMES = {
    DocumentKind.PROCUREMENT_MEMO: memo_filename,
    DocumentKind.EVALUATION_DOSSIER: dossier_filename,
    DocumentKind.VENDOR_COMPARISON: comparison_filename,
}


def document_filename(document: Document) -> str:
    """Chosen by the server from the object, never from the request."""
    return _FILENAMES[DocumentKind(document.kind)](document)


def document_title(document: Document) -> str:
    if document.project_id:
        return document.project.title
    if document.evaluation_id:
        return document.evaluation.title
    ids = document.params.get("ids", [])
    return _("%(n)s vendors, bid deadline %(date)s") % {"n": len(ids), "date": document.params.get("deadline", "")}
