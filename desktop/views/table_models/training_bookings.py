"""A session's bookings and waiting list, its register, and the charges list."""

from __future__ import annotations

from desktop.services.figures import format_pounds
from desktop.services.training import BookingInfo, ChargeLine
from desktop.views import colours
from desktop.views.table_models.filtered import FilteredRowsModel
from desktop.views.table_models.rows import Column
from desktop.views.text import show_date, show_time

MARK_STATES = {"attended", "did_not_attend"}  # coloured as well as written

STATUS_TEXT = {"booked": "Booked", "waiting": "Waiting", "cancelled": "Cancelled",
               "attended": "Attended", "did_not_attend": "Did not attend"}




def status_text(b: BookingInfo) -> str:
    if b.waiting_position is not None:
        return f"Waiting ({b.waiting_position})"
    return STATUS_TEXT[b.status]


def _moment(b: BookingInfo) -> str:
    when = b.cancelled_at if b.status == "cancelled" else b.booked_at
    return f"{show_date(when.date())} {show_time(when.time())}" if when else ""


def _charge(b: BookingInfo) -> str:
    if not b.charge_pence:
        return ""
    return format_pounds(b.charge_pence) + (" (waived)" if b.charge_waived_reason else "")


class BookingsTableModel(FilteredRowsModel[BookingInfo]):
    COL_PERSON, COL_AGENCY, COL_STATUS, COL_WHEN, COL_CHARGE = range(5)
    columns = (
        Column("Delegate", lambda b: b.person, lambda b: b.person.lower()),
        Column("Agency", lambda b: b.agency or "", lambda b: (b.agency or "").lower()),
        Column("Status", status_text, lambda b: f"{b.status}{b.waiting_position or 0:04d}"),
        Column("Booked / cancelled", _moment, lambda b: b.cancelled_at or b.booked_at),
        Column("Charge", _charge, lambda b: b.charge_pence or 0, align_right=True),
        # Why it was cancelled or not attended, as recorded.
        Column("Reason", lambda b: b.reason_text, lambda b: b.reason_text.lower()),
    )


def _mark(b: BookingInfo) -> str:
    if b.status == "booked":
        return "Not marked"
    reason = f" ({b.reason_text})" if b.status == "did_not_attend" and b.reason else ""
    return STATUS_TEXT[b.status] + reason


class RegisterTableModel(FilteredRowsModel[BookingInfo]):
    COL_PERSON, COL_AGENCY, COL_JOB, COL_MARK = range(4)
    columns = (
        Column("Delegate", lambda b: b.person, lambda b: b.person.lower()),
        Column("Agency", lambda b: b.agency or "", lambda b: (b.agency or "").lower()),
        Column("Job title", lambda b: b.job_title or "", lambda b: (b.job_title or "").lower()),
        Column("Register", _mark, lambda b: b.status,
               colour=lambda b: colours.text(b.status) if b.status in MARK_STATES else None),
    )


class ChargesTableModel(FilteredRowsModel[ChargeLine]):
    COL_AGENCY, COL_PERSON, COL_COURSE, COL_DATE, COL_REASON, COL_AMOUNT, COL_WAIVED = range(7)
    columns = (
        Column("Agency", lambda c: c.agency, lambda c: c.agency.lower()),
        Column("Delegate", lambda c: c.person, lambda c: c.person.lower()),
        Column("Course", lambda c: c.course, lambda c: c.course.lower()),
        Column("Date", lambda c: show_date(c.session_start.date()), lambda c: c.session_start),
        Column("Reason", lambda c: c.reason, lambda c: c.reason),
        Column("Charge", lambda c: format_pounds(c.amount_pence), lambda c: c.amount_pence,
               align_right=True),
        Column("Waived because", lambda c: c.waived_reason or "",
               lambda c: c.waived_reason or ""),
    )
