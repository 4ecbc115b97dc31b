"""The audit trail, as filtered on the screen or the command line, as an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop.exports.workbook import save_workbook
from desktop.services.privacy.trail import AuditRow
from desktop.xmlchars import xml_safe_row

HEADERS = ("When", "User", "Record", "Change", "Field", "Old value", "New value")
WIDTHS = (20, 16, 32, 12, 20, 50, 50)


def write_audit_xlsx(rows: list[AuditRow], path: Path, title: str = "Audit trail") -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Audit trail"
    sheet.append(xml_safe_row((title,)))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for heading in sheet[2]:
        heading.font = Font(bold=True)
    for row in rows:
        sheet.append(xml_safe_row((row.at, row.user, row.record, row.kind, row.field,
                                   row.old, row.new)))
        sheet.cell(sheet.max_row, 1).number_format = "dd/mm/yyyy hh:mm:ss"
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    save_workbook(book, path)
