"""Bookings across sessions: a person's or an agency's training history."""

from __future__ import annotations

from typing import ClassVar

from desktop.services.figures import format_pounds
from desktop.services.training.history import BookingLine
from desktop.views.table_models.filtered import Fields, FilteredRowsModel
from desktop.views.table_models.rows import Column
from desktop.views.table_models.training_bookings import STATUS_TEXT
from desktop.views.text import show_date


def _charge(line: BookingLine) -> str:
    if not line.charge_pence:
        return ""
    return format_pounds(line.charge_pence) + (" (waived)" if line.charge_waived_reason else "")


def _status(line: BookingLine) -> str:
    text = STATUS_TEXT[line.status]
    return f"{text} (session cancelled)" if line.session_status == "cancelled" \
        and line.status == "cancelled" else text


class HistoryTableModel(FilteredRowsModel[BookingLine]):
    COL_PERSON, COL_AGENCY, COL_COURSE, COL_DATE, COL_STATUS, COL_CHARGE = range(6)
    columns = (
        Column("Delegate", lambda b: b.person, lambda b: b.person.lower()),
        Column("Agency", lambda b: b.agency or "", lambda b: (b.agency or "").lower()),
        Column("Course", lambda b: b.course, lambda b: b.course.lower()),
        Column("Session date", lambda b: show_date(b.session_start.date()),
               lambda b: b.session_start),
        Column("Status", _status, lambda b: b.status),
        Column("Charge", _charge, lambda b: b.charge_pence or 0, align_right=True),
    )
    fields: ClassVar[Fields] = {"person": lambda b: b.person}
