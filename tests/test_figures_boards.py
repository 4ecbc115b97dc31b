"""Board attendance as the screen and documents print it, and non-attendance by agency
across a board and all its sub-groups."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Agency, Attendance, Board, Meeting, Membership, Person
from desktop.models.boards import BoardKind
from desktop.models.database import Database
from desktop.models.meetings import AttendanceStatus, MeetingStatus
from desktop.services.figures.boards import (
    agency_non_attendance,
    attendance_text,
    board_attendance,
    meeting_quorum,
)
from desktop.services.figures.period import reporting_year
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES
from tests.test_example_figures import BOARD

YEAR = reporting_year(dt.date(2015, 4, 1))
PRESENT, APOLOGIES = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES


def test_hertfordshire_table_as_printed_with_part_year_notes(database: Database) -> None:
    path = SAMPLES / "hertfordshire-2015-16.json"
    import_documents(database, [(path.name, read_document(path))])
    rows = board_attendance(database, "hertscb", YEAR).rows
    texts = {r.role: attendance_text(r) for r in rows}
    assert [(r.role, r.fraction) for r in rows] == BOARD
    assert texts["Lay Member #2 (from September 2015)"] == (
        "2/4 — member from 01/09/2015: 2 of 3")
    assert texts["Head of Social Care and Safeguarding HPFT (from December 2015)"] == (
        "2/4 — member from 01/12/2015: 2 of 2")
    assert texts[BOARD[9][0]] == "1/4 — member to 31/05/2015: 1 of 1"
    assert texts["Independent Chair"] == "4/4"
    assert sum("—" in text for text in texts.values()) == 5


@pytest.fixture
def tree(database: Database) -> Database:
    """A board with a sub-group below it and a panel below that; police, health and
    education each hold seats; two meetings of the board, one of the panel in the year."""
    with database.transaction() as s:
        police, health, school = (Agency(key=k, name=n) for k, n in (
            ("police", "Police"), ("health", "Health Trust"), ("school", "School")))
        pc, nurse, head, deputy = (
            Person(key="pc", name="Pat Cole", agency=police),
            Person(key="nurse", name="Nia Shah", agency=health),
            Person(key="head", name="Hal Ede", agency=school),
            Person(key="dep", name="Dee Pugh", agency=police),
        )
        board = Board(key="b", name="Board", kind=BoardKind.BOARD, quorum=2)
        group = Board(key="g", name="Sub Group", kind=BoardKind.SUB_GROUP, parent=board)
        panel = Board(key="p", name="Panel", kind=BoardKind.PANEL, parent=group)
        s.add_all([pc, nurse, head, deputy, board, group, panel,
                   Membership(board=board, person=pc), Membership(board=board, person=nurse),
                   Membership(board=panel, person=head, from_date=dt.date(2015, 10, 1))])
        m1 = Meeting(key="m1", board=board, date=dt.date(2015, 6, 1))
        m2 = Meeting(key="m2", board=board, date=dt.date(2015, 11, 1))
        # The panel's meetings took place (minuted) though nobody's attendance was recorded.
        m3 = Meeting(key="m3", board=panel, date=dt.date(2015, 12, 1), status=MeetingStatus.DRAFT)
        early = Meeting(key="m0", board=panel, date=dt.date(2015, 7, 1),  # before head's seat
                        status=MeetingStatus.DRAFT)
        outside = Meeting(key="m4", board=board, date=dt.date(2016, 6, 1))
        s.add_all([m1, m2, m3, early, outside])
        s.add_all([
            Attendance(meeting=m1, person=pc, status=PRESENT, initials="PC"),
            Attendance(meeting=m1, person=nurse, status=APOLOGIES, initials="NS"),
            # Police's seat filled by a colleague standing in for the member.
            Attendance(meeting=m2, person=deputy, representing=pc, status=PRESENT, initials="DP"),
            Attendance(meeting=m2, person=nurse, status=PRESENT, initials="NS"),
        ])
    return database


def test_non_attendance_by_agency_across_board_and_sub_groups(tree: Database) -> None:
    figures = {f.agency: f for f in agency_non_attendance(tree, "b", YEAR)}
    assert list(figures) == ["Health Trust", "Police", "School"]
    assert (figures["Police"].expected, figures["Police"].attended) == (2, 2)
    assert [(m.board, m.date) for m in figures["Health Trust"].missed] == [
        ("Board", dt.date(2015, 6, 1))]
    # The school's seat is on the panel two levels down, from October: one meeting, missed.
    assert [(m.board, m.date) for m in figures["School"].missed] == [
        ("Panel", dt.date(2015, 12, 1))]
    assert figures["School"].expected == 1


def test_non_attendance_of_a_sub_group_leaves_out_the_board_above(tree: Database) -> None:
    figures = agency_non_attendance(tree, "g", YEAR)
    assert [(f.agency, f.expected, len(f.missed)) for f in figures] == [("School", 1, 1)]


def test_deputy_attendance_shown_as_such(tree: Database) -> None:
    rows = {r.person: r for r in board_attendance(tree, "b", YEAR).rows}
    assert attendance_text(rows["Pat Cole"]) == "1/2 (+1 by deputy)"
    assert attendance_text(rows["Nia Shah"]) == "1/2"


def test_unknown_board_is_a_lookup_error(tree: Database) -> None:
    with pytest.raises(LookupError):
        agency_non_attendance(tree, "nope", YEAR)


def test_planned_meetings_count_neither_as_held_nor_as_missed(tree: Database) -> None:
    """Next year's dates planned in advance, and a past date that never took place (no
    minutes, nobody recorded), change no figure: only meetings that happened count."""
    with tree.transaction() as s:
        board = s.scalars(select(Board).where(Board.key == "b")).one()
        panel = s.scalars(select(Board).where(Board.key == "p")).one()
        s.add_all([Meeting(key="plan1", board=board, date=dt.date(2016, 2, 1)),
                   Meeting(key="plan2", board=board, date=dt.date(2016, 3, 1),
                           status=MeetingStatus.AGENDA_ISSUED),
                   Meeting(key="plan3", board=panel, date=dt.date(2016, 1, 10))])
    figures = board_attendance(tree, "b", YEAR)
    assert figures.meetings_held == 2
    rows = {r.person: r for r in figures.rows}
    assert attendance_text(rows["Nia Shah"]) == "1/2"
    assert [q.date for q in meeting_quorum(tree, "b", YEAR)] == [
        dt.date(2015, 6, 1), dt.date(2015, 11, 1)]
    missed = {f.agency: len(f.missed) for f in agency_non_attendance(tree, "b", YEAR)}
    assert missed == {"Health Trust": 1, "Police": 0, "School": 1}


def test_a_meeting_in_progress_counts_as_held(tree: Database) -> None:
    with tree.transaction() as s:
        board = s.scalars(select(Board).where(Board.key == "b")).one()
        s.add(Meeting(key="today", board=board, date=dt.date(2016, 3, 1),
                      status=MeetingStatus.IN_PROGRESS))
    assert board_attendance(tree, "b", YEAR).meetings_held == 3
