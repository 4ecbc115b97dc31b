"""What a training session's register and certificates print, read in one session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.models import Booking, BookingStatus, SessionFormerKey, TrainingSession
from desktop.models.database import Database
from desktop.services.documents.meeting_record import DocumentError
from desktop.services.settings import load_settings

# Who is on the sign-in sheet: everyone holding a place, whether or not yet marked.
ON_REGISTER = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND)


@dataclass(frozen=True)
class Delegate:
    name: str
    job_title: str | None
    agency: str | None  # the agency as when booked, else the person's
    status: str  # a BookingStatus value


@dataclass(frozen=True)
class SessionPapers:
    id: int
    key: str
    course: str
    start: dt.datetime
    end: dt.datetime | None
    venue: str | None
    trainer: str | None
    duration_minutes: int | None  # the course's usual length; the session's own times win
    delegates: tuple[Delegate, ...]  # on the register, by name
    places: int | None = None  # the session's capacity, else the course's

    @property
    def minutes_long(self) -> int | None:
        """How long this session ran: from its own start and end on the day, else the
        course's usual length (a half-day run of a full-day course lasts half a day; a
        course over several days is the course's hours, not the days and nights between)."""
        if (self.end is not None and self.end > self.start
                and self.end.date() == self.start.date()):
            return int((self.end - self.start).total_seconds() // 60)
        return self.duration_minutes

    @property
    def attended(self) -> tuple[Delegate, ...]:
        return tuple(d for d in self.delegates if d.status == BookingStatus.ATTENDED)


def session_papers(db: Database, session: str | int) -> SessionPapers:
    """The session by key or id with the delegates on its register."""
    query = select(TrainingSession).options(
        selectinload(TrainingSession.course),
        selectinload(TrainingSession.bookings).selectinload(Booking.person),
        selectinload(TrainingSession.bookings).selectinload(Booking.agency))
    with db.session() as s:
        if isinstance(session, int):
            found = s.scalar(query.where(TrainingSession.id == session))
        else:
            # By its key, or a key it had before it moved to another date.
            found = s.scalar(query.where(TrainingSession.key == session)) or s.scalar(
                query.join(SessionFormerKey).where(SessionFormerKey.key == session))
        if found is None:
            raise DocumentError(f"There is no training session {session!r}.", "session")
        delegates = sorted((_delegate(b) for b in found.bookings if b.status in ON_REGISTER),
                           key=lambda d: d.name.casefold())
        return SessionPapers(
            id=found.id, key=found.key, course=found.course.title, start=found.start,
            end=found.end, venue=found.venue_name, trainer=found.trainer_name,
            duration_minutes=found.course.duration_minutes, delegates=tuple(delegates),
            places=found.effective_capacity)


def issuer_warning(db: Database) -> str | None:
    """What to tell the person when certificates would not say who issued them: the
    settings have no organisation name. None when they have one."""
    if load_settings(db).organisation_name.strip():
        return None
    return ("The settings have no organisation name, so the certificates will not say who "
            "issued them: enter it under Settings (Organisation name).")


def _delegate(booking: Booking) -> Delegate:
    person = booking.person
    agency = booking.agency or person.agency
    return Delegate(person.name, person.job_title, agency.name if agency else None,
                    str(booking.status))
