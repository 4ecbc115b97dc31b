"""Booking rules: capacity, no double booking, the waiting list and its promotion,
substitution, cancellation (late ones charged) and cancelling a whole session.

Each public function is one user action and one transaction: a cancellation and the promotion
it causes are committed together or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    BookingInfo,
    NewDelegate,
    TrainingError,
    booking_info,
    delegate,
    get_booking,
    get_session,
    has_free_place,
    places_taken,
    waiting_list,
)
from desktop.services.training.sessions import SessionDetails, trainer_of, venue_of


@dataclass(frozen=True)
class Cancellation:
    booking: BookingInfo
    late: bool  # within the late-cancellation window (charged if the course has a charge)
    promoted: BookingInfo | None  # who moved up from the waiting list into the freed place


@dataclass(frozen=True)
class SessionCancellation:
    session_id: int
    bookings_cancelled: int


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now().replace(microsecond=0)


def _open_for_booking(session: TrainingSession) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise TrainingError("This session has been cancelled: it takes no bookings.")
    if session.status == SessionStatus.COMPLETED:
        raise TrainingError("This session has already run: add a walk-in to its register.")


def _existing(session: TrainingSession, person: Person) -> Booking | None:
    """The person's cancelled booking on this session, to re-open; any other is refused."""
    for booking in session.bookings:
        if booking.person_id != person.id:
            continue
        if booking.status == BookingStatus.CANCELLED:
            return booking
        where = "on the waiting list" if booking.status == BookingStatus.WAITING else "booked"
        raise TrainingError(f"{person.display_name} is already {where} for this session.")
    return None


def _position(session: TrainingSession, booking: Booking) -> int | None:
    order = waiting_list(session)
    return order.index(booking) + 1 if booking in order else None


def book(
    db: Database, session_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None, now: dt.datetime | None = None,
) -> BookingInfo:
    """Book a person (or a new delegate, added in the same step) onto a session.

    A full session puts the booking on its waiting list: `waiting_position` says where.
    """
    with db.transaction() as s:
        session = get_session(s, session_id)
        _open_for_booking(session)
        person = delegate(s, person_id, new_delegate)
        status = BookingStatus.BOOKED if has_free_place(session) else BookingStatus.WAITING
        # One row per person and session: booking again after a cancellation re-opens it
        # (the audit keeps the cancellation), at the back of the queue.
        booking = _existing(session, person) or Booking(session=session, person=person)
        booking.status = status
        booking.booked_at = _now(now)
        booking.cancelled_at = None
        booking.charge_pence = None
        booking.charge_waived_reason = None
        booking.agency_id = person.agency_id
        s.add(booking)
        s.flush()
        return booking_info(booking, _position(session, booking))


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


def cancel_booking(db: Database, booking_id: int, now: dt.datetime | None = None) -> Cancellation:
    """Cancel a booking (or take someone off the waiting list), recording when.

    A booked place cancelled within the late-cancellation window before the start is charged
    to the booking's agency; the place freed goes to the first on the waiting list.
    """
    moment = _now(now)
    window = dt.timedelta(hours=load_settings(db).late_cancellation_hours)
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        session = booking.session
        if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
            raise TrainingError("Only a booking that is booked or waiting can be cancelled.")
        if session.status != SessionStatus.SCHEDULED:
            raise TrainingError("The session is not scheduled any more: use its register.")
        late = booking.status == BookingStatus.BOOKED and session.start - moment < window
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = moment
        booking.charge_pence = _late_charge(booking, late)
        promoted = _promote_first_waiting(s, session)
        return Cancellation(
            booking_info(booking), late and booking.charge_pence is not None,
            booking_info(promoted) if promoted else None,
        )


def substitute(
    db: Database, booking_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None,
) -> BookingInfo:
    """A colleague takes the place: the same booking row, so its date and order are kept.

    The charge would go to the agency the place was booked for, so the colleague must be of
    the same agency (free substitution is for colleagues).
    """
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        session = booking.session
        _open_for_booking(session)
        if booking.status not in (BookingStatus.BOOKED, BookingStatus.WAITING):
            raise TrainingError("Only a booking that is booked or waiting can be substituted.")
        person = delegate(s, person_id, new_delegate)
        if person.id == booking.person_id:
            raise TrainingError("That is the person already booked.")
        if any(b.person_id == person.id for b in session.bookings):
            raise TrainingError(f"{person.display_name} already has a booking on this session.")
        if booking.agency_id is not None and person.agency_id != booking.agency_id:
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
    moment = _now(now)
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status != SessionStatus.SCHEDULED:
            raise TrainingError("Only a scheduled session can be cancelled.")
        session.status = SessionStatus.CANCELLED
        count = 0
        for booking in session.bookings:
            if booking.status in (BookingStatus.BOOKED, BookingStatus.WAITING):
                booking.status = BookingStatus.CANCELLED
                booking.cancelled_at = moment
                booking.charge_pence = None
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


def change_session(db: Database, session_id: int, details: SessionDetails) -> SessionChange:
    """Change a scheduled session's course, times, venue, trainer or capacity.

    Fewer places than are already booked is refused (nobody loses a place silently); more
    places go to the waiting list in its order, in the same transaction.
    """
    if details.end is not None and details.end <= details.start:
        raise TrainingError("A session must end after it starts.")
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
        session.course, session.start, session.end = course, details.start, details.end
        session.venue = venue_of(s, details)
        session.trainer = trainer_of(s, details)
        session.capacity = details.capacity
        promoted: list[BookingInfo] = []
        while (moved := _promote_first_waiting(s, session)) is not None:
            promoted.append(booking_info(moved))
        return SessionChange(session_id, tuple(promoted))
