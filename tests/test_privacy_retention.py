"""The retention schedule and its review: what has passed its period is listed, nothing
newer, and the one step anonymises, deletes or leaves for review as the schedule says."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.models import Action, ActionStatus, AgendaItem, Booking, Person, TrainingSession
from desktop.models import BookingStatus as Status
from desktop.services.errors import InvalidInput
from desktop.services.privacy.review import (
    ANONYMISE,
    DELETE,
    REVIEW,
    apply_retention,
    retention_review,
)
from desktop.services.privacy.schedule import load_schedule, save_schedule
from desktop.services.privacy.trail import AuditFilter, list_entries
from tests.conftest import import_sample

TODAY = dt.date(2026, 12, 1)


def _recent_booking(database) -> int:  # type: ignore[no-untyped-def]
    """A session two years ago, booked by one of the sample's delegates."""
    with database.transaction() as session:
        old = session.scalars(select(TrainingSession).order_by(TrainingSession.id)).first()
        assert old is not None
        recent = TrainingSession(key="recent-session", course_id=old.course_id,
                                 start=dt.datetime(2024, 11, 5, 9, 30))
        session.add(recent)
        session.flush()
        person_id = session.scalars(select(Booking.person_id).where(
            Booking.session_id == old.id)).first()
        booking = Booking(session_id=recent.id, person_id=person_id, status=Status.ATTENDED)
        session.add(booking)
        session.flush()
        return booking.id


def test_the_schedule_has_defaults_and_keeps_what_is_saved(database):
    schedule = load_schedule(database)
    assert schedule.of("bookings") == 6 and schedule.of("minutes") == 0
    assert schedule.describe("minutes") == "kept permanently"
    assert save_schedule(database, {"bookings": 3}).of("bookings") == 3
    with pytest.raises(InvalidInput, match="whole number of years"):
        save_schedule(database, {"bookings": 3, "audit": -1})
    assert load_schedule(database).of("audit") == 7


def test_the_review_lists_bookings_older_than_the_period_and_nothing_newer(database):
    import_sample(database, "hertfordshire-2015-16.json")
    recent = _recent_booking(database)
    lines = retention_review(database, TODAY)
    listed = {line.record for line in lines if line.kind == "bookings"}
    assert f"booking {recent}" not in listed
    with database.session() as session:
        old = set(session.scalars(select(Booking.id).join(TrainingSession).where(
            TrainingSession.start < dt.datetime(2020, 12, 1))))
    assert listed == {f"booking {i}" for i in old} and len(old) == 796
    assert all(line.step == ANONYMISE for line in lines if line.kind == "bookings")
    # The delegate who booked again in 2024 is held, with the reason.
    held = [line for line in lines if line.held]
    assert held and all("newer booking" in line.held for line in held)
    # With a period of 12 years, nothing of 2015-16 has passed.
    save_schedule(database, {"bookings": 12})
    assert [ln for ln in retention_review(database, TODAY) if ln.kind == "bookings"] == []


def test_the_step_anonymises_delegates_past_the_period_and_keeps_the_bookings(database):
    import_sample(database, "hertfordshire-2015-16.json")
    _recent_booking(database)
    with database.session() as session:
        bookings = session.scalar(select(func.count(Booking.id)))
        charged = session.scalar(select(func.sum(Booking.charge_pence)))
    with pytest.raises(InvalidInput, match="reason"):
        apply_retention(database, "", TODAY)
    done = apply_retention(database, "Annual review 2026", TODAY)
    assert done.anonymised > 700 and done.left_for_review >= 1
    with database.session() as session:
        assert session.scalar(select(func.count(Booking.id))) == bookings
        assert session.scalar(select(func.sum(Booking.charge_pence))) == charged
        # Board members (seats on the Strategic Board) and the rebooked delegate stay named.
        named = session.scalar(select(func.count(Person.id)).where(
            Person.name.not_like("Former %")))
    assert named and named < 60
    assert [ln for ln in retention_review(database, TODAY) if not ln.held] == []
    notes = list_entries(database, AuditFilter(kind="anonymise", limit=5))
    assert notes[0].new == "Retention: Annual review 2026"


def test_minutes_are_only_listed_with_confidential_items_and_closed_actions_deleted(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as session:
        item = session.scalars(select(AgendaItem).where(AgendaItem.number == "3")).one()
        item.confidential = True
    save_schedule(database, {"minutes": 6, "actions": 6, "bookings": 6})
    lines = retention_review(database, TODAY)
    minutes = [line for line in lines if line.kind == "minutes"]
    assert [line.step for line in minutes] == [REVIEW, REVIEW]
    assert "Confidential item: Serious Safeguarding Incidents" in minutes[1].description
    actions = [line for line in lines if line.kind == "actions"]
    assert actions and all(line.step == DELETE for line in actions)
    with database.session() as session:
        closed = session.scalar(select(func.count(Action.id)).where(
            Action.status.in_([ActionStatus.COMPLETED, ActionStatus.CLOSED])))
    assert len(actions) == closed
    before = retention_review(database, TODAY)
    done = apply_retention(database, "Annual review", TODAY)
    assert done.actions_deleted == len(actions) and done.left_for_review == 2
    after = retention_review(database, TODAY)
    assert [ln for ln in after if ln.kind == "minutes"] == minutes
    assert len(after) == len(before) - len(actions)
    with database.session() as session:  # the minutes themselves are untouched
        assert session.scalars(select(AgendaItem.minutes_html).where(
            AgendaItem.number == "3")).one()


def test_audit_entries_past_their_period_are_deleted_with_a_note(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    lines = retention_review(database, dt.date(2040, 1, 1))
    audit = [line for line in lines if line.kind == "audit"]
    assert len(audit) == 1 and audit[0].step == DELETE
    assert retention_review(database, TODAY) == []  # all made today: nothing has passed
    done = apply_retention(database, "Trail older than 7 years", dt.date(2040, 1, 1))
    assert done.audit_deleted > 100
    remaining = list_entries(database, AuditFilter())
    assert [row.kind for row in remaining] == ["Retention"]
    assert remaining[0].old is not None and "entries before" in remaining[0].old


def test_the_schedule_travels_in_an_export_and_back(database, tmp_path):
    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database
    from desktop.services.interchange import export_data, import_documents

    save_schedule(database, {"bookings": 4, "minutes": 30})
    document = export_data(database)
    assert document["settings"]["retention"] == {"bookings": 4, "minutes": 30}
    other = open_database(tmp_path / "other.db", KeyStore()).database
    try:
        import_documents(other, [("export.json", document)])
        schedule = load_schedule(other)
        assert (schedule.of("bookings"), schedule.of("minutes"), schedule.of("audit")) == \
            (4, 30, 7)
        assert export_data(other) == document
        bad = dict(document, settings={"retention": {"bookings": -2}})
        with pytest.raises(Exception, match=r"settings\.retention\.bookings"):
            import_documents(other, [("bad.json", bad)])
    finally:
        other.close()
