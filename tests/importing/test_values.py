"""The values of spreadsheets as people type them, and the columns found from their headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from desktop.models import ActionStatus, BookingStatus, Rag
from desktop.models.database import Database
from desktop.services.importing import open_source
from desktop.services.importing.mapping import find_header_row, guess_kind, suggest_mapping
from desktop.services.importing.tables import read_sheets
from desktop.services.importing.values import (
    read_action_status,
    read_booking_status,
    read_date,
    read_owners,
    read_rag,
    read_time,
)


@pytest.mark.parametrize(("value", "day"), [
    (40519, dt.date(2010, 12, 7)),  # an Excel serial date
    (40519.0, dt.date(2010, 12, 7)),
    ("40519", dt.date(2010, 12, 7)),
    ("07/12/2010", dt.date(2010, 12, 7)),
    ("7/12/10", dt.date(2010, 12, 7)),
    ("07.12.10", dt.date(2010, 12, 7)),
    ("2010-12-07", dt.date(2010, 12, 7)),
    ("7th December 2010", dt.date(2010, 12, 7)),
    ("Tuesday 7 Dec 2010", dt.date(2010, 12, 7)),
    (dt.datetime(2010, 12, 7, 9, 30), dt.date(2010, 12, 7)),
])
def test_dates_in_local_shapes(value: object, day: dt.date) -> None:
    assert read_date(value) == (day, None)


@pytest.mark.parametrize(("value", "day"), [
    ("Jan 2011", dt.date(2011, 1, 31)), ("February 2012", dt.date(2012, 2, 29)),
    ("Sept 2011", dt.date(2011, 9, 30)), ("Mar-19", dt.date(2019, 3, 31)),
])
def test_a_month_is_its_last_day_and_flagged(value: str, day: dt.date) -> None:
    found, note = read_date(value)
    assert found == day and note is not None and "end of the month" in note


@pytest.mark.parametrize("value", ["31/02/2019", "next week", "13/13/13", 0])
def test_not_dates(value: object) -> None:
    with pytest.raises(ValueError):
        read_date(value)


def test_times_ratings_statuses_and_owners() -> None:
    assert read_time("9.30am") == dt.time(9, 30)
    assert read_time("2pm") == dt.time(14, 0)
    assert read_time(0.5625) == dt.time(13, 30)  # Excel's fraction of a day
    assert [read_rag(v) for v in ("G", "a", "Red", "green ")] == [
        Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREEN]
    assert read_action_status("Completed – report on agenda") == ActionStatus.COMPLETED
    assert read_action_status("To close") == ActionStatus.TO_CLOSE
    assert read_action_status("In Progress") == ActionStatus.IN_PROGRESS
    assert [read_booking_status(v) for v in ("Checked In", "Not Checked In", "Cancelled",
                                             "Waitlist")] == [
        BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND, BookingStatus.CANCELLED,
        BookingStatus.WAITING]
    assert read_owners("Nancy / Carol") == ["Nancy", "Carol"]
    assert read_owners("LB, SH and EH") == ["LB", "SH", "EH"]
    assert read_owners("Lorna Hunt; Mairead Panetta") == ["Lorna Hunt", "Mairead Panetta"]


def test_headers_found_and_kinds_guessed() -> None:
    rows = [["Safeguarding training 2026"], [], [None, None],
            ["Course Title", "Date", "Delegate", "E-mail address", "Attendance"]]
    assert find_header_row(rows, "bookings") == 3
    assert guess_kind(rows[3]) == "bookings"
    assert suggest_mapping(rows[3], "bookings") == ["course", "date", "name", "email", "status"]
    log = ["Ref", "Description", "Responsible", "Deadline", "RAG rating", "Comments"]
    assert guess_kind(log) == "actions"
    assert suggest_mapping(log, "actions") == ["number", "text", "owners", "due", "rag",
                                               "update"]
    members = ["Surname", "First name", "Organisation", "Role", "Start date"]
    assert guess_kind(members) == "memberships"


def test_semicolon_csv_and_the_sheet_with_the_records(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("Name;Email;Organisation\r\nZoë Ward;zoe@example.org;Café Trust\r\n"
                     .encode("cp1252"))
    assert read_sheets(path)[0].rows[1] == ["Zoë Ward", "zoe@example.org", "Café Trust"]
    book = openpyxl.Workbook()
    book.active.append(["Notes for the business unit"])
    book.create_sheet("Log").append(["Action No.", "Action", "Lead officer", "Target date"])
    book.save(tmp_path / "two sheets.xlsx")
    source = open_source(database, tmp_path / "two sheets.xlsx")
    assert source.sheet is not None and source.sheet.name == "Log"
    assert source.kind == "actions"
