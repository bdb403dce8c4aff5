"""The report's HTML; WeasyPrint rendering itself is shared (core.pdf)."""

from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import RenderedPdf, html_to_pdf

__all__ = ["RenderedPdf", "html_to_pdf", "report_html"]


def report_html(context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string("reports/assessment.html", context)
