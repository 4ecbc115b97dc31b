"""Why places were cancelled or not attended: the reasons recorded with each booking, counted.

A booking cancelled or marked did-not-attend before reasons were recorded counts under
"Not recorded". A session belongs to a period by the day it starts, as in the other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from desktop.models.database import Database
from desktop.models.training import Booking, BookingStatus, TrainingSession
from desktop.services.figures.period import Period
from desktop.services.figures.training import NOT_RECORDED
from desktop.services.training.common import BOOKING_REASONS


@dataclass(frozen=True)
class ReasonCount:
    code: str | None  # a code of the short list; None: not recorded
    label: str
    count: int


@dataclass(frozen=True)
class BookingReasons:
    period: Period
    cancellations: tuple[ReasonCount, ...]  # most frequent first
    non_attendance: tuple[ReasonCount, ...]

    @property
    def total_cancellations(self) -> int:
        return sum(r.count for r in self.cancellations)

    @property
    def total_non_attendance(self) -> int:
        return sum(r.count for r in self.non_attendance)


def booking_reasons(db: Database, period: Period) -> BookingReasons:
    """Cancelled and did-not-attend bookings of sessions in the period, per reason."""
    return BookingReasons(period, _counts(db, period, BookingStatus.CANCELLED),
                          _counts(db, period, BookingStatus.DID_NOT_ATTEND))


def _counts(db: Database, period: Period, status: BookingStatus) -> tuple[ReasonCount, ...]:
    stmt = (
        select(Booking.reason, func.count(Booking.id))
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .where(and_(TrainingSession.start >= period.first_moment,
                    TrainingSession.start < period.after_last_moment),
               Booking.status == status)
        .group_by(Booking.reason)
    )
    with db.session() as s:
        rows = [(code, count) for code, count in s.execute(stmt)]
    rows.sort(key=lambda row: (row[0] is None, -row[1], row[0] or ""))
    return tuple(ReasonCount(code, BOOKING_REASONS.get(code, code) if code else NOT_RECORDED,
                             count) for code, count in rows)
