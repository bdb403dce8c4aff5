"""What each kind of document is made of: who may ask for it, what its key is built from, how
its HTML is gathered (in the worker) and what its file is called.

Access is never decided here: each kind asks its own area's selectors (procurement projects,
evaluations and their visibility rules, the vendor catalogue).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation

from documents.models import DocumentKind

# Bump a kind's version when its template or styles change: a new version renders new PDFs.
TEMPLATE_VERSIONS = {
    DocumentKind.PROCUREMENT_MEMO: "1",
    DocumentKind.EVALUATION_DOSSIER: "1",
    DocumentKind.VENDOR_COMPARISON: "1",
}


@dataclass(frozen=True)
class Subject:
    """What a requested document is of, and the version of that content."""

    subject: str
    content_version: str
    fields: dict[str, Any] = field(default_factory=dict)  # project / evaluation / params


def digest(data: Any) -> str:
    """sha256 of `data` as canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pdf_html(template: str, context: dict[str, Any], *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {"generated_at": timezone.now(), **context})


def safe_filename(text: str) -> str:
    """A file name part without path separators or control characters."""
    cleaned = "".join("-" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .-")
    return cleaned[:80] or "document"
