"""New rows of the bulk kinds written by Core executemany, with their keys given beforehand.

A year's import adds thousands of people, memberships and bookings. As ORM objects each
costs its construction, its relationship events, the unit of work's bookkeeping at the flush
and the audit hook reading it back (benchmarks/FINDINGS.md, issue 19 session 6). A new row
of those kinds is kept here as the values the importer would have set on its object, and
written at the end of its document by one executemany, its audit entries by another, with
exactly the content the flush hook would have written for the object. A row that a later
step reads as an object (a person named by an attendance row, a booking an Outlook message
names) is made that object first (`take_back`), so the unit of work writes it as before.

Keys: a table written here gets its keys from a counter read once (max + 1, as SQLite's
rowid would give; the import holds the write lock), for its ORM rows as well as its Core
ones, in the order the rows are added, so the ids are the ones the unit of work would have
given. No import deletes rows of these tables, so the counter never has to go back.

Rows of tables an import also deletes from (a meeting's attendance, action owners and
updates) take their keys at the flush instead (`add_at_flush`), after the unit of work's new
rows of the same table, and are written as soon as it has written its own: the keys, rows and
trail are those the same rows added as objects would have had at that flush, deleted ids
reused alike (benchmarks/FINDINGS.md, issue 19 session 9).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, event, func, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import MANYTOONE

from desktop.models.audit import insert_audit_rows, insert_entries

T = TypeVar("T")
K = TypeVar("K")


@dataclass(eq=False)
class NewRow:
    """A row to be written: its values by attribute; a related object stands for its key."""

    model: type[Any]
    values: dict[str, Any]
    written: bool = False
    # Made an object again (take_back): the unit of work writes it, not `write`.
    taken: Any = None

    @property
    def id(self) -> int:
        return int(self.values["id"])


class RowsByKey(dict[K, T]):
    """Records by key where some are new rows not written yet (NewRow): reading one by
    `[]` or `get` gives its object (BulkRows.take_back), as the rest of the import expects;
    `raw` reads what is held without making the object. `values()` and `items()` give the
    NewRows as held: iterate the keys, or read through `[]`."""

    def __init__(self, bulk: BulkRows, rows: dict[K, T]) -> None:
        super().__init__(rows)
        self.bulk = bulk

    def __getitem__(self, key: K) -> T:
        value = super().__getitem__(key)
        if isinstance(value, NewRow):
            value = self.bulk.take_back(value)
            super().__setitem__(key, value)
        return value

    def get(self, key: K, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def raw(self, key: K) -> T | NewRow:
        return super().__getitem__(key)

    def load_written(self, keys: Iterable[K]) -> None:
        """Make the rows of `keys` that are written already objects, by one query for them
        all rather than one each as `[]` would (a meetings document names hundreds of the
        people its directory document added); unknown keys and other rows are left as
        they are."""
        rows: dict[type[Any], dict[int, K]] = {}
        for key in keys:
            value = super().get(key)
            if isinstance(value, NewRow) and value.written:
                rows.setdefault(value.model, {})[value.id] = key
        for model, by_id in rows.items():
            for obj in self.bulk.load(model, list(by_id)):
                super().__setitem__(by_id[obj.id], obj)

    def add_row(self, key: K, row: NewRow) -> None:
        super().__setitem__(key, row)  # type: ignore[assignment]


class BulkRows:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._next: dict[type[Any], int] = {}
        self._pending: dict[type[Any], list[NewRow]] = {}
        # Rows keyed and written at the next flush (add_at_flush), and those keyed in the
        # flush under way, to be written once it has written its own rows.
        self._at_flush: dict[type[Any], list[NewRow]] = {}
        self._keyed: dict[type[Any], list[NewRow]] = {}

    def next_id(self, model: type[Any]) -> int:
        """The key of the next new row of `model`, Core or ORM."""
        if model not in self._next:
            table = model.__table__
            top = self.session.connection().execute(
                select(func.max(table.c.id))).scalar()
            self._next[model] = (top or 0) + 1
        self._next[model] += 1
        return self._next[model] - 1

    def add(self, model: type[Any], values: dict[str, Any]) -> NewRow:
        """`values`: the attributes in the order the importer sets them, `id` first."""
        row = NewRow(model, values)
        self._pending.setdefault(model, []).append(row)
        return row

    def add_at_flush(self, model: type[Any], values: dict[str, Any]) -> NewRow:
        """A row keyed and written at the next flush, as an object added now would be;
        `values` without `id`, its related objects flushed by then. Never made an object:
        for rows no later step reads as one (they read them from the database)."""
        row = NewRow(model, values)
        self._at_flush.setdefault(model, []).append(row)
        return row

    @contextlib.contextmanager
    def keyed_at_flushes(self) -> Iterator[None]:
        """Within the block, each flush keys and writes the rows `add_at_flush` holds; a
        listener added after `importer_keys.keys_given_before_flush`'s, so that this one
        runs after it."""
        event.listen(self.session, "before_flush", self._give_keys)
        event.listen(self.session, "after_flush", self._write_keyed)
        try:
            yield
        finally:
            event.remove(self.session, "after_flush", self._write_keyed)
            event.remove(self.session, "before_flush", self._give_keys)

    def _give_keys(self, session: Session, _context: Any, _instances: Any) -> None:
        # After the unit of work's new rows of the table: keyed from the largest of the
        # table's and theirs, as their keys were (before this flush's deletes).
        for model, rows in self._at_flush.items():
            top = session.connection().execute(select(func.max(model.__table__.c.id))).scalar()
            keys = [top or 0]
            keys += [obj.id for obj in session.new if type(obj) is model and obj.id is not None]
            for offset, row in enumerate(rows, start=max(keys) + 1):
                row.values["id"] = offset
            self._keyed.setdefault(model, []).extend(rows)
        self._at_flush.clear()

    def _write_keyed(self, session: Session, _context: Any) -> None:
        keyed, self._keyed = self._keyed, {}
        self._write_rows(keyed)

    def write_flushed(self) -> None:
        """Key and write the rows `add_at_flush` holds now; for after a flush, which does
        not run its hooks when the session has nothing to write."""
        self._give_keys(self.session, None, None)
        self._write_keyed(self.session, None)

    def take_back(self, row: NewRow) -> Any:
        """The ORM object for `row`, which the import is about to change again: still
        unwritten, it becomes a new object with the same key and the same values, set in the
        same order (the unit of work then writes it, and the hook its audit entry); already
        written, the row is loaded."""
        if row.written:
            return self.session.get(row.model, row.values["id"])
        if row.taken is not None:  # by a row referring to it, or by another table
            return row.taken
        row.taken = obj = row.model()
        for name, value in row.values.items():
            # A new row it refers to (a booking's person) becomes an object with it.
            setattr(obj, name, self.take_back(value) if isinstance(value, NewRow) else value)
        self.session.add(obj)
        return obj

    def load(self, model: type[Any], ids: list[int]) -> list[Any]:
        """The written rows of `model` with `ids`, as objects (those already in the session
        are the same objects)."""
        found: list[Any] = []
        for start in range(0, len(ids), 500):  # well under SQLite's limit of parameters
            chunk = ids[start:start + 500]
            found += self.session.scalars(select(model).where(model.id.in_(chunk)))
        return found

    def write(self) -> None:
        """Write every pending row, and its audit entry (the session is flushed: every
        object a row refers to has its key)."""
        self.write_flushed()
        self._write_rows(self._pending)
        self._pending.clear()

    def _write_rows(self, pending: dict[type[Any], list[NewRow]]) -> None:
        connection = self.session.connection()
        for model, held in pending.items():
            rows = [row for row in held if row.taken is None]
            if not rows:
                continue
            for row in rows:
                row.written = True
            records = [_record(model, row) for row in rows]
            # By the driver's cursor, each value converted as `insert(table)` would convert
            # it: SQLAlchemy's Core spends more per row than SQLite does (FINDINGS, issue 19
            # session 7).
            cursor = connection.connection.cursor()
            try:
                _insert_rows(connection, cursor, model.__table__, records)
                insert_audit_rows(connection, cursor, insert_entries(model, records))
            finally:
                cursor.close()


def _insert_rows(connection: Connection, cursor: Any, table: Table,
                 records: list[dict[str, Any]]) -> None:
    """`records` (every column by key, see `_record`) inserted into `table`."""
    sql, columns = _insert_statement(connection.dialect, table)
    cursor.executemany(sql, [tuple([convert(record[key]) if convert else record[key]
                                    for key, convert in columns]) for record in records])


@functools.lru_cache(maxsize=16)
def _insert_statement(dialect: Dialect, table: Table) -> tuple[str, list[tuple[str, Any]]]:
    """The INSERT of every column of `table`, and each column's conversion of its value
    (the one `insert(table)` applies)."""
    quote = dialect.identifier_preparer.quote
    columns = list(table.columns)
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    return sql, [(c.key, c.type.dialect_impl(dialect).bind_processor(dialect)) for c in columns]


def _record(model: type[Any], row: NewRow) -> dict[str, Any]:
    """Every column of `row`, by attribute name (the tables written here name their columns
    as their attributes): a related object gives its key, a value never set is NULL."""
    keys, foreign = _layout(model)
    record: dict[str, Any] = dict.fromkeys(keys)
    for name, value in row.values.items():
        column = foreign.get(name)
        if column is None:
            record[name] = value
        else:
            record[column] = value.id if value is not None else None  # NewRow too
    return record


_LAYOUTS: dict[type[Any], tuple[tuple[str, ...], dict[str, str]]] = {}


def _layout(model: type[Any]) -> tuple[tuple[str, ...], dict[str, str]]:
    """`model`'s column attributes, and the foreign key column each many-to-one sets."""
    if model in _LAYOUTS:
        return _LAYOUTS[model]
    mapper = model.__mapper__
    foreign: dict[str, str] = {}
    for relationship in mapper.relationships:
        if relationship.direction is MANYTOONE and len(relationship.local_columns) == 1:
            (column,) = relationship.local_columns
            foreign[relationship.key] = column.key
    _LAYOUTS[model] = (tuple(attr.key for attr in mapper.column_attrs), foreign)
    return _LAYOUTS[model]
