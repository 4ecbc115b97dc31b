"""What the training services share: the error they raise, the booking row they return,
and finding or adding the delegate a booking is for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.models import Agency, Booking, BookingStatus, Person, TrainingSession
from desktop.services.keys import unique_key

# Statuses that hold one of the session's places (a waiting or cancelled booking does not).
PLACE_HOLDING = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND)


class TrainingError(ValueError):
    """A booking rule or a bad value, in plain words; nothing was changed."""


class DecisionNeeded(TrainingError):
    """The action needs the coordinator's choice first (the screen asks, then calls again
    with the answer); nothing was changed."""


# The short lists of reasons (code: what the screen shows); "other" wants words of its own.
# A code in both lists has the same words in both.
CANCELLATION_REASONS = {
    "illness": "Illness",
    "work_demands": "Work demands",
    "clash": "Clash with another commitment",
    "not_needed": "Training no longer needed",
    "left_post": "Left the post",
    "other": "Other",
}
ABSENCE_REASONS = {
    "illness": "Illness",
    "work_demands": "Work demands",
    "emergency": "An emergency on the day",
    "travel": "Travel or transport",
    "no_reason": "No reason given",
    "other": "Other",
}
# Reasons the application records itself.
SYSTEM_REASONS = {
    "session_cancelled": "The session was cancelled",
    "session_ran": "The session ran: taken off the waiting list",
}
BOOKING_REASONS = CANCELLATION_REASONS | ABSENCE_REASONS | SYSTEM_REASONS


@dataclass(frozen=True)
class Reason:
    """Why a place was cancelled or not attended: a code of the short list, and words."""

    code: str
    note: str = ""


def checked_reason(reason: Reason | None, allowed: dict[str, str]) -> Reason | None:
    if reason is None:
        return None
    note = " ".join(reason.note.split())
    if reason.code not in allowed:
        raise TrainingError(f"{reason.code!r} is not one of the reasons to choose from.")
    if reason.code == "other" and not note:
        raise TrainingError("Say in a few words what the other reason is.")
    return Reason(reason.code, note)


def record_reason(booking: Booking, reason: Reason | None) -> None:
    booking.reason = reason.code if reason else None
    booking.reason_note = (reason.note or None) if reason else None


def reason_text(code: str | None, note: str | None) -> str:
    """The reason as the screens and documents show it: "Illness: broke a leg"."""
    label = BOOKING_REASONS.get(code or "", code or "")
    if note:
        return f"{label}: {note}" if label and code != "other" else note
    return label


@dataclass(frozen=True)
class NewDelegate:
    """A person added in the same step as their booking."""

    name: str
    agency_id: int | None = None
    job_title: str = ""
    email: str = ""


@dataclass(frozen=True)
class BookingInfo:
    id: int
    session_id: int
    person_id: int
    person: str
    email: str | None
    job_title: str | None
    agency_id: int | None
    agency: str | None  # the agency as when booked
    status: str  # a BookingStatus value
    booked_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    charge_pence: int | None
    charge_waived_reason: str | None
    waiting_position: int | None  # 1 for the first on the waiting list
    reason: str | None = None  # a code of BOOKING_REASONS
    reason_note: str | None = None

    @property
    def reason_text(self) -> str:
        return reason_text(self.reason, self.reason_note)

    @property
    def holds_place(self) -> bool:
        return self.status in {s.value for s in PLACE_HOLDING}


def booking_info(booking: Booking, waiting_position: int | None = None) -> BookingInfo:
    person = booking.person
    return BookingInfo(
        booking.id, booking.session_id, person.id, person.display_name, person.email,
        person.job_title, booking.agency_id, booking.agency.name if booking.agency else None,
        booking.status.value, booking.booked_at, booking.cancelled_at, booking.charge_pence,
        booking.charge_waived_reason, waiting_position, booking.reason, booking.reason_note,
    )


def get_session(s: Session, session_id: int) -> TrainingSession:
    session = s.get(TrainingSession, session_id)
    if session is None:
        raise TrainingError("That session no longer exists.")
    return session


def get_booking(s: Session, booking_id: int) -> Booking:
    booking = s.get(Booking, booking_id)
    if booking is None:
        raise TrainingError("That booking no longer exists.")
    return booking


def waiting_list(session: TrainingSession) -> list[Booking]:
    """The waiting list in its order: who asked first, then who was entered first."""
    waiting = [b for b in session.bookings if b.status == BookingStatus.WAITING]
    return sorted(waiting, key=lambda b: (b.booked_at or dt.datetime.min, b.id))


def live_booking(session: TrainingSession, person_id: int) -> Booking | None:
    """The person's booking on the session that is not cancelled (there is at most one)."""
    return next((b for b in session.bookings
                 if b.person_id == person_id and b.status != BookingStatus.CANCELLED), None)


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now().replace(microsecond=0)


def places_taken(session: TrainingSession) -> int:
    return sum(1 for b in session.bookings if b.status in PLACE_HOLDING)


def has_free_place(session: TrainingSession) -> bool:
    capacity = session.effective_capacity
    return capacity is None or places_taken(session) < capacity


def checked_email(text: str) -> str | None:
    """The address as typed without the spaces around it, None when empty; refused in words
    when it cannot be an address."""
    email = text.strip() or None
    if email is not None and "@" not in email:
        raise TrainingError(f"{email!r} does not look like an e-mail address.")
    return email


def delegate(s: Session, person_id: int | None, new: NewDelegate | None) -> Person:
    """The existing person, or a new one made from `new` (exactly one must be given)."""
    if (person_id is None) == (new is None):
        raise TrainingError("Choose a delegate, or give the name of a new one.")
    if person_id is not None:
        person = s.get(Person, person_id)
        if person is None:
            raise TrainingError("That person no longer exists.")
        return person
    assert new is not None
    name = " ".join(new.name.split())
    if not name:
        raise TrainingError("A new delegate needs a name.")
    if new.agency_id is not None and s.get(Agency, new.agency_id) is None:
        raise TrainingError("That agency no longer exists.")
    email = checked_email(new.email)
    person = Person(key=unique_key(s, Person, name), name=name, agency_id=new.agency_id,
                    job_title=new.job_title.strip() or None, email=email)
    s.add(person)
    s.flush()
    return person


@dataclass(frozen=True)
class PersonMatch:
    id: int
    name: str
    email: str | None
    agency: str | None
    reason: str  # "same e-mail" or "same name"


def likely_duplicates(s: Session, name: str, email: str) -> list[PersonMatch]:
    """People who are probably the one being added: same e-mail, or same name, ignoring case."""
    name = " ".join(name.split()).lower()
    email = email.strip().lower()
    conditions = []
    if name:
        conditions.append(func.lower(Person.name) == name)
    if email:
        conditions.append(func.lower(Person.email) == email)
    if not conditions:
        return []
    rows = s.execute(
        select(Person.id, Person.name, Person.email, Agency.name)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .where(or_(*conditions))
        .order_by(Person.name, Person.id)
    )
    return [
        PersonMatch(pid, pname, pemail, agency,
                    "same e-mail" if email and (pemail or "").lower() == email else "same name")
        for pid, pname, pemail, agency in rows
    ]
