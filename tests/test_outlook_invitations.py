"""Calendar invitations read back with icalendar: one event, Europe/London with its
VTIMEZONE, the same UID across exports, SEQUENCE rising after a change, CANCEL when
cancelled, and the right UTC time on the days the clocks change."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from sqlalchemy import select

from desktop.models import CalendarEvent, TrainingSession
from desktop.models.database import Database
from desktop.services.outlook.invitations import meeting_invitation, session_invitation
from desktop.services.outlook.templates import load_mail_settings, save_mail_settings
from desktop.services.training import SessionDetails, cancel_session, change_session
from desktop.services.training.records import VenueDetails, save_venue
from tests.outlook_data import make_records

UTC = dt.UTC


def _read(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def _tzids(calendar: Calendar) -> list[str]:
    return [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]


def test_meeting_invitation_goes_to_members_with_addresses(database: Database) -> None:
    records = make_records(database)
    settings = load_mail_settings(database)
    save_mail_settings(database, type(settings)("Business Unit", "lscb@example.gov.uk", "",
                                                settings.templates))
    invitation = meeting_invitation(database, "lscb-2026-03", agenda_pdf=b"%PDF-1.4 agenda")
    calendar, event = _read(invitation.data)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert _tzids(calendar) == ["Europe/London"]
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    # 29 March 2026 is the last Sunday of March: 10:00 is British Summer Time, 09:00 UTC.
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2026, 3, 29, 9, 0, tzinfo=UTC)
    assert str(event["LOCATION"]) == "Shire Hall, Room 2"
    assert "Welcome" in str(event["DESCRIPTION"])
    assert "Serious case review" not in str(event["DESCRIPTION"])  # confidential
    attendees = sorted(str(a) for a in event["ATTENDEE"])
    assert attendees == ["mailto:sam.patel@example.org", "mailto:zoe.bronte@example.gov.uk"]
    assert [a.params["CN"] for a in event["ATTENDEE"]].count("Dr Zoë Brontë") == 1
    assert str(event["ORGANIZER"]) == "mailto:lscb@example.gov.uk"
    assert event.decoded("ATTACH") == b"%PDF-1.4 agenda"
    assert [p.name for p in invitation.without_address] == ["Kit Jones"]
    assert records.meeting_id


def test_same_uid_and_sequence_rises_only_after_a_change(database: Database) -> None:
    records = make_records(database)
    first = _read(session_invitation(database, records.session_id).data)[1]
    again = _read(session_invitation(database, records.session_id).data)[1]
    assert str(first["UID"]) == str(again["UID"])
    assert first["SEQUENCE"] == again["SEQUENCE"] == 0
    start = dt.datetime(2026, 3, 12, 13, 0)
    with database.session() as s:
        course_id = s.get(TrainingSession, records.session_id).course_id  # type: ignore[union-attr]
    kindle = save_venue(database, VenueDetails("The Kindle Centre"))
    change_session(database, records.session_id, SessionDetails(
        course_id, start, start + dt.timedelta(hours=3), kindle, capacity=3))
    moved = session_invitation(database, records.session_id)
    calendar, event = _read(moved.data)
    assert str(event["UID"]) == str(first["UID"])
    assert event["SEQUENCE"] == 1 and moved.changed
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["LOCATION"]) == "The Kindle Centre"
    # Three booked delegates; Kit has no address, Ann waits for a place.
    assert sorted(a.params["CN"] for a in event["ATTENDEE"]) == ["Dr Zoë Brontë", "Sam Patel"]
    with database.session() as s:
        row = s.scalar(select(CalendarEvent).where(CalendarEvent.session_id == records.session_id))
        assert row is not None and row.sequence == 1 and row.uid == str(first["UID"])


def test_cancelled_session_is_a_cancel_with_the_same_uid(database: Database) -> None:
    records = make_records(database)
    uid = str(_read(session_invitation(database, records.session_id).data)[1]["UID"])
    cancel_session(database, records.session_id)
    calendar, event = _read(session_invitation(database, records.session_id).data)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 1
    # The cancellation goes to everyone whose place it cancelled (with an address).
    assert len(event["ATTENDEE"]) == 3


def test_cancelled_meeting_is_a_cancel(database: Database) -> None:
    make_records(database)
    meeting_invitation(database, "lscb-2026-03")
    calendar, event = _read(meeting_invitation(database, "lscb-2026-03", cancelled=True).data)
    assert str(calendar["METHOD"]) == "CANCEL" and event["SEQUENCE"] == 1


def test_clocks_changing_in_october(database: Database) -> None:
    # 25 October 2026 is the last Sunday of October: 09:30 is GMT again, 09:30 UTC.
    records = make_records(database, dt.datetime(2026, 10, 25, 9, 30))
    calendar, event = _read(session_invitation(database, records.session_id).data)
    assert _tzids(calendar) == ["Europe/London"]
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2026, 10, 25, 9, 30,
                                                                   tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == dt.datetime(2026, 10, 25, 12, 30,
                                                                 tzinfo=UTC)


def test_clocks_changing_in_march_for_a_session(database: Database) -> None:
    records = make_records(database, dt.datetime(2026, 3, 29, 9, 30))
    calendar, event = _read(session_invitation(database, records.session_id).data)
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(2026, 3, 29, 8, 30,
                                                                   tzinfo=UTC)
    # Read again with the rules of the VTIMEZONE in the file itself, as Outlook does.
    zone = calendar.walk("VTIMEZONE")[0].to_tz()
    wall_clock = event.decoded("DTSTART").replace(tzinfo=None)
    assert wall_clock.replace(tzinfo=zone).astimezone(UTC) == dt.datetime(2026, 3, 29, 8, 30,
                                                                          tzinfo=UTC)
    day_before = (wall_clock - dt.timedelta(days=1)).replace(tzinfo=zone)
    assert day_before.astimezone(UTC).hour == 9  # still GMT on the Saturday


def test_the_outlook_migration_goes_down_and_up_keeping_rows(database: Database) -> None:
    from alembic import command
    from sqlalchemy import text

    from desktop.models.migrate import migrate

    records = make_records(database)
    migrate(database, lambda config: command.downgrade(config, "0007"))
    with database.engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'")).scalars())
    assert "calendar_event" not in tables and "booking" in tables
    migrate(database, lambda config: command.upgrade(config, "head"))
    invitation = session_invitation(database, records.session_id)
    assert invitation.sequence == 0 and len(invitation.attendees) == 2


def test_export_invite_from_the_command_line(database: Database, database_path, tmp_path,
                                             capsys) -> None:
    from desktop.cli import main

    make_records(database)
    database.close()
    target = tmp_path / "meeting.ics"
    assert main(["--database", str(database_path), "export", "invite",
                 "--meeting", "lscb-2026-03", "--agenda", "--output", str(target)]) == 0
    out = capsys.readouterr().out
    assert "an invitation (sequence 0) to 2 people" in out and "Kit Jones" in out
    _, event = _read(target.read_bytes())
    assert event.decoded("ATTACH").startswith(b"%PDF")
    with pytest.raises(SystemExit, match="There is no meeting 'nope'"):
        main(["--database", str(database_path), "export", "invite",
              "--meeting", "nope", "--output", str(target)])


def test_the_timezone_is_two_yearly_rules_that_hold_after_2038(database: Database) -> None:
    records = make_records(database, dt.datetime(2040, 10, 28, 9, 30))  # last Sunday
    calendar, event = _read(session_invitation(database, records.session_id).data)
    zone, = calendar.walk("VTIMEZONE")
    assert [str(part["TZNAME"]) for part in zone.subcomponents] == ["BST", "GMT"]
    assert all("RRULE" in part for part in zone.subcomponents)
    wall_clock = event.decoded("DTSTART").replace(tzinfo=None)
    assert wall_clock.replace(tzinfo=zone.to_tz()).astimezone(UTC) == dt.datetime(
        2040, 10, 28, 9, 30, tzinfo=UTC)
    summer = dt.datetime(2040, 7, 1, 12, 0).replace(tzinfo=zone.to_tz())
    assert summer.astimezone(UTC).hour == 11


def test_a_meeting_without_times_is_an_all_day_event(database: Database) -> None:
    records = make_records(database)
    with database.transaction() as s:
        from desktop.models import Meeting

        meeting = s.get(Meeting, records.meeting_id)
        assert meeting is not None
        meeting.start = meeting.end = None
    calendar, event = _read(meeting_invitation(database, "lscb-2026-03").data)
    assert event.decoded("DTSTART") == dt.date(2026, 3, 29)
    assert event.decoded("DTEND") == dt.date(2026, 3, 30)
    assert calendar.walk("VTIMEZONE") == []
