"""Papers fit to send, read back from the files: the annual report's part-year and deputy
notes and appendix numbering, certificates (centred, issued, signed, the session's hours),
registers tall enough to sign with lines for walk-ins, the charges summary with its total,
and the action log's initials, key, owner's name and sub-item labels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.cli import main
from desktop.exports.action_log import action_log_document
from desktop.exports.action_log_xlsx import write_action_log_xlsx
from desktop.exports.annual_report import annual_figures, annual_report_document
from desktop.exports.charges_xlsx import WRITERS as CHARGES_WRITERS
from desktop.exports.document import Paragraph
from desktop.exports.render import write_document
from desktop.exports.training_papers import (
    certificates_document,
    length_text,
    register_document,
    walk_in_lines,
)
from desktop.models import (
    Agency,
    Attendance,
    Board,
    Booking,
    BookingStatus,
    Course,
    Meeting,
    Membership,
    Person,
    TrainingSession,
)
from desktop.models.boards import BoardKind
from desktop.models.database import Database
from desktop.models.meetings import AttendanceStatus
from desktop.models.training_records import Trainer, Venue
from desktop.services.actions import action_log
from desktop.services.documents.training_session import (
    Delegate,
    SessionPapers,
    issuer_warning,
    session_papers,
)
from desktop.services.figures import Period
from desktop.services.settings import save_settings
from desktop.services.training import invoice_list
from tests.conftest import SAMPLES, import_sample

YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
PRESENT = AttendanceStatus.PRESENT
MM = 72 / 25.4  # points in a millimetre


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def _tables(path: Path) -> list[list[list[str]]]:
    word = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]


def _positions(page: object) -> list[tuple[str, float, float]]:
    """Each piece of text on a PDF page with its x and y (from the bottom), in points."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((text.strip(), cm[4] + tm[4], cm[5] + tm[5]))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


# --- the annual report -----------------------------------------------------------------


@pytest.fixture
def chft_board(database: Database) -> Database:
    """Three seats of one agency, all printed "CHFT": one member left before both of the
    year's meetings, one joined before the second, one sent a deputy to the first."""
    with database.transaction() as s:
        chft = Agency(key="chft", name="Calderdale and Huddersfield NHS Foundation Trust")
        ann, ben, cal, dee = (Person(key=k, name=n, agency=chft) for k, n in (
            ("ann", "Ann Ayre"), ("ben", "Ben Birch"), ("cal", "Cal Cope"), ("dee", "Dee Dale")))
        board = Board(key="cscb", name="Calderdale Safeguarding Children Board",
                      kind=BoardKind.BOARD)
        m1 = Meeting(key="m1", board=board, date=dt.date(2015, 6, 1))
        m2 = Meeting(key="m2", board=board, date=dt.date(2015, 11, 1))
        s.add_all([
            ann, ben, cal, dee, board, m1, m2,
            Membership(board=board, person=ann, role="CHFT", to_date=dt.date(2015, 5, 1)),
            Membership(board=board, person=ben, role="CHFT", from_date=dt.date(2015, 9, 1)),
            Membership(board=board, person=cal, role="CHFT"),
            Attendance(meeting=m2, person=ben, status=PRESENT, initials="BB"),
            Attendance(meeting=m1, person=dee, representing=cal, status=PRESENT,
                       initials="DD"),
        ])
    return database


def test_annual_report_prints_part_year_and_deputy_notes(chft_board: Database,
                                                         tmp_path: Path) -> None:
    figures = annual_figures(chft_board, YEAR, "cscb")
    document = annual_report_document(figures, "Calderdale Safeguarding Children Board")
    write_document(document, "docx", tmp_path / "annual.docx")
    board = _tables(tmp_path / "annual.docx")[0]
    assert board[0] == ["Member / Agency / Organisation", "Meetings attended", "Notes"]
    assert board[1:] == [
        ["CHFT – Ann Ayre", "0/2", "member to 01/05/2015: no meetings while a member"],
        ["CHFT – Ben Birch", "1/2", "member from 01/09/2015: 1 of 1"],
        ["CHFT – Cal Cope", "0/2", "(+1 by deputy)"],
    ]
    word = docx.Document(str(tmp_path / "annual.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Appendix 1: Membership and attendance of Calderdale Safeguarding " \
                          "Children Board"
    assert "Appendix 2: Training attendance" in headings

    write_document(document, "pdf", tmp_path / "annual.pdf")
    reader = PdfReader(str(tmp_path / "annual.pdf"))
    text = _pdf_text(tmp_path / "annual.pdf")
    assert text.startswith("Calderdale Safeguarding Children Board ")
    assert "Calderdale Safeguarding Children Board annual report 2015-16: appendices" in text
    assert "member from 01/09/2015: 1 of 1" in text
    assert "(+1 by deputy)" in text
    assert reader.metadata is not None
    assert reader.metadata.title == (
        "Calderdale Safeguarding Children Board annual report 2015-16: appendices")
    for page in reader.pages:  # the board's name heads every page
        assert page.extract_text().startswith("Calderdale Safeguarding Children Board")


def test_annual_report_without_a_board_numbers_training_appendix_1(database: Database,
                                                                   tmp_path: Path) -> None:
    document = annual_report_document(annual_figures(database, YEAR, None), "Herts SCB")
    assert document.title == "Annual report 2015-16: appendices"
    write_document(document, "pdf", tmp_path / "annual.pdf")
    text = _pdf_text(tmp_path / "annual.pdf")
    assert "Appendix 1: Training attendance" in text
    # Nothing to count: said in words, not as two tables of nothing but a total of 0.
    assert "No one attended training in 01/04/2015 to 31/03/2016." in text
    assert "Total" not in text


# --- certificates and registers ------------------------------------------------------------


def _session(database: Database, *, places: int | None = 20, hours: int = 3,
             attendees: int = 2, trainer: str | None = "Tess Trainer") -> int:
    """A six-hour course run in a three-hour session (the course's length is not this
    session's), with a few attendees."""
    with database.transaction() as s:
        course = Course(key="c", title="Working Together", duration_minutes=360,
                        capacity=places)
        start = dt.datetime(2016, 3, 3, 9, 30)
        session = TrainingSession(
            key="s", course=course, start=start, end=start + dt.timedelta(hours=hours),
            venue=Venue(key="town-hall", name="Town Hall"),
            trainer=Trainer(key="trainer", name=trainer) if trainer else None)
        police = Agency(key="police", name="Police")
        people = [Person(key=f"p{n}", name=f"Person {n:02d}", agency=police)
                  for n in range(attendees)]
        s.add_all([course, session, police, *people])
        s.add_all(Booking(session=session, person=p, status=BookingStatus.ATTENDED)
                  for p in people)
        s.flush()
        return session.id


def test_certificates_are_issued_signed_centred_and_numbered(database: Database,
                                                             tmp_path: Path) -> None:
    papers = session_papers(database, _session(database))
    document = certificates_document(papers, "Calderdale SCB", issued=dt.date(2016, 3, 10))
    write_document(document, "pdf", tmp_path / "cert.pdf")
    reader = PdfReader(str(tmp_path / "cert.pdf"))
    assert len(reader.pages) == 2
    for number, page in enumerate(reader.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert f"Page {number} of 2" in text
        assert "on Thursday 03/03/2016, 09:30 to 12:30 (3 hours)" in text
        assert "6 hours" not in text
        assert "delivered by Tess Trainer" in text
        assert "_" * 20 in text  # the line to sign on
        assert "Signed: Tess Trainer, trainer" in text
        assert "Issued by Calderdale SCB on 10/03/2016" in text
        # Centred up and down as well as across: the title sits well below the top.
        height = float(page.mediabox.height)
        (title_y,) = [y for t, _x, y in _positions(page) if t == "Certificate of attendance"]
        assert 0.55 * height < title_y < 0.8 * height

    untrained = certificates_document(session_papers(database, _session_without_trainer(
        database)), "Calderdale SCB")
    assert "Signed for Calderdale SCB" in [
        block.text for block in untrained.blocks if isinstance(block, Paragraph)]

    write_document(document, "docx", tmp_path / "cert.docx")
    word = docx.Document(str(tmp_path / "cert.docx"))
    section = word.sections[0]._sectPr
    assert section.find(qn("w:vAlign")).get(qn("w:val")) == "center"
    texts = [p.text for p in word.paragraphs]
    assert texts.count("Issued by Calderdale SCB on 10/03/2016") == 2
    footer = "".join(node.text or "" for node in word.sections[0].footer._element.iter()
                     if node.tag in (qn("w:t"), qn("w:instrText")))
    assert "PAGE" in footer and "NUMPAGES" in footer


def _session_without_trainer(database: Database) -> int:
    with database.transaction() as s:
        session = s.get(TrainingSession, session_papers(database, "s").id)
        assert session is not None
        session.trainer = None
        return session.id


def test_hours_of_the_session_are_written_plainly() -> None:
    assert [length_text(m) for m in (180, 60, 90, 45, 421)] == [
        "3 hours", "1 hour", "1 hour 30 minutes", "45 minutes", "7 hours 1 minute"]


def test_certificates_without_an_issuer_warn_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "b.db")
    assert main(["--database", db, "import", str(SAMPLES / "hertfordshire-2015-16.json")]) == 0
    out = tmp_path / "cert.pdf"
    assert main(["--database", db, "export", "certificates", "--session",
                 "herts-multi-agency-course-2015-04-09", "--output", str(out)]) == 0
    assert "warning: The settings have no organisation name" in capsys.readouterr().err
    assert out.exists()


def test_issuer_warning_goes_once_the_settings_name_the_organisation(
        database: Database) -> None:
    assert issuer_warning(database) is not None
    save_settings(database, organisation_name="Calderdale SCB")
    assert issuer_warning(database) is None


def test_register_rows_are_tall_enough_to_sign(database: Database, tmp_path: Path) -> None:
    papers = session_papers(database, _session(database, attendees=12))
    document = register_document(papers, "Calderdale SCB")
    write_document(document, "pdf", tmp_path / "reg.pdf")
    page = PdfReader(str(tmp_path / "reg.pdf")).pages[0]
    left = min(x for _t, x, _y in _positions(page))
    numbers = sorted((y for t, x, y in _positions(page) if t.isdigit() and x < left + 20),
                     reverse=True)
    assert len(numbers) == 12 + 3
    gaps = [above - below for above, below in itertools.pairwise(numbers)]
    assert min(gaps) >= 9 * MM

    write_document(document, "docx", tmp_path / "reg.docx")
    table = docx.Document(str(tmp_path / "reg.docx")).tables[0]
    for row in table.rows[1:]:
        assert row.height is not None and row.height >= Mm(9)
        assert row.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST


def _papers(places: int | None, booked: int) -> SessionPapers:
    delegates = tuple(Delegate(f"P{n}", None, None, "booked") for n in range(booked))
    return SessionPapers(1, "s", "Course", dt.datetime(2016, 1, 1, 9), None, None, None, None,
                         delegates, places)


def test_walk_in_lines_grow_with_the_event() -> None:
    # 16 walk-ins came to a 121-place event: 15% of the places is 19 lines.
    assert walk_in_lines(_papers(121, 100)) == 19
    assert walk_in_lines(_papers(30, 27)) == 5
    assert walk_in_lines(_papers(12, 12)) == 3  # never fewer than three
    assert walk_in_lines(_papers(None, 40)) == 6  # no capacity: the number booked


def test_register_of_a_large_event_has_its_walk_in_lines(database: Database,
                                                         tmp_path: Path) -> None:
    papers = session_papers(database, _session(database, places=121, attendees=5))
    write_document(register_document(papers), "docx", tmp_path / "reg.docx")
    rows = _tables(tmp_path / "reg.docx")[0][1:]
    assert len(rows) == 5 + 19
    assert all(row[1:] == ["", "", "", ""] for row in rows[5:])
    assert [row[0] for row in rows] == [str(n) for n in range(1, 25)]
    text = " ".join(p.text for p in docx.Document(str(tmp_path / "reg.docx")).paragraphs)
    assert "5 booked of 121 places; 19 lines for people who come without a booking." in text


# --- charges -------------------------------------------------------------------------------


def test_charges_summary_has_a_heading_and_a_total(database: Database, tmp_path: Path) -> None:
    import_sample(database, "hertfordshire-2015-16.json")
    invoice = invoice_list(database, YEAR)
    for fmt in ("pdf", "docx", "xlsx"):
        CHARGES_WRITERS[fmt](invoice, tmp_path / f"charges.{fmt}", "Herts SCB")
    assert "Summary by agency Agency Charges Amount Children's Services 38 £1,575.00" in (
        _pdf_text(tmp_path / "charges.pdf"))
    assert "Total 81 £3,150.00" in _pdf_text(tmp_path / "charges.pdf")
    word = docx.Document(str(tmp_path / "charges.docx"))
    assert "Summary by agency" in [p.text for p in word.paragraphs
                                   if p.style.name.startswith("Heading")]
    summary = _tables(tmp_path / "charges.docx")[1]
    assert summary[0] == ["Agency", "Charges", "Amount"]
    assert ["Housing Provider", "1", "£50.00"] in summary
    assert summary[-1] == ["Total", "81", "£3,150.00"]
    sheet = load_workbook(tmp_path / "charges.xlsx")["By agency"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0][0] == ("Herts SCB: Non-attendance and late cancellation charges: summary "
                          "by agency")
    assert rows[-1] == ("Total", 81, 3150.0)


# --- the action log ------------------------------------------------------------------------


def test_action_log_owners_by_initials_with_a_key(database: Database, tmp_path: Path) -> None:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    log = action_log(database, "hscb")
    document = action_log_document(log)
    write_document(document, "docx", tmp_path / "log.docx")
    table = _tables(tmp_path / "log.docx")[0]
    by_number = {row[0]: row for row in table[1:]}
    assert by_number["118"][4] == "LB, Exec"  # as the meeting printed them
    assert by_number["117"][2] == "6(b)"  # a sub-item carries its parent
    assert by_number["116"][2] == "5.5"
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "log.docx")).paragraphs]
    (key,) = [p for p in paragraphs if p.startswith("Key to initials:")]
    assert "LB – Lisa Beavan" in key and "SH – Sally Halls" in key
    assert "Exec" not in key  # a group is named in full: nothing to explain

    write_document(document, "pdf", tmp_path / "log.pdf")
    text = _pdf_text(tmp_path / "log.pdf")
    assert "Key to initials: CB – Chris Baird;" in text
    assert " 6(b) " in text

    write_action_log_xlsx(log, tmp_path / "log.xlsx")
    book = load_workbook(tmp_path / "log.xlsx")
    rows = {row[0]: row for row in book["Action log"].iter_rows(min_row=4, values_only=True)}
    assert rows[117][2] == "6(b)" and rows[118][5] == "LB, Exec"
    initials = list(book["Key to initials"].iter_rows(values_only=True))
    assert initials[0] == ("Initials", "Name")
    assert ("LB", "Lisa Beavan") in initials and ("SH", "Sally Halls") in initials


def test_owner_action_log_is_titled_with_the_persons_name(tmp_path: Path) -> None:
    db, out = str(tmp_path / "b.db"), tmp_path / "mine.pdf"
    assert main(["--database", db, "import",
                 str(SAMPLES / "herefordshire-board-2018-10-23.json")]) == 0
    assert main(["--database", db, "export", "action-log", "--owner", "lisa-beavan",
                 "--format", "pdf", "--output", str(out)]) == 0
    text = _pdf_text(out)
    assert "All boards: actions of Lisa Beavan" in text
    assert "lisa-beavan" not in text


def test_a_sessions_length_comes_from_its_own_times_on_the_day() -> None:
    start = dt.datetime(2016, 3, 3, 9, 30)

    def papers(end: dt.datetime | None) -> SessionPapers:
        return SessionPapers(1, "s", "Course", start, end, None, None, 360, ())

    assert papers(start.replace(hour=12, minute=30)).minutes_long == 180
    assert papers(None).minutes_long == 360  # no end time: the course's length
    # Over two days, the course's hours, not the night between.
    assert papers(start + dt.timedelta(days=1, hours=7)).minutes_long == 360
