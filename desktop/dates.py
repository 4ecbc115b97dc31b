"""Dates and times in house style (23/10/2018, 09:30), as screens and documents show them."""

from __future__ import annotations

import datetime as dt


def show_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def show_time(moment: dt.time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""
