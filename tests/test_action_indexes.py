"""Migration 0012: the Overview's overdue lines and the Actions list's latest updates are read
from two indexes (benchmarks/FINDINGS.md, issue 19 session 6); the rows, and what the list
shows, are unchanged."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import select, text

from desktop.models import Action, ActionUpdate, Board, BoardKind
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.migrate import migrate, schema_state
from desktop.models.opening import open_database
from desktop.services.actions import action_rows

TODAY = dt.date(2026, 12, 2)


def _fill(db: Database) -> list[int]:
    """Three actions: updates given out of date order, two on one date, and none at all."""
    with db.transaction() as s:
        board = Board(key="b", name="The Board", kind=BoardKind.BOARD)
        s.add(board)
        s.flush()
        actions = [Action(board_id=board.id, number=n, text=f"Action {n}",
                          due=dt.date(2026, 11, n)) for n in (1, 2, 3)]
        s.add_all(actions)
        s.flush()
        first, second, _third = actions
        s.add_all([
            ActionUpdate(action_id=first.id, date=dt.date(2026, 5, 1), text="latest by date"),
            ActionUpdate(action_id=first.id, date=dt.date(2026, 1, 1), text="entered later"),
            ActionUpdate(action_id=second.id, date=dt.date(2026, 3, 1), text="same day, first"),
            ActionUpdate(action_id=second.id, date=dt.date(2026, 3, 1), text="same day, last"),
        ])
        return [a.id for a in actions]


def _indexes(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
            "('action', 'action_update')")).scalars())


def test_the_latest_update_is_the_last_by_date_then_by_entry(database: Database) -> None:
    first, second, third = _fill(database)
    rows = {r.id: r for r in action_rows(database, [first, second, third], TODAY)}
    assert (rows[first].latest_date, rows[first].latest_text) == (
        dt.date(2026, 5, 1), "latest by date")
    assert rows[second].latest_text == "same day, last"
    assert (rows[third].latest_date, rows[third].latest_text) == (None, None)


def test_the_upgrade_to_0012_keeps_every_action_and_update(database: Database) -> None:
    ids = _fill(database)
    migrate(database, lambda config: command.downgrade(config, "0011"))
    assert {"ix_action_status", "ix_action_update_action_id"} <= _indexes(database)
    with database.session() as s:
        before = s.execute(select(ActionUpdate.action_id, ActionUpdate.date, ActionUpdate.text)
                           .order_by(ActionUpdate.id)).all()
    database.close()
    assert database.path is not None
    db = open_database(database.path, KeyStore()).database
    try:
        assert schema_state(db).up_to_date
        names = _indexes(db)
        assert {"ix_action_status_due_number_board", "ix_action_update_action_id_date"} <= names
        assert not {"ix_action_status", "ix_action_update_action_id"} & names
        with db.session() as s:
            assert s.execute(select(ActionUpdate.action_id, ActionUpdate.date, ActionUpdate.text)
                             .order_by(ActionUpdate.id)).all() == before
            assert sorted(s.scalars(select(Action.id))) == sorted(ids)
    finally:
        db.close()


def test_overdue_and_latest_updates_are_read_from_the_indexes(database: Database) -> None:
    with database.engine.connect() as connection:
        overdue = " ".join(str(r[3]) for r in connection.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM action WHERE status IN ('open', "
            "'in_progress') AND due < '2026-12-02'")))
        latest = " ".join(str(r[3]) for r in connection.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM action_update WHERE action_id = 1 "
            "ORDER BY date DESC, id DESC LIMIT 1")))
        listed = " ".join(str(r[3]) for r in connection.execute(text(
            "EXPLAIN QUERY PLAN SELECT action.id FROM action JOIN board ON board.id = "
            "action.board_id WHERE action.status IN ('open', 'in_progress') "
            "ORDER BY action.number, action.board_id")))
    assert "COVERING INDEX ix_action_status_due_number_board" in overdue
    assert "COVERING INDEX ix_action_update_action_id_date" in latest
    assert "COVERING INDEX ix_action_status_due_number_board" in listed


def _statements(db: Database, run: object) -> list[tuple[str, object]]:
    """The statements `run()` sends, with their parameters."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def record(_conn: object, _cursor: object, statement: str, parameters: object,
               _context: object, _many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()  # type: ignore[operator]
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return sent


def test_owner_and_agency_counts_are_read_from_the_status_index(database: Database) -> None:
    """Session 7: each owner's action counts start from the actions' status index rather
    than reading every action's row for its status; the counts are what the rows say."""
    from desktop.models import ActionOwner, Person
    from desktop.services.actions import agency_choices, owner_choices
    from desktop.services.actions.common import OPEN_GROUP
    from tests.test_actions import load

    load(database, "herefordshire-board-2018-10-23.json", "dudley-board-2014-11-21.json")
    with database.session() as s:
        owned = s.execute(select(ActionOwner.person_id, ActionOwner.group_name, Action.status,
                                 Action.id, Person.agency_id)
                          .join(Action, Action.id == ActionOwner.action_id)
                          .outerjoin(Person, Person.id == ActionOwner.person_id)).all()
    people: dict[int, list[int]] = {}
    agencies: dict[int, set[int]] = {}
    for person_id, _group, status, action_id, agency_id in owned:
        if person_id is not None:
            counts = people.setdefault(person_id, [0, 0])
            counts[0] += 1
            counts[1] += status in OPEN_GROUP
            if agency_id is not None and status in OPEN_GROUP:
                agencies.setdefault(agency_id, set()).add(action_id)
            elif agency_id is not None:
                agencies.setdefault(agency_id, set())
    choices = [c for c in owner_choices(database) if c.owner.person_id is not None]
    assert choices and {c.owner.person_id: [c.actions, c.open] for c in choices} == people
    assert {c.agency_id: c.open for c in agency_choices(database)} == {
        agency: len(ids) for agency, ids in agencies.items()}
    sent = _statements(database, lambda: (owner_choices(database), agency_choices(database)))
    with database.engine.connect() as connection:
        for statement, parameters in sent:
            if "action_owner" not in statement or "group_name IS NOT NULL" in statement:
                continue
            plan = " ".join(str(r[3]) for r in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters))  # type: ignore[arg-type]
            assert "SCAN action USING COVERING INDEX ix_action_status_due_number_board" in plan
