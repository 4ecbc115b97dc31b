"""Trainers and venues as records: keeping them, the clash warnings, the migration from typed
names, and their round trip through the interchange format."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.models import Trainer, TrainingSession, Venue
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.migrate import migrate
from desktop.models.opening import open_database
from desktop.services.interchange import export_data, import_documents
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    TrainerDetails,
    TrainingError,
    VenueDetails,
    delete_venue,
    list_sessions,
    list_trainers,
    list_venues,
    save_course,
    save_trainer,
    save_venue,
    schedule_session,
    session_warnings,
)

MORNING = dt.datetime(2026, 12, 2, 9, 30)


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "second.db", KeyStore())
    yield opened.database
    opened.database.close()


def _course(database: Database, capacity: int | None = 30, minutes: int | None = 180) -> int:
    return save_course(database, CourseDetails("Neglect", capacity=capacity,
                                               duration_minutes=minutes)).id


def test_records_are_kept_listed_by_name_and_names_are_unique(database: Database) -> None:
    save_venue(database, VenueDetails("Robertson House, Stevenage", "Six Hills Way",
                                      "Reception", "01438 000000", 40))
    trainer = save_trainer(database, TrainerDetails("Ann Ash", "ann@example.org", "0123"))
    save_trainer(database, TrainerDetails("  bob   Birch "))
    assert [t.name for t in list_trainers(database)] == ["Ann Ash", "bob Birch"]
    venue = list_venues(database)[0]
    assert (venue.name, venue.contact, venue.room_capacity) == (
        "Robertson House, Stevenage", "Reception", 40)
    with pytest.raises(TrainingError, match="already a trainer called"):
        save_trainer(database, TrainerDetails("ANN  ASH"))
    with pytest.raises(TrainingError, match="e-mail"):
        save_trainer(database, TrainerDetails("Cat Cole", "not an address"))
    with pytest.raises(TrainingError, match="needs a name"):
        save_venue(database, VenueDetails("  "))
    save_trainer(database, TrainerDetails("Ann Ash-Smith", "ann@example.org"), trainer)
    assert list_trainers(database)[0].name == "Ann Ash-Smith"


def test_a_venue_in_use_is_not_deleted(database: Database) -> None:
    venue = save_venue(database, VenueDetails("County Hall"))
    schedule_session(database, SessionDetails(_course(database), MORNING, venue_id=venue))
    with pytest.raises(TrainingError, match="venue of 1 session"):
        delete_venue(database, venue)
    assert len(list_venues(database)) == 1


def test_same_venue_or_trainer_at_overlapping_times_is_a_clash(database: Database) -> None:
    course = _course(database)
    hall = save_venue(database, VenueDetails("County Hall", room_capacity=20))
    annex = save_venue(database, VenueDetails("Annex"))
    ann = save_trainer(database, TrainerDetails("Ann Ash"))
    first = schedule_session(database, SessionDetails(
        course, MORNING, MORNING.replace(hour=12, minute=30), hall, ann, capacity=20))

    # Same venue, overlapping: 11:00 starts before 12:30 ends.
    warnings = session_warnings(database, SessionDetails(
        course, MORNING.replace(hour=11), MORNING.replace(hour=13), hall, capacity=10))
    assert [(c.session_id, c.same_venue, c.same_trainer) for c in warnings.clashes] == [
        (first.id, True, False)]
    assert "at County Hall" in warnings.describe()[0]
    # Same trainer elsewhere at the same time.
    warnings = session_warnings(database, SessionDetails(
        course, MORNING, MORNING.replace(hour=12), annex, ann))
    assert [(c.same_venue, c.same_trainer) for c in warnings.clashes] == [(False, True)]
    assert "with Ann Ash" in warnings.describe()[0]
    # Back to back is no clash; nor is another venue with another trainer.
    assert not session_warnings(database, SessionDetails(
        course, MORNING.replace(hour=12, minute=30), MORNING.replace(hour=15), hall, ann,
        capacity=10)).any
    # A session changed is not its own clash.
    assert not session_warnings(database, SessionDetails(
        course, MORNING, MORNING.replace(hour=12, minute=30), hall, ann, capacity=20),
        first.id).any


def test_a_session_without_an_end_lasts_its_course(database: Database) -> None:
    course = _course(database, minutes=420)
    hall = save_venue(database, VenueDetails("County Hall"))
    schedule_session(database, SessionDetails(course, MORNING, venue_id=hall, capacity=5))
    clash = session_warnings(database, SessionDetails(
        course, MORNING.replace(hour=15), venue_id=hall, capacity=5))
    assert len(clash.clashes) == 1 and clash.clashes[0].end == MORNING.replace(hour=16, minute=30)


def test_a_cancelled_session_clashes_with_nothing(database: Database) -> None:
    from desktop.services.training import cancel_session

    course = _course(database)
    hall = save_venue(database, VenueDetails("County Hall"))
    first = schedule_session(database, SessionDetails(course, MORNING, venue_id=hall))
    cancel_session(database, first.id)
    assert not session_warnings(database, SessionDetails(course, MORNING, venue_id=hall)).any


def test_more_places_than_the_room_holds_is_warned(database: Database) -> None:
    course = _course(database, capacity=30)
    small = save_venue(database, VenueDetails("Small room", room_capacity=12))
    warned = session_warnings(database, SessionDetails(course, MORNING, venue_id=small))
    assert (warned.places, warned.room_capacity) == (30, 12)
    assert warned.describe() == ["The session offers 30 places but the room holds 12."]
    assert not session_warnings(database, SessionDetails(
        course, MORNING, venue_id=small, capacity=12)).any


def test_the_session_list_names_its_venue_and_trainer(database: Database) -> None:
    hall = save_venue(database, VenueDetails("County Hall"))
    ann = save_trainer(database, TrainerDetails("Ann Ash"))
    schedule_session(database, SessionDetails(_course(database), MORNING, None, hall, ann))
    info = list_sessions(database)[0]
    assert (info.venue, info.trainer, info.venue_id, info.trainer_id) == (
        "County Hall", "Ann Ash", hall, ann)


def test_the_migration_makes_records_of_the_typed_names_and_keeps_every_session(
    database: Database,
) -> None:
    from alembic import command

    from desktop.models import Person
    from desktop.services.training import book, list_bookings

    course = _course(database)
    for hour in (9, 13):
        schedule_session(database, SessionDetails(course, MORNING.replace(hour=hour)))
    schedule_session(database, SessionDetails(course, MORNING.replace(day=3)))
    with database.transaction() as s:
        person = Person(key="ann-ash", name="Ann Ash")
        s.add(person)
        s.flush()
        person_id = person.id
    book(database, 1, person_id, now=MORNING - dt.timedelta(days=7))
    migrate(database, lambda config: command.downgrade(config, "0005"))
    with database.engine.begin() as connection:
        connection.execute(text(
            "UPDATE training_session SET venue = CASE id WHEN 1 THEN 'County Hall' "
            "WHEN 2 THEN ' county   hall' ELSE 'Robertson House' END, "
            "trainer = CASE id WHEN 3 THEN NULL ELSE 'Ann Ash' END"))
    migrate(database, lambda config: command.upgrade(config, "head"))
    with database.session() as s:
        assert [(v.key, v.name) for v in s.scalars(select(Venue).order_by(Venue.id))] == [
            ("county-hall", "County Hall"), ("robertson-house", "Robertson House")]
        assert [t.name for t in s.scalars(select(Trainer))] == ["Ann Ash"]
        sessions = s.scalars(select(TrainingSession).order_by(TrainingSession.id)).all()
        assert [(x.venue_name, x.trainer_name) for x in sessions] == [
            ("County Hall", "Ann Ash"), ("County Hall", "Ann Ash"), ("Robertson House", None)]
    # The session's bookings are still its own after the table was rebuilt.
    assert [(b.person, b.status) for b in list_bookings(database, 1)] == [("Ann Ash", "booked")]
    # And back down: the names return to the sessions.
    migrate(database, lambda config: command.downgrade(config, "0005"))
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT venue, trainer FROM training_session ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("County Hall", "Ann Ash"), ("County Hall", "Ann Ash"),
                                        ("Robertson House", None)]
    migrate(database, lambda config: command.upgrade(config, "head"))


def test_trainers_and_venues_round_trip_through_an_export(database: Database,
                                                          second: Database) -> None:
    hall = save_venue(database, VenueDetails("County Hall", "Pegs Lane, Hertford", "Front desk",
                                             "01992 555555", 25))
    ann = save_trainer(database, TrainerDetails("Ann Ash", "ann@example.org", "0123",
                                                "Neglect and GCP2"))
    save_trainer(database, TrainerDetails("Unused Trainer"))
    schedule_session(database, SessionDetails(_course(database), MORNING, None, hall, ann))
    exported = export_data(database)
    assert exported["venues"] == [{"key": "county-hall", "name": "County Hall",
                                   "address": "Pegs Lane, Hertford", "contact": "Front desk",
                                   "phone": "01992 555555", "room_capacity": 25}]
    assert exported["sessions"][0]["venue"] == "County Hall"
    import_documents(second, [("export.json", json.loads(json.dumps(exported)))])
    assert export_data(second) == exported
    assert [t.name for t in list_trainers(second)] == ["Ann Ash", "Unused Trainer"]


def test_an_older_document_s_typed_names_become_records(database: Database) -> None:
    document = {
        "format": "boardwork/1",
        "courses": [{"key": "neglect", "title": "Neglect"}],
        "sessions": [
            {"key": "n1", "course": "neglect", "start": "2016-05-03T09:30",
             "venue": "County Hall, Hertford", "trainer": "Ann Ash"},
            {"key": "n2", "course": "neglect", "start": "2016-06-03T09:30",
             "venue": "county hall,  Hertford"},
        ],
    }
    import_documents(database, [("old.json", document)])
    assert [v.name for v in list_venues(database)] == ["County Hall, Hertford"]
    assert [(s.venue, s.trainer) for s in list_sessions(database)] == [
        ("County Hall, Hertford", "Ann Ash"), ("County Hall, Hertford", None)]
    assert list_venues(database)[0].sessions == 2
