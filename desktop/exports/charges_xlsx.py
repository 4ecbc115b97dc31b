"""The non-attendance charges list per agency, for invoicing, as an Excel workbook.

WRITERS chooses the writer by format, so the Word and PDF versions are one more entry each
(the screen and `boardwork report charges` both use it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.exports.training_papers import write_charges
from desktop.exports.workbook import save_workbook
from desktop.services.training import AgencyInvoice, InvoiceList
from desktop.services.training.charges import NEEDS_AGENCY
from desktop.xmlchars import xml_safe_row

HEADERS = ("Agency", "Delegate", "Job title", "Course", "Date", "Reason", "Charge (£)")
WIDTHS = (38, 26, 26, 52, 12, 18, 12)
MONEY = "#,##0.00"
BOLD = Font(bold=True)


def write_charges_xlsx(invoice: InvoiceList, path: Path, organisation: str = "") -> None:
    """One sheet of charge lines with a subtotal per agency, one sheet of agency totals."""
    book = Workbook()
    lines = book.active
    assert lines is not None
    lines.title = "Charges"
    _title(lines, invoice, organisation)
    lines.append(HEADERS)
    for cell in lines[lines.max_row]:
        cell.font = BOLD
    for agency in invoice.agencies:
        _agency_lines(lines, agency)
    lines.append(("Total", None, None, None, None, None, invoice.total_pence / 100))
    _money_row(lines, bold=True)
    if invoice.needing_agency:
        # Apart from the amount to invoice: nobody knows yet whom to send them to.
        lines.append(())
        _agency_lines(lines, AgencyInvoice(None, NEEDS_AGENCY, invoice.needing_agency))
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        lines.column_dimensions[column].width = width
    lines.freeze_panes = "A4"
    _summary(book.create_sheet("By agency"), invoice, organisation)
    save_workbook(book, path)


def _title(sheet: Worksheet, invoice: InvoiceList, organisation: str,
           part: str = "") -> None:
    start, end = invoice.period
    heading = "Non-attendance and late cancellation charges" + part
    sheet.append(xml_safe_row((f"{organisation}: {heading}" if organisation else heading,)))
    sheet.append((f"Sessions from {start:%d/%m/%Y} to {end:%d/%m/%Y}; waived charges are "
                  "not listed",))
    sheet["A1"].font = Font(bold=True, size=14)


def _agency_lines(sheet: Worksheet, agency: AgencyInvoice) -> None:
    for line in agency.lines:
        sheet.append(xml_safe_row((line.agency, line.person, line.job_title, line.course,
                                   line.session_start.date(), line.reason,
                                   line.amount_pence / 100)))
        sheet.cell(sheet.max_row, 5).number_format = "dd/mm/yyyy"
        _money_row(sheet)
    sheet.append(xml_safe_row((f"{agency.agency} total", None, None, None, None, None,
                               agency.total_pence / 100)))
    _money_row(sheet, bold=True)


def _money_row(sheet: Worksheet, bold: bool = False) -> None:
    cell = sheet.cell(sheet.max_row, 7)
    cell.number_format = MONEY
    if bold:
        for each in sheet[sheet.max_row]:
            each.font = BOLD


def _summary(sheet: Worksheet, invoice: InvoiceList, organisation: str) -> None:
    _title(sheet, invoice, organisation, ": summary by agency")
    sheet.append(("Agency", "Charges", "Total (£)"))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for agency in invoice.agencies:
        sheet.append((agency.agency, len(agency.lines), agency.total_pence / 100))
        sheet.cell(sheet.max_row, 3).number_format = MONEY
    sheet.append(("Total", sum(len(a.lines) for a in invoice.agencies),
                  invoice.total_pence / 100))
    sheet.cell(sheet.max_row, 3).number_format = MONEY
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    if invoice.needing_agency:
        sheet.append((NEEDS_AGENCY, len(invoice.needing_agency),
                      invoice.needing_agency_pence / 100))
        sheet.cell(sheet.max_row, 3).number_format = MONEY
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["C"].width = 14


# --- the writers by format ----------------------------------------------------------------

Writer = Callable[[InvoiceList, Path, str], None]
WRITERS: dict[str, Writer] = {
    "xlsx": write_charges_xlsx,
    # Word and PDF: the shared document layout (exports/training_papers.py).
    "docx": lambda invoice, path, org: write_charges(invoice, "docx", path, org),
    "pdf": lambda invoice, path, org: write_charges(invoice, "pdf", path, org),
}
