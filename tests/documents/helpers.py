"""Reading a rendered document's PDF back: text, fonts, page size."""

import io

from pypdf import PdfReader

from documents.models import Document


def pdf_of(document: Document) -> PdfReader:
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(reader: PdfReader) -> str:
    """All pages' text with white space removed (table cells and wrapped hashes break lines)."""
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def fonts_of(reader: PdfReader) -> list[tuple[str, bool]]:
    """(base font name, embedded?) for every font used on any page."""
    fonts = []
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            if descriptor:
                d = descriptor.get_object()
                fonts.append((str(font["/BaseFont"]), any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    return fonts


def assert_fonts_embedded_as_subsets(reader: PdfReader) -> None:
    fonts = fonts_of(reader)
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert all("+" in name for name, _ in fonts), fonts  # subset prefix, e.g. ABCDEF+NotoSansCJK
