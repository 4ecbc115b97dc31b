"""Shared records for the Outlook tests: a board with members, a meeting, a course, a
session with booked delegates (one without an e-mail address) and a waiting list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models import (
    Agency,
    AgendaItem,
    Board,
    BoardKind,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
)
from desktop.models.database import Database
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    book,
    save_course,
    schedule_session,
)
from desktop.services.training.records import (
    TrainerDetails,
    VenueDetails,
    save_trainer,
    save_venue,
)

START = dt.datetime(2026, 3, 10, 9, 30)


@dataclass
class Records:
    meeting_id: int
    session_id: int
    people: dict[str, int]  # name -> person id
    bookings: dict[str, int]  # name -> booking id


def make_records(db: Database, start: dt.datetime = START) -> Records:
    with db.transaction() as s:
        agency = Agency(key="childrens-services", name="Children’s Services")
        police = Agency(key="police", name="West Mercia Police")
        people = {
            "Zoë Brontë": Person(key="zoe", name="Zoë Brontë", title="Dr",
                                 email="zoe.bronte@example.gov.uk", agency=agency),
            "Sam Patel": Person(key="sam", name="Sam Patel", email="sam.patel@example.org",
                                agency=police),
            "Kit Jones": Person(key="kit", name="Kit Jones", agency=agency),  # no address
            "Ann Lee": Person(key="ann", name="Ann Lee", email="ann.lee@example.org",
                              agency=agency),
        }
        s.add_all(people.values())
        board = Board(key="lscb", name="Local Safeguarding Children Board", kind=BoardKind.BOARD)
        s.add(board)
        s.flush()
        board.chair_id = people["Zoë Brontë"].id
        for name in ("Zoë Brontë", "Sam Patel", "Kit Jones"):
            s.add(Membership(board=board, person=people[name], role="Member"))
        meeting = Meeting(key="lscb-2026-03", board=board, date=dt.date(2026, 3, 29),
                          start=dt.time(10, 0), end=dt.time(12, 30), venue="Shire Hall, Room 2",
                          chair_id=people["Zoë Brontë"].id,
                          status=MeetingStatus.DRAFT)  # held, its minutes drafted
        s.add(meeting)
        s.flush()
        s.add(AgendaItem(meeting=meeting, position=1, number="1", title="Welcome"))
        s.add(AgendaItem(meeting=meeting, position=2, number="2", title="Serious case review",
                         confidential=True))
        s.flush()
        ids = {name: p.id for name, p in people.items()}
        meeting_id = meeting.id
    course = save_course(db, CourseDetails(
        "Graded Care Profile", level="targeted", format="half_day", capacity=30,
        non_attendance_charge_pence=2500, late_cancellation_charge_pence=2000,
        description="Assessing neglect with the Graded Care Profile 2."))
    venue = save_venue(db, VenueDetails("County Hall, Hereford"))
    trainer = save_trainer(db, TrainerDetails("Pat Trainer"))
    session = schedule_session(db, SessionDetails(
        course.id, start, start + dt.timedelta(hours=3), venue, trainer, capacity=3))
    bookings = {}
    for name in ("Zoë Brontë", "Sam Patel", "Kit Jones", "Ann Lee"):
        bookings[name] = book(db, session.id, ids[name], now=start - dt.timedelta(days=20)).id
    return Records(meeting_id, session.id, ids, bookings)
