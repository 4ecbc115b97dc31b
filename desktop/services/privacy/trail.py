"""The audit trail as a user reads it: filtered by record, person, user, date and kind of
change, newest first. Nothing here edits an entry; the only writes are the notes that say
why a data protection step was taken (record_note), added beside the flush hook's entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, and_, false, insert, or_, select
from sqlalchemy.orm import Session

from desktop.models.audit import AuditEntry, current_user
from desktop.models.base import Base
from desktop.models.database import Database
from desktop.services.errors import InvalidInput

KINDS = {
    "insert": "Added",
    "update": "Changed",
    "delete": "Deleted",
    "anonymise": "Anonymised",
    "erase": "Erased",
    "retention": "Retention",
}
DEFAULT_LIMIT = 5000


@dataclass(frozen=True)
class AuditFilter:
    record: str | None = None  # a record's key ("sally-halls") or table:id ("booking:12")
    person_id: int | None = None  # entries about this person and the rows that name them
    user: str | None = None  # the computer user name, exactly (case ignored)
    start: dt.date | None = None
    end: dt.date | None = None
    kind: str | None = None  # one of KINDS
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str
    table: str
    row_id: str
    record: str  # the row's key where it has one (and still exists), else table and id
    kind: str  # the label of KINDS
    field: str | None
    old: str | None
    new: str | None


def record_note(session: Session, table: str, row_id: int | str | list[int], kind: str,
                reason: str, detail: str | None = None) -> None:
    """One entry (per row, given several) saying which data protection step was taken on a
    row and why. Written straight to the table, so the flush hook does not audit the
    audit."""
    at, user = dt.datetime.now().replace(microsecond=0), current_user()
    rows = row_id if isinstance(row_id, list) else [row_id]
    if rows:
        session.connection().execute(insert(AuditEntry), [{
            "at": at, "user": user, "table_name": table, "row_id": str(one),
            "operation": kind, "field": "reason", "old": detail, "new": reason, "seq": 0}
            for one in rows])


def list_users(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(AuditEntry.user).distinct().order_by(AuditEntry.user)))


def list_entries(database: Database, wanted: AuditFilter) -> list[AuditRow]:
    if wanted.kind is not None and wanted.kind not in KINDS:
        raise InvalidInput(f"A kind of change is one of {', '.join(KINDS)}.", "kind")
    if wanted.start and wanted.end and wanted.start > wanted.end:
        raise InvalidInput("The first day is after the last day.", "start")
    with database.session() as session:
        conditions: list[ColumnElement[bool]] = []
        if wanted.record:
            table, row_id = resolve_record(session, wanted.record)
            conditions.append(about_row(session, table, row_id))
        if wanted.person_id is not None:
            conditions.append(about_row(session, "person", wanted.person_id))
        if wanted.user:
            conditions.append(AuditEntry.user.ilike(wanted.user.strip()))
        if wanted.start:
            conditions.append(AuditEntry.at >= dt.datetime.combine(wanted.start, dt.time()))
        if wanted.end:
            after = dt.datetime.combine(wanted.end + dt.timedelta(days=1), dt.time())
            conditions.append(AuditEntry.at < after)
        if wanted.kind:
            conditions.append(AuditEntry.operation == wanted.kind)
        entries = session.scalars(select(AuditEntry).where(*conditions)
                                  .order_by(AuditEntry.id.desc()).limit(wanted.limit)).all()
        keys = _keys_of(session, entries)
        return [AuditRow(e.id, e.at, e.user, e.table_name, e.row_id,
                         keys.get((e.table_name, e.row_id), f"{e.table_name} {e.row_id}"),
                         KINDS.get(e.operation, e.operation), e.field, e.old, e.new)
                for e in entries]


def _tables() -> dict[str, Table]:
    return {table.name: table for table in Base.metadata.sorted_tables}


def resolve_record(session: Session, record: str) -> tuple[str, int]:
    """A record as a user names it: its key, or table:id. Refused when nothing is found."""
    text = record.strip()
    tables = _tables()
    if ":" in text:
        name, _, number = text.partition(":")
        if name in tables and number.isdigit():
            return name, int(number)
    for table in tables.values():
        if "key" in table.c and "id" in table.c:
            found = session.execute(select(table.c.id).where(table.c.key == text)).scalar()
            if found is not None:
                return table.name, found
    raise InvalidInput(f"No record has the key {text!r}; give a key (a person's, a meeting's "
                       "...) or table:id such as booking:12.", "record")


def about_row(session: Session, table: str, row_id: int) -> ColumnElement[bool]:
    """Entries about the row itself and about rows that point at it (a person's bookings,
    attendance, seats ...), those deleted since included: their inserted or deleted values
    name the row."""
    own = and_(AuditEntry.table_name == table, AuditEntry.row_id == str(row_id))
    parts: list[ColumnElement[bool]] = [own]
    for other in _tables().values():
        for fk in other.foreign_keys:
            if fk.column.table.name != table or "id" not in other.c:
                continue
            column = fk.parent.name
            ids = session.scalars(select(other.c.id).where(fk.parent == row_id)).all()
            mentions = [f'%"{column}": {row_id},%', f'%"{column}": {row_id}}}%']
            parts.append(and_(AuditEntry.table_name == other.name, or_(
                AuditEntry.row_id.in_([str(i) for i in ids]) if ids else false(),
                *(AuditEntry.old.like(m) for m in mentions),
                *(AuditEntry.new.like(m) for m in mentions))))
    return or_(*parts)


def _keys_of(session: Session, entries: Sequence[AuditEntry]) -> dict[tuple[str, str], str]:
    tables = _tables()
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        table = tables.get(entry.table_name)
        if table is not None and "key" in table.c and entry.row_id.isdigit():
            wanted.setdefault(entry.table_name, set()).add(int(entry.row_id))
    keys: dict[tuple[str, str], str] = {}
    for name, ids in wanted.items():
        table = tables[name]
        for row_id, key in session.execute(select(table.c.id, table.c.key)
                                           .where(table.c.id.in_(ids))):
            keys[(name, str(row_id))] = f"{name} {key}"
    return keys
