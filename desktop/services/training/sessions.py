"""Sessions of a course: scheduling them, and the calendar-like list with how full each is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import (
    Booking,
    BookingStatus,
    Course,
    SessionFormerKey,
    SessionStatus,
    Trainer,
    TrainingSession,
    Venue,
)
from desktop.models.database import Database
from desktop.services.keys import slugify
from desktop.services.training.common import (
    PLACE_HOLDING,
    DecisionNeeded,
    Reason,
    TrainingError,
    get_session,
    now_or,
    record_reason,
    waiting_list,
)


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
            key=_session_key(s, course, details.start),
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


def _keys_like(s: Session, column: Any, slug: str) -> set[str]:
    # A slug is only [a-z0-9-], so it holds no LIKE wildcards.
    return set(s.scalars(select(column).where(or_(column == slug, column.like(slug + "-%")))))


def _session_key(s: Session, course: Course, start: dt.datetime,
                 session: TrainingSession | None = None) -> str:
    """The course's key and the date: slug, slug-2, ...; never a key a session has or had
    (a former key of `session` itself may be taken back when it returns to that date)."""
    slug = slugify(f"{course.key} {start:%Y-%m-%d}")
    taken = (_keys_like(s, TrainingSession.key, slug)
             | _keys_like(s, SessionFormerKey.key, slug))
    if session is not None:
        taken -= {f.key for f in session.former_keys} | {session.key}
    n, key = 1, slug
    while key in taken:
        n += 1
        key = f"{slug}-{n}"
    return key


def _follows(key: str, slug: str) -> bool:
    return key == slug or (key.startswith(slug + "-") and key[len(slug) + 1:].isdigit())


def follow_key(s: Session, session: TrainingSession) -> None:
    """After a move to another date (or course), the key follows: the old one is kept as a
    former key, so the CLI and an import still find the session by it."""
    slug = slugify(f"{session.course.key} {session.start:%Y-%m-%d}")
    if _follows(session.key, slug):
        return
    key = _session_key(s, session.course, session.start, session)
    for former in list(session.former_keys):
        if former.key == key:  # back on a date it had: that key is its own again
            session.former_keys.remove(former)
            s.delete(former)
    s.flush()
    session.former_keys.append(SessionFormerKey(key=session.key))
    session.key = key
    s.flush()


def find_session(s: Session, key: str) -> TrainingSession | None:
    """The session with this key, or that had it before it moved."""
    found = s.scalar(select(TrainingSession).where(TrainingSession.key == key))
    if found is None:
        found = s.scalar(select(TrainingSession).join(SessionFormerKey)
                         .where(SessionFormerKey.key == key))
    return found


def mark_completed(db: Database, session_id: int, cancel_waiting: bool = False,
                   now: dt.datetime | None = None) -> SessionInfo:
    """The session has run: its register is what happened.

    Refused before it starts. Whoever is still on its waiting list did not get a place: with
    `cancel_waiting` their places are cancelled, free of charge; without it, and someone
    waiting, `DecisionNeeded` says how many (the screen asks).
    """
    moment = now_or(now)
    with db.transaction() as s:
        session = get_session(s, session_id)
        if session.status == SessionStatus.CANCELLED:
            raise TrainingError("A cancelled session cannot be marked as run.")
        if session.start > moment:
            raise TrainingError(
                f"The session starts on {session.start:%d/%m/%Y at %H:%M}: it can be marked "
                "as run once it has started.")
        waiting = waiting_list(session)
        if waiting and not cancel_waiting:
            raise DecisionNeeded(
                f"{len(waiting)} still on the waiting list: marking the session as run cancels "
                "their places, free of charge.")
        for booking in waiting:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = moment
            booking.charge_pence = None
            record_reason(booking, Reason("session_ran"))
        session.status = SessionStatus.COMPLETED
    return get_session_info(db, session_id)
