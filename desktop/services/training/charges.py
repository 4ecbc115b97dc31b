"""Charges for non-attendance and late cancellation: the list per agency for invoicing,
and waiving a charge with a reason (kept on the booking, so the record shows what was waived)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import Agency, Booking, BookingStatus, Course, Person, TrainingSession
from desktop.models.base import unindexed
from desktop.models.database import Database
from desktop.services.figures import NOT_RECORDED, Period
from desktop.services.training.common import TrainingError, get_booking

REASONS = {BookingStatus.DID_NOT_ATTEND: "Did not attend",
           BookingStatus.CANCELLED: "Late cancellation"}


@dataclass(frozen=True)
class ChargeLine:
    booking_id: int
    agency_id: int | None
    agency: str  # the agency as when booked, or "Not recorded"
    person: str
    job_title: str | None
    course: str
    session_start: dt.datetime
    reason: str  # "Did not attend" or "Late cancellation"
    amount_pence: int
    waived_reason: str | None

    @property
    def waived(self) -> bool:
        return self.waived_reason is not None


@dataclass(frozen=True)
class AgencyInvoice:
    agency_id: int | None
    agency: str
    lines: tuple[ChargeLine, ...]

    @property
    def total_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines)


# The heading of charges that cannot be invoiced yet: nobody knows whom to send them to.
NEEDS_AGENCY = "No agency recorded: needs an agency before invoicing"


@dataclass(frozen=True)
class InvoiceList:
    """What each agency owes for the period: waived charges are left out, and charges with
    no agency recorded are apart (`needing_agency`), not in the amount to invoice."""

    period: Period
    agencies: tuple[AgencyInvoice, ...]
    needing_agency: tuple[ChargeLine, ...] = ()

    @property
    def total_pence(self) -> int:
        """The amount to invoice: the charges of agencies only."""
        return sum(agency.total_pence for agency in self.agencies)

    @property
    def needing_agency_pence(self) -> int:
        return sum(line.amount_pence for line in self.needing_agency)


def list_charges(db: Database, period: Period, include_waived: bool = True,
                 ) -> tuple[ChargeLine, ...]:
    """Every charge on a session starting in the period, by agency, then date and name."""
    stmt = (
        select(Booking, Agency.name, Person.name, Person.job_title, Course.title,
               TrainingSession.start)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .join(Person, Person.id == Booking.person_id)
        .outerjoin(Agency, Agency.id == Booking.agency_id)
        .where(TrainingSession.start >= period.first_moment,
               TrainingSession.start < period.after_last_moment,
               Booking.charge_pence > 0,
               # Not by ix_booking_status: that read every cancelled and missed booking of
               # all the years (23-26 ms, 3.4 MB of pages); the period's sessions by their
               # start, then their bookings, is 0.4-5 ms (benchmarks/FINDINGS.md, session 6).
               unindexed(Booking.status).in_(list(REASONS)))
        .order_by(Booking.agency_id.is_(None), Agency.name, TrainingSession.start, Person.name,
                  Booking.id)
    )
    if not include_waived:
        stmt = stmt.where(Booking.charge_waived_reason.is_(None))
    with db.session() as s:
        return tuple(
            ChargeLine(b.id, b.agency_id, agency or NOT_RECORDED, person, job, course, start,
                       REASONS[b.status], b.charge_pence or 0, b.charge_waived_reason)
            for b, agency, person, job, course, start in s.execute(stmt)
        )


def invoice_list(db: Database, period: Period) -> InvoiceList:
    """The charges to invoice, grouped per agency (agencies by name); charges with no agency
    recorded are listed apart, as needing one before they can be invoiced."""
    groups: dict[int, list[ChargeLine]] = {}
    orphans: list[ChargeLine] = []
    for line in list_charges(db, period, include_waived=False):
        if line.agency_id is None:
            orphans.append(line)
        else:
            groups.setdefault(line.agency_id, []).append(line)
    return InvoiceList(period, tuple(
        AgencyInvoice(agency_id, lines[0].agency, tuple(lines))
        for agency_id, lines in groups.items()
    ), tuple(orphans))


def waive_charge(db: Database, booking_id: int, reason: str) -> None:
    """Waive a booking's charge: the amount stays on record, with why it is not owed."""
    reason = " ".join(reason.split())
    if not reason:
        raise TrainingError("Give the reason the charge is waived: it is kept for the audit.")
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        if not booking.charge_pence:
            raise TrainingError("That booking has no charge to waive.")
        booking.charge_waived_reason = reason


def reinstate_charge(db: Database, booking_id: int) -> None:
    """Undo a waiver: the charge is owed again."""
    with db.transaction() as s:
        booking = get_booking(s, booking_id)
        if booking.charge_waived_reason is None or not booking.charge_pence:
            raise TrainingError("That charge is not waived.")
        booking.charge_waived_reason = None


def charges_period(db: Database, start: dt.date | None = None, end: dt.date | None = None,
                   today: dt.date | None = None) -> Period:
    """The period asked for; an end or start left out is that of the current reporting year."""
    from desktop.services.figures import reporting_year
    from desktop.services.settings import load_settings

    year = reporting_year(today or dt.date.today(), load_settings(db).reporting_year_start_month)
    return Period.of(start or year.start, end or year.end)
