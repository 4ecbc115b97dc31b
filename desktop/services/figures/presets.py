"""Periods as a coordinator asks for them: "Q1 2016/17 (April–June 2016)", the reporting
year, and a period's name as a report's title prints it ("April–June 2016", not "2016")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.dates import month_end, month_start
from desktop.services.figures.period import Period, reporting_year


@dataclass(frozen=True)
class Preset:
    label: str  # as the list of periods shows it
    period: Period


def year_label(year: Period) -> str:
    """A reporting year as "2016/17"; a calendar year as "2016"."""
    if year.start.year == year.end.year:
        return str(year.start.year)
    return f"{year.start.year}/{year.end.year % 100:02d}"


def describe_period(period: Period) -> str:
    """"April–June 2016", "May 2016", "November 2016–February 2017", "April 2016–March 2017";
    a period that is not whole months: "3 May 2016 to 17 June 2016"."""
    start, end = period
    whole = start.day == 1 and end == month_end(end.year, end.month)
    if not whole:
        return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    if start.year == end.year:
        return f"{start:%B}–{end:%B %Y}"
    return f"{start:%B %Y}–{end:%B %Y}"


def quarters(year: Period) -> tuple[Preset, ...]:
    """The four quarters of a reporting year that starts on the first of a month."""
    presets = []
    for number in range(4):
        first_month = year.start.month + 3 * number
        start = month_start(year.start.year, first_month)
        end = month_end(year.start.year, first_month + 2)
        period = Period(start, end)
        presets.append(Preset(f"Q{number + 1} {year_label(year)} ({describe_period(period)})",
                              period))
    return tuple(presets)


def period_presets(today: dt.date, start_month: int = 4, years_back: int = 2
                   ) -> tuple[Preset, ...]:
    """This reporting year, its quarters, then the years before with theirs (newest first)."""
    presets: list[Preset] = []
    year = reporting_year(today, start_month)
    for _ in range(years_back + 1):
        presets.append(Preset(f"Reporting year {year_label(year)} ({describe_period(year)})",
                              year))
        presets.extend(quarters(year))
        year = reporting_year(year.start - dt.timedelta(days=1), start_month)
    return tuple(presets)
