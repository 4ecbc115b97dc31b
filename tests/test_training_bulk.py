"""Booking several people in one go: places in the order given, then the waiting list, one
transaction, and a plain account of who got what."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Agency, Person
from desktop.models.database import Database
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    TrainingError,
    book,
    book_many,
    cancel_session,
    list_bookings,
    people_to_book,
    save_course,
    schedule_session,
)

START = dt.datetime(2026, 3, 10, 9, 30)
NOW = START - dt.timedelta(days=14)


def _session(database: Database, capacity: int) -> int:
    course = save_course(database, CourseDetails("Neglect", capacity=30))
    return schedule_session(database, SessionDetails(course.id, START, capacity=capacity)).id


def _people(database: Database, agency: str, *names: str) -> list[int]:
    with database.transaction() as s:
        found = s.scalar(select(Agency).where(Agency.name == agency)) or Agency(
            key=agency.lower().replace(" ", "-"), name=agency)
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=found,
                         email=f"{n.split()[0].lower()}@example.org") for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def test_five_nominations_fill_the_places_then_the_waiting_list(database: Database) -> None:
    session_id = _session(database, capacity=3)
    [first] = _people(database, "Police", "Zed Zero")
    book(database, session_id, first, now=NOW)
    nominated = _people(database, "Children's Services", "Ann Ash", "Ben Birch", "Cat Cole",
                        "Dan Dale", "Eve Elm")
    result = book_many(database, session_id, nominated, now=NOW)
    assert [b.person for b in result.booked] == ["Ann Ash", "Ben Birch"]
    assert [(b.person, b.waiting_position) for b in result.waiting] == [
        ("Cat Cole", 1), ("Dan Dale", 2), ("Eve Elm", 3)]
    assert result.not_booked == ()
    assert result.describe() == (
        "Booked: Ann Ash, Ben Birch. On the waiting list: Cat Cole (number 1), Dan Dale "
        "(number 2), Eve Elm (number 3).")
    rows = list_bookings(database, session_id)
    assert [(b.person, b.status, b.agency) for b in rows][1:4] == [
        ("Ann Ash", "booked", "Children's Services"), ("Ben Birch", "booked",
                                                       "Children's Services"),
        ("Cat Cole", "waiting", "Children's Services")]


def test_someone_already_booked_is_reported_and_the_others_are_booked(
    database: Database,
) -> None:
    session_id = _session(database, capacity=5)
    ann, ben = _people(database, "Police", "Ann Ash", "Ben Birch")
    book(database, session_id, ann, now=NOW)
    result = book_many(database, session_id, [ann, ben, ben], now=NOW)
    assert [b.person for b in result.booked] == ["Ben Birch"]
    assert [(n.person, n.reason) for n in result.not_booked] == [
        ("Ann Ash", "Ann Ash is already booked for this session.")]
    assert "Not booked: Ann Ash (Ann Ash is already booked for this session)." in (
        result.describe())
    assert len(list_bookings(database, session_id)) == 2


def test_when_nobody_can_be_booked_nothing_changes(database: Database) -> None:
    session_id = _session(database, capacity=5)
    people = _people(database, "Police", "Ann Ash", "Ben Birch")
    cancel_session(database, session_id)
    with pytest.raises(TrainingError, match="Nobody could be booked: Ann Ash: This session "
                                            "has been cancelled"):
        book_many(database, session_id, people, now=NOW)
    with pytest.raises(TrainingError, match="Choose the people to book"):
        book_many(database, session_id, [], now=NOW)
    assert list_bookings(database, session_id) == ()


def test_the_list_to_choose_from_filters_and_says_who_is_already_on(database: Database) -> None:
    session_id = _session(database, capacity=5)
    ann, _ben = _people(database, "Police", "Ann Ash", "Ben Birch")
    _people(database, "Children's Services", "Cat Cole")
    book(database, session_id, ann, now=NOW)
    everyone = people_to_book(database, session_id)
    assert [(c.name, c.on_session) for c in everyone] == [
        ("Ann Ash", "booked"), ("Ben Birch", None), ("Cat Cole", None)]
    assert [c.name for c in people_to_book(database, session_id, "police")] == [
        "Ann Ash", "Ben Birch"]
    assert [c.name for c in people_to_book(database, session_id, "CAT@")] == ["Cat Cole"]
    police = everyone[0].agency_id
    assert [c.name for c in people_to_book(database, session_id, "b", police)] == [
        "Ben Birch"]
