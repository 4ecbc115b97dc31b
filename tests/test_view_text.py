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


def test_a_duration_is_read_in_hours_and_minutes() -> None:
    from desktop.views.time_field import describe_duration, parse_duration, show_duration

    for typed, minutes in (("3:30", 210), ("3h30", 210), ("3 h 30 min", 210), ("7h", 420),
                           ("7 hours", 420), ("45 min", 45), ("3", 180), ("1.15", 75),
                           ("", None)):
        assert parse_duration(typed, "Duration") == minutes, typed
    for wrong in ("3:75", "abc", "0", "25h"):
        with pytest.raises(ValueError, match="is not a length of time"):
            parse_duration(wrong, "Duration")
    assert (show_duration(210), show_duration(None), describe_duration(90),
            describe_duration(420), describe_duration(45)) == ("3:30", "", "1 h 30 min", "7 h",
                                                               "45 min")
