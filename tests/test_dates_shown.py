"""Dates and times shown in house style, formatted by hand (not strftime, which runs an
import per call): the same text as strftime's for every day of 1900–2100."""

from __future__ import annotations

import datetime as dt

from desktop.dates import show_date, show_time


def test_show_date_and_time_are_strftime_s_house_style() -> None:
    day = dt.date(1900, 1, 1)
    while day <= dt.date(2100, 12, 31):
        assert show_date(day) == day.strftime("%d/%m/%Y")
        day += dt.timedelta(days=1)
    assert show_date(dt.date(2018, 10, 3)) == "03/10/2018"
    assert show_date(dt.datetime(2018, 10, 23, 9, 5)) == "23/10/2018"
    assert show_date(None) == ""
    for hour in range(24):
        for minute in range(60):
            moment = dt.time(hour, minute, 59)
            assert show_time(moment) == moment.strftime("%H:%M")
    assert show_time(dt.time(9, 5)) == "09:05"
    assert show_time(None) == ""
