"""Boards and groups as a tree, with chair and quorum; memberships with role, deputy and
dates; a member who leaves keeps their history."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.database import Database
from desktop.services.boards import (
    BoardInput,
    MembershipInput,
    board_details,
    end_membership,
    list_boards,
    list_memberships,
    numbering_styles,
    save_board,
    save_membership,
)
from desktop.services.errors import InvalidInput
from desktop.services.people import PersonInput, save_person


def test_tree_of_groups_with_chair_and_quorum(database: Database) -> None:
    chair = save_person(database, None, PersonInput("Sally Halls"))
    board = save_board(database, None, BoardInput(
        "Herefordshire Safeguarding Children Board", short_name="HSCB", quorum=6,
        chair_id=chair.id))
    executive = save_board(database, None, BoardInput("Executive", "executive", None, board.id))
    cse = save_board(database, None, BoardInput("CSE Sub Group", "sub_group", "CSE",
                                                executive.id, numbering_style="letters"))
    assert (board.key, board.chair, board.quorum) == ("hscb", "Sally Halls", 6)
    assert [(b.name, b.depth) for b in list_boards(database)] == [
        ("Herefordshire Safeguarding Children Board", 0), ("Executive", 1),
        ("CSE Sub Group", 2)]
    assert numbering_styles(database)[cse.id] == "letters"
    moved = save_board(database, cse.id, BoardInput("CSE Sub Group", "sub_group", "CSE",
                                                   board.id, quorum=None))
    assert (moved.parent_id, moved.numbering_style) == (board.id, "decimal")
    assert board_details(database, board.id).chair_id == chair.id


def test_a_group_cannot_sit_under_itself_or_its_own_group(database: Database) -> None:
    board = save_board(database, None, BoardInput("Board"))
    group = save_board(database, None, BoardInput("Group", "sub_group", parent_id=board.id))
    for parent in (board.id, group.id):
        with pytest.raises(InvalidInput, match="cannot sit under itself") as refused:
            save_board(database, board.id, BoardInput("Board", parent_id=parent))
        assert refused.value.field == "parent"
    assert board_details(database, board.id).parent_id is None


@pytest.mark.parametrize(("data", "field"), [
    (BoardInput(""), "name"),
    (BoardInput("B", kind="club"), "kind"),
    (BoardInput("B", quorum=-1), "quorum"),
    (BoardInput("B", chair_id=999), "chair"),
])
def test_bad_board_input_changes_nothing(database: Database, data: BoardInput,
                                         field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_board(database, None, data)
    assert refused.value.field == field
    assert list_boards(database) == []


def test_memberships_with_role_deputy_and_dates(database: Database) -> None:
    board = save_board(database, None, BoardInput("Board"))
    member = save_person(database, None, PersonInput("Pat Cole"))
    deputy = save_person(database, None, PersonInput("Dee Pugh"))
    seat = save_membership(database, None, board.id, MembershipInput(
        member.id, "Police", dt.date(2015, 4, 1), deputy_id=deputy.id))
    assert (seat.person, seat.role, seat.deputy) == ("Pat Cole", "Police", "Dee Pugh")
    ended = end_membership(database, seat.id, dt.date(2016, 3, 31))
    assert ended.to_date == dt.date(2016, 3, 31)
    # The member who left keeps the seat on record; only today's list leaves them out.
    assert [m.id for m in list_memberships(database, board.id)] == [seat.id]
    assert list_memberships(database, board.id, on=dt.date(2016, 6, 1)) == []
    later = save_membership(database, None, board.id, MembershipInput(
        member.id, "Police (again)", dt.date(2017, 1, 1)))
    assert [m.role for m in list_memberships(database, board.id)] == ["Police",
                                                                       "Police (again)"]
    assert list_memberships(database, board.id, on=dt.date(2017, 2, 1)) == [later]


@pytest.mark.parametrize(("data", "field"), [
    (MembershipInput(0, from_date=dt.date(2016, 1, 1), to_date=dt.date(2015, 1, 1)), "to_date"),
    (MembershipInput(0, deputy_id=0), "deputy"),
    (MembershipInput(0, from_date=dt.date(2015, 6, 1)), "person"),  # overlaps the first seat
])
def test_bad_membership_changes_nothing(database: Database, data: MembershipInput,
                                        field: str) -> None:
    board = save_board(database, None, BoardInput("Board"))
    member = save_person(database, None, PersonInput("Pat Cole"))
    save_membership(database, None, board.id, MembershipInput(member.id, "Police"))
    fixed = MembershipInput(member.id, data.role, data.from_date, data.to_date,
                            member.id if data.deputy_id == 0 else data.deputy_id)
    with pytest.raises(InvalidInput) as refused:
        save_membership(database, None, board.id, fixed)
    assert refused.value.field == field
    assert len(list_memberships(database, board.id)) == 1


def test_a_seat_cannot_end_before_it_began(database: Database) -> None:
    board = save_board(database, None, BoardInput("Board"))
    member = save_person(database, None, PersonInput("Pat Cole"))
    seat = save_membership(database, None, board.id, MembershipInput(
        member.id, from_date=dt.date(2015, 9, 1)))
    with pytest.raises(InvalidInput, match="began on 01/09/2015"):
        end_membership(database, seat.id, dt.date(2015, 8, 31))
    assert list_memberships(database, board.id) == [seat]
