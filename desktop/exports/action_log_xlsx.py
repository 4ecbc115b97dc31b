"""A board's action log (or everything one owner owes) as an Excel workbook.

WRITERS chooses the writer by format, so the Word and PDF versions are one more entry each,
reading the same `ActionLog` (the screen and `boardwork export action-log` both use it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from desktop.exports.action_log import write_action_log
from desktop.exports.minutes import CONFIDENTIAL_MARK  # the last column of a confidential action
from desktop.exports.workbook import save_workbook
from desktop.services.actions import ActionLog, ActionRow
from desktop.xmlchars import xml_safe_row

HEADERS = ("No.", "Raised", "Item", "Title", "Action", "Owners", "Due", "Status", "RAG",
           "Latest update", "Update given", "Confidential")
WIDTHS = (7, 11, 7, 28, 60, 20, 11, 12, 16, 60, 12, 34)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
RAG_FILLS = {rag: PatternFill("solid", fgColor=colour)
             for rag, colour in (("red", "F4B6B6"), ("amber", "FFD98A"), ("green", "B9E0B0"))}
DATE_COLUMNS = (2, 7, 11)


def _cells(row: ActionRow, all_boards: bool, confidential: bool) -> tuple[object, ...]:
    number: object = f"{row.board} {row.number}" if all_boards else row.number
    return (number, row.raised, row.item, row.title, row.text, ", ".join(row.owners), row.due,
            row.status_name, row.rag_name, row.latest_text, row.latest_date,
            CONFIDENTIAL_MARK if confidential else None)


def write_action_log_xlsx(log: ActionLog, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action log"
    sheet.append(xml_safe_row((log.title,)))
    sheet.append(xml_safe_row((log.subtitle,)))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row in log.rows:
        sheet.append(xml_safe_row(_cells(row, log.all_boards, row.id in log.confidential)))
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
        for column in DATE_COLUMNS:
            sheet.cell(sheet.max_row, column).number_format = "dd/mm/yyyy"
        if row.rag is not None:
            sheet.cell(sheet.max_row, 9).fill = RAG_FILLS[row.rag]
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(3, index).column_letter].width = width
    sheet.freeze_panes = "A4"
    save_workbook(book, path)


# --- the writers by format ----------------------------------------------------------------

Writer = Callable[[ActionLog, Path], None]
WRITERS: dict[str, Writer] = {
    "xlsx": write_action_log_xlsx,
    # Word and PDF: the same log through the shared document layout (exports/action_log.py).
    "docx": lambda log, path: write_action_log(log, "docx", path),
    "pdf": lambda log, path: write_action_log(log, "pdf", path),
}
