"""What the minutes and agenda print when a section is empty or runs over a page, actions
agreed against no item, and a meeting not yet held; read back from Word and PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from desktop.cli import main
from desktop.exports.agenda import agenda_document
from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    Meeting,
    MeetingStatus,
    Person,
)
from desktop.models.database import Database
from desktop.services.documents import DocumentError, meeting_record
from desktop.services.meetings.details import has_minutes
from tests.conftest import import_sample

MEETING = "hscb-2018-10-23"
HEADINGS = ["Name", "Initials", "Role and agency"]


def pdf_pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(str(path)).pages]


def _write(document: object, fmt: str, path: Path) -> Path:
    write_document(document, fmt, path)  # type: ignore[arg-type]
    return path


@pytest.fixture
def hereford(database: Database) -> Database:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    return database


def _new_meeting(db: Database, key: str, status: MeetingStatus) -> None:
    with db.transaction() as s:
        board = s.query(Board).filter_by(key="hscb").one()
        s.add(Meeting(key=key, board_id=board.id, title="Board Meeting",
                      date=dt.date(2019, 1, 15), status=status))


# --- apologies over a page break ---------------------------------------------------------


@pytest.fixture
def many_apologies(hereford: Database) -> Database:
    """Forty more apologies: the group runs from the first page onto the second."""
    with hereford.transaction() as s:
        meeting = s.query(Meeting).filter_by(key=MEETING).one()
        for n in range(40):
            person = Person(key=f"sender-{n}", name=f"Apologetic Member {n:02d}")
            s.add(person)
            s.flush()
            s.add(Attendance(meeting_id=meeting.id, person_id=person.id, position=100 + n,
                             status=AttendanceStatus.APOLOGIES, initials=f"AM{n:02d}",
                             role="Member"))
    return hereford


def test_pdf_repeats_the_group_label_over_a_page_break(many_apologies: Database,
                                                       tmp_path: Path) -> None:
    path = _write(minutes_document(meeting_record(many_apologies, MEETING)), "pdf",
                  tmp_path / "m.pdf")
    pages = pdf_pages(path)
    assert "Apologies:" in pages[0] and "Apologetic Member 00" in pages[0]
    second = pages[1]
    first_name = second.index("Apologetic Member")
    assert 0 <= second.index("Apologies (continued):") < first_name
    # Each member still once, in order.
    names = re.findall(r"Apologetic Member (\d\d)", " ".join(pages))
    assert names == [f"{n:02d}" for n in range(40)]


def test_word_heads_each_group_with_its_label_on_every_page(many_apologies: Database,
                                                          tmp_path: Path) -> None:
    path = _write(minutes_document(meeting_record(many_apologies, MEETING)), "docx",
                  tmp_path / "m.docx")
    word = docx.Document(str(path))
    groups = [t for t in word.tables if len(t.rows) > 1
              and [c.text for c in t.rows[1].cells] == HEADINGS]
    assert [t.rows[0].cells[0].text for t in groups] == [
        "Present:", "In attendance:", "Apologies:"]
    for table in groups:  # label and column headings both repeat on each page
        repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                    for row in table.rows[:3]]
        assert repeated == [True, True, False]
    body = list(word.element.body)
    # Word would join the group tables into one were they adjacent.
    tables = [i for i, element in enumerate(body) if element.tag == qn("w:tbl")][:3]
    assert all(b - a > 1 for a, b in itertools.pairwise(tables))


# --- empty sections ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_minutes_with_nothing_recorded_say_so(hereford: Database, tmp_path: Path,
                                              fmt: str) -> None:
    _new_meeting(hereford, "hscb-empty", MeetingStatus.DRAFT)
    path = _write(minutes_document(meeting_record(hereford, "hscb-empty")), fmt,
                  tmp_path / f"m.{fmt}")
    if fmt == "docx":
        word = docx.Document(str(path))
        assert word.tables == []
        text = " ".join(p.text for p in word.paragraphs)
    else:
        text = " ".join(pdf_pages(path))
    assert "Attendance: None recorded." in text and "Items: None recorded." in text
    assert "Role and agency" not in text and "Minutes Action" not in text


def test_empty_groups_and_columns_are_left_out(hereford: Database, tmp_path: Path) -> None:
    minutes = " ".join(pdf_pages(_write(minutes_document(meeting_record(hereford, MEETING)),
                                        "pdf", tmp_path / "m.pdf")))
    assert "Apologies:" in minutes and "Absent" not in minutes  # nobody absent
    with hereford.transaction() as s:
        for item in s.query(AgendaItem):
            item.presenter, item.presenter_id = None, None
    path = _write(agenda_document(meeting_record(hereford, MEETING)), "docx",
                  tmp_path / "a.docx")
    table = docx.Document(str(path)).tables[0]
    # The sample's items have no purpose either: the item takes the room.
    assert [c.text for c in table.rows[0].cells] == ["No.", "Item"]
    assert round(table.rows[1].cells[1].width.mm) == 160
    assert "Presenter" not in " ".join(pdf_pages(_write(
        agenda_document(meeting_record(hereford, MEETING)), "pdf", tmp_path / "a.pdf")))


# --- actions agreed against no item ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_actions_without_an_item_are_minuted(hereford: Database, tmp_path: Path,
                                             fmt: str) -> None:
    with hereford.transaction() as s:
        meeting = s.query(Meeting).filter_by(key=MEETING).one()
        for number, text in ((201, "Write to the DfE about funding"),
                             (202, "Circulate the risk register")):
            s.add(Action(board_id=meeting.board_id, number=number, meeting_id=meeting.id,
                         raised=meeting.date, text=text, due=dt.date(2019, 1, 15)))
    path = _write(minutes_document(meeting_record(hereford, MEETING)), fmt,
                  tmp_path / f"m.{fmt}")
    if fmt == "docx":
        word = docx.Document(str(path))
        headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
        assert "Other actions agreed" in headings
        rows = [[c.text for c in row.cells] for row in word.tables[-1].rows]
        assert rows == [["No.", "Action", "Owners and due"],
                        ["201", "Write to the DfE about funding", "due 15/01/2019"],
                        ["202", "Circulate the risk register", "due 15/01/2019"]]
    else:
        text = " ".join(pdf_pages(path))
        assert re.search(r"Other actions agreed No\. Action Owners and due "
                         r"201 Write to the DfE about funding due 15/01/2019 "
                         r"202 Circulate the risk register", text)


# --- a meeting not yet held --------------------------------------------------------------


def test_minutes_of_a_meeting_not_yet_held_are_refused(hereford: Database,
                                                       tmp_path: Path) -> None:
    _new_meeting(hereford, "hscb-next", MeetingStatus.PLANNED)
    with pytest.raises(DocumentError, match=r"not been held yet.*export its agenda"):
        minutes_document(meeting_record(hereford, "hscb-next"))
    agenda = _write(agenda_document(meeting_record(hereford, "hscb-next")), "pdf",
                    tmp_path / "a.pdf")
    assert "Items: None recorded." in pdf_pages(agenda)[0]


@pytest.mark.parametrize(("minutes", "held"), [("   ", False), ("<p>Noted.</p>", True),
                                               (" \n ", True)])
def test_an_items_minutes_make_a_meeting_held_unless_only_spaces(
        hereford: Database, minutes: str, held: bool) -> None:
    """Minutes of spaces only are none (as the database's check trims them); anything else
    written under an item is a record of the meeting, whatever its status."""
    _new_meeting(hereford, "hscb-next", MeetingStatus.PLANNED)
    with hereford.transaction() as s:
        meeting = s.query(Meeting).filter_by(key="hscb-next").one()
        s.add(AgendaItem(meeting_id=meeting.id, position=1, number="1", title="Welcome",
                         minutes_html=minutes))
    assert meeting_record(hereford, "hscb-next").held is held
    assert has_minutes(hereford, meeting_record(hereford, "hscb-next").id) is held


def test_the_command_line_refuses_them_plainly(hereford: Database, tmp_path: Path) -> None:
    _new_meeting(hereford, "hscb-next", MeetingStatus.AGENDA_ISSUED)
    hereford.close()
    out = tmp_path / "m.pdf"
    with pytest.raises(SystemExit, match="boardwork: This meeting has not been held yet"):
        main(["--database", str(tmp_path / "boardwork.db"), "export", "minutes", "--meeting",
              "hscb-next", "--format", "pdf", "--output", str(out)])
    assert not out.exists()


def test_a_planned_meeting_already_minuted_still_has_minutes(hereford: Database,
                                                             tmp_path: Path) -> None:
    with hereford.transaction() as s:
        s.query(Meeting).filter_by(key=MEETING).one().status = MeetingStatus.PLANNED
    text = " ".join(pdf_pages(_write(minutes_document(meeting_record(hereford, MEETING)),
                                     "pdf", tmp_path / "m.pdf")))
    assert "Serious Safeguarding Incidents" in text


# --- the meeting's own fields ------------------------------------------------------------


def test_the_record_names_the_chair_with_title_and_lists_amendments_in_order(
        hereford: Database, tmp_path: Path) -> None:
    from desktop.models import Amendment

    with hereford.transaction() as s:
        meeting = s.query(Meeting).filter_by(key=MEETING).one()
        chair = Person(key="chair-person", name="E Swinglehurst", title="Councillor")
        s.add(chair)
        s.flush()
        meeting.chair_id = chair.id
        s.add_all([Amendment(meeting_id=meeting.id, position=1, date=dt.date(2019, 1, 15),
                             text="Second: page 8"),
                   Amendment(meeting_id=meeting.id, position=0, date=dt.date(2019, 1, 15),
                             text="First: page 3")])
    record = meeting_record(hereford, MEETING)
    assert record.chair == "Councillor E Swinglehurst"
    assert [a.text for a in record.amendments] == ["First: page 3", "Second: page 8"]
    assert record.board and record.key == MEETING
    agenda = _write(agenda_document(record), "pdf", tmp_path / "a.pdf")
    assert "Chair: Councillor E Swinglehurst" in " ".join(pdf_pages(agenda))
    with hereford.transaction() as s:
        s.query(Meeting).filter_by(key=MEETING).one().chair_id = None
    assert meeting_record(hereford, MEETING).chair is None
