"""The training figures partnerships publish, per course and per agency: registrations,
walk-ins, attendance, places used, and the attendance, no-show and cancellation rates.

What each word means here (the figures document prints the same definitions):
- a *registration* is a place booked before the session started: booked, attended, did not
  attend or cancelled (someone still on the waiting list never had a place);
- a *walk-in* came without a booking: attended, booked on or after the session's start;
- *attended* counts registrations that attended and walk-ins;
- *places offered* are the places of the sessions that ran (marked as run); sessions still
  scheduled are counted apart, and cancelled sessions and their bookings are left out;
- *places used* is attended over places offered; the *attendance*, *no-show* and
  *cancellation rates* are registrations that attended, did not attend or cancelled, over
  registrations.

A session belongs to a period by the day it starts. One grouped query per table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, select

from desktop.models.database import Database
from desktop.models.people import Agency
from desktop.models.training import Booking, BookingStatus, Course, SessionStatus, TrainingSession
from desktop.services.figures.period import Period
from desktop.services.figures.training import NOT_RECORDED

# The reason recorded on a waiting place cancelled when its session was marked as run
# (services/training/sessions.py mark_completed).
TAKEN_OFF_WAITING_LIST = "session_ran"


@dataclass(frozen=True)
class Counts:
    """The counts one row of either table is made of (rates are worked out from them)."""

    registrations: int
    walk_ins: int
    attended: int  # registrations attended + walk-ins
    registered_attended: int
    did_not_attend: int
    cancelled: int

    @property
    def attendance_rate(self) -> float | None:
        return _rate(self.registered_attended, self.registrations)

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.did_not_attend, self.registrations)

    @property
    def cancellation_rate(self) -> float | None:
        return _rate(self.cancelled, self.registrations)


@dataclass(frozen=True)
class CourseRow(Counts):
    course_id: int | None  # None for the total
    title: str
    sessions_run: int
    sessions_scheduled: int  # in the period but not (yet) marked as run
    places_offered: int

    @property
    def places_used(self) -> float | None:
        return _rate(self.attended, self.places_offered)


@dataclass(frozen=True)
class AgencyRow(Counts):
    agency_id: int | None  # None for "Not recorded" and for the total
    agency: str


@dataclass(frozen=True)
class TrainingFigures:
    period: Period
    by_course: tuple[CourseRow, ...]
    by_agency: tuple[AgencyRow, ...]  # by name, "Not recorded" last

    @property
    def course_total(self) -> CourseRow:
        return CourseRow(**_summed(self.by_course, CourseRow), course_id=None, title="Total")

    @property
    def agency_total(self) -> AgencyRow:
        return AgencyRow(**_summed(self.by_agency, AgencyRow), agency_id=None, agency="Total")


def _summed(rows: tuple[Any, ...], cls: type) -> dict[str, int]:
    numeric = [f.name for f in fields(cls) if f.type in ("int", int)]
    return {name: sum(getattr(row, name) for row in rows) for name in numeric}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def show_rate(rate: float | None) -> str:
    """0.456 -> "46%"; no denominator -> "–" (nothing to divide by, not zero)."""
    return "–" if rate is None else f"{round(rate * 100)}%"


def _count(condition: ColumnElement[bool]) -> Any:
    # CASE without ELSE is NULL, which count() skips: a filtered count in one pass.
    return func.count(case((condition, Booking.id)))


def _walk_in() -> ColumnElement[bool]:
    return and_(Booking.status == BookingStatus.ATTENDED, Booking.booked_at.is_not(None),
                Booking.booked_at >= TrainingSession.start)


def _registration() -> ColumnElement[bool]:
    # A waiting place cancelled when the session was marked as run never was a place
    # (coalesce: a booking without a reason must not make the whole condition NULL).
    took_no_place = and_(Booking.status == BookingStatus.CANCELLED,
                         func.coalesce(Booking.reason, "") == TAKEN_OFF_WAITING_LIST)
    return and_(Booking.status != BookingStatus.WAITING, not_(_walk_in()), not_(took_no_place))


def _booking_counts() -> tuple[Any, ...]:
    registered = _registration()
    return (
        _count(registered), _count(_walk_in()),
        _count(Booking.status == BookingStatus.ATTENDED),
        _count(and_(registered, Booking.status == BookingStatus.ATTENDED)),
        _count(Booking.status == BookingStatus.DID_NOT_ATTEND),
        _count(and_(registered, Booking.status == BookingStatus.CANCELLED)),
    )


def _in_period(period: Period) -> ColumnElement[bool]:
    return and_(TrainingSession.start >= period.first_moment,
                TrainingSession.start < period.after_last_moment,
                TrainingSession.status != SessionStatus.CANCELLED)


def training_figures(db: Database, period: Period) -> TrainingFigures:
    with db.session() as s:
        by_course = tuple(CourseRow(**_named(counts), course_id=cid, title=title,
                                    sessions_run=run, sessions_scheduled=scheduled,
                                    places_offered=places)
                          for cid, title, run, scheduled, places, *counts
                          in s.execute(_course_query(period)))
        agencies = [AgencyRow(**_named(counts), agency_id=aid, agency=name or NOT_RECORDED)
                    for aid, name, *counts in s.execute(_agency_query(period))]
    agencies.sort(key=lambda a: (a.agency_id is None, a.agency.casefold()))
    return TrainingFigures(period, by_course, tuple(agencies))


def _named(counts: list[int]) -> dict[str, int]:
    """The counts of `_booking_counts`, in its order, by the names of `Counts`."""
    return dict(zip((f.name for f in fields(Counts)), counts, strict=True))


def _course_query(period: Period) -> Any:
    ran = TrainingSession.status == SessionStatus.COMPLETED
    capacity = func.coalesce(TrainingSession.capacity, Course.capacity, 0)
    # Sessions and places per course first, so the bookings joined below do not multiply them.
    sessions = (
        select(TrainingSession.course_id.label("course_id"),
               func.count(case((ran, TrainingSession.id))).label("run"),
               func.count(case((~ran, TrainingSession.id))).label("scheduled"),
               func.coalesce(func.sum(case((ran, capacity), else_=0)), 0).label("places"))
        .join(Course, Course.id == TrainingSession.course_id)
        .where(_in_period(period))
        .group_by(TrainingSession.course_id)
        .subquery()
    )
    return (
        select(Course.id, Course.title, sessions.c.run, sessions.c.scheduled,
               sessions.c.places, *_booking_counts())
        .join(sessions, sessions.c.course_id == Course.id)
        .join(TrainingSession, TrainingSession.course_id == Course.id)
        .outerjoin(Booking, Booking.session_id == TrainingSession.id)
        .where(_in_period(period))
        .group_by(Course.id, Course.title, sessions.c.run, sessions.c.scheduled,
                  sessions.c.places)
        .order_by(Course.id)
    )


def _agency_query(period: Period) -> Any:
    counts = _booking_counts()
    return (
        select(Booking.agency_id, Agency.name, *counts)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .outerjoin(Agency, Agency.id == Booking.agency_id)
        .where(_in_period(period))
        .group_by(Booking.agency_id, Agency.name)
        # An agency with only waiting-list bookings has nothing to publish.
        .having((counts[0] > 0) | (counts[1] > 0))
    )


def first_session_day(db: Database) -> dt.date | None:
    """The day of the earliest session, to offer reporting years back to it."""
    with db.session() as s:
        first = s.scalar(select(func.min(TrainingSession.start)))
    return first.date() if first is not None else None
