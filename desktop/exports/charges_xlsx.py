"""The non-attendance charges list per agency, for invoicing, as an Excel workbook.

Also the `boardwork report charges` command: its writers are chosen by format, so the Word
and PDF versions are one more entry in WRITERS each.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.cli_documents import DocumentCommand
from desktop.exports.training_papers import write_charges
from desktop.services.database import Database
from desktop.services.figures import format_pounds
from desktop.services.training import AgencyInvoice, InvoiceList, invoice_list
from desktop.services.training.charges import charges_period
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
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        lines.column_dimensions[column].width = width
    lines.freeze_panes = "A4"
    _summary(book.create_sheet("By agency"), invoice, organisation)
    book.save(path)


def _title(sheet: Worksheet, invoice: InvoiceList, organisation: str) -> None:
    start, end = invoice.period
    heading = "Non-attendance and late cancellation charges"
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
    _title(sheet, invoice, organisation)
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
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["C"].width = 14


# --- the command line ----------------------------------------------------------------------

Writer = Callable[[InvoiceList, Path, str], None]
WRITERS: dict[str, Writer] = {
    "xlsx": write_charges_xlsx,
    # Word and PDF: the shared document layout (exports/training_papers.py).
    "docx": lambda invoice, path, org: write_charges(invoice, "docx", path, org),
    "pdf": lambda invoice, path, org: write_charges(invoice, "pdf", path, org),
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2016-03-31") from None


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_date, metavar="DATE",
                        help="first day (default: start of the current reporting year)")
    parser.add_argument("--to", dest="end", type=_date, metavar="DATE",
                        help="last day (default: end of the current reporting year)")


def _write(db: Database, args: argparse.Namespace, fmt: str, path: Path) -> str:
    from desktop.services.settings import load_settings

    invoice = invoice_list(db, charges_period(db, args.start, args.end))
    WRITERS[fmt](invoice, path, load_settings(db).organisation_name)
    agencies = len(invoice.agencies)
    return (f"Wrote {path}: {format_pounds(invoice.total_pence)} of charges to "
            f"{agencies} agenc{'y' if agencies == 1 else 'ies'}.")


def charges_command() -> DocumentCommand:
    return DocumentCommand("charges", "non-attendance charges per agency, for invoicing",
                           tuple(WRITERS), _arguments, _write)
