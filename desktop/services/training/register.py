"""The register of a session: who attended, who did not (charged), and walk-ins."""

from __future__ import annotations

import datetime as dt

from desktop.models import Booking, BookingStatus, SessionStatus
from desktop.models.database import Database
from desktop.services.training.common import (
    ABSENCE_REASONS,
    PLACE_HOLDING,
    BookingInfo,
    DecisionNeeded,
    NewDelegate,
    Reason,
    TrainingError,
    booking_info,
    checked_reason,
    delegate,
    get_booking,
    get_session,
    live_booking,
    now_or,
    record_reason,
)

MARKS = {"attended": BookingStatus.ATTENDED, "did_not_attend": BookingStatus.DID_NOT_ATTEND,
         "booked": BookingStatus.BOOKED}


def register(db: Database, session_id: int) -> tuple[BookingInfo, ...]:
    """The people who hold a place, by name: the register to mark."""
    with db.session() as s:
        session = get_session(s, session_id)
        rows = [b for b in session.bookings if b.status in PLACE_HOLDING]
        return tuple(sorted((booking_info(b) for b in rows), key=lambda b: (b.person, b.id)))


def mark(db: Database, booking_id: int, status: str, reason: Reason | None = None,
         keep_waiver: bool | None = None, now: dt.datetime | None = None) -> BookingInfo:
    """Mark a place attended or did not attend (or back to booked, to undo a slip).

    Attended can be marked from the session's day, did not attend once it has started.
    Did-not-attend raises the course's non-attendance charge to the booking's agency, with
    the reason given; another mark takes that charge off. A waiver belongs to the charge: one
    given before stays on the booking, and marking did not attend again needs `keep_waiver`
    (True: still waived; False: owed again), else `DecisionNeeded` says so and nothing changes.
    """
    if status not in MARKS:
        raise TrainingError(f"{status!r} is not a mark of the register.")
    new = MARKS[status]
    moment = now_or(now)
    reason = checked_reason(reason, ABSENCE_REASONS) if new == BookingStatus.DID_NOT_ATTEND \
        else None
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        session = booking.session
        if session.status == SessionStatus.CANCELLED:
            raise TrainingError("The session was cancelled: it has no register.")
        if booking.status not in PLACE_HOLDING:
            raise TrainingError("Only a delegate with a place can be marked on the register.")
        if new == BookingStatus.ATTENDED and moment.date() < session.start.date():
            raise TrainingError(
                f"The session is on {session.start:%d/%m/%Y}: attendance is marked from that day.")
        if new == BookingStatus.DID_NOT_ATTEND and moment < session.start:
            raise TrainingError(
                f"The session starts on {session.start:%d/%m/%Y at %H:%M}: nobody can be marked "
                "as not attending before it has started.")
        was = booking.status
        if new == BookingStatus.DID_NOT_ATTEND:
            if was != BookingStatus.DID_NOT_ATTEND:
                _raise_absence_charge(booking, keep_waiver)
            if reason is not None or was != BookingStatus.DID_NOT_ATTEND:
                record_reason(booking, reason)
        else:
            # They came (or it was a slip): no charge is owed. A waiver given stays with the
            # booking, so marking did not attend again asks about it.
            booking.charge_pence = None
            record_reason(booking, None)
        booking.status = new
        return booking_info(booking)


def _raise_absence_charge(booking: Booking, keep_waiver: bool | None) -> None:
    charge = booking.session.course.non_attendance_charge_pence or None
    waived = booking.charge_waived_reason
    if charge and waived is not None:
        if keep_waiver is None:
            raise DecisionNeeded(
                f"A non-attendance charge for {booking.person.display_name} was waived before "
                f"({waived}). Keep that waiver, or charge again?")
        if not keep_waiver:
            booking.charge_waived_reason = None
    booking.charge_pence = charge


def add_walk_in(
    db: Database, session_id: int, person_id: int | None = None,
    new_delegate: NewDelegate | None = None, now: dt.datetime | None = None,
) -> BookingInfo:
    """Someone came without a booking: a booking made directly as attended.

    They are in the room, so a walk-in is taken even when every place was booked, and only
    from the session's day; someone on the waiting list is marked attended on their own
    booking, someone who had cancelled gets a new one (the cancellation stays as it was).
    """
    moment = now_or(now)
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status == SessionStatus.CANCELLED:
            raise TrainingError("The session was cancelled: it has no register.")
        if moment.date() < session.start.date():
            raise TrainingError(
                f"The session is on {session.start:%d/%m/%Y}: walk-ins are added from that "
                "day; book a place before then.")
        person = delegate(s, person_id, new_delegate)
        booking = live_booking(session, person.id)
        if booking is not None and booking.status in PLACE_HOLDING:
            raise TrainingError(f"{person.display_name} is already on the register.")
        if booking is None:
            booking = Booking(session=session, person=person, booked_at=moment,
                              agency_id=person.agency_id)
            s.add(booking)
        booking.status = BookingStatus.ATTENDED
        s.flush()
        return booking_info(booking)
