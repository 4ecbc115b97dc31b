"""The facts an invitation or e-mail is built from, read in one session: a meeting's or a
training session's times, venue and the people to invite (with or without an address)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.models import (
    Board,
    Booking,
    BookingStatus,
    Meeting,
    Membership,
    SessionStatus,
    TrainingSession,
)
from desktop.models.people import Person
from desktop.services.errors import InvalidInput
from desktop.services.training.sessions import find_session as session_by_key

MEETING_LENGTH = dt.timedelta(hours=2)  # when a meeting's end time is not recorded
SESSION_LENGTH = dt.timedelta(hours=3)  # when neither the session nor the course says


@dataclass(frozen=True)
class Recipient:
    person_id: int
    name: str  # as addressed: "Dr Jane Smith"
    email: str | None
    booking_id: int | None = None
    agency: str | None = None


@dataclass(frozen=True)
class EventFacts:
    """One meeting or one training session, as a calendar event."""

    meeting_id: int | None
    session_id: int | None
    summary: str  # "Safeguarding Board meeting", "Graded Care Profile lite bite"
    start: dt.datetime | dt.date  # local (Europe/London) wall-clock time; a date: all day
    end: dt.datetime | dt.date
    venue: str | None
    description: str
    cancelled: bool
    attendees: tuple[Recipient, ...]  # everyone invited, with or without an address

    @property
    def fingerprint_source(self) -> str:
        return f"{self.start.isoformat()}|{self.end.isoformat()}|{(self.venue or '').strip()}"


class OutlookError(InvalidInput):
    pass


def person_recipient(person: Person, booking: Booking | None = None) -> Recipient:
    agency = (booking.agency if booking is not None and booking.agency else None) or person.agency
    email = (person.email or "").strip() or None
    return Recipient(person.id, person.display_name, email,
                     booking.id if booking is not None else None,
                     agency.name if agency is not None else None)


def find_meeting(s: Session, meeting: str | int) -> Meeting:
    query = select(Meeting).options(
        selectinload(Meeting.board).selectinload(Board.memberships)
        .selectinload(Membership.person).selectinload(Person.agency))
    query = query.where(Meeting.id == meeting if isinstance(meeting, int)
                        else Meeting.key == meeting)
    found = s.scalar(query)
    if found is None:
        raise OutlookError(f"There is no meeting {meeting!r}.", "meeting")
    return found


def find_session(s: Session, session: str | int) -> TrainingSession:
    query = select(TrainingSession).options(
        selectinload(TrainingSession.course),
        selectinload(TrainingSession.bookings).selectinload(Booking.person)
        .selectinload(Person.agency),
        selectinload(TrainingSession.bookings).selectinload(Booking.agency))
    if isinstance(session, str):
        # By its key, or one it had before it moved to another date.
        keyed = session_by_key(s, session)
        if keyed is None:
            raise OutlookError(f"There is no training session {session!r}.", "session")
        session = keyed.id
    found = s.scalar(query.where(TrainingSession.id == session))
    if found is None:
        raise OutlookError(f"There is no training session {session!r}.", "session")
    return found


def meeting_title(meeting: Meeting) -> str:
    return meeting.title or f"{meeting.board.name} meeting"


def meeting_members(meeting: Meeting) -> tuple[Recipient, ...]:
    """The group's members on the meeting's day, each once, by name."""
    seen: dict[int, Recipient] = {}
    for membership in meeting.board.memberships:
        if membership.covers(meeting.date) and membership.person_id not in seen:
            seen[membership.person_id] = person_recipient(membership.person)
    return tuple(sorted(seen.values(), key=lambda r: r.name.casefold()))


def meeting_facts(s: Session, meeting: Meeting, cancelled: bool = False) -> EventFacts:
    start: dt.datetime | dt.date = meeting.date
    end: dt.datetime | dt.date = meeting.date + dt.timedelta(days=1)
    if meeting.start is not None:
        start = dt.datetime.combine(meeting.date, meeting.start)
        end = (dt.datetime.combine(meeting.date, meeting.end)
               if meeting.end is not None and meeting.end > meeting.start
               else start + MEETING_LENGTH)
    agenda = [f"{item.number} {item.title}".strip() for item in meeting.items
              if not item.confidential]
    description = meeting_title(meeting)
    if agenda:
        description += "\n\nAgenda:\n" + "\n".join(agenda)
    return EventFacts(meeting.id, None, meeting_title(meeting), start, end, meeting.venue,
                      description, cancelled, meeting_members(meeting))


def booked(session: TrainingSession) -> list[Booking]:
    return [b for b in session.bookings if b.status == BookingStatus.BOOKED]


def session_end(session: TrainingSession) -> dt.datetime:
    if session.end is not None and session.end > session.start:
        return session.end
    minutes = session.course.duration_minutes
    return session.start + (dt.timedelta(minutes=minutes) if minutes else SESSION_LENGTH)


def session_facts(s: Session, session: TrainingSession, cancelled: bool = False) -> EventFacts:
    course = session.course
    description = course.title
    if course.description:
        description += "\n\n" + course.description
    if session.trainer:
        description += f"\n\nTrainer: {session.trainer_name}"
    cancelled = cancelled or session.status == SessionStatus.CANCELLED
    # A cancelled session goes to those whose places it cancelled.
    invited = ([b for b in session.bookings if b.status == BookingStatus.CANCELLED]
               if session.status == SessionStatus.CANCELLED else booked(session))
    attendees = tuple(sorted((person_recipient(b.person, b) for b in invited),
                             key=lambda r: r.name.casefold()))
    return EventFacts(None, session.id, course.title, session.start, session_end(session),
                      session.venue_name, description, cancelled, attendees)
