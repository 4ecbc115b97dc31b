"""The decision log as an Excel workbook: every decision listed, with its meeting and item.
Decisions taken at a confidential item are left out unless the full log is asked for."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desktop.exports.workbook import save_workbook
from desktop.services.meetings.decisions import DecisionLine
from desktop.xmlchars import xml_safe_row

HEADERS = ("Meeting", "Board or group", "Item", "Decision", "Confidential")
WIDTHS = (12, 34, 34, 80, 14)


def write_decision_log_xlsx(lines: list[DecisionLine], title: str, path: Path,
                            confidential: bool = True) -> int:
    """Write the log; returns the number of decisions written."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Decision log"
    sheet.append(xml_safe_row((title,)))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    written = 0
    for line in lines:
        if line.confidential and not confidential:
            continue
        sheet.append(xml_safe_row((line.date, line.board, line.item or "(no item)", line.text,
                                   "Confidential" if line.confidential else None)))
        sheet.cell(sheet.max_row, 1).number_format = "DD/MM/YYYY"
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        written += 1
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A3"
    save_workbook(book, path)
    return written
