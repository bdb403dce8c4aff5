"""The comparison as an Excel workbook (openpyxl): one sheet side by side, one of the gates."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .selectors import Comparison

DIFFERS = PatternFill("solid", fgColor="FFF3C4")
STATUS_FILL = {
    "pass": PatternFill("solid", fgColor="DAFBE1"),
    "warn": PatternFill("solid", fgColor="FFF8C5"),
    "fail": PatternFill("solid", fgColor="FFEBE9"),
}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def status_label(status: str) -> str:
    return {"pass": _("Pass"), "warn": _("Warning"), "fail": _("Fail")}[status]


def _append(sheet, values: list) -> None:
    """Append a row whose text is never taken as a formula (openpyxl treats "=…" as one)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def comparison_workbook(comparison: Comparison) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Comparison")[:31]
    rules = comparison.rules
    _append(sheet, [_("Bid deadline"), rules.bid_deadline.isoformat()])
    _append(sheet, [_("Minimum MLPS (等保) level"), rules.min_mlps_level or _("none")])
    _append(sheet, [
        _("CAC cloud service security assessment required"),
        _("yes") if rules.cac_assessment_required else _("no"),
    ])
    _append(sheet, [_("Warn when expiring within (days)"), rules.warn_window_days])
    _append(sheet, [])
    header = [_("Attribute")] + [(c.vendor.name) for c in comparison.columns] + [_("Differs")]
    _append(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    _append(sheet,
        [_("Qualification")] + [status_label(c.status) for c in comparison.columns] + [""]
    )
    for index, column in enumerate(comparison.columns, start=2):
        sheet.cell(row=sheet.max_row, column=index).fill = STATUS_FILL[column.status]
    for row in comparison.rows:
        _append(sheet,
            [(row.label)]
            + [
                (cell.text) + (f" [{_('unverified')}]" if cell.unverified else "")
                for cell in row.cells
            ]
            + [_("yes") if row.differs else ""]
        )
        if row.differs:
            for cell in sheet[sheet.max_row]:
                cell.fill = DIFFERS
    sheet.freeze_panes = "B7"
    sheet.column_dimensions["A"].width = 34
    for index in range(2, len(comparison.columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 44
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = WRAP

    gates = book.create_sheet(_("Gates")[:31])
    _append(gates, [_("Vendor"), _("Gate"), _("Status"), _("Certificate number"), _("Reason")])
    for cell in gates[1]:
        cell.font = BOLD
    for column in comparison.columns:
        for gate in column.gates:
            _append(gates, [
                (column.vendor.name),
                gate.label,
                status_label(gate.status) + (f" ({_('unverified')})" if gate.unverified else ""),
                (gate.credential_number or ""),
                (gate.reason),
            ])
            gates.cell(row=gates.max_row, column=3).fill = STATUS_FILL[gate.status]
    for letter, width in zip("ABCDE", (20, 40, 18, 22, 90), strict=True):
        gates.column_dimensions[letter].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
