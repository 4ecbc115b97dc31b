import datetime as dt

import pytest

from desktop.views.text import parse_date, parse_time


def test_times_as_people_type_them():
    assert parse_time("9:30", "Start") == dt.time(9, 30)
    assert parse_time("12.10", "Left") == dt.time(12, 10)
    assert parse_time("0930", "Start") == dt.time(9, 30)
    assert parse_time(" ", "Start") is None
    with pytest.raises(ValueError, match="Start: '25:00' is not a time"):
        parse_time("25:00", "Start")


def test_dates_as_people_type_them():
    assert parse_date("23/10/2018", "Date") == dt.date(2018, 10, 23)
    assert parse_date("23.10.2018", "Date") == dt.date(2018, 10, 23)
    with pytest.raises(ValueError, match="'31/02/2019' is not a date"):
        parse_date("31/02/2019", "Next meeting")
