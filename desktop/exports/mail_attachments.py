"""Documents attached to e-mail drafts, written to bytes: the agenda and minutes (PDF or
Word), a delegate's certificate (PDF) and an agency's charges list (Excel)."""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop.exports import charges_xlsx
from desktop.exports.agenda import agenda_document
from desktop.exports.document import Document
from desktop.exports.minutes import minutes_document
from desktop.exports.render import organisation, write_for
from desktop.exports.training_papers import certificates_document
from desktop.services.database import Database
from desktop.services.documents import meeting_record
from desktop.services.documents.training_session import SessionPapers, session_papers
from desktop.services.settings import load_settings
from desktop.services.training import InvoiceList


def _bytes_of(write: Callable[[Path], None], suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="boardwork-mail-") as folder:
        path = Path(folder) / f"attachment{suffix}"
        write(path)
        return path.read_bytes()


def document_bytes(db: Database, document: Document, fmt: str) -> bytes:
    return _bytes_of(lambda path: write_for(db, document, fmt, path), f".{fmt}")


def agenda_pdf(db: Database, meeting: str | int) -> bytes:
    return document_bytes(db, agenda_document(meeting_record(db, meeting), organisation(db)),
                          "pdf")


def minutes_file(db: Database, meeting: str | int, fmt: str = "pdf",
                 public: bool = False) -> bytes:
    return document_bytes(
        db, minutes_document(meeting_record(db, meeting), organisation(db), public), fmt)


def certificate_pdf(db: Database, session: str | int, person_name: str) -> bytes:
    """One delegate's certificate: the session's papers narrowed to that delegate."""
    papers: SessionPapers = session_papers(db, session)
    mine = tuple(d for d in papers.attended if d.name == person_name)
    return document_bytes(
        db, certificates_document(dataclasses.replace(papers, delegates=mine),
                                  organisation(db)), "pdf")


def charges_xlsx_bytes(db: Database, invoice: InvoiceList) -> bytes:
    name = load_settings(db).organisation_name
    return _bytes_of(lambda path: charges_xlsx.write_charges_xlsx(invoice, path, name), ".xlsx")
