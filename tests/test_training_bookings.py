"""Booking rules, one scripted scenario and each rule on its own, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Agency, AuditEntry, Booking, Person
from desktop.models.database import Database
from desktop.services.figures import Period
from desktop.services.settings import save_settings
from desktop.services.training import (
    CourseDetails,
    NewDelegate,
    SessionDetails,
    TrainingError,
    add_walk_in,
    book,
    cancel_booking,
    cancel_session,
    invoice_list,
    list_bookings,
    list_charges,
    list_sessions,
    mark,
    possible_duplicates,
    save_course,
    schedule_session,
    substitute,
    waive_charge,
)

START = dt.datetime(2026, 3, 10, 9, 30)
DAY_BEFORE = START - dt.timedelta(hours=24)
WEEK_BEFORE = START - dt.timedelta(days=7)
MARCH = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _people(database: Database, *names: str, agency: str = "Children's Services") -> list[int]:
    with database.transaction() as s:
        found = s.scalar(select(Agency).where(Agency.name == agency))
        found = found or Agency(key=agency.lower().replace(" ", "-").replace("'", ""),
                                name=agency)
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=found) for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def _session(database: Database, capacity: int = 2) -> int:
    course = save_course(database, CourseDetails(
        "Graded Care Profile lite bite", level="targeted", format="lite_bite", capacity=30,
        non_attendance_charge_pence=2500, late_cancellation_charge_pence=2000,
    ))
    session = schedule_session(database, SessionDetails(
        course.id, START, START + dt.timedelta(hours=3), _venue(database, "County Hall, Hertford"),
        capacity=capacity))
    return session.id


def _statuses(database: Database, session_id: int) -> list[tuple[str, str, int | None]]:
    return [(b.person, b.status, b.waiting_position) for b in list_bookings(database, session_id)]


def test_the_scripted_scenario(database: Database) -> None:
    session_id = _session(database, capacity=2)
    ann, ben, cat, dan = _people(database, "Ann Ash", "Ben Birch", "Cat Cole", "Dan Dale")
    for minutes, person in enumerate((ann, ben, cat, dan)):
        book(database, session_id, person, now=WEEK_BEFORE + dt.timedelta(minutes=minutes))
    assert _statuses(database, session_id) == [
        ("Ann Ash", "booked", None), ("Ben Birch", "booked", None),
        ("Cat Cole", "waiting", 1), ("Dan Dale", "waiting", 2),
    ]
    [info] = list_sessions(database)
    assert (info.places_taken, info.waiting, info.is_full) == (2, 2, True)

    # An early cancellation: free of charge, and the first waiting takes the place.
    bookings = {b.person: b.id for b in list_bookings(database, session_id)}
    early = cancel_booking(database, bookings["Ann Ash"], now=WEEK_BEFORE)
    assert (early.late, early.booking.charge_pence, early.booking.cancelled_at) == (
        False, None, WEEK_BEFORE)
    assert early.promoted is not None and early.promoted.person == "Cat Cole"

    # A late cancellation (24 hours before, within the 48-hour window) is charged.
    late = cancel_booking(database, bookings["Ben Birch"], now=DAY_BEFORE)
    assert late.late and late.booking.charge_pence == 2000
    assert late.promoted is not None and late.promoted.person == "Dan Dale"

    # Dan does not come: charged the non-attendance rate.
    assert mark(database, bookings["Dan Dale"], "did_not_attend").charge_pence == 2500
    assert mark(database, bookings["Cat Cole"], "attended").charge_pence is None

    invoice = invoice_list(database, MARCH)
    assert [(a.agency, a.total_pence) for a in invoice.agencies] == [
        ("Children's Services", 4500)]
    assert [(line.person, line.reason) for line in invoice.agencies[0].lines] == [
        ("Ben Birch", "Late cancellation"), ("Dan Dale", "Did not attend")]

    # Waived: gone from the invoice list, still on the booking and in the audit.
    waive_charge(database, bookings["Dan Dale"], "Family emergency, agreed by the manager")
    assert invoice_list(database, MARCH).total_pence == 2000
    [waived] = [c for c in list_charges(database, MARCH) if c.waived]
    assert (waived.person, waived.amount_pence) == ("Dan Dale", 2500)
    with database.session() as s:
        audit = s.scalars(select(AuditEntry.new).where(
            AuditEntry.table_name == "booking", AuditEntry.field == "charge_waived_reason",
            AuditEntry.row_id == str(bookings["Dan Dale"]))).all()
    assert audit == ["Family emergency, agreed by the manager"]


def test_capacity_is_never_exceeded_by_booked_places(database: Database) -> None:
    session_id = _session(database, capacity=3)
    people = _people(database, *(f"Person {n}" for n in range(8)))
    for person in people:
        book(database, session_id, person, now=WEEK_BEFORE)
        booked = [b for b in list_bookings(database, session_id) if b.status == "booked"]
        assert len(booked) <= 3
    cancel_booking(database, list_bookings(database, session_id)[0].id, now=WEEK_BEFORE)
    booked = [b for b in list_bookings(database, session_id) if b.status == "booked"]
    assert len(booked) == 3


def test_waiting_list_keeps_its_order(database: Database) -> None:
    session_id = _session(database, capacity=1)
    first, *waiting = _people(database, "Ann Ash", "Zoe Zed", "Bob Bell", "Max Moss")
    book(database, session_id, first, now=WEEK_BEFORE)
    # Booked later in time than entered: the order is by when they asked, then by entry.
    times = [WEEK_BEFORE + dt.timedelta(hours=2), WEEK_BEFORE + dt.timedelta(hours=1),
             WEEK_BEFORE + dt.timedelta(hours=1)]
    for person, when in zip(waiting, times, strict=True):
        book(database, session_id, person, now=when)
    order = [b.person for b in list_bookings(database, session_id) if b.status == "waiting"]
    assert order == ["Bob Bell", "Max Moss", "Zoe Zed"]
    # A substitution on the waiting list keeps the place in the queue.
    [sub] = _people(database, "Sam Swap")
    bob = next(b for b in list_bookings(database, session_id) if b.person == "Bob Bell")
    swapped = substitute(database, bob.id, sub, now=WEEK_BEFORE)
    assert (swapped.id, swapped.booked_at, swapped.waiting_position) == (
        bob.id, bob.booked_at, 1)
    result = cancel_booking(database, list_bookings(database, session_id)[0].id, now=WEEK_BEFORE)
    assert result.promoted is not None and result.promoted.person == "Sam Swap"


def test_promotion_is_in_the_same_transaction_as_the_cancellation(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    first = book(database, session_id, ann, now=WEEK_BEFORE)
    book(database, session_id, ben, now=WEEK_BEFORE)
    from desktop.services.training import bookings as module

    def broken(*_args: object) -> None:
        raise RuntimeError("power cut during the promotion")

    monkeypatch.setattr(module, "booking_info", broken)
    with pytest.raises(RuntimeError):
        cancel_booking(database, first.id, now=WEEK_BEFORE)
    monkeypatch.undo()
    # Nothing happened: neither the cancellation nor the promotion.
    assert _statuses(database, session_id) == [("Ann Ash", "booked", None),
                                               ("Ben Birch", "waiting", 1)]


def test_a_cancelled_session_takes_no_bookings(database: Database) -> None:
    session_id = _session(database, capacity=1)
    ann, ben, cat = _people(database, "Ann Ash", "Ben Birch", "Cat Cole")
    book(database, session_id, ann, now=WEEK_BEFORE)
    book(database, session_id, ben, now=WEEK_BEFORE)
    result = cancel_session(database, session_id, now=DAY_BEFORE)
    assert result.bookings_cancelled == 2
    # Cancelled by the board, within the late window: nobody is charged.
    assert [(b.status, b.charge_pence) for b in list_bookings(database, session_id)] == [
        ("cancelled", None), ("cancelled", None)]
    with pytest.raises(TrainingError, match="cancelled"):
        book(database, session_id, cat)
    with pytest.raises(TrainingError, match="cancelled"):
        add_walk_in(database, session_id, cat)
    assert list_sessions(database)[0].status == "cancelled"


def test_never_booked_twice_and_rebooking_after_cancelling(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="already booked"):
        book(database, session_id, ann, now=WEEK_BEFORE)
    cancel_booking(database, booking.id, now=DAY_BEFORE)
    again = book(database, session_id, ann, now=DAY_BEFORE)
    # A new booking: the cancelled one stays as it was, with its late charge.
    assert again.id != booking.id
    assert (again.status, again.charge_pence, again.cancelled_at) == ("booked", None, None)
    assert [(b.id, b.status, b.charge_pence) for b in list_bookings(database, session_id)] == [
        (again.id, "booked", None), (booking.id, "cancelled", 2000)]


def test_new_delegate_booked_in_one_step_and_duplicates_found(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    with database.session() as s:
        agency_id = s.scalar(select(Agency.id))
    new = NewDelegate("  Ann   ash ", agency_id, "Social worker", "ann.ash@example.org")
    assert [m.id for m in possible_duplicates(database, new.name, new.email)] == [ann]
    booking = book(database, session_id, new_delegate=new, now=WEEK_BEFORE)
    assert (booking.person, booking.job_title, booking.agency) == (
        "Ann ash", "Social worker", "Children's Services")
    assert possible_duplicates(database, "Someone Else", "ANN.ASH@example.org")[0].reason == (
        "same e-mail")
    with pytest.raises(TrainingError, match="needs a name"):
        book(database, session_id, new_delegate=NewDelegate("  "), now=WEEK_BEFORE)


def test_substitute_must_be_a_colleague(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    [pc] = _people(database, "Pat Constable", agency="Herts Constabulary")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="same agency"):
        substitute(database, booking.id, pc, now=WEEK_BEFORE)
    assert list_bookings(database, session_id)[0].person == "Ann Ash"


def test_late_window_comes_from_the_settings(database: Database) -> None:
    save_settings(database, late_cancellation_hours=12)
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    result = cancel_booking(database, booking.id, now=DAY_BEFORE)
    assert (result.late, result.booking.charge_pence) == (False, None)


def test_walk_in_is_attended_even_when_full(database: Database) -> None:
    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    book(database, session_id, ann, now=WEEK_BEFORE)
    walk_in = add_walk_in(database, session_id, ben, now=START)
    assert walk_in.status == "attended"
    with pytest.raises(TrainingError, match="already on the register"):
        add_walk_in(database, session_id, ben)
    with database.session() as s:
        assert s.scalar(select(Booking.status).where(Booking.id == walk_in.id)) == "attended"


def test_bad_values_are_plain_messages(database: Database) -> None:
    with pytest.raises(TrainingError, match="needs a title"):
        save_course(database, CourseDetails("   "))
    course = save_course(database, CourseDetails("Neglect", capacity=10))
    with pytest.raises(TrainingError, match="end after it starts"):
        schedule_session(database, SessionDetails(course.id, START, START))
    with pytest.raises(TrainingError, match="no longer exists"):
        cancel_booking(database, 999)
    assert list_sessions(database) == ()


def test_more_places_promote_the_waiting_list_fewer_than_booked_are_refused(
    database: Database,
) -> None:
    from desktop.services.training import change_session, get_session_info

    session_id = _session(database, capacity=1)
    for minutes, person in enumerate(_people(database, "Ann Ash", "Ben Birch", "Cat Cole")):
        book(database, session_id, person, now=WEEK_BEFORE + dt.timedelta(minutes=minutes))
    info = get_session_info(database, session_id)
    details = SessionDetails(info.course_id, info.start, info.end,
                             _venue(database, "Robertson House"),
                             capacity=2)
    change = change_session(database, session_id, details)
    assert [b.person for b in change.promoted] == ["Ben Birch"]
    assert _statuses(database, session_id)[-1] == ("Cat Cole", "waiting", 1)
    with pytest.raises(TrainingError, match="2 places are already booked"):
        change_session(database, session_id, SessionDetails(
            info.course_id, info.start, info.end, capacity=1))
    assert get_session_info(database, session_id).venue == "Robertson House"


def _venue(database, name: str) -> int:
    """The venue of that name, made the first time it is asked for."""
    from desktop.services.training import VenueDetails, list_venues, save_venue

    found = [v.id for v in list_venues(database) if v.name == name]
    return found[0] if found else save_venue(database, VenueDetails(name))
