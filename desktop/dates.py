"""Dates and times in house style (23/10/2018, 09:30), as screens and documents show them."""

from __future__ import annotations

import calendar
import datetime as dt


# Formatted by hand, not strftime: strftime imports the time module on every call, and under
# PySide6 each import runs its Python import hook (four calls), so a list's repaint of a
# screenful of dates spent more in that than in the formatting (issue 19, session 6).
def show_date(day: dt.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if day else ""


def show_time(moment: dt.time | None) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}" if moment else ""


def month_start(year: int, month: int) -> dt.date:
    """The first day of the month; a month past 12 (or below 1) runs into the next year (or
    the one before): month_start(2026, 14) is 1 February 2027."""
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def month_end(year: int, month: int) -> dt.date:
    """The last day of the month, with months past 12 as month_start takes them."""
    start = month_start(year, month)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])
