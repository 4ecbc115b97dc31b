"""The audit trail: every change to every record, with the old and new values, when and by whom.

Entries are written by a flush hook on the session, so no service can forget them and they
commit or roll back with the change they describe.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import getpass
import json
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, String, Text, event, inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.base import instance_state

from desktop.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(200))
    table_name: Mapped[str] = mapped_column(String(60), index=True)
    row_id: Mapped[str] = mapped_column(String(60))
    # "insert", "update" or "delete"
    operation: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer, default=0)


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises when no user name can be found at all
        return "unknown"


# Values stored as they are (most of an import's columns): no test below applies to them.
_AS_IS = frozenset({str, int, float, bool, type(None)})
# One encoder for every entry: `json.dumps` with an option builds a new one a call.
_JSON = json.JSONEncoder(ensure_ascii=False)


def _plain(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        # A paper's PDF: the trail says how big it was, never copies megabytes into itself.
        return f"({len(value)} bytes)"
    return value


def _text(value: Any) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    return value if isinstance(value, str) else _JSON.encode(value)


def _column_values(obj: Any) -> dict[str, Any]:
    state = instance_state(obj)  # what inspect(obj) gives, without its lookup by type
    # A deferred column not loaded (a paper's PDF) is not loaded just to be summarised.
    return {col.key: _plain(getattr(obj, col.key)) for col in state.mapper.column_attrs
            if not (col.deferred and col.key in state.unloaded)}


def _row_id(obj: Any) -> str:
    # A row just inserted has no identity key until the flush is over, but its primary key
    # is known already: without it an "insert" entry could not be told apart.
    state = instance_state(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return ",".join(str(v) for v in identity) if identity and None not in identity else "?"


def audit_row(table_name: str, row_id: str, operation: str, field: str | None, old: Any,
              new: Any, seq: int = 0, at: dt.datetime | None = None,
              user: str | None = None) -> dict[str, Any]:
    """One entry of the trail, for the flush hook and for a service that writes a change
    by a plain statement (the minutes autosave) and must record it the same way."""
    return {
        "at": dt.datetime.now().replace(microsecond=0) if at is None else at,
        "user": current_user() if user is None else user,
        "table_name": table_name,
        "row_id": row_id,
        "operation": operation,
        "field": field,
        "old": old,
        "new": new,
        "seq": seq,
    }


def insert_audit_rows(connection: Connection, cursor: Any, rows: list[dict[str, Any]]) -> None:
    """`rows` (from audit_row) written by the driver's `cursor` of `connection`, stored exactly
    as `insert(AuditEntry)` stores them (each column's own conversion, e.g. of the time), for
    the minutes autosave, whose every millisecond of Python on its thread can hold up a
    keystroke (desktop/services/meetings/agenda.py)."""
    sql, columns = _audit_insert(connection.dialect)
    cursor.executemany(sql, [tuple(convert(row[key]) if convert else row[key]
                                   for key, convert in columns) for row in rows])


def stored_audit_values(connection: Connection, at: dt.datetime, user: str) -> tuple[Any, Any]:
    """A time and a user name as insert_audit_rows stores them, to compare with stored rows."""
    _sql, columns = _audit_insert(connection.dialect)
    convert = dict(columns)
    return tuple(convert[key](value) if convert[key] else value  # type: ignore[return-value]
                 for key, value in (("at", at), ("user", user)))


@functools.lru_cache(maxsize=4)
def _audit_insert(dialect: Dialect) -> tuple[str, list[tuple[str, Any]]]:
    table = AuditEntry.__table__
    keys = [c.key for c in table.columns if c.key != "id"]
    columns = [(key, table.c[key].type.dialect_impl(dialect).bind_processor(dialect))
               for key in keys]
    sql = (f"INSERT INTO {AuditEntry.__tablename__} ({', '.join(keys)}) "
           f"VALUES ({', '.join('?' for _ in keys)})")
    return sql, columns


def insert_entries(model: type[Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trail's "insert" entries for rows of `model` written by a plain statement (an
    import's bulk rows), each record holding every column by attribute name: the same
    entries the flush hook writes for the same rows added as objects."""
    now = dt.datetime.now().replace(microsecond=0)
    user = current_user()
    mapper = inspect(model)
    keys = [attr.key for attr in mapper.column_attrs]
    (primary,) = [attr.key for attr in mapper.column_attrs if attr.columns[0].primary_key]
    return [
        audit_row(model.__tablename__, str(record[primary]), "insert", None, None,
                  _JSON.encode({key: value if type(value) in _AS_IS else _plain(value)
                                for key, value in zip(keys, map(record.__getitem__, keys),
                                                      strict=True)}),
                  seq, now, user)
        for seq, record in enumerate(records)
    ]


def _entries_for(session: Session) -> list[dict[str, Any]]:
    now = dt.datetime.now().replace(microsecond=0)
    user = current_user()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, operation: str, field: str | None, old: Any, new: Any) -> None:
        rows.append(audit_row(obj.__tablename__, _row_id(obj), operation, field, old, new,
                              len(rows), now, user))

    for obj in session.new:
        add(obj, "insert", None, None, _JSON.encode(_column_values(obj)))
    for obj in session.dirty:
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _plain(old) != _plain(new):
                add(obj, "update", attr.key, _text(old), _text(new))
    for obj in session.deleted:
        add(obj, "delete", None, _JSON.encode(_column_values(obj)), None)
    return rows


@event.listens_for(Session, "after_flush")
def _record_audit(session: Session, _context: Any) -> None:
    rows = _entries_for(session)
    if rows:
        # By the driver's cursor, as `insert(AuditEntry)` would store them, without Core's
        # work per row (an import's flush writes thousands).
        connection = session.connection()
        cursor = connection.connection.cursor()
        try:
            insert_audit_rows(connection, cursor, rows)
        finally:
            cursor.close()
