"""The annual report's figures, counted by the database with statements built once and bound
parameters, equal the same figures counted plainly in Python from the rows themselves, on
a varied database (boards in a tree, part-year seats, deputies, planned meetings, every
booking status), for several years and boards asked in turn: a statement kept from one
call must never carry the board or year of another."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

import pytest

from desktop.models import Agency, Attendance, Board, Meeting, Membership, Person
from desktop.models.boards import BoardKind
from desktop.models.database import Database
from desktop.models.meetings import AttendanceStatus, MeetingStatus
from desktop.models.training import Booking, BookingStatus, Course, SessionStatus, TrainingSession
from desktop.services.figures import Period
from desktop.services.figures.boards import (
    agency_non_attendance,
    board_attendance,
    meeting_quorum,
)
from desktop.services.figures.training import (
    NOT_RECORDED,
    attendance_by_agency,
    attendance_by_course,
)
from desktop.services.meetings.common import HELD_STATUSES

YEARS = [Period(dt.date(y, 4, 1), dt.date(y + 1, 3, 31)) for y in (2014, 2015, 2016)]
BOARDS = ["b0", "b1", "b2", "b3", "b4"]  # b0 the board, b1/b2 below it, b3 below b1, b4 apart


@dataclass
class Rows:
    """What the reference counts from: plain tuples read back from the database."""

    boards: dict[int, tuple[str, int | None, str]]  # id -> key, parent, short label
    agencies: dict[int, str]
    people: dict[int, int | None]  # id -> agency
    seats: list[tuple[int, int, int, dt.date | None, dt.date | None]]  # id, board, person, from, to
    meetings: dict[int, tuple[int, dt.date, MeetingStatus]]
    attendance: list[tuple[int, int, int | None, AttendanceStatus]]  # meeting, person, for, status


@pytest.fixture
def varied(database: Database) -> tuple[Database, Rows]:
    db = database
    rng = random.Random(19)
    with db.transaction() as s:
        agencies = [Agency(key=f"a{n}", name=f"Agency {chr(90 - n)}") for n in range(6)]
        people = [Person(key=f"p{n}", name=f"Person {n}",
                         agency=None if n % 7 == 0 else rng.choice(agencies))
                  for n in range(40)]
        boards: list[Board] = []
        for n, parent in enumerate((None, 0, 0, 1, None)):
            boards.append(Board(key=f"b{n}", name=f"Board {n}",
                                short_name=f"B{n}" if n % 2 else None,
                                kind=BoardKind.BOARD if parent is None else BoardKind.SUB_GROUP,
                                parent=None if parent is None else boards[parent]))
        s.add_all([*agencies, *people, *boards])
        for board in boards:
            for person in rng.sample(people, 8):
                start = rng.choice([None, dt.date(2014, 9, 1), dt.date(2015, 10, 1)])
                end = rng.choice([None, None, dt.date(2016, 1, 31)])
                s.add(Membership(board=board, person=person, from_date=start, to_date=end,
                                 role=f"Seat {person.key}"))
            for m in range(10):
                day = dt.date(2014, 4, 1) + dt.timedelta(days=rng.randrange(3 * 365))
                status = rng.choice(list(MeetingStatus))
                meeting = Meeting(key=f"{board.key}-m{m}", board=board, date=day, status=status)
                s.add(meeting)
                for person in rng.sample(people, 6):
                    deputy_for = rng.choice(people) if rng.random() < 0.2 else None
                    if deputy_for is person:
                        deputy_for = None
                    s.add(Attendance(meeting=meeting, person=person, representing=deputy_for,
                                     status=rng.choice(list(AttendanceStatus)),
                                     initials=f"P{person.key}"))
        courses = [Course(key=f"c{n}", title=f"Course {n}") for n in range(4)]
        s.add_all(courses)
        for n in range(30):
            start = dt.datetime(2014, 4, 1, 9) + dt.timedelta(days=rng.randrange(3 * 365))
            session = TrainingSession(key=f"s{n}", course=rng.choice(courses), start=start,
                                      status=rng.choice(list(SessionStatus)))
            s.add(session)
            for person in rng.sample(people, 5):
                s.add(Booking(session=session, person=person,
                              status=rng.choice(list(BookingStatus)),
                              agency=rng.choice([None, *agencies])))
    return db, _read(db)


def _read(db: Database) -> Rows:
    with db.session() as s:
        return Rows(
            boards={b.id: (b.key, b.parent_id, b.short_name or b.name)
                    for b in s.query(Board)},
            agencies={a.id: a.name for a in s.query(Agency)},
            people={p.id: p.agency_id for p in s.query(Person)},
            seats=[(m.id, m.board_id, m.person_id, m.from_date, m.to_date)
                   for m in s.query(Membership)],
            meetings={m.id: (m.board_id, m.date, m.status) for m in s.query(Meeting)},
            attendance=[(a.meeting_id, a.person_id, a.representing_id, a.status)
                        for a in s.query(Attendance)])


def _held(rows: Rows, meeting_id: int) -> bool:
    _, date, status = rows.meetings[meeting_id]
    recorded = any(m == meeting_id and st is not AttendanceStatus.EXPECTED
                   for m, _, _, st in rows.attendance)
    return status in HELD_STATUSES or (date < dt.date.today() and recorded)


def _meetings(rows: Rows, board_id: int, period: Period) -> list[int]:
    return [m for m, (b, date, _) in rows.meetings.items()
            if b == board_id and period.start <= date <= period.end and _held(rows, m)]


def _within(date: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or date >= start) and (end is None or date <= end)


def _board_id(rows: Rows, key: str) -> int:
    return next(b for b, (k, _, _) in rows.boards.items() if k == key)


def _reference_attendance(rows: Rows, key: str, period: Period) -> list[tuple[int, int, int, int]]:
    """(membership, attended, meetings while member, by deputy) in membership order."""
    board = _board_id(rows, key)
    held = _meetings(rows, board, period)
    present = {(m, p) for m, p, _, st in rows.attendance if st is AttendanceStatus.PRESENT}
    deputised = {(m, r) for m, _, r, st in rows.attendance
                 if st is AttendanceStatus.PRESENT and r is not None}
    result = []
    for seat, b, person, start, end in sorted(rows.seats):
        if b != board or not _within_overlap(period, start, end):
            continue
        mine = [m for m in held if _within(rows.meetings[m][1], start, end)]
        result.append((seat, sum((m, person) in present for m in mine), len(mine),
                       sum((m, person) in deputised for m in mine)))
    return result


def _within_overlap(period: Period, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or start <= period.end) and (end is None or end >= period.start)


def _reference_missed(rows: Rows, key: str, period: Period) -> dict[str, tuple[int, list[int]]]:
    """Agency name -> (meetings expected at, meetings missed) over the board and below."""
    root = _board_id(rows, key)
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {b for b, (_, parent, _) in rows.boards.items() if parent in frontier} - tree
        tree |= frontier
    covered = {(m, rows.people[p]) for m, p, _, st in rows.attendance
               if st is AttendanceStatus.PRESENT}
    covered |= {(m, rows.people[r]) for m, _, r, st in rows.attendance
                if st is AttendanceStatus.PRESENT and r is not None}
    seated: dict[int, set[int]] = {}
    names = {}
    for _, board, person, start, end in rows.seats:
        agency = rows.people[person]
        if board not in tree or agency is None or not _within_overlap(period, start, end):
            continue
        names[agency] = rows.agencies[agency]
        for m in _meetings(rows, board, period):
            if _within(rows.meetings[m][1], start, end):
                seated.setdefault(agency, set()).add(m)
    return {names[a]: (len(seated.get(a, ())),
                       sorted(m for m in seated.get(a, ()) if (m, a) not in covered))
            for a in names}


def test_board_figures_equal_the_plain_count(varied: tuple[Database, Rows]) -> None:
    db, rows = varied
    checked = 0
    for period in YEARS:
        for key in [*BOARDS, BOARDS[0]]:  # b0 again after the others: nothing carried over
            figures = board_attendance(db, key, period)
            assert [(r.membership_id, r.attended, r.meetings_while_member, r.by_deputy)
                    for r in figures.rows] == _reference_attendance(rows, key, period)
            held = _meetings(rows, _board_id(rows, key), period)
            assert figures.meetings_held == len(held)
            assert sorted(q.meeting_id for q in meeting_quorum(db, key, period)) == sorted(held)
            missed = {f.agency: (f.expected, sorted(m.meeting_id for m in f.missed))
                      for f in agency_non_attendance(db, key, period)}
            assert missed == _reference_missed(rows, key, period)
            checked += sum(len(m) for _, m in missed.values())
    assert checked > 20  # the data really has missed meetings to compare


def test_training_figures_equal_the_plain_count(varied: tuple[Database, Rows]) -> None:
    db, _ = varied
    with db.session() as s:
        sessions = [(t.course_id, t.course.title, t.start, t.status, t.id,
                     [(b.status, b.agency_id, b.agency.name if b.agency else None)
                      for b in t.bookings])
                    for t in s.query(TrainingSession)]
    for period in YEARS + YEARS[:1]:
        mine = [t for t in sessions if period.start <= t[2].date() <= period.end]
        attendees: Counter[int] = Counter()
        ran: Counter[int] = Counter()
        scheduled: Counter[int] = Counter()
        by_agency: Counter[tuple[int | None, str]] = Counter()
        titles = {}
        for course, title, _, status, _, bookings in mine:
            titles[course] = title
            ran[course] += status is SessionStatus.COMPLETED
            scheduled[course] += status is SessionStatus.SCHEDULED
            for booking_status, agency_id, agency in bookings:
                if booking_status is BookingStatus.ATTENDED:
                    attendees[course] += 1
                    by_agency[(agency_id, agency or NOT_RECORDED)] += 1
        expected = [(c, titles[c], attendees[c], ran[c], scheduled[c]) for c in sorted(titles)
                    if attendees[c] or ran[c] or scheduled[c]]
        assert [(r.course_id, r.title, r.attendees, r.times_ran, r.scheduled)
                for r in attendance_by_course(db, period).rows] == expected
        assert [(r.agency_id, r.agency, r.attendees)
                for r in attendance_by_agency(db, period).rows] == [
            (a, name, n) for (a, name), n in sorted(
                by_agency.items(), key=lambda item: (item[0][0] is None, item[0][0] or 0))]
