"""Shaping the agenda: add, edit, reorder, indent, outdent and remove items."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Meeting,
    MeetingStatus,
    Purpose,
)
from desktop.models.audit import audit_row, insert_audit_rows, stored_audit_values
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.common import clean_text, get_meeting, guard_approved
from desktop.services.meetings.numbering import MAX_DEPTH, renumber
from desktop.services.richtext import sanitise_html


@dataclass(frozen=True)
class ItemFields:
    title: str
    presenter: str = ""
    purpose: str | None = None
    confidential: bool = False
    # A label typed by a person; "" means "number it for me".
    number: str = ""


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise InvalidInput("That agenda item no longer exists.")
    return item


def _siblings(session: Session, item: AgendaItem) -> list[AgendaItem]:
    parent = AgendaItem.parent_id.is_(None) if item.parent_id is None else (
        AgendaItem.parent_id == item.parent_id)
    return list(session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == item.meeting_id).where(parent)
        .order_by(AgendaItem.position, AgendaItem.id)))


def _apply(item: AgendaItem, fields: ItemFields) -> None:
    title = clean_text(fields.title, "The item's title", "title", required=True)
    assert title is not None
    item.title = title
    item.presenter = clean_text(fields.presenter, "The presenter", "presenter", limit=200)
    if fields.purpose is not None and fields.purpose not in Purpose.values():
        raise InvalidInput(f"{fields.purpose!r} is not a purpose.", "purpose")
    item.purpose = Purpose(fields.purpose) if fields.purpose else None
    item.confidential = fields.confidential
    label = clean_text(fields.number, "The label", "number", limit=20)
    if label is None and item.number_fixed and item.number == "":
        return  # printed without a number (imported so): stays unnumbered until given one
    item.number_fixed = label is not None
    if label is not None:
        item.number = label


def add_item(database: Database, meeting_id: int, fields: ItemFields,
             after_id: int | None = None, reason: str | None = None) -> int:
    """A new item just after `after_id` at the same level (at the end when None)."""
    with database.transaction() as session:
        return add_item_in(session, get_meeting(session, meeting_id), fields, after_id, reason)


def add_item_in(session: Session, meeting: Meeting, fields: ItemFields,
                after_id: int | None = None, reason: str | None = None) -> int:
    """add_item inside a transaction of the caller's (the forward plan adds several)."""
    guard_approved(session, meeting, f"New item {fields.title!r}", reason)
    item = AgendaItem(meeting_id=meeting.id, number="~new", title="")
    if after_id is not None:
        after = _item(session, after_id)
        item.parent_id = after.parent_id
        for sibling in _siblings(session, after):
            if sibling.position > after.position:
                sibling.position += 1
        item.position = after.position + 1
    else:
        item.position = 1_000_000
    _apply(item, fields)
    session.add(item)
    session.flush()
    renumber(session, meeting)
    return item.id


def update_item(database: Database, item_id: int, fields: ItemFields,
                reason: str | None = None) -> None:
    with database.transaction() as session:
        item = _item(session, item_id)
        meeting = item.meeting
        guard_approved(session, meeting, f"Item {item.number}", reason)
        _apply(item, fields)
        renumber(session, meeting)


def save_minutes(database: Database, item_id: int, html: str, reason: str | None = None,
                 *, live: bool = False) -> None:
    """The item's minutes, saved on their own: the Save minutes button's call, and with
    `live` the autosave's, twice a second while someone types. A live save continues the
    audit entry of the save before it (see `_continued_entry`)."""
    clean = sanitise_html(html)  # before the write lock is taken: nothing waits on it
    with database.transaction() as session:
        if not _wrote_text_only(session, item_id, clean, live):
            write_minutes(session, _item(session, item_id), clean, reason)


def _wrote_text_only(session: Session, item_id: int, clean: str, live: bool = False) -> bool:
    """The minutes of an item whose meeting is not approved, written by one UPDATE and their
    audit row, as the flush hook would write it (desktop/models/audit.py); the index
    triggers keep search right. False, having written nothing, for an approved meeting (the
    amendment is recorded by write_minutes) or an unknown item.

    The statements go to the driver's cursor of the transaction's own connection: the
    writer thread runs them twice a second while someone types, and every millisecond of
    Python it runs (SQLAlchemy building and binding three statements is about 1.5 ms) is
    one the UI thread may wait for the interpreter in the middle of a keystroke
    (benchmarks/FINDINGS.md, issue 19 session 6). SQLite itself runs with it released."""
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        row = cursor.execute(_READ_MINUTES, (item_id,)).fetchone()
        if row is None or row[1] == MeetingStatus.APPROVED.value:
            return False
        old = row[0]
        if clean == (old or ""):
            return True
        new = clean or None
        cursor.execute(_WRITE_MINUTES, (new, item_id))
        entry = audit_row("agenda_item", str(item_id), "update", "minutes_html", old, new)
        if not (live and _continued_entry(connection, cursor, entry)):
            insert_audit_rows(connection, cursor, [entry])
    finally:
        cursor.close()
    return True


# How long a pause in typing still counts as the same sitting at an item.
LIVE_ENTRY_GAP = dt.timedelta(minutes=5)


def _continued_entry(connection: Connection, cursor: Any, entry: dict[str, Any]) -> bool:
    """Whether `entry` (a live save) was recorded by bringing the newest entry of the
    audit trail up to date: when that entry is the same person's change to the same item's
    minutes, less than LIVE_ENTRY_GAP ago, ending with the text this save replaces. Its
    "new" and time become this save's; its "old" stays the text before the sitting.

    Without this every autosave kept both whole texts, the one before and the one after:
    an hour of typing into one item wrote thousands of entries and tens of megabytes to a
    trail kept for seven years, each entry a draft nobody else saw. The trail still says
    who changed the minutes, from what, to what and when; only the drafts in between go,
    and only while nothing else was recorded in between (the trail's order stays true)."""
    at, user = stored_audit_values(connection, entry["at"], entry["user"])
    since, _ = stored_audit_values(connection, entry["at"] - LIVE_ENTRY_GAP, entry["user"])
    cursor.execute(_CONTINUE_ENTRY, (entry["new"], at, entry["row_id"], user, since,
                                     entry["old"]))
    return bool(cursor.rowcount == 1)


# The newest entry only (its id is the table's largest: one step down the table's b-tree),
# continued when it is this item's minutes by this person, recent, and ends with the text
# this save replaces (compared by SQLite: `IS` matches NULL to NULL).
_CONTINUE_ENTRY = (
    "UPDATE audit_entry SET new = ?, at = ? WHERE id = (SELECT max(id) FROM audit_entry) "
    "AND table_name = 'agenda_item' AND row_id = ? AND operation = 'update' "
    "AND field = 'minutes_html' AND user = ? AND seq = 0 AND at >= ? AND new IS ?")


_READ_MINUTES = ("SELECT agenda_item.minutes_html, meeting.status FROM agenda_item "
                 "JOIN meeting ON meeting.id = agenda_item.meeting_id WHERE agenda_item.id = ?")
_WRITE_MINUTES = "UPDATE agenda_item SET minutes_html = ? WHERE agenda_item.id = ?"


def write_minutes(session: Session, item: AgendaItem, html: str,
                  reason: str | None = None) -> None:
    """The item's minutes, inside the caller's unit of work: an action raised from the
    minutes is saved in one transaction with the text it was raised from."""
    clean = sanitise_html(html)
    if clean == (item.minutes_html or ""):
        return
    guard_approved(session, item.meeting, f"Minutes of item {item.number}", reason)
    item.minutes_html = clean or None


@contextlib.contextmanager
def _reshaping(database: Database, item_id: int) -> Iterator[tuple[Session, AgendaItem]]:
    """One change to the agenda's shape: the item, checked not locked; labels redone after."""
    with database.transaction() as session:
        item = _item(session, item_id)
        guard_approved(session, item.meeting, "Agenda order", None)
        yield session, item
        session.flush()
        renumber(session, item.meeting)


def move_item(database: Database, item_id: int, delta: int) -> None:
    """Up (-1) or down (+1) among the items at the same level."""
    with _reshaping(database, item_id) as (session, item):
        siblings = _siblings(session, item)
        target = siblings.index(item) + delta
        if 0 <= target < len(siblings):
            siblings.insert(target, siblings.pop(siblings.index(item)))
            for position, sibling in enumerate(siblings):
                sibling.position = position


def indent_item(database: Database, item_id: int) -> None:
    """Make the item the last sub-item of the item above it."""
    with _reshaping(database, item_id) as (session, item):
        siblings = _siblings(session, item)
        index = siblings.index(item)
        if index == 0:
            raise InvalidInput("The first item at a level has no item above it to go under.")
        new_parent = siblings[index - 1]
        if _level(new_parent) + 1 + _height(item) >= MAX_DEPTH:
            raise InvalidInput(f"Items go at most {MAX_DEPTH} levels deep.")
        last = session.scalar(select(func.max(AgendaItem.position))
                              .where(AgendaItem.parent_id == new_parent.id))
        item.parent_id = new_parent.id
        item.position = (last if last is not None else -1) + 1


def _level(item: AgendaItem) -> int:
    """0 for an item at the top level, 1 for its sub-items, ..."""
    level = 0
    while item.parent is not None:
        item, level = item.parent, level + 1
    return level


def _height(item: AgendaItem) -> int:
    """Levels of sub-items below `item` (0 for none)."""
    return max((1 + _height(child) for child in item.children), default=0)


def outdent_item(database: Database, item_id: int) -> None:
    """Make a sub-item an item of its own, just after the item it was under."""
    with _reshaping(database, item_id) as (session, item):
        if item.parent_id is None:
            raise InvalidInput("This item is already at the top level.")
        parent = _item(session, item.parent_id)
        for sibling in _siblings(session, parent):
            if sibling.position > parent.position:
                sibling.position += 1
        item.parent_id = parent.parent_id
        item.position = parent.position + 1


def remove_item(database: Database, item_id: int) -> None:
    """Only an item with no minutes, no actions and no sub-items can go."""
    with database.transaction() as session:
        item = _item(session, item_id)
        guard_approved(session, item.meeting, "Agenda", None)
        if item.children:
            raise InvalidInput("Remove or move this item's sub-items first.")
        if (item.minutes_html or "").strip():
            raise InvalidInput("This item has minutes: it cannot be removed.")
        if session.scalar(select(func.count()).select_from(Action)
                          .where(Action.item_id == item.id)):
            raise InvalidInput("Actions were raised at this item: it cannot be removed.")
        if item.papers:
            raise InvalidInput("This item has papers: remove them first (Papers, Remove).")
        if session.scalar(select(func.count()).select_from(Declaration)
                          .where(Declaration.item_id == item.id)) or session.scalar(
                select(func.count()).select_from(Decision).where(Decision.item_id == item.id)):
            raise InvalidInput("Interests were declared or decisions recorded at this item: "
                               "it cannot be removed.")
        meeting = item.meeting
        session.delete(item)
        session.flush()
        renumber(session, meeting)
