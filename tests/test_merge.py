"""Merging duplicate people end to end: everything moves, nothing is lost, all is audited,
and a merge that would break a record is refused with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.models import (
    Action,
    ActionOwner,
    Agency,
    AgendaItem,
    Attendance,
    AuditEntry,
    Board,
    Booking,
    Course,
    Meeting,
    Membership,
    Person,
    TrainingSession,
)
from desktop.models.boards import BoardKind
from desktop.models.database import Database
from desktop.models.meetings import AttendanceStatus
from desktop.models.training import BookingStatus
from desktop.services.merge import MergeRefused, merge_people
from desktop.services.people import list_people, person_profile

PRESENT = AttendanceStatus.PRESENT


def _dudley(database: Database) -> dict[str, int]:
    """"Su Vincent" in one attendance, "Sue Vincent" owning actions and booked on training."""
    with database.transaction() as s:
        agency = Agency(key="dmbc", name="Dudley MBC")
        su = Person(key="su-vincent", name="Su Vincent", agency=agency)
        sue = Person(key="sue-vincent", name="Sue Vincent", email="sue.vincent@example.org",
                     job_title="Head of Service")
        other = Person(key="tim", name="Tim Crumpton", agency=agency)
        board = Board(key="dscb", name="Dudley SCB", kind=BoardKind.BOARD, chair=sue)
        m1 = Meeting(key="m1", board=board, date=dt.date(2014, 11, 21), chair=su)
        m2 = Meeting(key="m2", board=board, date=dt.date(2014, 12, 5), minute_taker=sue)
        s.add_all([su, sue, other, board, m1, m2])
        s.add_all([
            Attendance(meeting=m1, person=su, status=PRESENT, initials="SV"),
            Attendance(meeting=m2, person=sue, status=PRESENT, initials="SV"),
            Attendance(meeting=m2, person=other, representing=sue, status=PRESENT,
                       initials="TC"),
            Membership(board=board, person=su, from_date=dt.date(2014, 4, 1), deputy=sue),
            Membership(board=board, person=sue, from_date=dt.date(2013, 4, 1),
                       to_date=dt.date(2014, 3, 31)),
            Membership(board=board, person=other, deputy=sue),
            AgendaItem(meeting=m1, number="1", title="Introduction", presenter_id=None),
        ])
        item = AgendaItem(meeting=m2, number="1", title="Neglect", presenter_person=sue)
        both = Action(board=board, number=1, text="Both own this")
        only_sue = Action(board=board, number=2, text="Sue owns this")
        s.add_all([item, both, only_sue,
                   ActionOwner(action=both, person=su, position=0),
                   ActionOwner(action=both, person=sue, position=1),
                   ActionOwner(action=only_sue, person=sue)])
        course = Course(key="c", title="Neglect")
        session = TrainingSession(key="t", course=course, start=dt.datetime(2015, 1, 6, 9, 30))
        s.add_all([course, session,
                   Booking(session=session, person=sue, status=BookingStatus.ATTENDED)])
        s.flush()
        return {"su": su.id, "sue": sue.id, "other": other.id, "board": board.id,
                "session": session.id, "m1": m1.id, "m2": m2.id, "agency": agency.id}


def _count(database: Database, stmt) -> int:  # type: ignore[no-untyped-def]
    with database.session() as s:
        return s.scalar(stmt) or 0


def test_merge_moves_everything_to_the_kept_person(database: Database) -> None:
    ids = _dudley(database)
    result = merge_people(database, ids["su"], ids["sue"])
    su = ids["su"]
    assert (result.kept, result.removed) == ("Su Vincent", "Sue Vincent")
    assert (result.attendance, result.memberships, result.actions, result.bookings) == (
        2, 3, 2, 1)
    assert result.other == 3  # board chair, minute-taker, presenter
    with database.session() as s:
        assert s.get(Person, ids["sue"]) is None
        kept = s.get(Person, su)
        assert kept is not None
        # Blanks filled from the duplicate; the kept person's own details stand.
        assert (kept.email, kept.job_title, kept.agency_id) == (
            "sue.vincent@example.org", "Head of Service", ids["agency"])
        assert {a.meeting_id for a in s.scalars(select(Attendance).where(
            Attendance.person_id == su))} == {ids["m1"], ids["m2"]}
        assert s.scalar(select(Attendance.representing_id).where(
            Attendance.person_id == ids["other"])) == su
        seats = s.execute(select(Membership.person_id, Membership.deputy_id)
                          .order_by(Membership.id)).all()
        # Su's own seat no longer names Su as its deputy; Tim's deputy is now Su.
        assert seats == [(su, None), (su, None), (ids["other"], su)]
        owners = s.execute(select(Action.number, ActionOwner.person_id)
                           .join(ActionOwner).order_by(Action.number)).all()
        assert owners == [(1, su), (2, su)]
        assert s.scalar(select(Booking.person_id)) == su
        assert s.scalar(select(Board.chair_id)) == su
        assert s.scalar(select(Meeting.minute_taker_id).where(Meeting.id == ids["m2"])) == su
        assert s.scalar(select(AgendaItem.presenter_id).where(
            AgendaItem.meeting_id == ids["m2"])) == su
    assert [p.name for p in list_people(database, "vincent")] == ["Su Vincent"]
    assert len(person_profile(database, su).actions) == 2


def test_merge_is_audited(database: Database) -> None:
    ids = _dudley(database)
    before = _count(database, select(func.max(AuditEntry.id)))
    merge_people(database, ids["su"], ids["sue"])
    with database.session() as s:
        entries = s.execute(select(AuditEntry.table_name, AuditEntry.operation, AuditEntry.row_id)
                            .where(AuditEntry.id > before)).all()
    touched = {(table, op) for table, op, _ in entries}
    assert ("person", "delete") in touched
    assert {("attendance", "update"), ("membership", "update"), ("booking", "update"),
            ("action_owner", "delete"), ("action_owner", "update")} <= touched
    assert ("person", "delete", str(ids["sue"])) in entries


def test_merge_refused_when_both_attended_one_meeting(database: Database) -> None:
    ids = _dudley(database)
    with database.transaction() as s:
        s.add(Attendance(meeting_id=ids["m1"], person_id=ids["sue"], status=PRESENT,
                         initials="SVi"))
    audit_before = _count(database, select(func.count(AuditEntry.id)))
    with pytest.raises(MergeRefused, match="both in the attendance of Dudley SCB on 21/11/2014"):
        merge_people(database, ids["su"], ids["sue"])
    assert _count(database, select(func.count(AuditEntry.id))) == audit_before
    with database.session() as s:
        assert s.get(Person, ids["sue"]) is not None
        assert s.scalar(select(func.count(Attendance.id)).where(
            Attendance.person_id == ids["sue"])) == 2
        assert s.scalar(select(Booking.person_id)) == ids["sue"]


def test_merge_refused_when_both_booked_one_session(database: Database) -> None:
    ids = _dudley(database)
    with database.transaction() as s:
        s.add(Booking(session_id=ids["session"], person_id=ids["su"],
                      status=BookingStatus.BOOKED))
    with pytest.raises(MergeRefused, match="both booked on the training session of 06/01/2015"):
        merge_people(database, ids["sue"], ids["su"])
    assert _count(database, select(func.count(Person.id))) == 3


def test_merge_refused_for_the_same_person_or_a_missing_one(database: Database) -> None:
    ids = _dudley(database)
    with pytest.raises(MergeRefused, match="two different people"):
        merge_people(database, ids["su"], ids["su"])
    with pytest.raises(MergeRefused, match="no longer exists"):
        merge_people(database, ids["su"], 9999)
