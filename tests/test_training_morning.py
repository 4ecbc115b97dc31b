"""The coordinator's morning: sessions coming, registers not marked, charges to invoice."""

from __future__ import annotations

import datetime as dt

from desktop.models import Agency, Person
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    book,
    cancel_session,
    mark,
    save_course,
    schedule_session,
)
from desktop.services.training.morning import training_morning
from desktop.services.training.records import VenueDetails, save_venue

SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(9, 30))


def _setup(database):
    course = save_course(database, CourseDetails(
        "Neglect", format="full_day", capacity=30, non_attendance_charge_pence=5000))
    hall, library = (save_venue(database, VenueDetails(name))
                     for name in ("County Hall", "Library"))
    first = schedule_session(database, SessionDetails(course.id, SOON, SOON.replace(hour=16),
                                                      hall, capacity=2))
    later = schedule_session(database, SessionDetails(
        course.id, SOON + dt.timedelta(days=2), None, library, capacity=10))
    gone = schedule_session(database, SessionDetails(course.id, SOON + dt.timedelta(days=3)))
    with database.transaction() as s:
        agency = Agency(key="police", name="Police")
        people = [Person(key=f"p{i}", name=f"Person {i}", agency=agency) for i in range(4)]
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
    return course, first, later, gone, ids


def test_sessions_coming_with_places_and_waiting(database) -> None:
    _, first, later, gone, people = _setup(database)
    for person in people[:3]:
        book(database, first.id, person)  # two places: the third waits
    book(database, gone.id, people[3])
    cancel_session(database, gone.id)
    morning = training_morning(database, dt.datetime.combine(dt.date.today(), dt.time(8)))
    assert [(s.id, s.places_left, s.waiting) for s in morning.coming] == [
        (first.id, 0, 1), (later.id, 10, 0)]  # the cancelled one is left out
    assert morning.unmarked == () and morning.unmarked_total == 0


def test_registers_of_sessions_over_and_charges(database) -> None:
    _, first, later, gone, people = _setup(database)
    ann, ben = (book(database, first.id, p) for p in people[:2])
    # The day after the first session: Ben is marked did not attend, Ann not yet marked.
    now = SOON + dt.timedelta(days=1)
    mark(database, ben.id, "did_not_attend", now=now)
    morning = training_morning(database, now)
    assert [(r.session_id, r.unmarked) for r in morning.unmarked] == [(first.id, 1)]
    assert morning.unmarked_total == 1
    assert [s.id for s in morning.coming] == [later.id, gone.id]
    charges = morning.charges
    assert (charges.charges, charges.agencies, charges.total_pence) == (1, 1, 5000)
    mark(database, ann.id, "attended", now=now)
    assert training_morning(database, now).unmarked == ()
