"""A meeting and its actions listed by two documents of one import end as they would after
two imports: the rows the first document added (attendance, owners, updates, written at the
flush rather than as objects, benchmarks/FINDINGS.md issue 19 session 9) are those the second
finds, keeps, changes or removes; none is added twice."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.models import Action, ActionOwner, Attendance, Meeting
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES
from tests.support.import_dump import dump

DUDLEY = "dudley-board-2014-11-21.json"


def _again(first: dict[str, Any], newcomer: str, action_number: int) -> dict[str, Any]:
    """The first document's meeting again: one more attendee (a person new in it), action 1's
    owners changed (the first kept, the rest gone, the newcomer added), an update given on
    action `action_number`."""
    meeting = first["meetings"][0]
    action = copy.deepcopy(next(a for a in meeting["actions"] if a.get("number") == 1))
    action["owners"] = [action["owners"][0], newcomer]
    action.pop("item", None)  # its item is not listed again; the action keeps it
    return {"format": "boardwork/1", "people": [{"key": newcomer, "name": newcomer.title()}],
            "meetings": [{
                "key": meeting["key"], "board": meeting["board"], "date": meeting["date"],
                "attendance": [{"person": newcomer, "status": "present"}],
                "actions": [action],
                "action_updates": [{"action": action_number, "text": f"Said by {newcomer}."}],
            }]}


def _tables(db: Database) -> dict[str, Any]:
    """Every table but the audit trail (one import writes a row's final values once, two
    write them then change them)."""
    return {name: rows for name, rows in dump(db).items() if name != "audit_entry"}


def test_a_meeting_listed_by_two_documents_of_one_import(tmp_path: Path) -> None:
    """Once new (its rows written at the flush) and once already in the database (its lists
    read, then read again after rows were added). Before session 9 the second document of an
    import read the attendance as the first had left it in memory, not by position: an
    attendee the first added moved to the end (ola-guest here), which two imports did not do."""
    first = read_document(SAMPLES / DUDLEY)
    first["meetings"][0]["status"] = "planned"  # approved minutes change only by amendment
    second, third = _again(first, "nia-visitor", 2), _again(first, "ola-guest", 3)
    states = []
    for imports in ([[first, second], [third, _again(first, "pat-caller", 4)]],
                    [[first], [second], [third], [_again(first, "pat-caller", 4)]]):
        opened = open_database(tmp_path / f"{len(imports)}.db", KeyStore())
        try:
            for documents in imports:
                import_documents(opened.database, [(f"{i}.json", document)
                                                   for i, document in enumerate(documents)])
            states.append(_tables(opened.database))
            with opened.database.session() as session:
                meeting = session.scalars(select(Meeting).where(
                    Meeting.key == first["meetings"][0]["key"])).one()
                people = [a.person.key for a in session.scalars(
                    select(Attendance).where(Attendance.meeting_id == meeting.id)
                    .order_by(Attendance.position))]
                action = session.scalars(select(Action).where(Action.number == 1)).one()
                owners = [o.person.key if o.person else o.group_name for o in session.scalars(
                    select(ActionOwner).where(ActionOwner.action_id == action.id)
                    .order_by(ActionOwner.position))]
                updates = [[u.text for u in session.scalars(select(Action).where(
                    Action.number == number)).one().updates] for number in (2, 3, 4)]
        finally:
            opened.database.close()
        listed = [row["person"] for row in first["meetings"][0]["attendance"]]
        # Without replace, a partial attendance list puts its rows first and keeps the rest.
        assert people == ["pat-caller", "ola-guest", "nia-visitor", *listed]
        assert owners == [first["meetings"][0]["actions"][0]["owners"][0], "pat-caller"]
        assert updates == [["Said by nia-visitor."], ["Said by ola-guest."],
                           ["Said by pat-caller."]]
    assert states[0] == states[1]
