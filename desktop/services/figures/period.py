"""Reporting periods and money as the annual report prints them."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class Period(NamedTuple):
    """A span of whole days, both ends included (2015-04-01 to 2016-03-31).

    A tuple, so `start, end = reporting_year(day)` works wherever a pair of dates is wanted.
    """

    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, start: dt.date, end: dt.date) -> Period:
        """A checked period: a backwards one would silently count nothing."""
        if end < start:
            raise ValueError(
                f"A period cannot end ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})."
            )
        return cls(start, end)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def first_moment(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min)

    @property
    def after_last_moment(self) -> dt.datetime:
        """Midnight after the last day: session starts are compared `< this`, so the whole
        last day counts whatever its time of day."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)

    @property
    def label(self) -> str:
        """The year as reports print it: "2015-16" across a new year, "2015" within one."""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year % 100:02d}"


def reporting_year(day: dt.date, start_month: int = 4) -> Period:
    """The reporting year holding `day`: April to March unless the unit says otherwise."""
    if not 1 <= start_month <= 12:
        raise ValueError(f"A reporting year must start in month 1 to 12, not {start_month}.")
    first_year = day.year if day.month >= start_month else day.year - 1
    start = dt.date(first_year, start_month, 1)
    next_start = dt.date(first_year + 1, start_month, 1)
    return Period(start, next_start - dt.timedelta(days=1))


def format_pounds(pence: int) -> str:
    """3150_00 -> "£3,150.00"; whole pence only, so no rounding ever happens here."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"
