"""HTML → PDF with WeasyPrint, behind a URL fetcher locked to the app's own static files.

Shared by every PDF the app renders (assessment reports, documents). No network, no file://
outside the static folders, nothing a document's content could point to: a refused URL
raises, and WeasyPrint leaves the resource out (with a logged warning).
"""

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation

SCHEME = "static:"


class FetchRefused(ValueError):
    pass


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int


def resolve_static(url: str) -> Path:
    """The file behind a `static:` URL, or FetchRefused."""
    if not url.startswith(SCHEME):
        raise FetchRefused(f"refused: {url[:80]}")
    relative = url[len(SCHEME):].lstrip("/")
    if ".." in Path(relative).parts or "\\" in relative:
        raise FetchRefused(f"refused: {relative[:80]}")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise FetchRefused(f"refused: {relative[:80]}") from None
    if not found:
        raise FetchRefused(f"not a static file: {relative[:80]}")
    path = Path(found).resolve()
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS] + [Path(settings.STATIC_ROOT).resolve()]
    if not any(path.is_relative_to(root) for root in roots):
        raise FetchRefused(f"outside the static folders: {relative[:80]}")
    return path


def safe_url_fetcher():
    """A WeasyPrint URLFetcher that serves only `resolve_static` paths."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = resolve_static(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})

    return StaticOnlyFetcher(allowed_protocols=("static",))


def html_to_pdf(html: str, *, on_stage: Callable[[str, int], None] = lambda stage, pct: None) -> RenderedPdf:
    """Lay out and write the PDF; `on_stage("writing", 80)` is called between the two."""
    from weasyprint import HTML  # imported lazily: only workers need pango

    document = HTML(string=html, base_url=SCHEME, url_fetcher=safe_url_fetcher()).render()
    on_stage("writing", 80)
    # Fonts are embedded as subsets (HarfBuzz when libharfbuzz-subset0 is installed).
    content = document.write_pdf(uncompressed_pdf=False)
    return RenderedPdf(content, len(document.pages))


WARM_UP_HTML = '<p style="font-family: \'Noto Sans CJK SC\', sans-serif">政务云评估 GovCloud 0123456789</p>'


def warm_up() -> None:
    """Load WeasyPrint, Pango and the CJK font once, when a worker starts, so that its
    first PDF costs what the others do (about 0.3 s of imports and font loading otherwise)."""
    html_to_pdf(WARM_UP_HTML)
