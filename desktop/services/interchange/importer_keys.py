"""Primary keys given to an import's new rows before they are flushed.

SQLAlchemy writes a new row whose key it does not know by one `INSERT … RETURNING` per row
(SQLite's RETURNING gives no order it can match to a batch). Given the key beforehand, it
writes each table's new rows by one executemany. The key given is the one SQLite would have
chosen: rows of a table with an INTEGER PRIMARY KEY (an alias of the rowid, no AUTOINCREMENT)
get max(rowid) + 1 onwards, in the order the rows were added to the session, which is the
order the unit of work inserts them in. The maximum is read in each flush, inside the
import's write transaction, so rows deleted by an earlier flush leave their ids to be taken
again exactly as SQLite would (benchmarks/FINDINGS.md, issue 19 session 6).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Integer, Table, event, func, inspect, select
from sqlalchemy.orm import Mapper, Session


def _rowid_key(mapper: Mapper[Any]) -> Any:
    """The mapper's primary key column when it is SQLite's rowid, else None. None too for a
    table whose rows refer to each other (an agenda item's parent, a board's): the unit of
    work inserts those parents first, not in the order they were added, and their keys are
    left to it."""
    if mapper.inherits is not None or len(mapper.primary_key) != 1:
        return None
    if any(relationship.mapper is mapper for relationship in mapper.relationships):
        return None
    column = mapper.primary_key[0]
    table = mapper.local_table
    if (not isinstance(table, Table) or type(column.type) is not Integer
            or column.autoincrement not in (True, "auto") or column.table is not table):
        return None
    return column


def _give_keys(session: Session, _context: Any, _instances: Any) -> None:
    waiting: dict[Any, list[Any]] = {}
    for obj in session.new:
        state = inspect(obj)
        column = _rowid_key(state.mapper)
        if column is None:
            continue
        attribute = state.mapper.get_property_by_column(column).key
        if state.dict.get(attribute) is None:
            waiting.setdefault(column, []).append((state.insert_order, state, attribute))
    if not waiting:
        return
    connection = session.connection()
    for column, states in waiting.items():
        top = connection.execute(select(func.max(column))).scalar() or 0
        for offset, (_order, state, attribute) in enumerate(sorted(states, key=_by_order)):
            setattr(state.obj(), attribute, top + offset + 1)


def _by_order(entry: tuple[int, Any, str]) -> int:
    return entry[0]


@contextlib.contextmanager
def keys_given_before_flush(session: Session) -> Iterator[None]:
    """Within the block, each flush of `session` first gives its new rows their keys."""
    event.listen(session, "before_flush", _give_keys)
    try:
        yield
    finally:
        event.remove(session, "before_flush", _give_keys)
