"""Sessions as a calendar-like list (date, time, course, how full), and courses."""

from __future__ import annotations

from typing import ClassVar

from desktop.services.figures import format_pounds
from desktop.services.training import FORMATS, LEVELS, CourseInfo, SessionInfo
from desktop.views.table_models.filtered import Fields, FilteredRowsModel
from desktop.views.table_models.rows import Column
from desktop.views.text import show_date, show_time

STATUS_TEXT = {"scheduled": "Scheduled", "cancelled": "Cancelled", "completed": "Run"}


def session_heading(info: SessionInfo) -> str:
    """How a session is named above its bookings, in messages and on its papers."""
    times = show_time(info.start.time()) + (f"–{show_time(info.end.time())}" if info.end else "")
    where = f", {info.venue}" if info.venue else ""
    return f"{info.course}: {show_date(info.start.date())} {times}{where}"


def places(info: SessionInfo) -> str:
    if info.capacity is None:
        return f"{info.places_taken} booked"
    return f"{info.places_taken} / {info.capacity}"


def _fullness(info: SessionInfo) -> str:
    if info.status == "cancelled":
        return ""
    if info.is_full:
        return "Full"
    left = info.places_left
    return "" if left is None else f"{left} left"


class SessionsTableModel(FilteredRowsModel[SessionInfo]):
    COL_DATE, COL_TIME, COL_COURSE, COL_VENUE, COL_PLACES, COL_FREE, COL_WAITING, COL_STATUS = (
        range(8))
    columns = (
        Column("Date", lambda i: f"{i.start:%a} {show_date(i.start.date())}",
               lambda i: i.start),
        Column("Time", lambda i: show_time(i.start.time()) + (
            f"–{show_time(i.end.time())}" if i.end else ""), lambda i: i.start.time()),
        Column("Course", lambda i: i.course, lambda i: i.course.lower()),
        Column("Venue", lambda i: i.venue or "", lambda i: (i.venue or "").lower()),
        Column("Booked", places, lambda i: i.places_taken, align_right=True),
        Column("Places", _fullness, lambda i: i.places_left or 0, align_right=True),
        Column("Waiting", lambda i: str(i.waiting) if i.waiting else "", lambda i: i.waiting,
               align_right=True),
        Column("Status", lambda i: STATUS_TEXT[i.status], lambda i: i.status),
    )
    fields: ClassVar[Fields] = {"venue": lambda i: i.venue or "",
                                "trainer": lambda i: i.trainer or ""}


def _charge(pence: int | None) -> str:
    return "" if pence is None else format_pounds(pence)


class CoursesTableModel(FilteredRowsModel[CourseInfo]):
    COL_TITLE, COL_LEVEL, COL_FORMAT, COL_CAPACITY, COL_CHARGE, COL_LATE = range(6)
    columns = (
        Column("Course", lambda c: c.title, lambda c: c.title.lower()),
        Column("Level", lambda c: LEVELS.get(c.details.level or "", ""),
               lambda c: c.details.level or ""),
        Column("Format", lambda c: FORMATS.get(c.details.format or "", ""),
               lambda c: c.details.format or ""),
        Column("Places", lambda c: str(c.details.capacity or ""),
               lambda c: c.details.capacity or 0, align_right=True),
        Column("Non-attendance", lambda c: _charge(c.details.non_attendance_charge_pence),
               lambda c: c.details.non_attendance_charge_pence or 0, align_right=True),
        Column("Late cancellation", lambda c: _charge(c.details.late_cancellation_charge_pence),
               lambda c: c.details.late_cancellation_charge_pence or 0, align_right=True),
    )
