"""Booking rules: capacity, no double booking, the waiting list and its promotion,
substitution, cancellation (late ones charged) and cancelling a whole session.

Each public function is one user action and one transaction: a cancellation and the promotion
it causes are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    Booking,
    BookingStatus,
    Course,
    Person,
    SessionStatus,
    TrainingSession,
)
from desktop.models.database import Database
from desktop.services.settings import load_settings
from desktop.services.training.common import (
    CANCELLATION_REASONS,
    BookingInfo,
    NewDelegate,
    Reason,
    TrainingError,
    booking_info,
    checked_reason,
    delegate,
    get_booking,
    get_session,
    has_free_place,
    live_booking,
    now_or,
    places_taken,
    record_reason,
    waiting_list,
)
from desktop.services.training.sessions import SessionDetails, follow_key, trainer_of, venue_of


@dataclass(frozen=True)
class Cancellation:
    booking: BookingInfo
    late: bool  # within the late-cancellation window (charged if the course has a charge)
    promoted: BookingInfo | None  # who moved up from the waiting list into the freed place


@dataclass(frozen=True)
class SessionCancellation:
    session_id: int
    bookings_cancelled: int


def _open_for_booking(session: TrainingSession, moment: dt.datetime) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise TrainingError("This session has been cancelled: it takes no bookings.")
    if session.status == SessionStatus.COMPLETED:
        raise TrainingError("This session has already run: add a walk-in to its register.")
    if session.start <= moment:
        raise TrainingError(
            f"This session started on {session.start:%d/%m/%Y at %H:%M}: it takes no more "
            "bookings. Someone who came is added as a walk-in on its register.")


def _refuse_second_booking(session: TrainingSession, person: Person) -> None:
    live = live_booking(session, person.id)
    if live is not None:
        where = "on the waiting list" if live.status == BookingStatus.WAITING else "booked"
        raise TrainingError(f"{person.display_name} is already {where} for this session.")


def _position(session: TrainingSession, booking: Booking) -> int | None:
    order = waiting_list(session)
    return order.index(booking) + 1 if booking in order else None


def book(
    db: Database, session_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None, now: dt.datetime | None = None,
) -> BookingInfo:
    """Book a person (or a new delegate, added in the same step) onto a session.

    A full session puts the booking on its waiting list: `waiting_position` says where.
    Booking again after a cancellation is a new booking at the back of the queue: the
    cancelled one stays as it was, with any charge it raised.
    """
    moment = now_or(now)
    with db.transaction() as s:
        session = get_session(s, session_id)
        _open_for_booking(session, moment)
        person = delegate(s, person_id, new_delegate)
        _refuse_second_booking(session, person)
        status = BookingStatus.BOOKED if has_free_place(session) else BookingStatus.WAITING
        booking = Booking(session=session, person=person, status=status, booked_at=moment,
                          agency_id=person.agency_id)
        s.add(booking)
        s.flush()
        return booking_info(booking, _position(session, booking))


def earlier_attendance(db: Database, session_id: int, person_id: int) -> tuple[dt.datetime, ...]:
    """When the person attended another session of this session's course (to ask before
    booking them again)."""
    with db.session() as s:
        session = get_session(s, session_id)
        return tuple(s.scalars(
            select(TrainingSession.start)
            .join(Booking, Booking.session_id == TrainingSession.id)
            .where(TrainingSession.course_id == session.course_id,
                   TrainingSession.id != session.id, Booking.person_id == person_id,
                   Booking.status == BookingStatus.ATTENDED)
            .order_by(TrainingSession.start)))


def _promote_first_waiting(s: Session, session: TrainingSession) -> Booking | None:
    s.flush()
    s.refresh(session, ["bookings"])
    order = waiting_list(session)
    if not order or not has_free_place(session):
        return None
    first = order[0]
    first.status = BookingStatus.BOOKED
    return first


def _late_charge(booking: Booking, late: bool) -> int | None:
    course = booking.session.course
    charge = course.late_cancellation_charge_pence
    # Partnerships that set one rate charge a late cancellation as a non-attendance.
    if charge is None:
        charge = course.non_attendance_charge_pence
    return charge if late and charge else None


def charge_if_cancelled(db: Database, booking_id: int, now: dt.datetime | None = None,
                        ) -> int | None:
    """The late-cancellation charge cancelling this booking now would raise (to say so
    before asking to confirm); None if it would be free."""
    moment = now_or(now)
    window = dt.timedelta(hours=load_settings(db).late_cancellation_hours)
    with db.session() as s:
        booking = get_booking(s, booking_id)
        start = booking.session.start
        late = booking.status == BookingStatus.BOOKED and moment < start and (
            start - moment < window)
        return _late_charge(booking, late)


def cancel_booking(db: Database, booking_id: int, now: dt.datetime | None = None,
                   reason: Reason | None = None) -> Cancellation:
    """Cancel a booking (or take someone off the waiting list), recording when and why.

    A booked place cancelled within the late-cancellation window before the start is charged
    to the booking's agency; the place freed goes to the first on the waiting list. Once the
    session has started, it is a matter for the register (did not attend), not a cancellation.
    """
    moment = now_or(now)
    reason = checked_reason(reason, CANCELLATION_REASONS)
    window = dt.timedelta(hours=load_settings(db).late_cancellation_hours)
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        session = booking.session
        if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
            raise TrainingError("Only a booking that is booked or waiting can be cancelled.")
        if session.status != SessionStatus.SCHEDULED:
            raise TrainingError("The session is not scheduled any more: use its register.")
        if session.start <= moment:
            raise TrainingError(
                "The session has started: those still waiting are taken off its list, free of "
                "charge, when it is marked as run." if booking.status == BookingStatus.WAITING
                else "The session has started: mark the delegate as not attending on its "
                "register instead of cancelling.")
        late = booking.status == BookingStatus.BOOKED and session.start - moment < window
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = moment
        booking.charge_pence = _late_charge(booking, late)
        record_reason(booking, reason)
        promoted = _promote_first_waiting(s, session)
        return Cancellation(
            booking_info(booking), late and booking.charge_pence is not None,
            booking_info(promoted) if promoted else None,
        )


def substitute(
    db: Database, booking_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None, now: dt.datetime | None = None,
) -> BookingInfo:
    """A colleague takes the place: the same booking row, so its date and order are kept.

    The charge would go to the agency the place was booked for, so the colleague must be of
    the same agency (free substitution is for colleagues): a place with no agency recorded
    cannot be handed on, since nobody can tell who is a colleague.
    """
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        session = booking.session
        _open_for_booking(session, now_or(now))
        if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
            raise TrainingError("Only a booking that is booked or waiting can be substituted.")
        person = delegate(s, person_id, new_delegate)
        if person.id == booking.person_id:
            raise TrainingError("That is the person already booked.")
        if live_booking(session, person.id) is not None:
            raise TrainingError(f"{person.display_name} already has a booking on this session.")
        if booking.agency_id is None:
            raise TrainingError(
                "No agency is recorded for this place, so a colleague cannot be told apart: "
                f"cancel it and book {person.display_name} instead.")
        if person.agency_id != booking.agency_id:
            raise TrainingError(
                f"{person.display_name} is not of the agency this place was booked for: "
                "a substitute must be a colleague from the same agency."
            )
        booking.person = person
        s.flush()
        return booking_info(booking, _position(session, booking))


def cancel_session(db: Database, session_id: int, now: dt.datetime | None = None,
                   ) -> SessionCancellation:
    """Cancel a whole session: its bookings and waiting list are cancelled, free of charge."""
    moment = now_or(now)
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status != SessionStatus.SCHEDULED:
            raise TrainingError("Only a scheduled session can be cancelled.")
        if any(b.status in (BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND)
               for b in session.bookings):
            raise TrainingError(
                "Its register is already marked: the session took place. Mark it as run "
                "instead, or clear the register first.")
        session.status = SessionStatus.CANCELLED
        count = 0
        for booking in session.bookings:
            if booking.status in (BookingStatus.BOOKED, BookingStatus.WAITING):
                booking.status = BookingStatus.CANCELLED
                booking.cancelled_at = moment
                booking.charge_pence = None
                record_reason(booking, Reason("session_cancelled"))
                count += 1
        return SessionCancellation(session_id, count)


def list_bookings(db: Database, session_id: int) -> tuple[BookingInfo, ...]:
    """A session's bookings: places first (by booking date), the waiting list in its order,
    then the cancelled ones."""
    rank = {BookingStatus.BOOKED: 0, BookingStatus.ATTENDED: 0,
            BookingStatus.DID_NOT_ATTEND: 0, BookingStatus.WAITING: 1,
            BookingStatus.CANCELLED: 2}
    with db.session() as s:
        session = get_session(s, session_id)
        order = waiting_list(session)
        rows = sorted(session.bookings,
                      key=lambda b: (rank[b.status], b.booked_at or dt.datetime.min, b.id))
        return tuple(
            booking_info(b, order.index(b) + 1 if b in order else None) for b in rows
        )


@dataclass(frozen=True)
class SessionChange:
    session_id: int
    promoted: tuple[BookingInfo, ...]  # moved up from the waiting list into new places
    # Moved to another day or time: everyone booked or waiting, to be told.
    to_tell: tuple[BookingInfo, ...] = ()


def change_session(db: Database, session_id: int, details: SessionDetails) -> SessionChange:
    """Change a scheduled session's course, times, venue, trainer or capacity.

    Fewer places than are already booked is refused (nobody loses a place silently); more
    places go to the waiting list in its order, in the same transaction. A session moved to
    another date takes a key that follows it, and keeps its old key as a former key.
    """
    if details.end is not None and details.end <= details.start:
        raise TrainingError("A session must end after it starts.")
    if details.capacity is not None and details.capacity <= 0:
        raise TrainingError("The capacity must be at least one place.")
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status != SessionStatus.SCHEDULED:
            raise TrainingError("Only a scheduled session can be changed.")
        course = s.get(Course, details.course_id)
        if course is None:
            raise TrainingError("That course no longer exists.")
        capacity = details.capacity if details.capacity is not None else course.capacity
        taken = places_taken(session)
        if capacity is not None and capacity < taken:
            raise TrainingError(
                f"{taken} places are already booked: cancel bookings before offering "
                f"only {capacity}.")
        moved = details.start != session.start
        session.course, session.start, session.end = course, details.start, details.end
        session.venue = venue_of(s, details)
        session.trainer = trainer_of(s, details)
        session.capacity = details.capacity
        follow_key(s, session)
        promoted: list[BookingInfo] = []
        while (up := _promote_first_waiting(s, session)) is not None:
            promoted.append(booking_info(up))
        to_tell = tuple(
            booking_info(b) for b in session.bookings
            if b.status in (BookingStatus.BOOKED, BookingStatus.WAITING)) if moved else ()
        return SessionChange(session_id, tuple(promoted), to_tell)
