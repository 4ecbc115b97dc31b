"""What the training rules change in the documents, read back from Word, PDF and Excel: charges
needing an agency apart from the amount to invoice, sessions still scheduled apart from those
that ran, and the reasons for cancelling and not attending."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.exports.charges_xlsx import write_charges_xlsx
from desktop.exports.render import write_document
from desktop.exports.training_figures import training_document
from desktop.exports.training_papers import charges_document
from desktop.models.database import Database
from desktop.services.training import (
    Reason,
    book,
    cancel_booking,
    invoice_list,
    mark,
    mark_completed,
)
from tests.test_training_rules import (
    AFTER,
    DECEMBER,
    START,
    WEEK_BEFORE,
    _course,
    _people,
    _session,
)


def _fill(database: Database) -> None:
    course_id = _course(database)
    session_id = _session(database, capacity=5, course_id=course_id)
    _session(database, start=START + dt.timedelta(days=3), course_id=course_id)
    [ann, ben, cat] = _people(database, "Ann Ash", "Ben Birch", "Cat Cole")
    [nat] = _people(database, "Nat Noagency", agency=None)
    for person in (ann, nat):
        booking = book(database, session_id, person, now=WEEK_BEFORE)
        mark(database, booking.id, "did_not_attend", reason=Reason("travel"), now=AFTER)
    for person in (ben, cat):
        booking = book(database, session_id, person, now=WEEK_BEFORE)
        cancel_booking(database, booking.id, now=WEEK_BEFORE, reason=Reason("illness"))
    mark_completed(database, session_id, now=AFTER)


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_the_charges_documents_keep_charges_without_an_agency_apart(
        database: Database, tmp_path: Path) -> None:
    _fill(database)
    invoice = invoice_list(database, DECEMBER)
    write_document(charges_document(invoice), "pdf", tmp_path / "c.pdf")
    text = _pdf_text(tmp_path / "c.pdf")
    assert "Total £60.00" in text
    assert "No agency recorded: needs an agency before invoicing" in text
    assert "Needing an agency, total £60.00" in text
    write_document(charges_document(invoice), "docx", tmp_path / "c.docx")
    rows = [[c.text for c in row.cells] for row in docx.Document(str(tmp_path / "c.docx"))
            .tables[0].rows]
    total = next(i for i, r in enumerate(rows) if r[0] == "Total")
    assert any(r[0] == "Nat Noagency" for r in rows[total:])
    assert all(r[0] != "Nat Noagency" for r in rows[:total])
    write_charges_xlsx(invoice, tmp_path / "c.xlsx")
    summary = list(load_workbook(tmp_path / "c.xlsx")["By agency"].iter_rows(values_only=True))
    assert summary[-2] == ("Total", 1, 60.0)
    assert summary[-1] == ("No agency recorded: needs an agency before invoicing", 1, 60.0)


def test_the_training_figures_show_scheduled_sessions_and_reasons_apart(
        database: Database, tmp_path: Path) -> None:
    _fill(database)
    write_document(training_document(database, DECEMBER), "docx", tmp_path / "t.docx")
    word = docx.Document(str(tmp_path / "t.docx"))
    courses = [[c.text for c in row.cells] for row in word.tables[0].rows]
    # Sessions run, still to run (not counted as run), places offered by those that ran.
    assert courses[0][:4] == ["Course", "Sessions run", "Still to run", "Places offered"]
    assert courses[1][:4] == ["Neglect and the Graded Care Profile", "1", "1", "5"]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]
    assert [["Reason", "Bookings"], ["Illness", "2"], ["Total", "2"]] in tables
    assert [["Reason", "Bookings"], ["Travel or transport", "2"], ["Total", "2"]] in tables
