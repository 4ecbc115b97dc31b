"""Every document Boardwork writes as PDF or Word, from a database whose names, titles,
minutes and actions hold anything a user can type (tests/test_exports_pdf_shaping.py's
mixes of scripts, emoji, invisible marks and long words): none fails, and every letter of
what each document prints is read back (pypdf, python-docx)."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.exports.action_log import action_log_document
from desktop.exports.agenda import agenda_document
from desktop.exports.annual_report import annual_figures, annual_report_document
from desktop.exports.document import Document
from desktop.exports.minutes import minutes_document
from desktop.exports.pack import build_pack
from desktop.exports.render import write_document
from desktop.exports.training_figures import training_document
from desktop.exports.training_papers import certificates_document, register_document
from desktop.models import Action, AgendaItem, Meeting, Person
from desktop.models.database import Database
from desktop.models.training import Booking, BookingStatus, Course
from desktop.services.actions import action_log
from desktop.services.documents import meeting_record
from desktop.services.documents.training_session import session_papers
from desktop.services.figures import Period
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES
from tests.test_exports_pdf_shaping import missing, user_text, word_text

MEETING = "hscb-2018-10-23"
SESSION = "herts-multi-agency-course-2015-04-09"


def _one_session() -> dict[str, Any]:
    """The Hertfordshire sample cut down to one training session and its delegates."""
    herts = json.loads((SAMPLES / "hertfordshire-2015-16.json").read_text(encoding="utf-8"))
    session = next(s for s in herts["sessions"] if s["key"] == SESSION)
    bookings = [b for b in herts["bookings"] if b["session"] == SESSION]
    people = {b["person"] for b in bookings}
    return {"format": herts["format"], "agencies": herts["agencies"],
            "people": [p for p in herts["people"] if p["key"] in people],
            "courses": [c for c in herts["courses"] if c["key"] == session["course"]],
            "sessions": [session], "bookings": bookings}


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A meeting with its minutes and actions, and a training session, imported once; each
    example writes its own texts over theirs."""
    import keyring

    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database
    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = open_database(tmp_path_factory.mktemp("any-text") / "b.db", KeyStore())
    hereford = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(opened.database, [(hereford.name, read_document(hereford)),
                                       ("session.json", _one_session())])
    keyring.set_keyring(previous)
    yield opened.database
    opened.database.close()


def _typed(db: Database, texts: list[str]) -> dict[str, list[str]]:
    """Writes the texts (in turn) over names, titles, minutes and actions, as a user would
    type them; returns per document what it prints of them."""
    cycle = iter(texts * 200)
    printed: dict[str, list[str]] = {"items": [], "actions": [], "delegates": [],
                                     "attended": []}
    with db.transaction() as session:
        meeting = session.query(Meeting).filter_by(key=MEETING).one()
        meeting.venue = next(cycle)
        for person in session.query(Person).order_by(Person.id):
            person.name = next(cycle)
        bookings = session.query(Booking).all()
        delegates = {booking.person_id for booking in bookings}
        attended = {b.person_id for b in bookings if b.status == BookingStatus.ATTENDED}
        for person in session.query(Person):
            if person.id in delegates:
                printed["delegates"].append(person.name)
            if person.id in attended:
                printed["attended"].append(person.name)
        for item in session.query(AgendaItem).filter_by(meeting_id=meeting.id):
            item.title = next(cycle)
            minutes = next(cycle)
            item.minutes_html = f"<p>{html.escape(minutes)}</p>"
            printed["items"] += [item.title]
        for action in session.query(Action):
            action.text = next(cycle)
            printed["actions"].append(action.text)
        for course in session.query(Course):
            course.title = next(cycle)
    return printed


def _pdf_text(data: bytes, folder: Path) -> str:
    path = folder / "read.pdf"
    path.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _written(document: Document, folder: Path) -> tuple[str, str]:
    """The document's text as read back from its PDF and from its Word file."""
    write_document(document, "pdf", folder / "d.pdf")
    write_document(document, "docx", folder / "d.docx")
    return _pdf_text((folder / "d.pdf").read_bytes(), folder), word_text(folder / "d.docx")


# Not shrunk: each example writes fifteen documents, and a failure is read from its texts.
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(user_text, min_size=3, max_size=12))
def test_every_document_prints_whatever_was_typed(boards: Database, texts: list[str],
                                                  tmp_path: Path) -> None:
    printed = _typed(boards, texts)
    record = meeting_record(boards, MEETING)
    papers = session_papers(boards, SESSION)
    documents = {
        "minutes": (minutes_document(record, "Board"), printed["items"]),
        "agenda": (agenda_document(record, "Board"), printed["items"]),
        "action log": (action_log_document(action_log(boards, "hscb"), "Board"),
                       printed["actions"]),
        "annual report": (annual_report_document(annual_figures(
            boards, Period.of(dt.date(2018, 4, 1), dt.date(2019, 3, 31)), "hscb"), "Board"),
            []),
        "register": (register_document(papers, "Board"), printed["delegates"]),
        "certificates": (certificates_document(papers, "Board"), printed["attended"]),
        "training figures": (training_document(
            boards, Period.of(dt.date(2015, 4, 1), dt.date(2016, 3, 31)), "Board"), []),
    }
    for name, (document, expected) in documents.items():
        pdf, word = _written(document, tmp_path)
        assert not missing("\n".join(expected), pdf), name
        assert not missing("\n".join(expected), word), name
    pack = build_pack(boards, MEETING)
    assert not missing("\n".join(printed["items"]), _pdf_text(pack.pdf, tmp_path))
