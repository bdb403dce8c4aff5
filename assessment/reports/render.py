"""HTML → PDF with WeasyPrint, in stages so the caller can report progress."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from .fetcher import SCHEME, safe_url_fetcher


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


def report_html(context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string("reports/assessment.html", context)


def html_to_pdf(html: str, *, on_stage: Callable[[str, int], None] = lambda stage, pct: None) -> RenderedPdf:
    from weasyprint import HTML  # imported lazily: only workers need pango

    document = HTML(string=html, base_url=SCHEME, url_fetcher=safe_url_fetcher()).render()
    on_stage("writing", 80)
    # Fonts are embedded as subsets (HarfBuzz when libharfbuzz-subset0 is installed).
    content = document.write_pdf(uncompressed_pdf=False)
    return RenderedPdf(content, len(document.pages))
