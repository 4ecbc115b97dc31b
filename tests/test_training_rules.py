"""The training rules of issue 16, one test each (each failed before the rule was kept)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Agency, Booking, Person
from desktop.models.database import Database
from desktop.services.documents.training_session import session_papers
from desktop.services.figures import Period, attendance_by_course
from desktop.services.figures.training import course_figures
from desktop.services.figures.training_reasons import booking_reasons
from desktop.services.training import (
    CourseDetails,
    DecisionNeeded,
    Reason,
    SessionDetails,
    TrainingError,
    add_walk_in,
    book,
    cancel_booking,
    change_session,
    earlier_attendance,
    get_session_info,
    invoice_list,
    list_bookings,
    list_charges,
    mark,
    mark_completed,
    reinstate_charge,
    save_course,
    schedule_session,
    substitute,
    waive_charge,
)
from desktop.services.training.records import VenueDetails, save_venue

START = dt.datetime(2026, 12, 15, 9, 30)
WEEK_BEFORE = START - dt.timedelta(days=7)
DAY_BEFORE = START - dt.timedelta(hours=24)
AFTER = START + dt.timedelta(hours=4)
DECEMBER = Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31))


def _people(database: Database, *names: str, agency: str | None = "Children's Services",
            ) -> list[int]:
    with database.transaction() as s:
        found = None
        if agency is not None:
            found = s.scalar(select(Agency).where(Agency.name == agency))
            found = found or Agency(key=agency.lower().replace(" ", "-").replace("'", ""),
                                    name=agency)
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=found) for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def _course(database: Database) -> int:
    return save_course(database, CourseDetails(
        "Neglect and the Graded Care Profile", capacity=30, non_attendance_charge_pence=6000,
        late_cancellation_charge_pence=3000)).id


def _session(database: Database, capacity: int = 1, start: dt.datetime = START,
             course_id: int | None = None) -> int:
    course_id = course_id or _course(database)
    return schedule_session(database, SessionDetails(
        course_id, start, start + dt.timedelta(hours=3), capacity=capacity)).id


def _bookings(database: Database, session_id: int) -> list[tuple[str, str, int | None]]:
    return [(b.person, b.status, b.charge_pence) for b in list_bookings(database, session_id)]


# 1 ---------------------------------------------------------------------------------------------

def test_rebooking_after_a_late_cancellation_keeps_its_charge(database: Database) -> None:
    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    first = book(database, session_id, ann, now=WEEK_BEFORE)
    late = cancel_booking(database, first.id, now=DAY_BEFORE)
    assert late.booking.charge_pence == 3000
    book(database, session_id, ben, now=DAY_BEFORE)  # takes the freed place
    again = book(database, session_id, ann, now=DAY_BEFORE + dt.timedelta(hours=1))
    assert again.id != first.id and again.waiting_position == 1
    assert ("Ann Ash", "cancelled", 3000) in _bookings(database, session_id)
    [line] = invoice_list(database, DECEMBER).agencies[0].lines
    assert (line.person, line.reason, line.amount_pence) == (
        "Ann Ash", "Late cancellation", 3000)


def test_walk_in_after_a_late_cancellation_keeps_the_charge(database: Database) -> None:
    session_id = _session(database, capacity=5)
    [ann] = _people(database, "Ann Ash")
    first = book(database, session_id, ann, now=WEEK_BEFORE)
    cancel_booking(database, first.id, now=DAY_BEFORE)
    walk_in = add_walk_in(database, session_id, ann, now=START)
    assert walk_in.id != first.id
    assert sorted(_bookings(database, session_id)) == [
        ("Ann Ash", "attended", None), ("Ann Ash", "cancelled", 3000)]


# 2 ---------------------------------------------------------------------------------------------

def test_re_marking_asks_about_a_waiver_and_never_drops_it_silently(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    assert mark(database, booking.id, "did_not_attend", now=AFTER).charge_pence == 6000
    waive_charge(database, booking.id, "Called away to a child protection visit")
    assert mark(database, booking.id, "attended", now=AFTER).charge_pence is None
    with pytest.raises(DecisionNeeded, match="waived before"):
        mark(database, booking.id, "did_not_attend", now=AFTER)
    [info] = list_bookings(database, session_id)
    assert (info.status, info.charge_waived_reason) == (
        "attended", "Called away to a child protection visit")
    kept = mark(database, booking.id, "did_not_attend", keep_waiver=True, now=AFTER)
    assert (kept.charge_pence, kept.charge_waived_reason) == (
        6000, "Called away to a child protection visit")
    assert invoice_list(database, DECEMBER).total_pence == 0
    mark(database, booking.id, "booked", now=AFTER)
    owed = mark(database, booking.id, "did_not_attend", keep_waiver=False, now=AFTER)
    assert (owed.charge_pence, owed.charge_waived_reason) == (6000, None)
    assert invoice_list(database, DECEMBER).total_pence == 6000


def test_a_waiver_can_only_be_undone_where_there_is_a_charge(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    mark(database, booking.id, "did_not_attend", now=AFTER)
    waive_charge(database, booking.id, "Ill")
    mark(database, booking.id, "attended", now=AFTER)
    with pytest.raises(TrainingError, match="not waived"):
        reinstate_charge(database, booking.id)


# 3 ---------------------------------------------------------------------------------------------

def test_the_register_waits_for_the_session(database: Database) -> None:
    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    waiting = book(database, session_id, ben, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="before it has started"):
        mark(database, booking.id, "did_not_attend", now=START - dt.timedelta(minutes=1))
    with pytest.raises(TrainingError, match="from that day"):
        mark(database, booking.id, "attended", now=DAY_BEFORE)
    assert mark(database, booking.id, "attended", now=START - dt.timedelta(minutes=20)
                ).status == "attended"
    with pytest.raises(TrainingError, match="once it has started"):
        mark_completed(database, session_id, now=DAY_BEFORE)
    with pytest.raises(DecisionNeeded, match="1 still on the waiting list"):
        mark_completed(database, session_id, now=AFTER)
    assert get_session_info(database, session_id).status == "scheduled"
    ran = mark_completed(database, session_id, cancel_waiting=True, now=AFTER)
    assert (ran.status, ran.waiting) == ("completed", 0)
    [ben_now] = [b for b in list_bookings(database, session_id) if b.id == waiting.id]
    assert (ben_now.status, ben_now.charge_pence, ben_now.reason) == (
        "cancelled", None, "session_ran")


def test_no_walk_in_before_the_day(database: Database) -> None:
    session_id = _session(database)
    [ann] = _people(database, "Ann Ash")
    with pytest.raises(TrainingError, match="walk-ins are added from that day"):
        add_walk_in(database, session_id, ann, now=DAY_BEFORE)


# 4 ---------------------------------------------------------------------------------------------

def test_no_booking_into_the_past_and_no_late_charge_after_the_start(database: Database) -> None:
    session_id = _session(database, capacity=3)
    ann, ben, cat = _people(database, "Ann Ash", "Ben Birch", "Cat Cole")
    with pytest.raises(TrainingError, match="takes no more bookings"):
        book(database, session_id, ann, now=AFTER)
    booking = book(database, session_id, ben, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="has started"):
        cancel_booking(database, booking.id, now=START)
    with pytest.raises(TrainingError, match="takes no more bookings"):
        substitute(database, booking.id, cat, now=AFTER)
    # What an over session does take: walk-ins and the register.
    assert add_walk_in(database, session_id, ann, now=AFTER).status == "attended"
    assert mark(database, booking.id, "did_not_attend", now=AFTER).charge_pence == 6000
    assert [c.reason for c in list_charges(database, DECEMBER)] == ["Did not attend"]


# 5 ---------------------------------------------------------------------------------------------

def test_charges_with_no_agency_are_apart_from_the_amount_to_invoice(database: Database) -> None:
    session_id = _session(database, capacity=3)
    [ann] = _people(database, "Ann Ash")
    [nobody] = _people(database, "Nat Noagency", agency=None)
    for person in (ann, nobody):
        booking = book(database, session_id, person, now=WEEK_BEFORE)
        mark(database, booking.id, "did_not_attend", now=AFTER)
    invoice = invoice_list(database, DECEMBER)
    assert [(a.agency, a.total_pence) for a in invoice.agencies] == [
        ("Children's Services", 6000)]
    assert invoice.total_pence == 6000
    assert [line.person for line in invoice.needing_agency] == ["Nat Noagency"]
    assert invoice.needing_agency_pence == 6000


# 6 ---------------------------------------------------------------------------------------------

def test_no_substitution_where_no_agency_is_recorded(database: Database) -> None:
    session_id = _session(database, capacity=3)
    nat, nell = _people(database, "Nat Noagency", "Nell None", agency=None)
    booking = book(database, session_id, nat, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="No agency is recorded for this place"):
        substitute(database, booking.id, nell, now=WEEK_BEFORE)
    assert list_bookings(database, session_id)[0].person == "Nat Noagency"


def test_a_moved_session_lists_who_to_tell(database: Database) -> None:
    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    book(database, session_id, ann, now=WEEK_BEFORE)
    book(database, session_id, ben, now=WEEK_BEFORE)
    info = get_session_info(database, session_id)
    room = save_venue(database, VenueDetails("Another room"))  # the same day, another room
    same = change_session(database, session_id, SessionDetails(
        info.course_id, START, START + dt.timedelta(hours=3), room, capacity=1))
    assert same.to_tell == ()
    moved = change_session(database, session_id, SessionDetails(
        info.course_id, START - dt.timedelta(days=13), None, capacity=1))
    assert sorted((b.person, b.status) for b in moved.to_tell) == [
        ("Ann Ash", "booked"), ("Ben Birch", "waiting")]


def test_booking_someone_who_attended_the_course_is_warned_of(database: Database) -> None:
    course_id = _course(database)
    earlier = _session(database, start=START - dt.timedelta(days=60), course_id=course_id)
    later = _session(database, course_id=course_id)
    [ann] = _people(database, "Ann Ash")
    first = book(database, earlier, ann, now=WEEK_BEFORE - dt.timedelta(days=60))
    assert earlier_attendance(database, later, ann) == ()
    mark(database, first.id, "attended", now=START - dt.timedelta(days=60))
    assert earlier_attendance(database, later, ann) == (START - dt.timedelta(days=60),)


# 7 ---------------------------------------------------------------------------------------------

def test_times_ran_counts_only_sessions_that_ran(database: Database) -> None:
    course_id = _course(database)
    ran = _session(database, capacity=10, course_id=course_id)
    for day in (1, 2, 3):
        _session(database, capacity=20, start=START + dt.timedelta(days=day),
                 course_id=course_id)
    mark_completed(database, ran, now=AFTER)
    [row] = attendance_by_course(database, DECEMBER).rows
    assert (row.times_ran, row.scheduled) == (1, 3)
    [figures] = course_figures(database, DECEMBER)
    assert (figures.times_ran, figures.places_offered, figures.scheduled) == (1, 10, 3)


# 8 ---------------------------------------------------------------------------------------------

def test_a_session_key_follows_its_date_and_the_old_key_still_finds_it(
        database: Database) -> None:
    course_id = _course(database)
    session_id = _session(database, course_id=course_id)
    old_key = get_session_info(database, session_id).key
    assert old_key.endswith("2026-12-15")
    info = get_session_info(database, session_id)
    moved_to = dt.datetime(2026, 12, 2, 9, 30)
    change_session(database, session_id, SessionDetails(course_id, moved_to, None,
                                                        capacity=info.capacity))
    new_key = get_session_info(database, session_id).key
    assert new_key.endswith("2026-12-02")
    assert session_papers(database, old_key).id == session_id
    assert session_papers(database, new_key).id == session_id
    # A new session on the old date does not take the old key: it still means the moved one.
    other = _session(database, course_id=course_id)
    assert get_session_info(database, other).key not in (old_key, new_key)
    # Moved back: it takes its own old key again.
    change_session(database, session_id, SessionDetails(course_id, START, None,
                                                        capacity=info.capacity))
    assert get_session_info(database, session_id).key == old_key


# Reasons ---------------------------------------------------------------------------------------

def test_reasons_are_recorded_and_counted(database: Database) -> None:
    session_id = _session(database, capacity=5)
    ann, ben, cat = _people(database, "Ann Ash", "Ben Birch", "Cat Cole")
    a = book(database, session_id, ann, now=WEEK_BEFORE)
    b = book(database, session_id, ben, now=WEEK_BEFORE)
    c = book(database, session_id, cat, now=WEEK_BEFORE)
    with pytest.raises(TrainingError, match="what the other reason is"):
        cancel_booking(database, a.id, now=WEEK_BEFORE, reason=Reason("other"))
    with pytest.raises(TrainingError, match="not one of the reasons"):
        cancel_booking(database, a.id, now=WEEK_BEFORE, reason=Reason("travel"))
    cancelled = cancel_booking(database, a.id, now=WEEK_BEFORE,
                               reason=Reason("work_demands", "  Court   hearing "))
    assert cancelled.booking.reason_text == "Work demands: Court hearing"
    mark(database, b.id, "did_not_attend", reason=Reason("travel"), now=AFTER)
    mark(database, c.id, "did_not_attend", now=AFTER)
    reasons = booking_reasons(database, DECEMBER)
    assert [(r.label, r.count) for r in reasons.cancellations] == [("Work demands", 1)]
    assert [(r.label, r.count) for r in reasons.non_attendance] == [
        ("Travel or transport", 1), ("Not recorded", 1)]
    # Marked attended after all: the reason for not attending goes with the charge.
    assert mark(database, b.id, "attended", now=AFTER).reason is None


def test_only_one_live_booking_per_person_and_session_in_the_database(
        database: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    session_id = _session(database, capacity=5)
    [ann] = _people(database, "Ann Ash")
    book(database, session_id, ann, now=WEEK_BEFORE)
    with pytest.raises(IntegrityError), database.transaction() as s:
        s.add(Booking(session_id=session_id, person_id=ann, status="booked"))


def test_a_session_with_a_marked_register_cannot_be_cancelled(database: Database) -> None:
    from desktop.services.training import cancel_session

    session_id = _session(database, capacity=3)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=WEEK_BEFORE)
    mark(database, booking.id, "attended", now=AFTER)
    with pytest.raises(TrainingError, match="register is already marked"):
        cancel_session(database, session_id, now=AFTER)
    mark(database, booking.id, "booked", now=AFTER)
    assert cancel_session(database, session_id, now=AFTER).bookings_cancelled == 1


def test_the_charge_a_cancellation_would_raise_is_known_before(database: Database) -> None:
    from desktop.services.training import charge_if_cancelled

    session_id = _session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    booked = book(database, session_id, ann, now=WEEK_BEFORE)
    waiting = book(database, session_id, ben, now=WEEK_BEFORE)
    assert charge_if_cancelled(database, booked.id, WEEK_BEFORE) is None
    assert charge_if_cancelled(database, booked.id, DAY_BEFORE) == 3000
    assert charge_if_cancelled(database, waiting.id, DAY_BEFORE) is None
    assert cancel_booking(database, booked.id, now=DAY_BEFORE).booking.charge_pence == 3000
