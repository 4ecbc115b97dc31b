"""Bookings across sessions: a person's or an agency's training history."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import ClassVar

from desktop.services.figures import format_pounds
from desktop.services.training.history import BookingLine
from desktop.views.table_models.filtered import Fields, FilteredRowsModel
from desktop.views.table_models.rows import Column
from desktop.views.table_models.training_bookings import STATUS_TEXT
from desktop.views.text import show_date


@lru_cache(maxsize=16_384)
def _day(day: dt.date) -> str:
    # Ten years hold 50,000 bookings on 2,000 days: each day's text is made once.
    return show_date(day)


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
        Column("Session date", lambda b: _day(b.session_start.date()),
               lambda b: b.session_start),
        Column("Status", _status, lambda b: b.status),
        Column("Charge", _charge, lambda b: b.charge_pence or 0, align_right=True),
    )

    def haystack(self, row: BookingLine) -> str:
        # The columns' texts as shown, joined without a call per column (50,000 rows).
        return (f"{row.person}\n{row.agency or ''}\n{row.course}\n"
                f"{_day(row.session_start.date())}\n{_status(row)}\n{_charge(row)}"
                ).casefold()

    fields: ClassVar[Fields] = {"person": lambda b: b.person}
