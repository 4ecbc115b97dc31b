"""Training figures for the annual report and the non-attendance charges list.

Every figure is counted by the database (one grouped query per table), so a table costs the
same at 50,000 bookings as at 500. A session belongs to a period by the day it starts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, distinct, func, select

from desktop.models.database import Database
from desktop.models.people import Agency
from desktop.models.training import Booking, BookingStatus, Course, SessionStatus, TrainingSession
from desktop.services.figures.period import Period

# The row for bookings whose agency was never recorded: the paper silently leaves them out
# (its agency table adds up to 687, its course table to 693); we show them, last.
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class CourseAttendance:
    course_id: int
    title: str
    attendees: int
    times_ran: int  # sessions marked as run
    scheduled: int = 0  # sessions still scheduled (not yet marked as run): shown apart


@dataclass(frozen=True)
class AttendanceByCourse:
    period: Period
    rows: tuple[CourseAttendance, ...]

    @property
    def total_attendees(self) -> int:
        return sum(row.attendees for row in self.rows)

    @property
    def total_times_ran(self) -> int:
        return sum(row.times_ran for row in self.rows)

    @property
    def total_scheduled(self) -> int:
        return sum(row.scheduled for row in self.rows)


@dataclass(frozen=True)
class AgencyAttendance:
    agency_id: int | None  # None for the "Not recorded" row
    agency: str
    attendees: int


@dataclass(frozen=True)
class AttendanceByAgency:
    period: Period
    rows: tuple[AgencyAttendance, ...]

    @property
    def total_attendees(self) -> int:
        return sum(row.attendees for row in self.rows)

    @property
    def not_recorded(self) -> int:
        return sum(row.attendees for row in self.rows if row.agency_id is None)


@dataclass(frozen=True)
class CourseCharges:
    course_id: int
    title: str
    attended: int
    did_not_attend: int
    cancelled: int
    late_cancellations_charged: int
    charges_pence: int


@dataclass(frozen=True)
class AgencyCharges:
    agency_id: int | None  # None for the "Not recorded" row
    agency: str
    did_not_attend: int
    late_cancellations_charged: int
    charges_pence: int


@dataclass(frozen=True)
class ChargesReport:
    period: Period
    by_course: tuple[CourseCharges, ...]
    by_agency: tuple[AgencyCharges, ...]

    @property
    def total_pence(self) -> int:
        return sum(row.charges_pence for row in self.by_course)

    @property
    def total_did_not_attend(self) -> int:
        return sum(row.did_not_attend for row in self.by_course)

    @property
    def total_late_cancellations_charged(self) -> int:
        return sum(row.late_cancellations_charged for row in self.by_course)


# Each statement is built once, with the period as bound parameters (`_period`): building
# them with SQLAlchemy cost as much as SQLite took to run them.
def _starts_in() -> ColumnElement[bool]:
    return and_(
        TrainingSession.start >= bindparam("first"),
        TrainingSession.start < bindparam("after"),
    )


def _period(period: Period) -> dict[str, Any]:
    return {"first": period.first_moment, "after": period.after_last_moment}


def _count_where(condition: ColumnElement[bool]) -> Any:
    # CASE without ELSE is NULL, which count() skips: a filtered count in one pass.
    return func.count(case((condition, Booking.id)))


def _charged() -> ColumnElement[bool]:
    # A waived charge stays on the booking for the record but is not owed.
    return and_(Booking.charge_pence > 0, Booking.charge_waived_reason.is_(None))


def _charges_sum() -> Any:
    return func.coalesce(func.sum(case((_charged(), Booking.charge_pence), else_=0)), 0)


def attendance_by_course(db: Database, period: Period) -> AttendanceByCourse:
    """Attendees (bookings attended) and runs (sessions marked as run) of each course, with
    the sessions still scheduled apart: a session nobody marked as run is not counted as run.

    Courses come in id order, which is the order they were entered (and the paper's order);
    a course whose only sessions in the period were cancelled is left out.
    """
    with db.session() as s:
        rows = tuple(CourseAttendance(*row) for row in s.execute(_by_course(), _period(period))
                     if any(row[2:]))
    return AttendanceByCourse(period, rows)


@functools.lru_cache(maxsize=1)
def _by_course() -> Select[Any]:
    attendees = _count_where(Booking.status == BookingStatus.ATTENDED)
    ran = _sessions_where(SessionStatus.COMPLETED)
    scheduled = _sessions_where(SessionStatus.SCHEDULED)
    return (
        select(Course.id, Course.title, attendees, ran, scheduled)
        .join(TrainingSession, TrainingSession.course_id == Course.id)
        .outerjoin(Booking, Booking.session_id == TrainingSession.id)
        .where(_starts_in())
        .group_by(Course.id, Course.title)
        # Courses with nothing attended, run or scheduled are left out by the caller: a
        # HAVING here made SQLite count the distinct sessions twice over.
        .order_by(Course.id)
    )


def _sessions_where(status: SessionStatus) -> Any:
    return func.count(distinct(case((TrainingSession.status == status, TrainingSession.id))))


def attendance_by_agency(db: Database, period: Period) -> AttendanceByAgency:
    """Attendees per agency of the booking (the agency as when booked), in agency id order.

    Agencies with no attendees are not listed; attendees with no agency make one
    "Not recorded" row at the end.
    """
    with db.session() as s:
        rows = tuple(
            AgencyAttendance(agency_id, name or NOT_RECORDED, count)
            for agency_id, name, count in s.execute(_by_agency(), _period(period))
        )
    return AttendanceByAgency(period, rows)


@functools.lru_cache(maxsize=1)
def _by_agency() -> Select[Any]:
    # Attendees counted in the group, not `WHERE status = 'attended'`: with that condition
    # SQLite read every attended booking of every year by the status index (18 ms on the
    # ten-year database) instead of the year's sessions by their start (2 ms).
    attended = _count_where(Booking.status == BookingStatus.ATTENDED)
    return (
        select(Booking.agency_id, Agency.name, attended)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .outerjoin(Agency, Agency.id == Booking.agency_id)
        .where(_starts_in())
        .group_by(Booking.agency_id, Agency.name)
        .having(attended > 0)
        .order_by(Booking.agency_id.is_(None), Booking.agency_id)
    )


def non_attendance_charges(db: Database, period: Period) -> ChargesReport:
    """Did-not-attend, cancellations and the charges raised for them, per course and agency.

    A late cancellation is a cancelled booking that carries a charge: whether a cancellation
    was late enough to charge is decided when it is made, not re-decided here.
    """
    with db.session() as s:
        by_course = tuple(CourseCharges(*row)
                          for row in s.execute(_charges_by_course(), _period(period)))
        by_agency = tuple(
            AgencyCharges(agency_id, name or NOT_RECORDED, dna, late_count, pence)
            for agency_id, name, dna, late_count, pence
            in s.execute(_charges_by_agency(), _period(period)))
    return ChargesReport(period, by_course, by_agency)


@functools.lru_cache(maxsize=1)
def _charges_by_course() -> Select[Any]:
    cancelled = Booking.status == BookingStatus.CANCELLED
    return (
        select(
            Course.id,
            Course.title,
            _count_where(Booking.status == BookingStatus.ATTENDED),
            _count_where(Booking.status == BookingStatus.DID_NOT_ATTEND),
            _count_where(cancelled),
            _count_where(and_(cancelled, _charged())),
            _charges_sum(),
        )
        .join(TrainingSession, TrainingSession.course_id == Course.id)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(_starts_in())
        .group_by(Course.id, Course.title)
        .order_by(Course.id)
    )


@functools.lru_cache(maxsize=1)
def _charges_by_agency() -> Select[Any]:
    did_not_attend = _count_where(Booking.status == BookingStatus.DID_NOT_ATTEND)
    late = _count_where(and_(Booking.status == BookingStatus.CANCELLED, _charged()))
    charges = _charges_sum()
    return (
        select(Booking.agency_id, Agency.name, did_not_attend, late, charges)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .outerjoin(Agency, Agency.id == Booking.agency_id)
        .where(_starts_in())
        .group_by(Booking.agency_id, Agency.name)
        .having((did_not_attend > 0) | (late > 0) | (charges > 0))
        .order_by(Booking.agency_id.is_(None), Booking.agency_id)
    )


@dataclass(frozen=True)
class CourseFigures:
    """One course's year: how often it ran, the places it offered and what became of them."""

    course_id: int
    title: str
    attendees: int
    times_ran: int  # sessions marked as run
    places_offered: int  # capacity of the sessions that ran (a session without one adds 0)
    did_not_attend: int
    cancellations: int  # bookings cancelled, by the delegate or with their session
    scheduled: int = 0  # sessions still scheduled (not yet marked as run): shown apart


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int | None  # None for the "Not recorded" row
    agency: str
    attendees: int
    did_not_attend: int
    cancellations: int


def course_figures(db: Database, period: Period) -> tuple[CourseFigures, ...]:
    """Per course, in id order: the training table with places offered, DNA and cancellations.

    Places are summed per session first, so the bookings joined in do not multiply them.
    """
    ran = TrainingSession.status == SessionStatus.COMPLETED
    capacity = func.coalesce(TrainingSession.capacity, Course.capacity, 0)
    places = (
        select(TrainingSession.course_id.label("course_id"),
               func.count(TrainingSession.id).label("times_ran"),
               func.sum(capacity).label("places"))
        .join(Course, Course.id == TrainingSession.course_id)
        .where(_starts_in(), ran)
        .group_by(TrainingSession.course_id)
        .subquery()
    )
    stmt = (
        select(
            Course.id, Course.title,
            _count_where(Booking.status == BookingStatus.ATTENDED),
            func.coalesce(places.c.times_ran, 0), func.coalesce(places.c.places, 0),
            _count_where(Booking.status == BookingStatus.DID_NOT_ATTEND),
            _count_where(Booking.status == BookingStatus.CANCELLED),
            _sessions_where(SessionStatus.SCHEDULED),
        )
        .join(TrainingSession, TrainingSession.course_id == Course.id)
        .outerjoin(Booking, Booking.session_id == TrainingSession.id)
        .outerjoin(places, places.c.course_id == Course.id)
        .where(_starts_in())
        .group_by(Course.id, Course.title, places.c.times_ran, places.c.places)
        .order_by(Course.id)
    )
    with db.session() as s:
        return tuple(CourseFigures(*row) for row in s.execute(stmt, _period(period)))


def agency_figures(db: Database, period: Period) -> tuple[AgencyFigures, ...]:
    """Per agency of the booking: attendees, did-not-attend and cancellations; agencies with
    none of these are left out, bookings without an agency make a last "Not recorded" row."""
    attended = _count_where(Booking.status == BookingStatus.ATTENDED)
    dna = _count_where(Booking.status == BookingStatus.DID_NOT_ATTEND)
    cancelled = _count_where(Booking.status == BookingStatus.CANCELLED)
    stmt = (
        select(Booking.agency_id, Agency.name, attended, dna, cancelled)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .outerjoin(Agency, Agency.id == Booking.agency_id)
        .where(_starts_in())
        .group_by(Booking.agency_id, Agency.name)
        .having((attended > 0) | (dna > 0) | (cancelled > 0))
        .order_by(Booking.agency_id.is_(None), Booking.agency_id)
    )
    with db.session() as s:
        return tuple(
            AgencyFigures(agency_id, name or NOT_RECORDED, *counts)
            for agency_id, name, *counts in s.execute(stmt, _period(period))
        )
