"""Merging two records of one person ("Su Vincent" and "Sue Vincent") into the kept one.

One call, one transaction: everything that points at the duplicate is moved to the kept
person, then the duplicate is deleted. The flush hook audits every row touched, so the trail
shows where each attendance, seat, action and booking came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.actions import ActionOwner
from desktop.models.boards import Board, Membership
from desktop.models.cycle import Declaration, Interest
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Attendance, Meeting
from desktop.models.people import Person
from desktop.models.training import Booking, TrainingSession
from desktop.services.errors import InvalidInput

# Details of the duplicate that fill the kept person's blanks (never overwrite them).
_FILLABLE = ("title", "job_title", "agency_id", "email", "phone", "notes")


class MergeRefused(InvalidInput):
    """The two records cannot be merged as they stand; nothing was changed."""


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    kept: str
    removed: str
    attendance: int  # attendance rows moved (as attendee or as the member represented)
    memberships: int  # seats held or deputised
    actions: int  # action ownerships moved or folded into the kept person's
    bookings: int
    other: int  # chairs, minute-takers, presenters


def merge_people(database: Database, keep_id: int, duplicate_id: int) -> MergeResult:
    if keep_id == duplicate_id:
        raise MergeRefused("Choose two different people to merge.")
    with database.transaction() as session:
        keep, duplicate = _person(session, keep_id), _person(session, duplicate_id)
        _refuse_shared_meetings(session, keep, duplicate)
        _refuse_shared_sessions(session, keep, duplicate)
        _refuse_shared_seats(session, keep, duplicate)
        result = MergeResult(
            keep.id, keep.display_name, duplicate.display_name,
            attendance=_move_attendance(session, keep.id, duplicate.id),
            memberships=_move_memberships(session, keep.id, duplicate.id),
            actions=_move_action_owners(session, keep.id, duplicate.id),
            bookings=_move(session, Booking, "person_id", keep.id, duplicate.id),
            other=_move_roles(session, keep.id, duplicate.id),
        )
        for field in _FILLABLE:
            if getattr(keep, field) is None:
                setattr(keep, field, getattr(duplicate, field))
        session.flush()
        session.delete(duplicate)
        return result


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise MergeRefused("One of those people no longer exists; they may have been merged.")
    return person


def _refuse_shared_meetings(session: Session, keep: Person, duplicate: Person) -> None:
    """Both attended one meeting: merging would give that meeting two rows for one person,
    and only the minute-taker can say which row is right."""
    theirs = select(Attendance.meeting_id).where(Attendance.person_id == duplicate.id)
    clashes = session.execute(
        select(Board.name, Meeting.date).join(Board, Board.id == Meeting.board_id)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Attendance.person_id == keep.id, Meeting.id.in_(theirs))
        .order_by(Meeting.date)).all()
    if clashes:
        listed = ", ".join(f"{board} on {day:%d/%m/%Y}" for board, day in clashes)
        raise MergeRefused(
            f"{keep.display_name} and {duplicate.display_name} are both in the attendance of "
            f"{listed}. Remove one of them from that attendance first; nothing was merged.")


def _refuse_shared_sessions(session: Session, keep: Person, duplicate: Person) -> None:
    theirs = select(Booking.session_id).where(Booking.person_id == duplicate.id)
    clashes = session.scalars(
        select(TrainingSession.start).join(Booking, Booking.session_id == TrainingSession.id)
        .where(Booking.person_id == keep.id, TrainingSession.id.in_(theirs))
        .order_by(TrainingSession.start)).all()
    if clashes:
        listed = ", ".join(f"{start:%d/%m/%Y %H:%M}" for start in clashes)
        raise MergeRefused(
            f"{keep.display_name} and {duplicate.display_name} are both booked on the "
            f"training session of {listed}. Cancel or remove one booking first; nothing was "
            "merged.")


def _refuse_shared_seats(session: Session, keep: Person, duplicate: Person) -> None:
    mine = session.execute(select(Membership.board_id, Membership.from_date)
                           .where(Membership.person_id == keep.id)).all()
    theirs = session.execute(select(Membership.board_id, Membership.from_date)
                             .where(Membership.person_id == duplicate.id)).all()
    if set(mine) & set(theirs):
        raise MergeRefused(
            f"{keep.display_name} and {duplicate.display_name} each hold a seat on the same "
            "group from the same date. End or remove one of those seats first; nothing was "
            "merged.")


def _move(session: Session, model: type, column: str, keep_id: int, duplicate_id: int) -> int:
    """Point `column` of every `model` row at the kept person; the count moved."""
    rows: Sequence[Any] = session.scalars(
        select(model).where(getattr(model, column) == duplicate_id)).all()
    for row in rows:
        setattr(row, column, keep_id)
    return len(rows)


def _move_attendance(session: Session, keep_id: int, duplicate_id: int) -> int:
    moved = _move(session, Attendance, "person_id", keep_id, duplicate_id)
    return moved + _move(session, Attendance, "representing_id", keep_id, duplicate_id)


def _move_memberships(session: Session, keep_id: int, duplicate_id: int) -> int:
    moved = _move(session, Membership, "person_id", keep_id, duplicate_id)
    moved += _move(session, Membership, "deputy_id", keep_id, duplicate_id)
    session.flush()
    # A seat whose deputy was the duplicate of its own holder has no deputy now.
    for seat in session.scalars(select(Membership).where(
            Membership.person_id == keep_id, Membership.deputy_id == keep_id)):
        seat.deputy_id = None
    return moved


def _move_action_owners(session: Session, keep_id: int, duplicate_id: int) -> int:
    owned = set(session.scalars(
        select(ActionOwner.action_id).where(ActionOwner.person_id == keep_id)))
    rows = session.scalars(select(ActionOwner).where(ActionOwner.person_id == duplicate_id)).all()
    for row in rows:
        if row.action_id in owned:
            # Both owned the action: the kept person's ownership stands for the two.
            session.delete(row)
        else:
            row.person_id = keep_id
    session.flush()
    return len(rows)


def _move_roles(session: Session, keep_id: int, duplicate_id: int) -> int:
    return (_move(session, Meeting, "chair_id", keep_id, duplicate_id)
            + _move(session, Meeting, "minute_taker_id", keep_id, duplicate_id)
            + _move(session, AgendaItem, "presenter_id", keep_id, duplicate_id)
            + _move(session, Board, "chair_id", keep_id, duplicate_id)
            + _move(session, Declaration, "person_id", keep_id, duplicate_id)
            + _move(session, Interest, "person_id", keep_id, duplicate_id))
