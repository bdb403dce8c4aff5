"""Excel round trip: a template per assessment, and an all-or-nothing import.

One row per indicator. Columns: code, dimension, indicator, type, unit, value, second value,
N/A, N/A reason, hint. What "value" means depends on the type (each row's hint says): ratio →
numerator with the denominator as second value, or a percentage such as "85%"; level → level
code (a dropdown); yes/no → 是/否 (a dropdown); checklist → item codes separated by commas;
deduction → "event=count" pairs. Errors are reported by sheet, row and column; nothing is saved
unless the whole file is valid.

An upload is untrusted. Before openpyxl sees it, the .xlsx (a zip) is unpacked part by part with
a bound on the total (a small file may unpack to gigabytes, and a part's declared size may lie)
and re-packed uncompressed, so openpyxl reads only bytes that were counted. The sheet is read
in read-only mode up to the framework's indicator count plus a margin; a formula cell is
refused (a file saved by a script has no cached result, which would read as empty and clear
the stored answer); at most ``MAX_ERRORS_LISTED`` errors are listed.
"""

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from assessment.models import Assessment, HistoryKind

from .responses import responses_save
from .scoring import payloads_of

SHEET = "indicators"
HEADERS = ("code", "dimension", "indicator", "type", "unit", "value", "value_2", "not_applicable", "reason", "hint")
COL = {name: i + 1 for i, name in enumerate(HEADERS)}
YES, NO = "是", "否"
MAX_BYTES = 5 * 1024 * 1024
# The template unpacks to well under 1 MB; a workbook unpacking to more is refused unread.
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_PARTS = 500  # an .xlsx has a few dozen parts at most
# Rows below the last indicator row that are still read (blank or formatted rows a user adds).
ROW_MARGIN = 200
MAX_ERRORS_LISTED = 50
# Columns read as data (the others are shown to the user and ignored on import).
DATA_COLUMNS = ("code", "value", "value_2", "not_applicable", "reason")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:  # about the whole file or sheet, not a cell
            return self.message
        return _("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % {
            "sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message,
        }


def _headers_localised() -> list[str]:
    return [
        _("Code"), _("Dimension"), _("Indicator"), _("Type"), _("Unit"), _("Value"), _("Second value"),
        _("Not applicable"), _("Reason for N/A"), _("How to fill"),
    ]


def _hint(ind: dict) -> str:
    kind = ind["type"]
    if kind == "ratio":
        # xgettext:no-python-format
        return _("Value: numerator, second value: denominator; or a percentage such as 85% in Value.")
    if kind in ("band", "threshold"):
        return _("Value: a number in the unit shown.")
    if kind == "level":
        return _("Value: one of %(codes)s.") % {"codes": ", ".join(x["code"] for x in ind["params"]["levels"])}
    if kind == "yes_no":
        return _("Value: 是 or 否.")
    if kind == "capped_count":
        return _("Value: a whole number.")
    if kind == "checklist":
        return _("Value: the item codes that hold, separated by commas: %(codes)s.") % {
            "codes": ", ".join(x["code"] for x in ind["params"]["items"])}
    if kind == "deduction":
        return _("Value: event=count pairs separated by commas: %(codes)s.") % {
            "codes": ", ".join(x["code"] for x in ind["params"]["events"])}
    return ""


def excel_template(*, assessment: Assessment, language_zh: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(_headers_localised())
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F8FA")
    dims = {d["code"]: d for d in assessment.framework.content["dimensions"]}
    stored = payloads_of(assessment)
    yes_no = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    na = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    ws.add_data_validation(yes_no)
    ws.add_data_validation(na)
    key = "zh" if language_zh else "en"
    for row, ind in enumerate(assessment.framework.content["indicators"], start=2):
        value, value_2, na_flag, reason = _cells_of(ind, stored.get(ind["code"]))
        ws.append([
            ind["code"], dims[ind["dimension"]][f"name_{key}"], ind[f"name_{key}"], ind["type"],
            ind.get(f"unit_{key}", ""), value, value_2, na_flag, reason, _hint(ind),
        ])
        value_cell = f"{get_column_letter(COL['value'])}{row}"
        if ind["type"] == "level":
            codes = ",".join(x["code"] for x in ind["params"]["levels"])
            dv = DataValidation(type="list", formula1=f'"{codes}"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(value_cell)
        elif ind["type"] == "yes_no":
            yes_no.add(value_cell)
        na.add(f"{get_column_letter(COL['not_applicable'])}{row}")
    for col, width in zip("ABCDEFGHIJ", (8, 12, 28, 12, 10, 28, 14, 10, 28, 60), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        row[-1].alignment = Alignment(wrap_text=True)
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cells_of(ind: dict, payload: dict | None) -> tuple[Any, Any, str, str]:
    if not payload:
        return "", "", "", ""
    if payload.get("not_applicable"):
        return "", "", YES, payload.get("reason", "")
    kind = ind["type"]
    if kind == "ratio":
        if "value" in payload:
            return f"{payload['value']}%", "", "", ""
        return payload.get("numerator", ""), payload.get("denominator", ""), "", ""
    if kind == "level":
        return payload.get("level", ""), "", "", ""
    if kind == "yes_no":
        return (YES if payload.get("value") else NO), "", "", ""
    if kind == "capped_count":
        return payload.get("count", ""), "", "", ""
    if kind == "checklist":
        return ",".join(payload.get("items", [])), "", "", ""
    if kind == "deduction":
        return ",".join(f"{k}={v}" for k, v in payload.get("events", {}).items()), "", "", ""
    return payload.get("value", ""), "", "", ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _payload_of(ind: dict, value: str, value_2: str, row: int, errors: list[CellError]) -> dict | None:
    kind = ind["type"]
    if not value and not value_2:
        return None
    if kind == "ratio":
        if value.endswith("%") or (value and not value_2):
            return {"value": value.rstrip("%").strip()}
        return {"numerator": value or None, "denominator": value_2 or None}
    if kind in ("band", "threshold"):
        return {"value": value.rstrip("%").strip()}
    if kind == "level":
        return {"level": value}
    if kind == "yes_no":
        if value not in (YES, NO, "yes", "no", "Yes", "No"):
            errors.append(CellError(SHEET, row, "F", _("Enter 是 or 否.")))
            return None
        return {"value": value in (YES, "yes", "Yes")}
    if kind == "capped_count":
        return {"count": value}
    if kind == "checklist":
        return {"items": [x.strip() for x in value.replace("，", ",").split(",") if x.strip()]}
    if kind == "deduction":
        events: dict[str, str] = {}
        for part in value.replace("，", ",").split(","):
            if not part.strip():
                continue
            code, sep, count = part.partition("=")
            if not sep:
                errors.append(CellError(SHEET, row, "F", _("Write each event as code=count.")))
                return None
            events[code.strip()] = count.strip()
        return {"events": events}
    return None


class _Refused(Exception):
    """The file is refused as a whole, with one message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _not_a_workbook() -> _Refused:
    return _Refused(_("This is not an Excel workbook (.xlsx). Download the template and fill that."))


def _repacked(content: bytes) -> bytes:
    """The workbook's parts re-packed uncompressed, each read with a bound; raises _Refused.

    The declared sizes are checked first (an honest zip bomb is refused without unpacking a
    byte); each part is then read in chunks, so a part whose declared size lies is cut at that
    size (zipfile stops there; the checksum then usually fails) instead of being inflated whole
    in memory, as ``ZipFile.read`` would (openpyxl reads most parts that way). Only deflate and
    stored parts are read: Excel writes nothing else, and zipfile decompresses bzip2 and LZMA
    parts in one unbounded call.
    """
    too_big = _Refused(_(
        "The workbook unpacks to more than %(max)s MB; the template is far smaller. "
        "Download the template and fill that."
    ) % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)})
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            if len(infos) > MAX_PARTS or len(set(names)) != len(names):
                raise _not_a_workbook()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise too_big
            unpacked = 0
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
                for info in infos:
                    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                        raise _not_a_workbook()
                    chunks = []
                    with archive.open(info) as part:
                        while chunk := part.read(_CHUNK):
                            unpacked += len(chunk)
                            if unpacked > MAX_UNPACKED_BYTES:
                                raise too_big
                            chunks.append(chunk)
                    clean.writestr(info.filename, b"".join(chunks))
    except _Refused:
        raise
    # zipfile's errors for a damaged, encrypted or otherwise unreadable archive.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError):
        raise _not_a_workbook() from None
    return out.getvalue()


def _sheet_rows(content: bytes, indicators: int) -> list[tuple[int, tuple]]:
    """The rows below the header of the indicator sheet, as openpyxl read-only cells, for a
    sheet of at most ``indicators + ROW_MARGIN`` such rows; raises _Refused."""
    limit = 1 + indicators + ROW_MARGIN  # the last row number read
    too_many = _Refused(_(
        "The sheet %(sheet)s has more than %(max)s rows, but the framework has %(count)s "
        "indicators (one row each). Delete the rows below the indicators, or download the "
        "template again."
    ) % {"sheet": SHEET, "max": limit, "count": indicators})
    try:
        wb = load_workbook(io.BytesIO(_repacked(content)), read_only=True)
    except _Refused:
        raise
    except Exception:  # openpyxl raises many kinds for a non-workbook  # noqa: BLE001
        raise _not_a_workbook() from None
    try:
        ws = wb[SHEET] if SHEET in wb.sheetnames else None
        if ws is None or not hasattr(ws, "reset_dimensions"):  # missing, or a chart sheet
            raise _Refused(_("The sheet is missing. Download the template and fill that."))
        # The size the sheet declares (<dimension>): refuse before reading a row. It may be
        # missing or wrong, so it is then ignored and the rows are read up to the limit (one
        # row past it proves the sheet is too long).
        if isinstance(ws.max_row, int) and ws.max_row > limit:
            raise too_many
        ws.reset_dimensions()
        rows = []
        for number, row in enumerate(
            ws.iter_rows(min_row=2, max_row=limit + 1, max_col=len(HEADERS)), start=2
        ):
            if number > limit:
                raise too_many
            rows.append((number, row))
        return rows
    except _Refused:
        raise
    # Read-only mode parses the sheet as it is read: a damaged sheet fails here, with any of
    # the XML parser's or openpyxl's exceptions.
    except Exception:  # noqa: BLE001
        raise _not_a_workbook() from None
    finally:
        wb.close()


def excel_parse(
    *, assessment: Assessment, content: bytes
) -> tuple[dict[str, Any], list[CellError], dict[str, int]]:
    """The payloads in an uploaded template, or every error found (by sheet, row, column)."""
    errors: list[CellError] = []
    if len(content) > MAX_BYTES:
        return {}, [CellError("-", 0, "-", _("The file is larger than 5 MB."))], {}
    specs = {i["code"]: i for i in assessment.framework.content["indicators"]}
    try:
        sheet_rows = _sheet_rows(content, indicators=len(specs))
    except _Refused as refused:
        return {}, [CellError(SHEET, 0, "-", refused.message)], {}
    payloads: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for row_number, row in sheet_rows:
        formulas = [
            get_column_letter(COL[name]) for name in DATA_COLUMNS
            if len(row) >= COL[name] and row[COL[name] - 1].data_type == "f"
        ]
        for column in formulas:
            errors.append(CellError(SHEET, row_number, column, _("Type the value, not a formula.")))
        if formulas:
            continue
        cells = [_text(c.value) for c in row] + [""] * (len(HEADERS) - len(row))
        code = cells[0]
        if not any(cells):
            continue
        if code not in specs:
            errors.append(CellError(SHEET, row_number, "A", _("Unknown indicator code %(code)s.") % {"code": code or "—"}))
            continue
        if code in rows:
            errors.append(CellError(SHEET, row_number, "A", _("Indicator %(code)s appears twice.") % {"code": code}))
            continue
        rows[code] = row_number
        na_flag = cells[COL["not_applicable"] - 1]
        if na_flag in (YES, "yes", "Yes", "Y", "y"):
            payloads[code] = {"not_applicable": True, "reason": cells[COL["reason"] - 1]}
        elif na_flag not in ("", NO, "no", "No", "N", "n"):
            errors.append(CellError(SHEET, row_number, "H", _("Enter 是 or 否, or leave empty.")))
        else:
            payloads[code] = _payload_of(
                specs[code], cells[COL["value"] - 1], cells[COL["value_2"] - 1], row_number, errors
            )
    return payloads, errors, rows


def _listed(errors: list[CellError]) -> list[str]:
    """The errors as text, at most MAX_ERRORS_LISTED of them and a count of the rest."""
    listed = [str(e) for e in errors[:MAX_ERRORS_LISTED]]
    if len(errors) > MAX_ERRORS_LISTED:
        listed.append(_("… and %(count)s more errors.") % {"count": len(errors) - MAX_ERRORS_LISTED})
    return listed


ENGINE_FIELD_COLUMN = {"": "F", "value": "F", "numerator": "F", "level": "F", "count": "F", "items": "F",
                       "events": "F", "denominator": "G", "reason": "I", "not_applicable": "H"}


@transaction.atomic
def excel_import(*, actor, assessment_id: int, content: bytes, lock_version: int | None) -> Assessment:
    assessment = Assessment.objects.select_related("framework").get(pk=assessment_id)
    payloads, errors, rows = excel_parse(assessment=assessment, content=content)
    if not errors:
        try:
            return responses_save(
                actor=actor, assessment_id=assessment_id, answers=payloads, lock_version=lock_version,
                history_kind=HistoryKind.IMPORT,
            )
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            for key, messages in exc.message_dict.items():
                if not key.startswith("answers."):
                    raise
                code, _sep, field = key.removeprefix("answers.").partition(".")
                column = ENGINE_FIELD_COLUMN.get(field.split(".")[0], "F")
                for message in messages:
                    errors.append(CellError(SHEET, rows.get(code, 0), column, message))
    raise ValidationError({"file": _listed(errors)})
