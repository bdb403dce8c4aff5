"""The procurement memo: the saved guidance of one procurement project, as a PDF."""

from __future__ import annotations

from django.utils import translation

from documents.models import Document
from procurement import display
from procurement.models import ProcurementProject
from procurement.selectors.projects import project_get
from procurement.selectors.rule_sets import rule_set_engine

from . import Subject, digest, pdf_html, safe_filename


def memo_subject(*, actor, project_id: int) -> Subject:
    """Raises ProcurementProject.DoesNotExist when the project is not visible to `actor`."""
    project = project_get(user=actor, pk=project_id)
    # Saved guidance is never edited; the hash still pins the content the memo shows.
    version = digest([project.rule_set.content_hash, project.facts, project.result])[:16]
    return Subject(subject=f"project:{project.pk}", content_version=version, fields={"project": project})


def memo_visible(user, document: Document) -> bool:
    try:
        project_get(user=user, pk=document.project_id)
    except ProcurementProject.DoesNotExist:
        return False
    return True


def memo_html(document: Document) -> str:
    project = ProcurementProject.objects.select_related("body", "created_by", "rule_set").get(pk=document.project_id)
    rules = rule_set_engine(project.rule_set)
    with translation.override(document.language):  # the result's texts are rendered in it
        context = {
            "document": document,
            "project": project,
            "rule_set": project.rule_set,
            "facts": display.facts_summary(project.facts, rules),
            **display.result_context(project.result, rules),
        }
    return pdf_html("documents/memo.html", context, language=document.language)


def memo_filename(document: Document) -> str:
    return f"{safe_filename(document.project.title)}-memo-{document.language}.pdf"
