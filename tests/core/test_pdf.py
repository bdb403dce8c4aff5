"""core/pdf.py: the warm-up a worker runs at start renders the CJK face through WeasyPrint."""

import io

from pypdf import PdfReader

from core.pdf import WARM_UP_HTML, html_to_pdf


def test_the_warm_up_document_loads_the_cjk_face():
    pdf = html_to_pdf(WARM_UP_HTML)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf.content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("CJK" in name for name in fonts), fonts
    assert "政务云评估" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
