"""Training papers: a session's register (sign-in sheet), attendance certificates (one page
per attendee) and the non-attendance charges per agency for a period."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from desktop.dates import show_date, show_time
from desktop.exports.document import (
    Block,
    Column,
    Document,
    Heading,
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

# A4 portrait less margins: 174 mm; the signature column is wide enough to sign in, and
# "No." fits within Word's wider cell margins without breaking.
REGISTER_COLUMNS = (Column("No.", 11), Column("Name", 40), Column("Job title", 33),
                    Column("Agency", 39), Column("Signature", 51))
# Tall enough to sign in (9 mm is the least a signature needs; 10 mm leaves room to spare).
REGISTER_ROW_MM = 10.0
MIN_WALK_IN_LINES = 3
WALK_IN_SHARE = 0.15
SIGNATURE_LINE = "_" * 36
CHARGE_COLUMNS = (Column("Delegate", 40), Column("Course", 62), Column("Date", 22),
                  Column("Reason", 28), Column("Charge", 22, "right"))


def session_when(papers: SessionPapers) -> str:
    when = f"{papers.start:%A} {show_date(papers.start.date())}, {show_time(papers.start.time())}"
    if papers.end:
        when += f" to {show_time(papers.end.time())}"
    return when


def walk_in_lines(papers: SessionPapers) -> int:
    """Blank lines for people who come without a booking: 15% of the places (at least 3).

    Walk-ins grow with the event: 16 came to a 121-place conference, where 3 lines were far
    too few, while a 12-place workshop keeps the three. 15% covers the 13% seen at the large
    event with a little to spare; with no capacity recorded, the number booked stands in.
    """
    places = papers.places or len(papers.delegates)
    return max(MIN_WALK_IN_LINES, math.ceil(places * WALK_IN_SHARE))


def register_document(papers: SessionPapers, organisation: str = "") -> Document:
    subtitle = [session_when(papers)]
    if papers.venue:
        subtitle.append(papers.venue)
    if papers.trainer:
        subtitle.append(f"Trainer: {papers.trainer}")
    rows = [text_row(str(number), d.name, d.job_title or "", d.agency or "", "")
            for number, d in enumerate(papers.delegates, start=1)]
    blank = walk_in_lines(papers)
    rows += [text_row(str(number), "", "", "", "") for number in
             range(len(rows) + 1, len(rows) + blank + 1)]
    booked = f"{len(papers.delegates)} booked"
    if papers.places:
        booked += f" of {papers.places} places"
    blocks: tuple[Block, ...] = (
        para("Please sign beside your name. If your name is not listed, write it with your "
             "agency on a blank line."),
        Table(REGISTER_COLUMNS, tuple(rows), min_row_height_mm=REGISTER_ROW_MM),
        para(f"{booked}; {blank} lines for people who come without a booking.", "small"),
    )
    return Document(title=f"Register: {papers.course}", subtitle=tuple(subtitle),
                    blocks=blocks, header=organisation,
                    footer=f"Register: {papers.course} {show_date(papers.start.date())}")


def certificates_document(papers: SessionPapers, organisation: str = "",
                          issued: dt.date | None = None) -> Document:
    """One page per delegate marked as attended; nothing to certify before the register."""
    issued = issued or dt.date.today()
    blocks: list[Block] = []
    for index, delegate in enumerate(papers.attended):
        if index:
            blocks.append(PageBreak())
        blocks.extend(_certificate(papers, delegate.name, delegate.agency, organisation,
                                   issued))
    if not blocks:
        blocks.append(para("No one is marked as attended on the register of this session."))
    return Document(title=f"Certificates of attendance: {papers.course}", blocks=tuple(blocks),
                    header=organisation, certificate=True,
                    footer=f"Certificate of attendance: {papers.course} "
                           f"{show_date(papers.start.date())}")


def length_text(minutes: int) -> str:
    """ "3 hours", "1 hour 30 minutes", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest or not hours:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


def _certificate(papers: SessionPapers, name: str, agency: str | None,
                 organisation: str, issued: dt.date) -> list[Block]:
    minutes = papers.minutes_long
    length = f" ({length_text(minutes)})" if minutes else ""
    lines: list[Block] = [
        para("Certificate of attendance", "strong"),
        para("This is to certify that"),
        Paragraph((Run(name, bold=True),), "strong"),
    ]
    if agency:
        lines.append(para(agency))
    lines += [para("attended"), Paragraph((Run(papers.course, bold=True),)),
              para(f"on {session_when(papers)}{length}")]
    if papers.venue:
        lines.append(para(f"at {papers.venue}"))
    if papers.trainer:
        lines.append(para(f"delivered by {papers.trainer}"))
    # Room to sign above the line; who signs under it (the trainer, else for the issuer).
    if papers.trainer:
        signer = f"Signed: {papers.trainer}, trainer"
    else:
        signer = f"Signed for {organisation}" if organisation else "Signed"
    issuer = f"by {organisation} " if organisation else ""
    lines += [para(" "), para(" "), para(SIGNATURE_LINE), para(signer),
              para(f"Issued {issuer}on {show_date(issued)}")]
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
    summary_rows = [text_row(a.agency, str(len(a.lines)), format_pounds(a.total_pence))
                    for a in invoice.agencies]
    summary_rows.append(text_row("Total", str(sum(len(a.lines) for a in invoice.agencies)),
                                 format_pounds(invoice.total_pence), bold=True))
    summary = Table((Column("Agency", 110), Column("Charges", 26, "right"),
                     Column("Amount", 30, "right")), tuple(summary_rows))
    return Document(
        title="Non-attendance and late cancellation charges",
        subtitle=(f"Sessions from {show_date(start)} to {show_date(end)}; waived charges "
                  "are not listed",),
        # The heading also keeps Word from joining the two tables into one.
        blocks=(Table(CHARGE_COLUMNS, tuple(rows)), Heading("Summary by agency"), summary),
        header=organisation, footer=f"Charges {show_date(start)} to {show_date(end)}")


def write_charges(invoice: InvoiceList, fmt: str, path: Path, organisation: str = "") -> None:
    write_document(charges_document(invoice, organisation), fmt, path)
