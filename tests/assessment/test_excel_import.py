"""The Excel import reads an untrusted upload with bounds: zip bombs (honest or with lying part
sizes), formula cells, sheets far longer than the framework, and long error lists.

The page and API paths of the same cases are in tests/security/test_file_fuzz.py; these tests
call the service and check the exact message and the bounds."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart

from assessment.models import Assessment
from assessment.services.excel import (
    MAX_ERRORS_LISTED,
    MAX_UNPACKED_BYTES,
    ROW_MARGIN,
    SHEET,
    excel_import,
    excel_parse,
    excel_template,
)

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _workbook(assessment, edit=None) -> bytes:
    wb = load_workbook(io.BytesIO(excel_template(assessment=assessment)))
    if edit:
        edit(wb[SHEET])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row_of(ws, code: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code)


def _zeros_part(z: zipfile.ZipFile, name: str, size: int) -> None:
    """Write `size` zero bytes as one deflated part, streamed (a few hundred KB in the zip)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w") as part:
        chunk = bytes(MB)
        for _ in range(size // MB):
            part.write(chunk)


def _with_part(content: bytes, name: str, write) -> bytes:
    """The workbook `content` with part `name` replaced (or added) by `write(zip, name)`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            if info.filename != name:
                z.writestr(info.filename, source.read(info))
        write(z, name)
    return buffer.getvalue()


def _deflated(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(MB)
    return b"".join(compressor.compress(chunk) for _ in range(size // MB)) + compressor.flush()


def _lying_part(content: bytes, name: str, real_size: int, declared_size: int) -> bytes:
    """The workbook with part `name` a deflate stream of `real_size` zeros whose headers declare
    `declared_size` bytes, with the checksum of those first bytes (so zipfile finds no fault in
    what the headers promise, and only a reader that inflates the whole stream blows up).

    The part is first stored as-is with the raw stream as its bytes; then its method, checksum
    and size fields are rewritten in place (no offset moves)."""
    stream = _deflated(real_size)

    def write(z, part_name):
        info = zipfile.ZipInfo(part_name)
        info.compress_type = zipfile.ZIP_STORED
        z.writestr(info, stream)

    data = bytearray(_with_part(content, name, write))
    encoded = name.encode()
    crc = zlib.crc32(bytes(declared_size))
    for signature, name_at, method_at in ((b"PK\x03\x04", 30, 8), (b"PK\x01\x02", 46, 10)):
        at = data.index(signature)
        while data[at + name_at: at + name_at + len(encoded)] != encoded:
            at = data.index(signature, at + 4)
        struct.pack_into("<H", data, at + method_at, zipfile.ZIP_DEFLATED)
        struct.pack_into("<III", data, at + method_at + 6, crc, len(stream), declared_size)
    return bytes(data)


def _refusal(assessment, content: bytes) -> list[str]:
    before = Assessment.objects.get(pk=assessment.pk).responses.count()
    actor = assessment.created_by
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        excel_import(actor=actor, assessment_id=assessment.pk, content=content, lock_version=assessment.lock_version)
    assert Assessment.objects.get(pk=assessment.pk).responses.count() == before
    return exc.value.message_dict["file"]


def test_a_workbook_that_unpacks_huge_is_refused_by_its_declared_size(assessment_a):
    content = _with_part(_workbook(assessment_a), "xl/media/padding.bin",
                         lambda z, name: _zeros_part(z, name, MAX_UNPACKED_BYTES + 4 * MB))
    assert len(content) < MB  # small upload, within the 5 MB limit
    tracemalloc.start()
    try:
        messages = _refusal(assessment_a, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert messages == [f"The workbook unpacks to more than {MAX_UNPACKED_BYTES // MB} MB; the template is "
                        "far smaller. Download the template and fill that."]
    assert peak < 8 * MB, f"{peak // MB} MB allocated: the parts were unpacked"


def test_a_part_whose_declared_size_lies_is_not_inflated_whole(assessment_a):
    """A 256 MB stream declared as 4 KB: zipfile's read() inflates it all before cutting it to the
    declared size (openpyxl reads styles.xml that way: 400 MB took an 829 MB peak); the import
    reads each part in bounded chunks."""
    content = _lying_part(_workbook(assessment_a), "xl/styles.xml", real_size=256 * MB, declared_size=4096)
    with zipfile.ZipFile(io.BytesIO(content)) as z:  # the archive is well formed
        assert z.getinfo("xl/styles.xml").file_size == 4096
        assert len(z.open("xl/styles.xml").read(4096)) == 4096
    tracemalloc.start()
    try:
        messages = _refusal(assessment_a, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert messages == ["This is not an Excel workbook (.xlsx). Download the template and fill that."]
    assert peak < 32 * MB, f"{peak // MB} MB allocated"


def test_bzip2_parts_are_refused(assessment_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_workbook(assessment_a))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
    assert _refusal(assessment_a, buffer.getvalue()) == [
        "This is not an Excel workbook (.xlsx). Download the template and fill that."]


@pytest.mark.parametrize("column", [1, 6, 7, 8, 9])
def test_a_formula_in_a_data_column_is_refused_at_its_cell(assessment_a, column):
    row = _row_of(load_workbook(io.BytesIO(_workbook(assessment_a)))[SHEET], "P1")

    def edit(ws):
        ws.cell(row, column, "=17/20")

    with translation.override("en"):
        payloads, errors, _rows = excel_parse(assessment=assessment_a, content=_workbook(assessment_a, edit))
        letter = "AFGHI"[[1, 6, 7, 8, 9].index(column)]
        assert [str(e) for e in errors] == [f"Sheet {SHEET}, row {row}, column {letter}: Type the value, not a formula."]
    assert "P1" not in payloads


def test_a_formula_in_a_display_column_is_ignored_and_text_starting_with_equals_is_a_value(assessment_a):
    def edit(ws):
        row = _row_of(ws, "P1")
        ws.cell(row, 3, "=UPPER(B2)")  # the indicator's name: shown, never read
        ws.cell(row, 6, "85%")
        reason_row = _row_of(ws, "P4")
        ws.cell(reason_row, 8, "是")
        ws.cell(reason_row, 9, "=无").data_type = "s"  # typed text that starts with "="

    payloads, errors, _rows = excel_parse(assessment=assessment_a, content=_workbook(assessment_a, edit))
    assert errors == []
    assert payloads["P1"] == {"value": "85"}
    assert payloads["P4"] == {"not_applicable": True, "reason": "=无"}


def _unknown_rows(count: int):
    def edit(ws):
        for i in range(count):
            ws.cell(ws.max_row + 1, 1, f"ZZ{i}")
    return edit


def test_long_error_lists_are_capped(assessment_a):
    extra = MAX_ERRORS_LISTED + 30
    messages = _refusal(assessment_a, _workbook(assessment_a, _unknown_rows(extra)))
    assert len(messages) == MAX_ERRORS_LISTED + 1
    assert messages[-1] == "… and 30 more errors."
    assert all("Unknown indicator code ZZ" in m for m in messages[:-1])


def test_rows_up_to_the_margin_are_read_and_one_more_is_refused_with_one_message(assessment_a):
    indicators = len(assessment_a.framework.content["indicators"])
    limit = 1 + indicators + ROW_MARGIN

    def at(row):
        def edit(ws):
            ws.cell(row, 1, "P1")  # a second P1: an error at that row when it is read
        return edit

    _payloads, errors, _rows = excel_parse(assessment=assessment_a, content=_workbook(assessment_a, at(limit)))
    assert [(e.row, e.column) for e in errors] == [(limit, "A")]
    messages = _refusal(assessment_a, _workbook(assessment_a, at(limit + 1)))
    assert messages == [
        f"The sheet {SHEET} has more than {limit} rows, but the framework has {indicators} indicators "
        "(one row each). Delete the rows below the indicators, or download the template again."]


def test_a_sheet_declaring_a_million_rows_is_refused_before_reading(assessment_a):
    content = _workbook(assessment_a)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:J21" />' in xml

    def declare(z, name):
        z.writestr(name, xml.replace('<dimension ref="A1:J21" />', '<dimension ref="A1:J1048576" />'))

    messages = _refusal(assessment_a, _with_part(content, "xl/worksheets/sheet1.xml", declare))
    assert len(messages) == 1 and "has more than" in messages[0]


def test_a_damaged_sheet_is_refused_not_a_server_error(assessment_a):
    def damage(z, name):
        with zipfile.ZipFile(io.BytesIO(_workbook(assessment_a))) as source:
            xml = source.read(name)
        z.writestr(name, xml[: len(xml) // 2])  # cut in the middle of the rows

    content = _with_part(_workbook(assessment_a), "xl/worksheets/sheet1.xml", damage)
    assert _refusal(assessment_a, content) == [
        "This is not an Excel workbook (.xlsx). Download the template and fill that."]


def test_a_chart_sheet_under_the_sheet_name_is_a_missing_sheet(assessment_a):
    wb = Workbook()
    wb.active.title = "data"
    chart_sheet = wb.create_chartsheet(SHEET)
    chart_sheet.add_chart(BarChart())
    buffer = io.BytesIO()
    wb.save(buffer)
    assert _refusal(assessment_a, buffer.getvalue()) == [
        "The sheet is missing. Download the template and fill that."]
