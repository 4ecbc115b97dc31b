"""The next meeting like this one: its date, its attendance; and filling from no members."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Board, BoardKind, Membership, Person
from desktop.services import meetings as svc
from desktop.services.errors import InvalidInput
from desktop.services.meetings.planning import usual_next_date
from tests.conftest import import_sample


def _board(database, members: int = 2, key: str = "exec") -> int:
    with database.transaction() as session:
        board = Board(key=key, name=key.title(), kind=BoardKind.EXECUTIVE)
        people = [Person(key=f"{key}{i}", name=f"Person {key} {i}") for i in range(members)]
        session.add_all([board, *people])
        session.flush()
        session.add_all(Membership(board=board, person=p, role="Member") for p in people)
        return board.id


def _meeting(database, board_id: int, day: dt.date, **fields) -> int:
    return svc.create_meeting(database, board_id, svc.MeetingFields(day, **fields))


def test_the_recorded_next_meeting_is_proposed_first(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    meeting = svc.list_meetings(database)[0]
    assert usual_next_date(database, meeting.id) == dt.date(2019, 1, 15)


def test_otherwise_the_boards_rhythm_on_the_same_weekday_of_the_month(database):
    board = _board(database)
    # The second Tuesday, every two months.
    for day in (dt.date(2026, 1, 13), dt.date(2026, 3, 10)):
        _meeting(database, board, day)
    latest = _meeting(database, board, dt.date(2026, 5, 12))
    assert usual_next_date(database, latest) == dt.date(2026, 7, 14)


def test_a_first_meeting_is_followed_a_quarter_later_and_weekly_ones_a_week_later(database):
    board = _board(database)
    only = _meeting(database, board, dt.date(2026, 1, 29))  # the fifth Thursday
    assert usual_next_date(database, only) == dt.date(2026, 4, 30)
    weekly = _board(database, key="weekly")
    _meeting(database, weekly, dt.date(2026, 2, 5))
    latest = _meeting(database, weekly, dt.date(2026, 2, 12))
    assert usual_next_date(database, latest) == dt.date(2026, 2, 19)


def test_a_copy_can_bring_the_attendance_list_expected_again(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    source = svc.meeting_record(database, svc.list_meetings(database)[0].id)
    bare = svc.copy_meeting(database, source.details.id, dt.date(2019, 1, 15))
    assert svc.meeting_record(database, bare).attendance == []
    copied = svc.copy_meeting(database, source.details.id, dt.date(2019, 1, 22),
                              with_attendance=True)
    rows = svc.meeting_record(database, copied).attendance
    assert [(r.name, r.initials, r.role) for r in rows] == [
        (r.name, r.initials, r.role) for r in source.attendance]
    assert {r.status for r in rows} == {"expected"}
    assert all(r.arrived is None and r.left is None for r in rows)
    assert svc.meeting_record(database, copied).details.status == "planned"
    # never held: the copy counts as neither held nor missed once its day has passed
    from desktop.services.figures import Period
    from desktop.services.figures.boards import board_attendance

    year = Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert board_attendance(database, source.details.board_id, year).meetings_held == 0


def test_filling_from_a_board_with_no_members_says_so(database):
    board = _board(database, members=0)
    meeting = _meeting(database, board, dt.date(2026, 1, 13))
    with pytest.raises(InvalidInput, match="no members on record"):
        svc.fill_from_members(database, meeting)
    assert svc.meeting_record(database, meeting).attendance == []
