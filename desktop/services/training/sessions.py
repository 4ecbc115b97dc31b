"""Sessions of a course: scheduling them, and the calendar-like list with how full each is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Booking,
    BookingStatus,
    Course,
    SessionStatus,
    Trainer,
    TrainingSession,
    Venue,
)
from desktop.models.database import Database
from desktop.services.keys import unique_key
from desktop.services.training.common import PLACE_HOLDING, TrainingError


@dataclass(frozen=True)
class SessionInfo:
    id: int
    key: str
    course_id: int
    course: str
    start: dt.datetime
    end: dt.datetime | None
    venue: str | None
    trainer: str | None
    capacity: int | None  # the session's own, else the course's; None = no limit
    status: str  # a SessionStatus value
    places_taken: int  # booked, attended or did not attend
    waiting: int
    attended: int
    venue_id: int | None = None
    trainer_id: int | None = None

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.places_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.places_taken >= self.capacity


@dataclass(frozen=True)
class SessionDetails:
    course_id: int
    start: dt.datetime
    end: dt.datetime | None = None
    venue_id: int | None = None
    trainer_id: int | None = None
    capacity: int | None = None  # None: the course's capacity


def _count(condition: ColumnElement[bool]) -> Any:
    # CASE without ELSE is NULL, which count() skips: a filtered count in one pass.
    return func.count(case((condition, Booking.id)))


def list_sessions(
    db: Database, start: dt.date | None = None, end: dt.date | None = None,
    course_id: int | None = None,
) -> tuple[SessionInfo, ...]:
    """Sessions starting from `start` to `end` (both days included, either open), by start."""
    stmt = (
        select(
            TrainingSession.id, TrainingSession.key, Course.id, Course.title,
            TrainingSession.start, TrainingSession.end, Venue.name,
            Trainer.name, func.coalesce(TrainingSession.capacity, Course.capacity),
            TrainingSession.status, _count(Booking.status.in_(PLACE_HOLDING)),
            _count(Booking.status == BookingStatus.WAITING),
            _count(Booking.status == BookingStatus.ATTENDED),
            TrainingSession.venue_id, TrainingSession.trainer_id,
        )
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(Venue, Venue.id == TrainingSession.venue_id)
        .outerjoin(Trainer, Trainer.id == TrainingSession.trainer_id)
        .outerjoin(Booking, Booking.session_id == TrainingSession.id)
        .group_by(TrainingSession.id, Course.id, Venue.id, Trainer.id)
        .order_by(TrainingSession.start, TrainingSession.id)
    )
    conditions = []
    if start is not None:
        conditions.append(TrainingSession.start >= dt.datetime.combine(start, dt.time.min))
    if end is not None:
        after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
        conditions.append(TrainingSession.start < after)
    if course_id is not None:
        conditions.append(TrainingSession.course_id == course_id)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    with db.session() as s:
        return tuple(_session_info(row) for row in s.execute(stmt))


def _session_info(row: Any) -> SessionInfo:
    (id_, key, course_id, course, start, end, venue, trainer, capacity, status, taken,
     waiting, attended, venue_id, trainer_id) = row
    return SessionInfo(id_, key, course_id, course, start, end, venue, trainer, capacity,
                       SessionStatus(status).value, taken, waiting, attended, venue_id,
                       trainer_id)


def get_session_info(db: Database, session_id: int) -> SessionInfo:
    with db.session() as s:
        start = s.scalar(select(TrainingSession.start).where(TrainingSession.id == session_id))
    if start is None:
        raise TrainingError("That session no longer exists.")
    found = [i for i in list_sessions(db, start.date(), start.date()) if i.id == session_id]
    return found[0]


def schedule_session(db: Database, details: SessionDetails) -> SessionInfo:
    """A new session of a course, scheduled."""
    if details.end is not None and details.end <= details.start:
        raise TrainingError("A session must end after it starts.")
    if details.capacity is not None and details.capacity <= 0:
        raise TrainingError("The capacity must be at least one place.")
    with db.transaction() as s:
        course = s.get(Course, details.course_id)
        if course is None:
            raise TrainingError("That course no longer exists.")
        session = TrainingSession(
            key=unique_key(s, TrainingSession, f"{course.key} {details.start:%Y-%m-%d}"),
            course=course, start=details.start, end=details.end,
            venue=venue_of(s, details), trainer=trainer_of(s, details),
            capacity=details.capacity, status=SessionStatus.SCHEDULED,
        )
        s.add(session)
        s.flush()
        session_id = session.id
    return get_session_info(db, session_id)


def venue_of(s: Session, details: SessionDetails) -> Venue | None:
    """The chosen venue record (None when none is chosen); refused if it was removed."""
    if details.venue_id is None:
        return None
    venue = s.get(Venue, details.venue_id)
    if venue is None:
        raise TrainingError("That venue no longer exists.")
    return venue


def trainer_of(s: Session, details: SessionDetails) -> Trainer | None:
    if details.trainer_id is None:
        return None
    trainer = s.get(Trainer, details.trainer_id)
    if trainer is None:
        raise TrainingError("That trainer no longer exists.")
    return trainer


def mark_completed(db: Database, session_id: int) -> SessionInfo:
    """The session has run: its register is what happened."""
    with db.transaction() as s:
        session = s.get(TrainingSession, session_id)
        if session is None:
            raise TrainingError("That session no longer exists.")
        if session.status == SessionStatus.CANCELLED:
            raise TrainingError("A cancelled session cannot be marked as run.")
        session.status = SessionStatus.COMPLETED
    return get_session_info(db, session_id)
