"""Exporting the database as boardwork/2: shapes, and export -> import -> export stability."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import Action, ActionStatus, ActionUpdate, AgendaItem, Person
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import export_data, import_documents
from tests.conftest import SAMPLES

NAMES = [
    "herefordshire-board-2018-10-23.json",
    "dudley-board-2014-11-21.json",
    "hertfordshire-2015-16.json",
]


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def second_database(tmp_path: Path) -> Any:
    """Another new, empty database, to import an export into."""
    opened = open_database(tmp_path / "second.db", KeyStore())
    yield opened.database
    opened.database.close()


def round_trip(first: Database, second: Database, documents: list[Any]) -> None:
    import_documents(first, [(f"doc{i}", d) for i, d in enumerate(documents)])
    exported = export_data(first)
    import_documents(second, [("export", exported)])
    again = export_data(second)
    assert json.dumps(again, ensure_ascii=False) == json.dumps(exported, ensure_ascii=False)


@pytest.mark.parametrize("name", NAMES)
def test_export_import_export_is_identical(
    database: Database, second_database: Database, name: str
) -> None:
    round_trip(database, second_database, [sample(name)])


def test_export_import_export_is_identical_for_all_samples_together(
    database: Database, second_database: Database
) -> None:
    round_trip(database, second_database, [sample(name) for name in NAMES])


def test_an_empty_database_exports_only_the_format(database: Database) -> None:
    assert export_data(database) == {"format": "boardwork/2"}


def test_export_gives_back_the_sample_with_made_initials_and_defaults(database: Database) -> None:
    original = sample(NAMES[1])
    import_documents(database, [("dudley", original)])
    exported = export_data(database)
    assert list(exported) == ["format", "agencies", "people", "boards", "meetings"]
    assert exported["agencies"] == original["agencies"]
    assert exported["people"] == original["people"]
    first = exported["meetings"][0]
    assert [a["initials"] for a in first["attendance"][8:10]] == ["AP", "APr"]
    assert first["items"] == original["meetings"][0]["items"]
    # Actions: a status is always written, "open" when the document gave none.
    assert first["actions"][0] == original["meetings"][0]["actions"][0] | {"status": "open"}
    assert first["actions"][16]["status"] == "completed"
    assert exported["meetings"][1]["start"] == "09:00"


def test_export_shapes_of_times_money_and_flags(database: Database) -> None:
    import_documents(database, [("herts", sample(NAMES[2]))])
    exported = export_data(database)
    assert exported["courses"][0]["non_attendance_charge"] == "50.00"
    assert exported["sessions"][0]["start"] == "2015-04-09T09:30"
    charged = [b for b in exported["bookings"] if "charge" in b]
    assert charged and all(b["charge"] in ("50.00", "25.00") for b in charged)
    assert exported["memberships"][9]["to"] == "2015-05-31"
    assert "confidential" not in json.dumps(exported)


def test_herefordshire_owners_are_exported_as_person_keys(database: Database) -> None:
    import_documents(database, [("hereford", sample(NAMES[0]))])
    exported = export_data(database)
    meeting = exported["meetings"][0]
    owners = {a["number"]: a["owners"] for a in meeting["actions"]}
    assert owners[110] == ["sally-halls", "ed-hughes"]
    assert owners[111] == ["AB"]
    assert meeting["actions"][8]["item"] == "(b)"
    assert meeting["action_updates"][2] == {
        "action": 105, "text": "In progress, on CE group Workplan. To close.", "status": "to_close"
    }
    assert [a["number"] for a in exported["actions"]] == [69, 104, 105, 106, 107, 108]
    assert exported["actions"][0]["raised"] == "2017-01-25"


def test_changes_made_in_the_application_survive_the_round_trip(
    database: Database, second_database: Database
) -> None:
    import_documents(database, [("hereford", sample(NAMES[0]))])
    with database.transaction() as session:
        raised = session.scalars(select(Action).where(Action.number == 109)).one()
        # An update recorded without a meeting, on an action raised at one: the extension.
        session.add(ActionUpdate(action=raised, date=dt.date(2018, 11, 2),
                                 text="Chased by e-mail", status=ActionStatus.ONGOING))
        raised.status = ActionStatus.ONGOING
        withdrawn = session.scalars(select(Action).where(Action.number == 111)).one()
        withdrawn.status = ActionStatus.WITHDRAWN
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == "8")).one()
        item.confidential = True
        item.presenter_person = session.scalars(
            select(Person).where(Person.key == "ed-hughes")
        ).one()
    exported = export_data(database)
    actions = {a["number"]: a for a in exported["meetings"][0]["actions"]}
    assert actions[109]["updates"] == [
        {"date": "2018-11-02", "text": "Chased by e-mail", "status": "ongoing"}
    ]
    assert actions[111]["status"] == "withdrawn"
    last = exported["meetings"][0]["items"][-1]
    assert (last["confidential"], last["presenter"]) == (True, "ed-hughes")
    import_documents(second_database, [("export", exported)])
    assert export_data(second_database) == exported
