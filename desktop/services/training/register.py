"""The register of a session: who attended, who did not (charged), and walk-ins."""

from __future__ import annotations

import datetime as dt

from desktop.models import Booking, BookingStatus, SessionStatus
from desktop.models.database import Database
from desktop.services.training.common import (
    PLACE_HOLDING,
    BookingInfo,
    NewDelegate,
    TrainingError,
    booking_info,
    delegate,
    get_booking,
    get_session,
)

MARKS = {"attended": BookingStatus.ATTENDED, "did_not_attend": BookingStatus.DID_NOT_ATTEND,
         "booked": BookingStatus.BOOKED}


def register(db: Database, session_id: int) -> tuple[BookingInfo, ...]:
    """The people who hold a place, by name: the register to mark."""
    with db.session() as s:
        session = get_session(s, session_id)
        rows = [b for b in session.bookings if b.status in PLACE_HOLDING]
        return tuple(sorted((booking_info(b) for b in rows), key=lambda b: (b.person, b.id)))


def mark(db: Database, booking_id: int, status: str) -> BookingInfo:
    """Mark a place attended or did not attend (or back to booked, to undo a slip).

    Did-not-attend raises the course's non-attendance charge to the booking's agency;
    any other mark clears it.
    """
    if status not in MARKS:
        raise TrainingError(f"{status!r} is not a mark of the register.")
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        if booking.session.status == SessionStatus.CANCELLED:
            raise TrainingError("The session was cancelled: it has no register.")
        if booking.status not in PLACE_HOLDING:
            raise TrainingError("Only a delegate with a place can be marked on the register.")
        booking.status = MARKS[status]
        _charge_for(booking)
        return booking_info(booking)


def _charge_for(booking: Booking) -> None:
    if booking.status == BookingStatus.DID_NOT_ATTEND:
        booking.charge_pence = booking.session.course.non_attendance_charge_pence or None
    else:
        booking.charge_pence = None
        booking.charge_waived_reason = None


def add_walk_in(
    db: Database, session_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None, now: dt.datetime | None = None,
) -> BookingInfo:
    """Someone came without a booking: a booking made directly as attended.

    They are in the room, so a walk-in is taken even when every place was booked; someone
    already on the list (waiting or cancelled) is marked attended on their own booking.
    """
    moment = now if now is not None else dt.datetime.now().replace(microsecond=0)
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status == SessionStatus.CANCELLED:
            raise TrainingError("The session was cancelled: it has no register.")
        person = delegate(s, person_id, new_delegate)
        booking = next((b for b in session.bookings if b.person_id == person.id), None)
        if booking is not None and booking.status in PLACE_HOLDING:
            raise TrainingError(f"{person.display_name} is already on the register.")
        if booking is None:
            booking = Booking(session=session, person=person, booked_at=moment,
                              agency_id=person.agency_id)
            s.add(booking)
        booking.status = BookingStatus.ATTENDED
        booking.cancelled_at = None
        _charge_for(booking)
        s.flush()
        return booking_info(booking)
