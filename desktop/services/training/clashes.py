"""What to warn about before a session is saved: another session at the same venue or with the
same trainer at overlapping times, and more places than the room holds.

These are warnings, not rules: two courses can share a large hall, and a trainer can be told
twice by mistake in the other session. The form shows them and saves only when confirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from desktop.models import Course, SessionStatus, TrainingSession, Venue
from desktop.models.database import Database
from desktop.services.training.sessions import SessionDetails

# A session typed without an end time is taken to last the course's length, else this long.
DEFAULT_LENGTH = dt.timedelta(hours=3)


@dataclass(frozen=True)
class Clash:
    session_id: int
    course: str
    start: dt.datetime
    end: dt.datetime
    same_venue: bool
    same_trainer: bool
    venue: str | None
    trainer: str | None

    def describe(self) -> str:
        what = []
        if self.same_venue:
            what.append(f"at {self.venue}")
        if self.same_trainer:
            what.append(f"with {self.trainer}")
        return (f"{self.course} on {self.start:%d/%m/%Y} {self.start:%H:%M}–{self.end:%H:%M} "
                f"is also {' and '.join(what)}.")


@dataclass(frozen=True)
class SessionWarnings:
    clashes: tuple[Clash, ...]
    # The room's capacity when the session offers more places than it holds, else None.
    room_capacity: int | None
    places: int | None

    @property
    def any(self) -> bool:
        return bool(self.clashes) or self.room_capacity is not None

    def describe(self) -> list[str]:
        lines = [clash.describe() for clash in self.clashes]
        if self.room_capacity is not None:
            lines.append(f"The session offers {self.places} places but the room holds "
                         f"{self.room_capacity}.")
        return lines


def _end(start: dt.datetime, end: dt.datetime | None, minutes: int | None) -> dt.datetime:
    if end is not None:
        return end
    return start + (dt.timedelta(minutes=minutes) if minutes else DEFAULT_LENGTH)


def session_warnings(db: Database, details: SessionDetails,
                     session_id: int | None = None) -> SessionWarnings:
    """Clashes of the session as it would be saved (`session_id`: the one being changed, not
    counted against itself); cancelled sessions clash with nothing."""
    with db.session() as s:
        course = s.get(Course, details.course_id)
        minutes = course.duration_minutes if course is not None else None
        start = details.start
        end = _end(start, details.end, minutes)
        clashes: list[Clash] = []
        same = []
        if details.venue_id is not None:
            same.append(TrainingSession.venue_id == details.venue_id)
        if details.trainer_id is not None:
            same.append(TrainingSession.trainer_id == details.trainer_id)
        if same:
            # Candidates start before this one ends and on or after the day before it: no
            # session runs for more than a day, so the end is checked in Python.
            candidates = s.scalars(
                select(TrainingSession)
                .options(selectinload(TrainingSession.course),
                         selectinload(TrainingSession.venue),
                         selectinload(TrainingSession.trainer))
                .where(or_(*same), TrainingSession.status != SessionStatus.CANCELLED,
                       TrainingSession.id != (session_id or 0),
                       TrainingSession.start < end,
                       TrainingSession.start >= start - dt.timedelta(days=1))
                .order_by(TrainingSession.start, TrainingSession.id))
            for other in candidates:
                other_end = _end(other.start, other.end, other.course.duration_minutes)
                if other_end <= start:
                    continue
                same_venue = details.venue_id is not None and other.venue_id == details.venue_id
                same_trainer = (details.trainer_id is not None
                                and other.trainer_id == details.trainer_id)
                clashes.append(Clash(other.id, other.course.title, other.start, other_end,
                                     same_venue, same_trainer, other.venue_name,
                                     other.trainer_name))
        places = details.capacity if details.capacity is not None else (
            course.capacity if course is not None else None)
        room = s.get(Venue, details.venue_id) if details.venue_id is not None else None
        over = (room is not None and room.room_capacity is not None and places is not None
                and places > room.room_capacity)
        return SessionWarnings(tuple(clashes), room.room_capacity if over and room else None,
                               places)
