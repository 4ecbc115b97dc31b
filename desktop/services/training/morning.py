"""What a training coordinator needs first thing: the sessions of the next two weeks with the
places left and who is waiting, the registers of sessions already held that are not marked
yet, and the charges there are to invoice this reporting year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models import Booking, BookingStatus, Course, SessionStatus, TrainingSession
from desktop.models.database import Database
from desktop.services.figures import Period
from desktop.services.training.charges import charges_period, invoice_list
from desktop.services.training.sessions import SessionInfo, list_sessions

AHEAD = dt.timedelta(days=14)
UNMARKED_SHOWN = 10


@dataclass(frozen=True)
class UnmarkedRegister:
    session_id: int
    course: str
    start: dt.datetime
    unmarked: int  # bookings neither attended nor did-not-attend


@dataclass(frozen=True)
class ChargesToInvoice:
    period: Period
    charges: int
    agencies: int
    total_pence: int


@dataclass(frozen=True)
class TrainingMorning:
    coming: tuple[SessionInfo, ...]  # scheduled, in the next two weeks
    unmarked: tuple[UnmarkedRegister, ...]  # the latest first, at most UNMARKED_SHOWN
    unmarked_total: int  # how many sessions in all have an unmarked register
    charges: ChargesToInvoice


def training_morning(db: Database, now: dt.datetime | None = None) -> TrainingMorning:
    now = now or dt.datetime.now()
    today = now.date()
    coming = tuple(s for s in list_sessions(db, today, today + AHEAD)
                   if s.status == SessionStatus.SCHEDULED.value and s.start >= now)
    unmarked, total = _unmarked(db, now)
    invoice = invoice_list(db, charges_period(db, today=today))
    charges = ChargesToInvoice(invoice.period, sum(len(a.lines) for a in invoice.agencies),
                               len(invoice.agencies), invoice.total_pence)
    return TrainingMorning(coming, unmarked, total, charges)


def _unmarked(db: Database, now: dt.datetime) -> tuple[tuple[UnmarkedRegister, ...], int]:
    """Sessions over (ended, or started if no end is recorded), not cancelled, with a booking
    still only "booked": its register is waiting to be taken."""
    over = func.coalesce(TrainingSession.end, TrainingSession.start) < now
    stmt = (
        select(TrainingSession.id, Course.title, TrainingSession.start, func.count(Booking.id))
        .join(Course, Course.id == TrainingSession.course_id)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(over, TrainingSession.status != SessionStatus.CANCELLED,
               Booking.status == BookingStatus.BOOKED)
        .group_by(TrainingSession.id, Course.title, TrainingSession.start)
        .order_by(TrainingSession.start.desc(), TrainingSession.id)
    )
    with db.session() as s:
        rows = s.execute(stmt).all()
    shown = tuple(UnmarkedRegister(i, course, start, count)
                  for i, course, start, count in rows[:UNMARKED_SHOWN])
    return shown, len(rows)
