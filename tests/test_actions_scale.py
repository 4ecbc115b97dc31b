"""A board with years of actions: filtering is one SQL query returning ids, uses the indexes,
and gives the same answers as working it out by hand. A correctness test, not a timing one."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, insert, text

from desktop.models import Action, ActionOwner, ActionStatus, ActionUpdate, Board, BoardKind
from desktop.models.database import Database
from desktop.services.actions import ActionFilter, OwnerRef, action_rows, find_action_ids
from desktop.services.actions.queries import _ids_query

TODAY = dt.date(2024, 6, 1)
COUNT = 3000
GROUPS = ("CE Sub Group", "Exec", "Board members", "Audit Group")
STATUSES = list(ActionStatus)


@pytest.fixture
def big_board(database: Database) -> Iterator[tuple[Database, list[dict[str, Any]]]]:
    chance = random.Random(5)
    with database.transaction() as s:
        board = Board(key="big", name="Big Board", kind=BoardKind.BOARD)
        s.add(board)
        s.flush()
        actions = []
        for n in range(1, COUNT + 1):
            raised = dt.date(2014, 4, 1) + dt.timedelta(days=n)
            actions.append({
                "id": n, "board_id": board.id, "number": n, "raised": raised,
                "title": f"Action {n}", "text": f"Do thing {n} " + chance.choice(
                    ("neglect", "thresholds", "training", "audit")),
                "due": raised + dt.timedelta(days=chance.randint(10, 400)),
                "status": chance.choice(STATUSES), "rag_manual": False,
            })
        s.execute(insert(Action), actions)
        s.execute(insert(ActionOwner), [
            {"action_id": a["id"], "position": 0, "group_name": GROUPS[a["id"] % 4]}
            for a in actions])
        s.execute(insert(ActionUpdate), [
            {"action_id": a["id"], "date": a["raised"] + dt.timedelta(days=k * 30),
             "text": f"Update {k} on {a['number']}"}
            for a in actions for k in range(4)])
    yield database, actions


def statements_while(db: Database, work: Any) -> list[str]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


def test_filter_is_one_query_with_the_right_answer(big_board: Any) -> None:
    """Typing in Find: after the first keystroke reads the texts into memory, each filter is
    one query for the ids and one look at whether anything changed since."""
    db, actions = big_board
    wanted = ActionFilter(statuses="open", owner=OwnerRef(group="exec"), text="neglect",
                          today=TODAY)
    find_action_ids(db, wanted)
    found: list[int] = []
    selects = statements_while(db, lambda: found.extend(find_action_ids(db, wanted)))
    assert len(selects) == 2
    assert "audit_entry" in selects[1] and "action_update" not in " ".join(selects)
    open_ones = {"open", "in_progress", "ongoing", "to_close"}
    expected = [a["id"] for a in actions
                if a["status"] in open_ones and a["id"] % 4 == 1 and "neglect" in a["text"]]
    assert found == expected and len(found) > 50


def test_overdue_and_sorting_over_thousands(big_board: Any) -> None:
    db, actions = big_board
    overdue = find_action_ids(db, ActionFilter(overdue=True, sort="due", descending=True,
                                               today=TODAY))
    expected = sorted(
        (a for a in actions if a["status"] in {"open", "in_progress", "ongoing"}
         and a["due"] < TODAY), key=lambda a: (a["due"], a["number"]), reverse=True)
    assert overdue == [a["id"] for a in expected]
    everything = find_action_ids(db, ActionFilter(statuses="all", sort="latest", today=TODAY))
    assert len(everything) == COUNT


def test_a_page_of_rows_takes_a_fixed_number_of_queries(big_board: Any) -> None:
    db, _actions = big_board
    ids = find_action_ids(db, ActionFilter(statuses="all", today=TODAY))[1000:1100]
    rows: list[Any] = []
    selects = statements_while(db, lambda: rows.extend(action_rows(db, ids, TODAY)))
    assert len(selects) == 3  # actions, owners, latest updates: not one per row
    assert [r.id for r in rows] == ids
    assert rows[0].latest_text == f"Update 3 on {rows[0].number}"


def test_the_filter_uses_indexes(big_board: Any) -> None:
    db, _actions = big_board
    query = _ids_query(ActionFilter(board_id=1, overdue=True, today=TODAY))
    compiled = query.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.session() as s:
        plan = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan


def test_the_words_held_in_memory_follow_every_change(big_board: Any) -> None:
    from desktop.services.actions.editing import NewUpdate, add_update

    db, actions = big_board
    everything = ActionFilter(statuses="all", text="zanzibar", today=TODAY)
    assert find_action_ids(db, everything) == []
    add_update(db, actions[7]["id"], NewUpdate("Zanzibar office replied.", TODAY))
    assert find_action_ids(db, everything) == [actions[7]["id"]]
    number = ActionFilter(statuses="all", text=str(actions[7]["number"]), today=TODAY)
    assert actions[7]["id"] in find_action_ids(db, number)
