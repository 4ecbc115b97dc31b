"""In the room, as it happens: arrivals, the count against the quorum, late arrivals, the
time each item was reached and the time the meeting closed (services only, no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from desktop.models import Board, Meeting, MeetingStatus, Person
from desktop.models.migrate import migrate
from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.errors import InvalidInput
from desktop.services.meetings import room
from desktop.services.meetings.common import AmendmentNeeded
from desktop.services.search import search
from tests.conftest import import_sample


@pytest.fixture
def meeting_id(database) -> int:
    """The Herefordshire meeting as if it were happening now (its minutes are approved)."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.IN_PROGRESS
        return meeting.id


def _row(database, meeting_id, initials):
    return next(r for r in svc.meeting_record(database, meeting_id).attendance
                if r.initials == initials)


def _set_quorum(database, quorum):
    with database.transaction() as session:
        session.scalars(select(Board)).one().quorum = quorum


def test_someone_who_sent_apologies_and_arrives_is_present(database, meeting_id):
    assert _row(database, meeting_id, "LE").status == "apologies"
    before = room.room_count(database, meeting_id).present
    name = live.mark_time(database, meeting_id, "le", "arrived", dt.time(13, 16))
    assert name == "Liz Elgar"
    row = _row(database, meeting_id, "LE")
    assert (row.status, row.arrived) == ("present", dt.time(13, 16))
    assert room.room_count(database, meeting_id).present == before + 1


def test_arriving_keeps_in_attendance_as_it_was(database, meeting_id):
    live.mark_time(database, meeting_id, "LB", "arrived", dt.time(10, 5))
    assert _row(database, meeting_id, "LB").status == "in_attendance"


def test_the_count_leaves_out_who_has_left_and_says_whether_quorate(database, meeting_id):
    # 17 present in the minutes, of whom GB left at 10:45 and CB at 12:10.
    assert room.room_count(database, meeting_id) == room.RoomCount(15, None)
    assert room.room_count(database, meeting_id).text == "15 present"
    _set_quorum(database, 15)
    count = room.room_count(database, meeting_id)
    assert count.quorate is True
    assert count.text == "15 present — quorate (quorum 15)"
    live.mark_time(database, meeting_id, "SH", "left", dt.time(12, 20))
    count = room.room_count(database, meeting_id)
    assert (count.present, count.quorate) == (14, False)
    assert count.text == "14 present — NOT quorate (quorum 15)"


def test_count_in_room_counts_only_members_present_and_still_here():
    rows = [("present", None), ("present", dt.time(11, 0)), ("in_attendance", None),
            ("apologies", None), ("absent", None), ("present", None)]
    assert room.count_in_room(rows, 2) == room.RoomCount(2, 2)
    assert room.count_in_room(rows, 3).quorate is False
    assert room.count_in_room([], None).quorate is None


def test_coming_back_after_leaving_is_in_the_room_again(database, meeting_id):
    live.mark_time(database, meeting_id, "SH", "left", dt.time(11, 0))
    live.mark_time(database, meeting_id, "SH", "arrived", dt.time(11, 30))
    row = _row(database, meeting_id, "SH")
    assert (row.arrived, row.left, row.status) == (dt.time(11, 30), None, "present")


def _add_person(database, name, title=None) -> int:
    with database.transaction() as session:
        person = Person(key=name.lower().replace(" ", "-"), name=name, title=title)
        session.add(person)
        session.flush()
        return person.id


def test_late_arrival_finds_people_already_recorded(database, meeting_id):
    jan = _add_person(database, "Jan Gavin", "Dr")
    janet = _add_person(database, "Janet Gaventa")
    for typed in ("Jan Gavin", "jan  gavin", "Dr Jan Gavin", "JAN GAVIN."):
        match = room.match_arrival(database, typed)
        assert match.same is not None and match.same.id == jan, typed
        assert match.same.name == "Dr Jan Gavin"
        assert [p.id for p in match.similar] == [], typed
    match = room.match_arrival(database, "ja ga")
    assert match.same is None and {p.id for p in match.similar} == {jan, janet}
    assert room.match_arrival(database, "Nobody Here") == room.ArrivalMatch(None, [])
    assert room.match_arrival(database, "  ") == room.ArrivalMatch(None, [])


def test_a_typed_name_of_someone_recorded_never_makes_a_second_person(database, meeting_id):
    jan = _add_person(database, "Jan Gavin")
    arrival = room.record_arrival(database, meeting_id, dt.time(10, 40), new_name="jan gavin")
    assert (arrival.name, arrival.created, arrival.was_listed) == ("Jan Gavin", False, False)
    with database.session() as session:
        keys = session.scalars(select(Person.key).where(Person.key.like("jan-gavin%"))).all()
        assert keys == ["jan-gavin"]
    row = _row(database, meeting_id, arrival.initials)
    assert (row.person_id, row.status, row.arrived) == (jan, "present", dt.time(10, 40))


def test_a_new_person_is_made_only_when_asked_and_says_so(database, meeting_id):
    arrival = room.record_arrival(database, meeting_id, dt.time(10, 50), new_name="Zoë Nowak")
    assert (arrival.name, arrival.initials, arrival.created) == ("Zoë Nowak", "ZN", True)
    with pytest.raises(InvalidInput, match="name cannot be empty"):
        room.record_arrival(database, meeting_id, dt.time(10, 50), new_name="  ")


def test_late_arrival_of_someone_listed_with_apologies_is_their_arrival(database, meeting_id):
    liz = _row(database, meeting_id, "LE").person_id
    listed = len(svc.meeting_record(database, meeting_id).attendance)
    arrival = room.record_arrival(database, meeting_id, dt.time(13, 16), person_id=liz)
    assert arrival.was_listed and not arrival.created and arrival.initials == "LE"
    assert len(svc.meeting_record(database, meeting_id).attendance) == listed
    assert _row(database, meeting_id, "LE").status == "present"


def _item(database, meeting_id, number):
    return next(i for i in svc.meeting_record(database, meeting_id).items if i.number == number)


def test_an_item_is_timed_on_the_first_visit_and_can_be_timed_again(database, meeting_id):
    item = _item(database, meeting_id, "3")
    assert room.stamp_item(database, item.id, dt.time(9, 50)) == dt.time(9, 50)
    assert room.stamp_item(database, item.id, dt.time(10, 30)) == dt.time(9, 50)
    assert _item(database, meeting_id, "3").started_at == dt.time(9, 50)
    assert room.stamp_item(database, item.id, dt.time(10, 31), again=True) == dt.time(10, 31)
    assert room.item_times(database, meeting_id) == {item.id: dt.time(10, 31)}


def test_items_are_not_timed_unless_the_meeting_is_in_progress(database, meeting_id):
    svc.set_status(database, meeting_id, "draft")
    item = _item(database, meeting_id, "3")
    assert room.stamp_item(database, item.id, dt.time(9, 50)) is None
    assert room.item_times(database, meeting_id) == {}


def test_timing_an_item_keeps_it_findable(database, meeting_id):
    item = _item(database, meeting_id, "5.1")
    room.stamp_item(database, item.id, dt.time(10, 0))
    assert any(hit.item_id == item.id for hit in search(database, "Organised Crime"))


def test_the_meeting_closed_now(database, meeting_id):
    assert room.close_meeting(database, meeting_id, dt.time(12, 41)) == dt.time(12, 41)
    assert room.closed_at(database, meeting_id) == dt.time(12, 41)
    with pytest.raises(InvalidInput, match="cannot close"):
        room.close_meeting(database, meeting_id, dt.time(9, 0))  # it started at 09:30
    assert room.closed_at(database, meeting_id) == dt.time(12, 41)


def test_approved_minutes_need_an_amendment_to_change_attendance_or_closing(database,
                                                                            meeting_id):
    svc.approve(database, meeting_id, [])
    with pytest.raises(AmendmentNeeded):
        room.close_meeting(database, meeting_id, dt.time(12, 41))
    with pytest.raises(AmendmentNeeded):
        room.record_arrival(database, meeting_id, dt.time(12, 41), new_name="Zoë Nowak")


def test_the_item_time_migration_goes_down_and_up_keeping_the_search(database, meeting_id):
    from alembic import command

    migrate(database, lambda config: command.downgrade(config, "0002"))
    with database.engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(agenda_item)"))]
        triggers = connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'agenda_item'")).scalar()
    assert "started_at" not in columns and triggers == 3
    migrate(database, lambda config: command.upgrade(config, "head"))
    item = _item(database, meeting_id, "5.1")
    room.stamp_item(database, item.id, dt.time(10, 0))
    assert any(hit.item_id == item.id for hit in search(database, "Organised Crime"))
