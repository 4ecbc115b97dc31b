"""Bad documents: every problem is listed with its path, and nothing at all is imported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Action, Agency, AgendaItem, Attendance, Booking, Meeting, Person
from desktop.models.database import Database
from desktop.services.interchange import ImportRejected, import_documents, importer, read_document
from tests.conftest import SAMPLES


def counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Agency, Person, Meeting, Attendance, AgendaItem, Action, Booking)
        }


def rejected(db: Database, *documents: Any) -> list[str]:
    """The errors of importing `documents`, after checking that nothing changed."""
    before = counts(db)
    with pytest.raises(ImportRejected) as caught:
        import_documents(db, [(f"doc{i}.json", d) for i, d in enumerate(documents)])
    assert counts(db) == before
    assert str(caught.value) == "\n".join(caught.value.errors)
    return caught.value.errors


@pytest.fixture
def hereford(database: Database) -> Any:
    """A database holding the Herefordshire sample, and the sample itself."""
    document = json.loads((SAMPLES / "herefordshire-board-2018-10-23.json").read_text("utf-8"))
    import_documents(database, [("hereford", document)])
    return document


def doc(**lists: Any) -> dict[str, Any]:
    return {"format": "boardwork/1", **lists}


PEOPLE = [{"key": "ann", "name": "Ann Lee"}, {"key": "bob", "name": "Bob Ray"}]
BOARD = [{"key": "lscb", "name": "Board", "kind": "board"}]


def with_meeting(**fields: Any) -> dict[str, Any]:
    return doc(people=PEOPLE, boards=BOARD,
               meetings=[{"key": "m", "board": "lscb", "date": "2020-01-10", **fields}])


def test_each_kind_of_error_is_listed_with_its_path(database: Database, hereford: Any) -> None:
    bad = json.loads(json.dumps(hereford))  # the sample, spoiled in six ways
    meeting = bad["meetings"][0]
    meeting["atendance"] = meeting.pop("attendance")
    meeting["date"] = "2018-13-01"
    meeting["actions"][0]["item"] = "99"
    bad["people"][7]["key"] = bad["people"][2]["key"]
    bad["agencies"][0]["sector"] = "council"
    bad["boards"] = "hscb"
    bad["people"][0]["name"] = "Sally Halls, renamed"  # must not be applied either
    assert rejected(database, bad) == [
        "agencies[0].sector: 'council' is not one of local_authority, police, health, "
        "education, probation, youth_justice, voluntary, other",
        "boards: expected a list, not a string",
        "meetings[0].date: '2018-13-01' is not a date (YYYY-MM-DD)",
        "meetings[0].atendance: unknown field",
        "people[7].key: 'alison-curson' is used twice (also people[2])",
        "meetings[0].actions[0].item: no item '99' in this meeting",
    ]
    with database.session() as session:
        assert session.scalars(select(Person.name).where(Person.key == "sally-halls")).one() == (
            "Sally Halls"
        )


def test_dangling_keys_and_duplicates(database: Database) -> None:
    bad = with_meeting(
        chair="carol",
        attendance=[
            {"person": "ann", "status": "present", "initials": "AL"},
            {"person": "ann", "status": "present"},
            {"person": "bob", "status": "presnt", "initials": "AL", "representing": "dan"},
        ],
        items=[{"number": "2", "title": "A"}, {"number": "2", "title": "B"}],
        actions=[{"number": 1, "text": "x", "owners": ["AL"]}],
        action_updates=[{"action": 7, "text": "y"}],
    )
    bad["actions"] = [{"board": "lscb", "number": 1, "text": "z", "owners": ["x"]}]
    bad["memberships"] = [{"board": "hscbb", "person": "ann"}]
    assert rejected(database, bad) == [
        "meetings[0].attendance[2].status: 'presnt' is not one of present, in_attendance, "
        "apologies, absent, expected",
        "memberships[0].board: no board with key 'hscbb'",
        "meetings[0].chair: no person with key 'carol'",
        "meetings[0].attendance[2].representing: no person with key 'dan'",
        "meetings[0].attendance[1].person: 'ann' is used twice (also meetings[0].attendance[0])",
        "meetings[0].attendance[2].initials: 'AL' is used twice (also meetings[0].attendance[0])",
        "meetings[0].items[1].number: '2' is used twice in this meeting (also "
        "meetings[0].items[0])",
        "meetings[0].action_updates[0].action: board 'lscb' has no action 7",
        "actions[0].number: 1 is used twice for board 'lscb' (also meetings[0].actions[0])",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start", "9:30", "'9:30' is not a time (HH:MM, 24 hour)"),
        ("start", "24:00", "'24:00' is not a time (HH:MM, 24 hour)"),
        ("next_meeting", 20200110, "expected a string: a date (YYYY-MM-DD), not the number "
                                   "20200110"),
        ("title", ["Board"], "expected a string, not a list"),
        ("kind", "joint meeting", "'joint meeting' is not one of ordinary, extraordinary, "
                                  "development, joint"),
        ("attendance", {"person": "ann"}, "expected a list, not an object"),
        ("items", ["Welcome"], "expected an object, not a string"),
    ],
)
def test_wrong_values_are_errors_not_crashes(
    database: Database, field: str, value: Any, message: str
) -> None:
    errors = rejected(database, with_meeting(**{field: value}))
    path = "meetings[0].items[0]" if field == "items" else f"meetings[0].{field}"
    assert errors == [f"{path}: {message}"]


@pytest.mark.parametrize(
    ("course", "message"),
    [
        ({"capacity": 2.5}, "courses[0].capacity: expected a whole number, not the number 2.5"),
        ({"capacity": True}, "courses[0].capacity: expected a whole number, not true/false"),
        ({"capacity": 0}, "courses[0].capacity: 0 is less than 1"),
        ({"non_attendance_charge": "50"}, "courses[0].non_attendance_charge: '50' is not an "
                                          'amount of money (pounds with two decimals, "50.00")'),
        ({"non_attendance_charge": 50.0}, "courses[0].non_attendance_charge: expected a string: "
                                          'an amount of money (pounds with two decimals, '
                                          '"50.00"), not the number 50.0'),
        ({"title": ""}, "courses[0].title: must not be empty"),
        ({"title": None}, "courses[0].title: missing"),
    ],
)
def test_counts_money_and_required_fields(
    database: Database, course: dict[str, Any], message: str
) -> None:
    document = doc(courses=[{"key": "c", "title": "Course"} | course])
    assert rejected(database, document) == [message]


def test_what_the_database_would_refuse_is_found_first(database: Database) -> None:
    bad = with_meeting(start="12:30", end="09:30",
                       actions=[{"text": "x", "owners": ["ann"], "due": "2020-01-09"}])
    bad["boards"] = [
        *BOARD,
        {"key": "a", "name": "A", "kind": "panel", "parent": "b"},
        {"key": "b", "name": "B", "kind": "panel", "parent": "a"},
    ]
    bad["memberships"] = [
        {"board": "lscb", "person": "ann", "from": "2020-02-01", "to": "2020-01-31"},
        {"board": "lscb", "person": "ann", "from": "2020-02-01"},
    ]
    bad["actions"] = [{"board": "lscb", "number": 5, "raised": "2020-01-01", "due": "2019-12-31",
                       "text": "y", "owners": []}]
    bad["courses"] = [{"key": "c", "title": "C"}]
    bad["sessions"] = [{"key": "s", "course": "c", "start": "2020-01-01T10:00",
                        "end": "2020-01-01T09:00"}]
    bad["bookings"] = [{"session": "s", "person": "bob", "status": "booked"}] * 2
    assert rejected(database, bad) == [
        "actions[0].owners: must name at least one owner",
        "boards[1].parent: 'b' would make board 'a' a parent of itself",
        "boards[2].parent: 'a' would make board 'b' a parent of itself",
        "memberships[0].to: '2020-01-31' is before from '2020-02-01'",
        "memberships[1]: the membership of 'ann' on 'lscb' from 2020-02-01 is listed twice "
        "(also memberships[0])",
        "meetings[0].end: '09:30' is before the start '12:30'",
        "meetings[0].actions[0].due: '2020-01-09' is before the meeting's date '2020-01-10'",
        "actions[0].due: '2019-12-31' is before the date it was raised, '2020-01-01'",
        "sessions[0].end: '2020-01-01T09:00' is before the start '2020-01-01T10:00'",
        "bookings[1]: 'bob' is booked on 's' twice (also bookings[0])",
    ]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the document must be a JSON object, not a list"),
        ({}, "format: missing"),
        ({"format": "boardwork/3"}, "format: 'boardwork/3' is not a format this version reads "
                                    "(it reads 'boardwork/1' and 'boardwork/2')"),
        ({"format": "boardwork/1", "peple": []}, "peple: unknown field"),
    ],
)
def test_the_document_itself(database: Database, document: Any, message: str) -> None:
    assert rejected(database, document) == [message]


def test_errors_of_several_documents_are_all_listed_with_their_names(
    database: Database, hereford: Any
) -> None:
    first = doc(people=[{"key": "zed", "name": "Zed", "agency": "nowhere"}])
    # The second refers to a key of the first, and to a person already in the database.
    second = with_meeting(attendance=[{"person": "zed", "status": "present"},
                                      {"person": "sally-halls", "status": "absent"}])
    second["people"] = [{"key": "ann", "name": ""}]
    assert rejected(database, first, second, hereford) == [
        "doc0.json: people[0].agency: no agency with key 'nowhere'",
        "doc1.json: people[0].name: must not be empty",
    ]


def test_unreadable_files_are_rejected_with_the_place_of_the_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "boardwork/1",\n  "people": [}\n', encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        read_document(broken)
    assert caught.value.errors == [
        "broken.json: not valid JSON: line 2 column 14: Expecting value"
    ]
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    with pytest.raises(ImportRejected) as caught:
        read_document(latin)
    assert caught.value.errors == ["latin.json: not valid JSON: the file is not UTF-8 text"]
    with pytest.raises(ImportRejected) as caught:
        read_document(tmp_path / "missing.json")
    assert caught.value.errors[0].startswith("missing.json: cannot be read: ")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "notepad.json"
    path.write_text('{"format": "boardwork/1"}', encoding="utf-8-sig")
    assert read_document(path) == {"format": "boardwork/1"}


def test_a_refusal_the_checks_missed_is_still_a_plain_rejection(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The checks find duplicates first; without them the database's own refusal must still
    # come out as ImportRejected, with nothing imported, and never as a traceback.
    monkeypatch.setattr(importer, "check_document", lambda document, known: [])
    errors = rejected(database, with_meeting(items=[{"number": "1", "title": "A"},
                                                    {"number": "1", "title": "B"}]))
    assert len(errors) == 1
    assert errors[0].startswith("the database refused the import, so nothing was imported: ")
