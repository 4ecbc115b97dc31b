"""Bookings as an Excel workbook: a session's delegate list, or any list of bookings as it
was filtered on screen (one person's or agency's training history, say)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.exports.workbook import save_workbook
from desktop.services.training import BookingInfo
from desktop.services.training.history import BookingLine
from desktop.xmlchars import xml_safe_row

BOLD = Font(bold=True)
MONEY = "#,##0.00"
STATUS = {"booked": "Booked", "waiting": "Waiting", "cancelled": "Cancelled",
          "attended": "Attended", "did_not_attend": "Did not attend"}
DELEGATE_HEADERS = ("Delegate", "Agency", "Job title", "E-mail", "Status", "Booked",
                    "Cancelled", "Charge (£)", "Waived because")
DELEGATE_WIDTHS = (28, 34, 26, 32, 16, 17, 17, 11, 30)
BOOKING_HEADERS = ("Delegate", "Agency", "Job title", "Course", "Session date", "Session",
                   "Status", "Charge (£)", "Waived because")
BOOKING_WIDTHS = (28, 34, 26, 44, 13, 11, 16, 11, 30)


def _start(sheet: Worksheet, title: str, subtitle: str, headers: tuple[str, ...],
           widths: tuple[int, ...]) -> None:
    sheet.append(xml_safe_row((title,)))
    sheet.append(xml_safe_row((subtitle,)))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(3, index).column_letter].width = width
    sheet.freeze_panes = "A4"


def _row(sheet: Worksheet, values: tuple[object, ...], formats: dict[int, str]) -> None:
    sheet.append(xml_safe_row(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":  # a name typed as "=…" is text, never a formula
            cell.data_type = "s"
    for column, number_format in formats.items():
        sheet.cell(sheet.max_row, column).number_format = number_format


def _pounds(pence: int | None) -> float | None:
    return None if not pence else pence / 100


def _plain(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=None) if moment is not None else None


def write_delegates_xlsx(title: str, subtitle: str, bookings: Sequence[BookingInfo],
                         path: Path) -> None:
    """A session's delegates and waiting list, as listed on screen."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Delegates"
    _start(sheet, title, subtitle, DELEGATE_HEADERS, DELEGATE_WIDTHS)
    for b in bookings:
        status = STATUS[b.status]
        if b.waiting_position is not None:
            status = f"Waiting ({b.waiting_position})"
        _row(sheet, (b.person, b.agency, b.job_title, b.email, status, _plain(b.booked_at),
                     _plain(b.cancelled_at), _pounds(b.charge_pence), b.charge_waived_reason),
             {6: "dd/mm/yyyy hh:mm", 7: "dd/mm/yyyy hh:mm", 8: MONEY})
    save_workbook(book, path)


def write_bookings_xlsx(title: str, subtitle: str, lines: Sequence[BookingLine],
                        path: Path) -> None:
    """Bookings across sessions, in the order given, with the charges still owed totalled."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Bookings"
    _start(sheet, title, subtitle, BOOKING_HEADERS, BOOKING_WIDTHS)
    for line in lines:
        session = "Cancelled" if line.session_status == "cancelled" else ""
        _row(sheet, (line.person, line.agency, line.job_title, line.course,
                     line.session_start.date(), session, STATUS[line.status],
                     _pounds(line.charge_pence), line.charge_waived_reason),
             {5: "dd/mm/yyyy", 8: MONEY})
    owed = sum(line.charge_owed_pence for line in lines)
    sheet.append((f"{len(lines)} booking(s); charges to invoice", None, None, None, None,
                  None, None, owed / 100))
    sheet.cell(sheet.max_row, 8).number_format = MONEY
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    save_workbook(book, path)
