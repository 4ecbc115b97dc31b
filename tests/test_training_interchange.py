"""Booking events, charges, waivers, reasons and former session keys: through boardwork/2 and
through the upgrade of a database written before them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Booking, TrainingSession
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.migrate import migrate, schema_state
from desktop.models.opening import open_database
from desktop.services.interchange import ImportRejected, export_data, import_documents
from desktop.services.training import (
    Reason,
    SessionDetails,
    book,
    cancel_booking,
    change_session,
    get_session_info,
    list_bookings,
    mark,
    waive_charge,
)
from tests.test_training_rules import AFTER, DAY_BEFORE, START, WEEK_BEFORE, _people, _session


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "second.db", KeyStore())
    yield opened.database
    opened.database.close()


def _fill(db: Database) -> int:
    session_id = _session(db, capacity=2)
    ann, ben, cat = _people(db, "Ann Ash", "Ben Birch", "Cat Cole")
    first = book(db, session_id, ann, now=WEEK_BEFORE)
    cancel_booking(db, first.id, now=DAY_BEFORE, reason=Reason("other", "Covering a colleague"))
    book(db, session_id, ann, now=DAY_BEFORE)  # booked again: a second booking event
    absent = book(db, session_id, ben, now=WEEK_BEFORE)
    book(db, session_id, cat, now=WEEK_BEFORE)  # full: waiting
    info = get_session_info(db, session_id)
    # Moved a day later (not yet run): the key follows, the old one is kept.
    later = START + dt.timedelta(days=1)
    change_session(db, session_id, SessionDetails(info.course_id, later, None,
                                                  capacity=2))
    mark(db, absent.id, "did_not_attend", reason=Reason("illness"),
         now=AFTER + dt.timedelta(days=1))
    waive_charge(db, absent.id, "Signed off sick")
    return session_id


def _events(db: Database) -> list[tuple[Any, ...]]:
    with db.session() as s:
        return sorted(
            (person, b.status.value, b.booked_at, b.cancelled_at, b.charge_pence,
             b.charge_waived_reason, b.reason, b.reason_note)
            for b, person in s.execute(select(Booking, Booking.person_id)))


def test_booking_events_charges_waivers_reasons_and_keys_round_trip(
        database: Database, second: Database) -> None:
    session_id = _fill(database)
    exported = export_data(database)
    [session] = exported["sessions"]
    assert session["key"].endswith("2026-12-16")
    assert [k[-10:] for k in session["former_keys"]] == ["2026-12-15"]
    ann = next(b for b in exported["bookings"] if b["person"] == "ann-ash")
    assert ann["status"] == "booked"
    assert [(e["status"], e["charge"], e["reason"], e["reason_note"]) for e in ann["earlier"]] == [
        ("cancelled", "30.00", "other", "Covering a colleague")]
    ben = next(b for b in exported["bookings"] if b["person"] == "ben-birch")
    assert (ben["charge"], ben["charge_waived"], ben["reason"]) == (
        "60.00", "Signed off sick", "illness")

    text = json.dumps(exported, ensure_ascii=False, indent=2)
    import_documents(second, [("export.json", json.loads(text))])
    assert json.dumps(export_data(second), ensure_ascii=False, indent=2) == text
    assert _events(second) == _events(database)
    # Imported again: nothing is added (the earlier event is found, not doubled).
    import_documents(second, [("export.json", json.loads(text))])
    assert _events(second) == _events(database)
    assert len(list_bookings(database, session_id)) == 4


def test_an_older_document_finds_a_moved_session_by_its_old_key(
        database: Database, second: Database) -> None:
    session_id = _fill(database)
    old_key = export_data(database)["sessions"][0]["former_keys"][0]
    document = {"format": "boardwork/2", "people": [{"key": "dee-dunn", "name": "Dee Dunn"}],
                "bookings": [{"session": old_key, "person": "dee-dunn", "status": "waiting",
                              "booked_at": "2026-12-09T10:00"}]}
    import_documents(database, [("old.json", document)])
    with database.session() as s:
        assert s.scalar(select(func.count(TrainingSession.id))) == 1
    assert "Dee Dunn" in [b.person for b in list_bookings(database, session_id)]


def test_an_earlier_booking_must_be_cancelled(database: Database) -> None:
    _fill(database)
    document = export_data(database)
    ann = next(b for b in document["bookings"] if b["person"] == "ann-ash")
    ann["earlier"][0]["status"] = "booked"
    with pytest.raises(ImportRejected, match="an earlier booking must be cancelled"):
        import_documents(database, [("bad.json", document)])


def test_an_old_boardwork_1_document_still_imports(database: Database) -> None:
    document = {
        "format": "boardwork/1",
        "courses": [{"key": "c", "title": "Course"}],
        "people": [{"key": "sue", "name": "Sue Smith"}],
        "sessions": [{"key": "s-2020-01-10", "course": "c", "start": "2020-01-10T09:30"}],
        "bookings": [{"session": "s-2020-01-10", "person": "sue", "status": "cancelled",
                      "charge": "25.00"}],
    }
    import_documents(database, [("v1.json", document)])
    [booking] = list_bookings(database, 1)
    assert (booking.status, booking.charge_pence, booking.reason) == ("cancelled", 2500, None)


def test_the_upgrade_keeps_every_booking_and_allows_booking_again(database: Database) -> None:
    from alembic import command

    session_id = _fill(database)
    before = _events(database)
    with database.transaction() as s:
        # At 0004 a person had one row per session: drop Ann's second event for the test.
        live = s.scalars(select(Booking).where(Booking.status == "booked")
                         .order_by(Booking.id.desc())).first()
        assert live is not None
        s.delete(live)
    kept = _events(database)
    migrate(database, lambda config: command.downgrade(config, "0006"))
    database.close()
    assert database.path is not None
    upgraded = open_database(database.path, KeyStore())
    db = upgraded.database
    try:
        assert schema_state(db).up_to_date
        assert [e[:6] for e in _events(db)] == [e[:6] for e in kept]
        assert len(kept) == len(before) - 1
        [ann] = _people(db, "Ann Again")
        assert book(db, session_id, ann, now=WEEK_BEFORE).status in ("booked", "waiting")
    finally:
        db.close()
