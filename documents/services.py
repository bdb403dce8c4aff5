"""Documents: requested once per key, rendered in the background by the shared pipeline.

`document_request` checks access through the area's own selectors (see `documents.kinds`),
computes the key (kind, subject, content version, template version, language) and hands the
rest — the exactly-once row, the queue, the lease, stages, file and recovery — to
`core.rendering`, the same machinery as the assessment reports.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.rendering import RenderPipeline, render_key

from .kinds import TEMPLATE_VERSIONS, Subject
from .kinds.comparison import ComparisonParams, comparison_html, comparison_subject
from .kinds.dossier import dossier_html, dossier_subject
from .kinds.memo import memo_html, memo_subject
from .models import Document, DocumentKind

LANGUAGES = ("zh-hans", "en")

_HTML = {
    DocumentKind.PROCUREMENT_MEMO: memo_html,
    DocumentKind.EVALUATION_DOSSIER: dossier_html,
    DocumentKind.VENDOR_COMPARISON: comparison_html,
}


def _build_html(document: Document) -> str:
    return _HTML[DocumentKind(document.kind)](document)


def _folder(document: Document) -> str:
    return f"documents/{document.kind}/{document.subject.replace(':', '-')}"


PIPELINE: RenderPipeline[Document] = RenderPipeline(
    model=Document, build_html=_build_html, task="documents.tasks.render_document",
    folder=_folder, name="document",
)


def _subject(*, actor, kind: str, object_id: int | None, comparison: ComparisonParams | None) -> Subject:
    if kind == DocumentKind.PROCUREMENT_MEMO and object_id is not None:
        return memo_subject(actor=actor, project_id=object_id)
    if kind == DocumentKind.EVALUATION_DOSSIER and object_id is not None:
        return dossier_subject(actor=actor, evaluation_id=object_id)
    if kind == DocumentKind.VENDOR_COMPARISON and comparison is not None:
        return comparison_subject(actor=actor, params=comparison)
    raise ValidationError({"kind": _("Unknown kind of document, or what it is of is missing.")})


# Not one transaction: the pipeline's create must be able to fail on the unique key and read
# the row a simultaneous request made (the check-and-create is atomic inside the pipeline).
def document_request(
    *,
    actor,
    kind: str,
    object_id: int | None = None,
    comparison: ComparisonParams | None = None,
    language: str = "zh-hans",
) -> tuple[Document, bool]:
    """The document for this key, created and queued if new. Returns (document, created).

    Raises the area's DoesNotExist when the object is not visible to `actor` (→ 404) and
    ValidationError for a bad language, an open evaluation or bad comparison parameters.
    """
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose zh-hans or en.")})
    subject = _subject(actor=actor, kind=kind, object_id=object_id, comparison=comparison)
    template_version = TEMPLATE_VERSIONS[DocumentKind(kind)]
    return PIPELINE.request(
        key=render_key(kind, subject.subject, subject.content_version, template_version, language),
        kind=kind, subject=subject.subject, content_version=subject.content_version,
        template_version=template_version, language=language, requested_by=actor, **subject.fields,
    )


def document_enqueue(*, document_id: int) -> bool:
    return PIPELINE.enqueue(pk=document_id)


def document_retry(*, actor, document: Document) -> Document:
    """Queue a failed document again (ValidationError for any other status)."""
    return PIPELINE.retry(pk=document.pk)


def document_render(*, document_id: int) -> Document | None:
    """Render and store one document (idempotent; safe to run twice or after a crash)."""
    return PIPELINE.render(pk=document_id)


def documents_requeue_stale(*, document_id: int | None = None) -> int:
    """Queue again the documents whose worker vanished or whose task was lost."""
    return PIPELINE.requeue_stale(pk=document_id)
