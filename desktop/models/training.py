"""Training courses, their sessions, and the bookings of delegates onto sessions.

Money is held as whole pence, never as floating point.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, StrEnum, enum_column, key_column
from desktop.models.people import Agency, Person
from desktop.models.training_records import Trainer, Venue


class CourseLevel(StrEnum):
    UNIVERSAL = "universal"
    TARGETED = "targeted"
    SPECIALIST = "specialist"


class CourseFormat(StrEnum):
    FULL_DAY = "full_day"
    HALF_DAY = "half_day"
    LITE_BITE = "lite_bite"
    CONFERENCE = "conference"
    E_LEARNING = "e_learning"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    DID_NOT_ATTEND = "did_not_attend"


class Course(Base):
    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint(
            "duration_minutes IS NULL OR duration_minutes > 0", name="duration_positive"
        ),
        CheckConstraint(
            "non_attendance_charge_pence IS NULL OR non_attendance_charge_pence >= 0",
            name="charge_not_negative",
        ),
        CheckConstraint(
            "late_cancellation_charge_pence IS NULL OR late_cancellation_charge_pence >= 0",
            name="late_charge_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    title: Mapped[str] = mapped_column(String(300))
    level: Mapped[CourseLevel | None] = mapped_column(enum_column(CourseLevel, "course_level"))
    format: Mapped[CourseFormat | None] = mapped_column(enum_column(CourseFormat, "course_format"))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    capacity: Mapped[int | None] = mapped_column(Integer)
    non_attendance_charge_pence: Mapped[int | None] = mapped_column(Integer)
    late_cancellation_charge_pence: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)

    sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="course", order_by="TrainingSession.start"
    )

    def __repr__(self) -> str:
        return f"Course({self.key!r})"


class TrainingSession(Base):
    """One running of a course on a date."""

    __tablename__ = "training_session"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        CheckConstraint('"end" IS NULL OR start <= "end"', name="times_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    end: Mapped[dt.datetime | None] = mapped_column(DateTime)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"), index=True)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("trainer.id"), index=True)
    # None means the course's capacity.
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[SessionStatus] = mapped_column(
        enum_column(SessionStatus, "session_status"), default=SessionStatus.SCHEDULED
    )

    course: Mapped[Course] = relationship(back_populates="sessions")
    venue: Mapped[Venue | None] = relationship()
    trainer: Mapped[Trainer | None] = relationship()
    bookings: Mapped[list[Booking]] = relationship(
        back_populates="session", order_by="(Booking.booked_at, Booking.id)"
    )
    former_keys: Mapped[list[SessionFormerKey]] = relationship(
        back_populates="session", order_by="SessionFormerKey.id"
    )

    @property
    def venue_name(self) -> str | None:
        return self.venue.name if self.venue is not None else None

    @property
    def trainer_name(self) -> str | None:
        return self.trainer.name if self.trainer is not None else None

    @property
    def effective_capacity(self) -> int | None:
        return self.capacity if self.capacity is not None else self.course.capacity


class SessionFormerKey(Base):
    """A key a session had before it moved to another date: still found by the CLI and an
    import, so that a key written down (or in an older export) keeps meaning the session."""

    __tablename__ = "training_session_former_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)

    session: Mapped[TrainingSession] = relationship(back_populates="former_keys")


class Booking(Base):
    """One booking event: a place (or a place on the waiting list) asked for, and what became
    of it. Booking again after a cancellation is a new row, so the cancelled one keeps its
    charge; a person holds at most one booking that is not cancelled per session."""

    __tablename__ = "booking"
    __table_args__ = (
        Index("uq_booking_active_place", "session_id", "person_id", unique=True,
              sqlite_where=text("status <> 'cancelled'")),
        CheckConstraint("charge_pence IS NULL OR charge_pence >= 0", name="charge_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[BookingStatus] = mapped_column(
        enum_column(BookingStatus, "booking_status"), index=True
    )
    booked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The delegate's agency when booked: people move, the charge goes where they were.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    charge_pence: Mapped[int | None] = mapped_column(Integer)
    charge_waived_reason: Mapped[str | None] = mapped_column(Text)
    # Why it was cancelled or not attended: a code of the short list (BOOKING_REASONS in the
    # training services) and what the coordinator added in their own words.
    reason: Mapped[str | None] = mapped_column(String(40))
    reason_note: Mapped[str | None] = mapped_column(Text)

    session: Mapped[TrainingSession] = relationship(back_populates="bookings")
    person: Mapped[Person] = relationship()
    agency: Mapped[Agency | None] = relationship()
