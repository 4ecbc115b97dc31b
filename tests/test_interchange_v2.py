"""boardwork/2: everything a user enters survives export -> fresh database -> export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Board,
    Booking,
    Course,
    Meeting,
    Person,
    Rag,
    StandingItem,
)
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.actions.editing import NewUpdate, add_update
from desktop.services.boards import BoardInput, board_details, save_board
from desktop.services.figures.period import Period
from desktop.services.interchange import export_data, import_documents
from desktop.services.meetings.agenda import ItemFields, add_item
from desktop.services.meetings.details import MeetingFields, create_meeting
from desktop.services.people import PersonInput, person_profile, save_person
from desktop.services.settings import load_logo, load_settings, save_settings
from desktop.services.training.charges import list_charges, waive_charge
from desktop.services.training.courses import list_courses, save_course
from tests.conftest import import_sample

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"
HERTFORDSHIRE = "hertfordshire-2015-16.json"
# The smallest PNG signature the settings accept as a picture.
LOGO = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
WAIVED = "Trainer cancelled on the day; agreed with the LSCB manager"


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "second.db", KeyStore())
    yield opened.database
    opened.database.close()


def one(db: Database, statement: Any) -> Any:
    with db.session() as session:
        return session.scalars(statement).one()


def _id(db: Database, model: Any, key: str) -> int:
    return one(db, select(model.id).where(model.key == key))


def fill_through_the_services(db: Database) -> dict[str, Any]:
    """Set, as a user would, every field boardwork/1 could not carry; returns what was set."""
    import_sample(db, HEREFORDSHIRE, HERTFORDSHIRE)
    sally = _id(db, Person, "sally-halls")
    profile = person_profile(db, sally).person
    save_person(db, sally, PersonInput(
        name=profile.name, title=profile.title, job_title=profile.job_title,
        agency_id=profile.agency_id, email=profile.email, phone=profile.phone,
        notes="Prefers papers a week ahead.\nDeputy: Ed Hughes.",
    ))
    board_id = _id(db, Board, "hscb")
    details = board_details(db, board_id)
    save_board(db, board_id, BoardInput(
        name=details.name, kind=details.kind, short_name=details.short_name,
        parent_id=details.parent_id, quorum=details.quorum, chair_id=sally,
        numbering_style="letters",
    ))
    with db.transaction() as session:
        # Numbers of actions raised and then lost stay used (no service lowers the mark).
        session.get(Board, board_id).last_action_number += 5  # type: ignore[union-attr]
    meeting_id = create_meeting(db, board_id, MeetingFields(date=dt.date(2019, 1, 22)))
    add_item(db, meeting_id, ItemFields(title="Neglect strategy", number="7A"))
    action_id = one(db, select(Action.id).where(Action.number == 110))
    add_update(db, action_id, NewUpdate("Rated red by the chair", dt.date(2018, 11, 1),
                                        rag="red"))
    add_update(db, action_id, NewUpdate("Back to the rules", dt.date(2018, 11, 5),
                                        rag="suggested"))
    manual = one(db, select(Action.id).where(Action.number == 109))
    add_update(db, manual, NewUpdate("Behind plan", dt.date(2018, 11, 6), rag="amber"))
    # Recorded against the meeting, but on another day than the meeting's.
    add_update(db, manual, NewUpdate("Said afterwards", dt.date(2018, 10, 30),
                                     meeting_id=_id(db, Meeting, "hscb-2018-10-23")))
    course = next(c for c in list_courses(db) if c.details.non_attendance_charge_pence)
    save_course(db, course.details.__class__(**{
        **course.details.__dict__, "late_cancellation_charge_pence": 3500}), course.id)
    charged = one(db, select(Booking.id).where(Booking.charge_pence.is_not(None))
                  .order_by(Booking.id).limit(1))
    waive_charge(db, charged, WAIVED)
    save_settings(db, numbering=None, logo=LOGO, organisation_name="Herefordshire SCB",
                  reporting_year_start_month=9, late_cancellation_hours=72)
    return {"person": sally, "board": board_id, "meeting": meeting_id, "course": course.id,
            "booking": charged}


def dumped(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def test_everything_entered_survives_export_fresh_database_export(
    database: Database, second: Database
) -> None:
    fill_through_the_services(database)
    exported = export_data(database)
    assert exported["format"] == "boardwork/2"
    import_documents(second, [("export.json", json.loads(dumped(exported)))])
    assert dumped(export_data(second)) == dumped(exported)

    sally = _id(second, Person, "sally-halls")
    assert person_profile(second, sally).notes == "Prefers papers a week ahead.\nDeputy: Ed Hughes."
    board = board_details(second, _id(second, Board, "hscb"))
    assert (board.chair_id, board.numbering_style) == (sally, "letters")
    with second.session() as session:
        hscb = session.scalars(select(Board).where(Board.key == "hscb")).one()
        assert hscb.last_action_number == one(database, select(Board.last_action_number)
                                              .where(Board.key == "hscb")) == 118 + 5
        meeting = session.scalars(select(Meeting).where(Meeting.date == dt.date(2019, 1, 22))).one()
        items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                .order_by(AgendaItem.position)).all()
        assert [i.standing for i in items[:4]] == list(StandingItem)
        typed = items[-1]
        assert (typed.number, typed.number_fixed, typed.standing) == ("7A", True, None)
        suggested = session.scalars(select(Action).where(Action.number == 110)).one()
        assert (suggested.rag, suggested.rag_manual) == (None, False)
        manual = session.scalars(select(Action).where(Action.number == 109)).one()
        assert (manual.rag, manual.rag_manual) == (Rag.AMBER, True)
        late = session.scalars(select(ActionUpdate).where(ActionUpdate.text == "Said afterwards"))
        assert late.one().date == dt.date(2018, 10, 30)
        assert session.scalars(select(Course.late_cancellation_charge_pence)
                               .where(Course.late_cancellation_charge_pence.is_not(None))
                               ).all() == [3500]
    everything = Period.of(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    waived = [line for line in list_charges(second, everything) if line.waived]
    assert [line.waived_reason for line in waived] == [WAIVED]
    assert len(list_charges(second, everything, include_waived=False)) == len(
        list_charges(database, everything, include_waived=False))
    settings = load_settings(second)
    assert (settings.organisation_name, settings.reporting_year_start_month,
            settings.late_cancellation_hours) == ("Herefordshire SCB", 9, 72)
    assert load_logo(second) == LOGO


def test_the_new_fields_as_written(database: Database) -> None:
    fill_through_the_services(database)
    exported = export_data(database)
    assert exported["settings"]["reporting_year_start_month"] == 9
    assert exported["settings"]["organisation_name"] == "Herefordshire SCB"
    board = next(b for b in exported["boards"] if b["key"] == "hscb")
    assert (board["chair"], board["numbering"], board["last_action_number"]) == (
        "sally-halls", "letters", 123)
    assert all("last_action_number" not in b for b in exported["boards"] if b is not board)
    waived = [b for b in exported["bookings"] if "charge_waived" in b]
    assert [b["charge_waived"] for b in waived] == [WAIVED] and waived[0]["charge"]
    assert any(c.get("late_cancellation_charge") == "35.00" for c in exported["courses"])
    new_meeting = exported["meetings"][-1]
    assert [i.get("standing") for i in new_meeting["items"]][:4] == [
        "apologies", "previous_minutes", "action_log", "any_other_business"]
    assert new_meeting["items"][-1]["number_fixed"] is True
    # An update given at a meeting and dated that day carries no date of its own.
    updates = exported["meetings"][0]["action_updates"]
    assert [u.get("date") for u in updates if u["text"] == "Said afterwards"] == ["2018-10-30"]
    assert all("date" not in u for u in updates if u["text"] != "Said afterwards")


def test_an_empty_database_at_the_defaults_writes_no_settings(database: Database) -> None:
    assert export_data(database) == {"format": "boardwork/2"}


def v2(**lists: Any) -> dict[str, Any]:
    return {"format": "boardwork/2", **lists}


def test_a_boardwork_1_document_may_not_use_the_fields_of_version_2(database: Database) -> None:
    from desktop.services.interchange import ImportRejected

    document = {"format": "boardwork/1", "people": [{"key": "a", "name": "A", "notes": "x"}],
                "settings": {"organisation_name": "X"}}
    with pytest.raises(ImportRejected) as caught:
        import_documents(database, [("old.json", document)])
    assert caught.value.errors == ["people[0].notes: unknown field", "settings: unknown field"]


@pytest.mark.parametrize(("settings", "message"), [
    ({"reporting_year_start_month": 13}, "settings.reporting_year_start_month: 13 is more than 12"),
    ({"late_cancellation_hours": -1}, "settings.late_cancellation_hours: -1 is less than 0"),
    ({"logo": "not base64!"}, "settings.logo: not a picture in base64"),
    ({"logo": "R0lGODlh"}, "settings.logo: The logo must be a PNG or JPEG picture."),
    ({"colour": "red"}, "settings.colour: unknown field"),
    ({"organisation_name": "x" * 201}, "settings.organisation_name: longer than 200 characters"),
])
def test_settings_are_checked(database: Database, settings: Any, message: str) -> None:
    from desktop.services.interchange import ImportRejected

    with pytest.raises(ImportRejected) as caught:
        import_documents(database, [("s.json", v2(settings=settings))])
    assert caught.value.errors == [message]


def test_a_board_chair_must_be_a_known_person(database: Database) -> None:
    from desktop.services.interchange import ImportRejected

    document = v2(boards=[{"key": "b", "name": "B", "kind": "board", "chair": "nobody"}])
    with pytest.raises(ImportRejected) as caught:
        import_documents(database, [("b.json", document)])
    assert caught.value.errors == ["boards[0].chair: no person with key 'nobody'"]


def test_the_action_mark_is_never_lowered(database: Database) -> None:
    board = {"key": "b", "name": "B", "kind": "board", "last_action_number": 40}
    import_documents(database, [("b.json", v2(boards=[board]))])
    import_documents(database, [("b.json", v2(boards=[board | {"last_action_number": 3}]))],
                     replace=True)
    assert one(database, select(Board.last_action_number)) == 40
    meeting = {"key": "m", "board": "b", "date": "2020-01-01",
               "actions": [{"text": "Do it", "owners": ["Group"]}]}
    import_documents(database, [("m.json", v2(meetings=[meeting]))])
    assert one(database, select(Action.number)) == 41


@pytest.mark.parametrize("name", [HEREFORDSHIRE, "dudley-board-2014-11-21.json", HERTFORDSHIRE])
def test_each_boardwork_1_sample_gives_the_same_figures_after_a_boardwork_2_round_trip(
    database: Database, second: Database, name: str
) -> None:
    from desktop.services.figures import (
        attendance_by_agency,
        attendance_by_course,
        board_attendance,
        non_attendance_charges,
    )

    import_sample(database, name)
    import_documents(second, [("export.json", export_data(database))])
    everything = Period.of(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    board = one(database, select(Board.key).limit(1))
    for figures in (attendance_by_course, attendance_by_agency, non_attendance_charges):
        assert figures(second, everything) == figures(database, everything)
    assert board_attendance(second, board, everything) == board_attendance(
        database, board, everything)


def test_a_booking_without_an_agency_recorded_keeps_none(
    database: Database, second: Database
) -> None:
    training = {
        "agencies": [{"key": "police", "name": "Police"}],
        "people": [{"key": "sue", "name": "Sue Smith", "agency": "police"}],
        "courses": [{"key": "c", "title": "Course"}],
        "sessions": [{"key": "s", "course": "c", "start": "2020-01-10T09:30"}],
        "bookings": [{"session": "s", "person": "sue", "status": "booked"}],
    }
    import_documents(database, [("v2.json", v2(**training))])
    assert one(database, select(Booking.agency_id)) is None
    import_documents(second, [("v1.json", {"format": "boardwork/1", **training})])
    assert one(second, select(Booking.agency_id)) is not None  # boardwork/1: the person's
    import_documents(second, [("export.json", export_data(database))], replace=True)
    assert one(second, select(Booking.agency_id)) is None
