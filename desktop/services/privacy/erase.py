"""Erasing a record created by mistake: a meeting, a training session, or a person, with
nothing attached that is worth keeping. The reason goes into the audit trail with the
flush hook's entries for every row removed; the values those entries (and every earlier
entry of the same rows) held are replaced by "[erased]": an erased name kept in the trail
would not be erased. The trail keeps who erased which row, when and why. What SQLite
itself still held of the old values is cleared too (leftovers.py), the search index's
copies of a meeting's agenda and minutes included.

What counts as attached is read from the schema's foreign keys, so a table added later is
checked too without this module changing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, case, func, select, update
from sqlalchemy.orm import Session

from desktop.models.audit import AuditEntry
from desktop.models.base import Base
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Attendance, Meeting
from desktop.models.people import Person
from desktop.models.training import SessionFormerKey, TrainingSession
from desktop.services.errors import InvalidInput
from desktop.services.privacy.leftovers import clear_log, forget_deleted_words
from desktop.services.privacy.trail import record_note

KINDS = {"meeting": Meeting, "session": TrainingSession, "person": Person}
# What a mistaken record may have and still be erased with it: the meeting's planned
# attendance and agenda titles (no minutes), a moved session's former keys.
GOES_WITH = {"meeting": ("attendance", "agenda_item", "calendar_event"),
             "session": ("training_session_former_key", "calendar_event"),
             "person": ()}
PLAIN = {"attendance": "attendance", "agenda_item": "agenda items", "action": "actions",
         "action_update": "action updates", "amendment": "amendments", "booking": "bookings",
         "membership": "seats on boards", "action_owner": "actions owned",
         "meeting": "meetings (as chair or minute-taker)", "board": "boards (as chair)",
         "prepared_message": "prepared e-mails", "calendar_event": "calendar invitations"}
ERASED = "[erased]"


@dataclass(frozen=True)
class Erased:
    kind: str
    key: str
    description: str


def _attached(session: Session, table: str, row_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table.name == table and other.name != table:
                n = session.scalar(select(func.count()).select_from(other)
                                   .where(fk.parent == row_id)) or 0
                if n:
                    counts[other.name] = counts.get(other.name, 0) + n
    return counts


def erase_check(database: Database, kind: str, key: str) -> str:
    """What would be erased, in words; refused (InvalidInput) when it cannot be."""
    with database.session() as session:
        record = _find(session, kind, key)
        _refuse_if_attached(session, kind, record)
        return _describe(kind, record)


def erase_record(database: Database, kind: str, key: str, reason: str) -> Erased:
    reason = reason.strip()
    if not reason:
        raise InvalidInput("Give the reason for erasing: it is kept in the audit trail.",
                           "reason")
    with database.transaction() as session:
        record = _find(session, kind, key)
        _refuse_if_attached(session, kind, record)
        description = _describe(kind, record)
        table = record.__tablename__
        # A person's description is their name: the note says which row, not who.
        detail = f"a person record ({record.id})" if kind == "person" else \
            f"{description} ({key})"
        record_note(session, table, record.id, "erase", reason, detail)
        gone: list[Any] = []
        if kind == "meeting":
            items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == record.id)
                                    .order_by(AgendaItem.parent_id.is_(None)))
            for item in items:  # sub-items before their parents
                session.delete(item)
                gone.append(item)
            session.flush()
            for attendance in session.scalars(select(Attendance).where(
                    Attendance.meeting_id == record.id)):
                session.delete(attendance)
                gone.append(attendance)
        if kind == "session":
            for former in session.scalars(select(SessionFormerKey).where(
                    SessionFormerKey.session_id == record.id)):
                session.delete(former)
                gone.append(former)
        _delete_events(session, kind, record.id)
        session.flush()
        session.delete(record)
        gone.append(record)
        session.flush()  # the hook writes the "delete" entries: their values go below
        _erase_from_trail(session, gone)
        if kind == "meeting":  # its agenda titles and any minutes once written
            forget_deleted_words(session)
    clear_log(database)
    return Erased(kind, key, description)


def _erase_from_trail(session: Session, rows: list[Any]) -> None:
    """Every value the trail holds of the erased rows (added, changed, deleted) replaced;
    the erase note itself (its reason) kept."""
    by_table: dict[str, list[str]] = {}
    for row in rows:
        by_table.setdefault(row.__tablename__, []).append(str(row.id))
    for table, ids in by_table.items():
        # One pass over the table's entries, choosing them by columns stored before the
        # values: a test of the values themselves would read every entry's minutes (0.25 s
        # more on the ten-year database for a meeting's agenda items).
        session.execute(update(AuditEntry).where(
            AuditEntry.table_name == table, AuditEntry.row_id.in_(ids),
            AuditEntry.operation != "erase")
            .values(old=case((AuditEntry.old.is_(None), None), else_=ERASED),
                    new=case((AuditEntry.new.is_(None), None), else_=ERASED)),
            execution_options={"synchronize_session": False})


def _delete_events(session: Session, kind: str, row_id: int) -> None:
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    events: Table | None = tables.get("calendar_event")
    if events is None or kind == "person":
        return
    column = events.c.meeting_id if kind == "meeting" else events.c.session_id
    session.execute(events.delete().where(column == row_id))


def _find(session: Session, kind: str, key: str) -> Meeting | TrainingSession | Person:
    model: Any = KINDS.get(kind)
    if model is None:
        raise InvalidInput(f"Only a {', a '.join(KINDS)} can be erased.", "kind")
    found = session.scalar(select(model).where(model.key == key.strip()))
    if found is None:
        raise InvalidInput(f"There is no {kind} with the key {key.strip()!r}.", "key")
    return found


def _refuse_if_attached(session: Session, kind: str, record: Meeting | TrainingSession |
                        Person) -> None:
    attached = _attached(session, record.__tablename__, record.id)
    blocking = {t: n for t, n in attached.items() if t not in GOES_WITH[kind]}
    if kind == "meeting":
        written = session.scalar(select(func.count(AgendaItem.id)).where(
            AgendaItem.meeting_id == record.id, AgendaItem.minutes_html.is_not(None),
            AgendaItem.minutes_html != "")) or 0
        if written:
            blocking["minutes"] = written
    if blocking:
        listed = ", ".join(f"{PLAIN.get(t, t.replace('_', ' '))} ({n})"
                           for t, n in sorted(blocking.items()))
        raise InvalidInput(
            f"This {kind} cannot be erased: it has {listed}. Only a record created by mistake, "
            "with nothing of that kind attached, can be erased"
            + (" (a person: anonymise them instead)." if kind == "person" else "."))


def _describe(kind: str, record: Meeting | TrainingSession | Person) -> str:
    if isinstance(record, Meeting):
        return f"the meeting of {record.board.name} on {record.date:%d %B %Y}"
    if isinstance(record, TrainingSession):
        return f"the session of {record.course.title} on {record.start:%d %B %Y}"
    return f"the person record of {record.name}"
