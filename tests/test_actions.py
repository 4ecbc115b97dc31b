"""The action log read from the Herefordshire sample: rows, filters, owners, RAG rules."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Action, ActionStatus
from desktop.models.database import Database
from desktop.services.actions import (
    ActionFilter,
    OwnerRef,
    action_detail,
    action_rows,
    find_action_ids,
    find_owner,
    owner_choices,
    suggested_rag,
)
from desktop.services.actions.common import shown_rag_sql
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES

DAY_AFTER = dt.date(2018, 10, 24)


def load(database: Database, *names: str) -> None:
    paths = [SAMPLES / name for name in names]
    import_documents(database, [(p.name, read_document(p)) for p in paths])


@pytest.fixture
def hereford(database: Database) -> Database:
    load(database, "herefordshire-board-2018-10-23.json")
    return database


def rows(db: Database, **criteria: object) -> list:
    ids = find_action_ids(db, ActionFilter(today=DAY_AFTER, **criteria))  # type: ignore[arg-type]
    return action_rows(db, ids, DAY_AFTER)


def test_log_lists_earlier_actions_with_the_updates_of_23_october(hereford: Database) -> None:
    earlier = {r.number: r for r in rows(hereford, statuses="all") if r.number < 109}
    assert sorted(earlier) == [69, 104, 105, 106, 107, 108]
    assert {n: r.status for n, r in earlier.items()} == {
        69: "ongoing", 104: "completed", 105: "to_close", 106: "completed",
        107: "in_progress", 108: "completed"}
    assert all(r.latest_date == dt.date(2018, 10, 23) for r in earlier.values())
    assert earlier[104].latest_text == "Completed – report on agenda."
    assert earlier[105].latest_text.startswith("In progress, on CE group Workplan")


def test_actions_raised_that_day_are_numbered_on_with_their_owners(hereford: Database) -> None:
    raised = {r.number: r for r in rows(hereford, statuses="all")
              if r.raised == dt.date(2018, 10, 23)}
    assert sorted(raised) == list(range(109, 119))
    assert raised[110].owners == ("SH", "EH")
    assert raised[112].owners == ("CE Sub Group",)
    assert raised[113].owners[0] == "EF"
    assert raised[115].owners == ("CB",)
    assert raised[117].owners == ("Board members",)
    assert raised[118].owners == ("LB", "Exec")
    assert raised[116].item == "5.5" and raised[116].due == dt.date(2019, 1, 15)


def test_detail_has_the_whole_history(hereford: Database) -> None:
    (row,) = rows(hereford, statuses="all", text="107")
    detail = action_detail(hereford, row.id, DAY_AFTER)
    assert detail.board_name == "Herefordshire Safeguarding Children Board"
    assert [(u.date, u.meeting, u.status) for u in detail.updates] == [
        (dt.date(2018, 10, 23), "Board Meeting 23/10/2018", "in_progress")]
    (row,) = rows(hereford, statuses="all", text="110")
    assert action_detail(hereford, row.id).owner_names == ("SH (Sally Halls)", "EH (Ed Hughes)")


def test_status_groups(hereford: Database) -> None:
    assert [r.number for r in rows(hereford, statuses="closed")] == [104, 106, 108]
    open_numbers = [r.number for r in rows(hereford)]
    assert 105 in open_numbers and 104 not in open_numbers and 109 in open_numbers
    assert [r.number for r in rows(hereford, statuses="to_close")] == [105]


def test_overdue_due_soon_and_raised_in_a_period(hereford: Database) -> None:
    late = dt.date(2018, 11, 2)
    ids = find_action_ids(hereford, ActionFilter(overdue=True, today=late))
    assert [r.number for r in action_rows(hereford, ids, late)] == [117]
    assert [r.number for r in rows(hereford, due_within_days=7)] == [117]
    assert [r.number for r in rows(hereford, due_within_days=90)] == [113, 114, 116, 117, 118]
    july = rows(hereford, statuses="all", raised_from=dt.date(2018, 7, 1),
                raised_to=dt.date(2018, 7, 31))
    assert [r.number for r in july] == [104, 105, 106, 107, 108]


def test_free_text_searches_title_text_owners_and_updates(hereford: Database) -> None:
    assert [r.number for r in rows(hereford, statuses="all", text="thresholds")] == [114]
    assert [r.number for r in rows(hereford, statuses="all", text="workplan")] == [105]
    assert 112 in [r.number for r in rows(hereford, statuses="all", text="sub group")]
    assert rows(hereford, statuses="all", text="100% _") == []


def test_sorting(hereford: Database) -> None:
    by_due = rows(hereford, statuses="all", sort="due", descending=True)
    assert by_due[0].due == dt.date(2019, 1, 15)
    by_rag = rows(hereford, statuses="all", sort="rag")
    assert by_rag[0].rag == "amber" and by_rag[-1].rag is None
    by_owner = [r.owners[0] for r in rows(hereford, statuses="all", sort="owners")]
    assert by_owner == sorted(by_owner, key=str.lower) and by_owner[0] == "AB"


def test_owner_filter_across_boards(database: Database) -> None:
    load(database, "herefordshire-board-2018-10-23.json", "dudley-board-2014-11-21.json")
    choices = {c.label: c for c in owner_choices(database)}
    assert "Sally Halls" in choices and "CE Sub Group (group)" in choices
    sally = rows(database, statuses="all", owner=choices["Sally Halls"].owner)
    assert [r.number for r in sally] == [104, 110, 114]
    boards = {r.board for r in action_rows(database, find_action_ids(
        database, ActionFilter(statuses="all")))}
    assert len(boards) == 2
    # A group shared by name across boards is one owner, whatever the case it is written in.
    groups = [c for c in owner_choices(database) if c.owner.group]
    for choice in groups:
        owned = rows(database, statuses="all", owner=choice.owner)
        assert len(owned) == choice.actions
    assert find_owner(database, "sally-halls") == choices["Sally Halls"].owner
    assert find_owner(database, "cse sub group") == OwnerRef(group="CSE Sub Group")


@pytest.mark.parametrize(("status", "due", "expected"), [
    ("open", dt.date(2018, 10, 1), "red"),
    ("in_progress", dt.date(2018, 10, 23), "red"),
    ("open", dt.date(2018, 10, 24), "amber"),
    ("open", dt.date(2018, 11, 7), "amber"),
    ("open", dt.date(2018, 11, 8), None),
    ("open", None, None),
    ("ongoing", None, "amber"),
    ("ongoing", dt.date(2018, 1, 1), "red"),
    ("completed", dt.date(2018, 1, 1), "green"),
    ("to_close", None, "green"),
    ("closed", None, "green"),
    ("withdrawn", dt.date(2018, 1, 1), None),
])
def test_rag_rules(database: Database, status: str, due: dt.date | None,
                   expected: str | None) -> None:
    assert suggested_rag(status, due, DAY_AFTER) == expected
    # The SQL rule used for sorting gives the same answer.
    load(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        action = s.scalar(select(Action).where(Action.number == 109))
        assert action is not None
        action.status, action.due = ActionStatus(status), due
        assert s.scalar(select(shown_rag_sql(DAY_AFTER)).where(Action.id == action.id)) \
            == expected


def test_owner_choices_of_one_board_count_open_actions(database: Database) -> None:
    load(database, "herefordshire-board-2018-10-23.json", "dudley-board-2014-11-21.json")
    every = action_rows(database, find_action_ids(database, ActionFilter(statuses="all")))
    hscb = next(r for r in every if r.board == "HSCB").board_id
    on_hscb = owner_choices(database, hscb)
    assert {c.label for c in on_hscb} < {c.label for c in owner_choices(database)}
    for choice in on_hscb:
        owned = rows(database, statuses="all", owner=choice.owner, board_id=hscb)
        still_open = rows(database, statuses="open", owner=choice.owner, board_id=hscb)
        assert (choice.actions, choice.open) == (len(owned), len(still_open))
    assert any(c.open < c.actions for c in on_hscb)  # closed actions are not in the count
