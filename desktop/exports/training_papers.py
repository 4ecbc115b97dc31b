"""Training papers: a session's register (sign-in sheet), attendance certificates (one page
per attendee) and the non-attendance charges per agency for a period."""

from __future__ import annotations

from pathlib import Path

from desktop.dates import show_date, show_time
from desktop.exports.document import (
    Block,
    Column,
    Document,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Table,
    cell,
    para,
    span_row,
    text_row,
)
from desktop.exports.render import write_document
from desktop.services.documents.training_session import SessionPapers
from desktop.services.figures import format_pounds
from desktop.services.training import InvoiceList
from desktop.services.training.charges import NEEDS_AGENCY

# A4 portrait less margins: 174 mm; the signature column is wide enough to sign in.
REGISTER_COLUMNS = (Column("No.", 9), Column("Name", 40), Column("Job title", 34),
                    Column("Agency", 40), Column("Signature", 51))
CHARGE_COLUMNS = (Column("Delegate", 40), Column("Course", 62), Column("Date", 22),
                  Column("Reason", 28), Column("Charge", 22, "right"))


def session_when(papers: SessionPapers) -> str:
    when = f"{papers.start:%A} {show_date(papers.start.date())}, {show_time(papers.start.time())}"
    if papers.end:
        when += f" to {show_time(papers.end.time())}"
    return when


def register_document(papers: SessionPapers, organisation: str = "") -> Document:
    subtitle = [session_when(papers)]
    if papers.venue:
        subtitle.append(papers.venue)
    if papers.trainer:
        subtitle.append(f"Trainer: {papers.trainer}")
    rows = [text_row(str(number), d.name, d.job_title or "", d.agency or "", "")
            for number, d in enumerate(papers.delegates, start=1)]
    # Blank lines at the end, for people who come without a booking.
    rows += [text_row(str(number), "", "", "", "") for number in
             range(len(rows) + 1, len(rows) + 4)]
    blocks: tuple[Block, ...] = (
        para("Please sign beside your name. If your name is not listed, write it with your "
             "agency on a blank line."),
        Table(REGISTER_COLUMNS, tuple(rows)),
        para(f"{len(papers.delegates)} booked.", "small"),
    )
    return Document(title=f"Register: {papers.course}", subtitle=tuple(subtitle),
                    blocks=blocks, header=organisation,
                    footer=f"Register: {papers.course} {show_date(papers.start.date())}")


def certificates_document(papers: SessionPapers, organisation: str = "") -> Document:
    """One page per delegate marked as attended; nothing to certify before the register."""
    blocks: list[Block] = []
    for index, delegate in enumerate(papers.attended):
        if index:
            blocks.append(PageBreak())
        blocks.extend(_certificate(papers, delegate.name, delegate.agency, organisation))
    if not blocks:
        blocks.append(para("No one is marked as attended on the register of this session."))
    return Document(title=f"Certificates of attendance: {papers.course}", blocks=tuple(blocks),
                    header=organisation, certificate=True)


def _certificate(papers: SessionPapers, name: str, agency: str | None,
                 organisation: str) -> list[Block]:
    duration = ""
    if papers.duration_minutes:
        hours, minutes = divmod(papers.duration_minutes, 60)
        duration = f"{hours} hours" + (f" {minutes} minutes" if minutes else "")
    lines: list[Block] = [
        para(" "), para(" "),
        para("Certificate of attendance", "strong"),
        para("This is to certify that"),
        Paragraph((Run(name, bold=True),), "strong"),
    ]
    if agency:
        lines.append(para(agency))
    lines += [para("attended"), Paragraph((Run(papers.course, bold=True),)),
              para(f"on {session_when(papers)}" + (f" ({duration})" if duration else ""))]
    if papers.venue:
        lines.append(para(f"at {papers.venue}"))
    if organisation:
        lines += [para(" "), para(organisation)]
    return lines


def charges_document(invoice: InvoiceList, organisation: str = "") -> Document:
    start, end = invoice.period
    rows: list[Row] = []
    for agency in invoice.agencies:
        rows.append(span_row(agency.agency))
        rows.extend(Row((cell(line.person), cell(line.course),
                         cell(show_date(line.session_start.date())), cell(line.reason),
                         cell(format_pounds(line.amount_pence))))
                    for line in agency.lines)
        rows.append(text_row(f"{agency.agency} total", "", "", "",
                             format_pounds(agency.total_pence), bold=True))
    rows.append(text_row("Total", "", "", "", format_pounds(invoice.total_pence), bold=True))
    if invoice.needing_agency:
        # Not part of the amount to invoice: nobody knows yet whom to send them to.
        rows.append(span_row(NEEDS_AGENCY))
        rows.extend(Row((cell(line.person), cell(line.course),
                         cell(show_date(line.session_start.date())), cell(line.reason),
                         cell(format_pounds(line.amount_pence))))
                    for line in invoice.needing_agency)
        rows.append(text_row("Needing an agency, total", "", "", "",
                             format_pounds(invoice.needing_agency_pence), bold=True))
    summary = Table((Column("Agency", 120), Column("Charges", 30, "right")), tuple(
        text_row(a.agency, format_pounds(a.total_pence)) for a in invoice.agencies))
    return Document(
        title="Non-attendance and late cancellation charges",
        subtitle=(f"Sessions from {show_date(start)} to {show_date(end)}; waived charges "
                  "are not listed",),
        blocks=(Table(CHARGE_COLUMNS, tuple(rows)), summary),
        header=organisation, footer=f"Charges {show_date(start)} to {show_date(end)}")


def write_charges(invoice: InvoiceList, fmt: str, path: Path, organisation: str = "") -> None:
    write_document(charges_document(invoice, organisation), fmt, path)
