"""Importing action logs, membership lists and booking exports laid out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import (
    Action,
    Booking,
    BookingStatus,
    Course,
    Membership,
    Person,
    Rag,
    TrainingSession,
)
from desktop.models.database import Database
from desktop.services.importing import import_file, open_source, plan_source
from desktop.services.interchange import ImportRejected
from tests.importing import files


def _count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_action_log_found_under_its_title_and_read_in_local_shapes(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    path = files.action_log(tmp_path / "HSCB action log.xlsx")
    source = open_source(database, path)
    assert source.kind == "actions"
    assert source.header_row == 3  # after the merged title, the date line and a blank row
    assert source.mapping == ["number", "raised", "text", "owners", "due", "status", "rag"]

    _plan, report = import_file(database, path, board="HSCB")
    assert report.created["actions"] == 3
    with database.session() as session:
        actions = {a.number: a for a in session.scalars(select(Action))}
        assert actions[104].due == dt.date(2018, 9, 30)
        assert actions[104].raised == dt.date(2018, 7, 3)
        assert actions[104].rag == Rag.GREEN
        assert [o.person.name for o in actions[104].owners] == ["Lorna Hunt"]
        assert actions[105].due == dt.date(2018, 12, 31)
        assert [o.group_name for o in actions[105].owners] == ["Nancy", "Carol"]
        assert actions[105].rag == Rag.AMBER
        assert actions[106].due == dt.date(2019, 1, 31)
        assert actions[106].rag == Rag.RED
        assert [u.text for u in actions[106].updates] == ["Awaiting the CE group's reply"]
    # The month without a day is flagged, by its row.
    assert any(w.startswith("row 8:") and "end of the month" in w for w in report.warnings)


def test_reimporting_an_action_log_duplicates_nothing(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    path = files.action_log(tmp_path / "log.xlsx")
    import_file(database, path, board="hscb")
    _plan, report = import_file(database, path, board="hscb")
    assert not report.created
    assert _count(database, Action) == 3
    with database.session() as session:
        action = session.scalar(select(Action).where(Action.number == 106))
        assert action is not None and len(action.updates) == 1


def test_dry_run_changes_nothing_and_says_what_it_would_do(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    path = files.action_log(tmp_path / "log.xlsx")
    _plan, report = import_file(database, path, board="hscb", dry_run=True)
    assert report.created["actions"] == 3
    assert _count(database, Action) == 0


def test_a_file_with_errors_imports_nothing_and_names_each_row(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    path = files.action_log(tmp_path / "log.xlsx", bad_date=True)
    with pytest.raises(ImportRejected) as rejected:
        import_file(database, path, board="hscb")
    assert rejected.value.errors == ["row 6: Target date: '31/13/2018' is not a date that exists"]
    assert _count(database, Action) == 0


def test_actions_need_a_board(database: Database, tmp_path: Path) -> None:
    path = files.action_log(tmp_path / "log.xlsx")
    with pytest.raises(ImportRejected) as rejected:
        import_file(database, path)
    assert "choose the board" in rejected.value.errors[0]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_booking_export_makes_courses_sessions_and_people(
    database: Database, tmp_path: Path, encoding: str,
) -> None:
    files.add_board(database)
    path = files.bookings_csv(tmp_path / "attendees.csv", encoding)
    source = open_source(database, path)
    assert source.kind == "bookings"
    _plan, report = import_file(database, path)
    assert report.created["courses"] == 2 and report.created["sessions"] == 2
    with database.session() as session:
        statuses = {(b.person.name, b.session.course.title): b.status
                    for b in session.scalars(select(Booking))}
        names = set(session.scalars(select(Person.name)))
        starts = sorted(session.scalars(select(TrainingSession.start)))
    assert "Siân Bowen" in names
    assert statuses[("Siân Bowen", "Neglect Awareness")] == BookingStatus.ATTENDED
    assert statuses[("Tom Price", "Neglect Awareness")] == BookingStatus.DID_NOT_ATTEND
    assert statuses[("Amy Clarke", "Neglect Awareness")] == BookingStatus.CANCELLED
    # Matched by e-mail (in another case), not added again.
    assert statuses[("Lorna Hunt", "Neglect Awareness")] == BookingStatus.WAITING
    assert statuses[("Tom Price", "Early Help Assessment")] == BookingStatus.BOOKED
    assert starts == [dt.datetime(2026, 12, 7, 9, 30), dt.datetime(2027, 1, 15, 13, 30)]
    assert _count(database, Person) == 4  # Lorna Hunt was there already
    # Again: nothing new.
    _plan, again = import_file(database, path)
    assert not again.created
    assert (_count(database, Booking), _count(database, Course)) == (5, 2)


def test_a_known_name_with_another_email_is_listed_not_merged(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nLorna Hunt,lorna.hunt@other.example\n", encoding="utf-8")
    _plan, report = import_file(database, path, kind="people")
    assert _count(database, Person) == 2
    assert any("Lorna Hunt" in w and "merge" in w for w in report.warnings)


def test_membership_list_with_merged_board_column(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    path = files.membership_list(tmp_path / "members.xlsx")
    source = open_source(database, path, "memberships")
    assert source.header_row == 2
    plan = plan_source(database, source, "hscb")
    assert not plan.problems
    import_file(database, path, "memberships", "hscb")
    with database.session() as session:
        rows = {m.person.name: (m.role, m.from_date) for m in session.scalars(select(Membership))}
    assert rows == {
        "Sally Halls": ("Chair", dt.date(2016, 4, 30)),
        "Lorna Hunt": ("Member", dt.date(2017, 1, 9)),
        "Chris Baird": ("Member", dt.date(2017, 1, 9)),
    }
    import_file(database, path, "memberships", "hscb")
    assert _count(database, Membership) == 3


def test_what_people_holds_is_not_overwritten(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    from desktop.services.interchange import import_documents

    import_documents(database, [("agency", {"format": "boardwork/2", "agencies": [
        {"key": "hc", "name": "Herefordshire Council"}], "people": [
        {"key": "lorna-hunt", "name": "Lorna Hunt", "agency": "hc", "job_title": "Head"}]})])
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Organisation,Job title,Phone\n"
                    "Lorna Hunt,lhunt@example.org,Herefordshire Cncl,Manager,01432 260000\n",
                    encoding="utf-8")
    import_file(database, path, kind="people")
    with database.session() as session:
        person = session.scalars(select(Person)).one()
        assert (person.agency.key, person.job_title, person.phone) == (
            "hc", "Head", "01432 260000")


def test_a_course_name_merged_down_over_its_delegates(database: Database, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Training register – spring term"])
    sheet.append([])
    sheet.append(["Course", "Date", "Time", "Delegate", "E-mail", "Attendance"])
    sheet.append(["Working Together", dt.datetime(2027, 3, 2), "13:30", "Amy Clarke",
                  "amy@example.org", "Booked"])
    sheet.append([None, None, None, "Tom Price", "tom@example.org", "Waiting list"])
    sheet.append([None, None, None, "Zoë Ward", "zoe@example.org", "Cancelled"])
    sheet.merge_cells("A4:A6")
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("C4:C6")
    path = tmp_path / "register.xlsx"
    book.save(path)
    _plan, report = import_file(database, path)
    assert (report.created["courses"], report.created["sessions"],
            report.created["bookings"]) == (1, 1, 3)
    with database.session() as session:
        statuses = {b.person.name: b.status for b in session.scalars(select(Booking))}
        start = session.scalars(select(TrainingSession.start)).one()
    assert start == dt.datetime(2027, 3, 2, 13, 30)
    assert statuses == {"Amy Clarke": BookingStatus.BOOKED, "Tom Price": BookingStatus.WAITING,
                        "Zoë Ward": BookingStatus.CANCELLED}
