"""Everything the minutes and the agenda of one meeting print, read in one session.

Action owners are labelled as the minutes print them: the initials of the meeting's
attendance when the owner is a person in it, else the person's name, or the group's name.

Everything is read as columns, a query for each part (the meeting, attendance, items a level
at a time, actions, updates, owners, amendments), not as mapped objects loaded through their
relationships: the same values, in about a third of the time (the ORM building objects was
most of a full meeting's ~20 ms; the SQL itself under 1 ms).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.models import (
    Action,
    ActionOwner,
    ActionUpdate,
    Agency,
    AgendaItem,
    Amendment,
    Attendance,
    Board,
    Meeting,
    Person,
)
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.decisions import decisions_by_item
from desktop.services.meetings.declarations import declarations_by_item
from desktop.services.meetings.details import has_minutes
from desktop.services.meetings.records import shows_matters_arising


class DocumentError(InvalidInput):
    """The document cannot be made from what was asked for (no such meeting ...)."""


@dataclass(frozen=True)
class AttendanceLine:
    name: str  # with the title: "Councillor E Swinglehurst"
    initials: str
    role: str  # the role as printed on the day, else job title and agency
    status: str  # an AttendanceStatus value
    representing: str | None
    arrived: dt.time | None
    left: dt.time | None
    note: str | None


@dataclass(frozen=True)
class ItemAction:
    number: int
    title: str | None
    text: str
    owners: tuple[str, ...]
    due: dt.date | None


@dataclass(frozen=True)
class ItemRecord:
    number: str
    title: str
    depth: int  # 0 for an item, 1 for a sub-item ...
    presenter: str | None
    purpose: str | None
    confidential: bool
    minutes_html: str | None
    actions: tuple[ItemAction, ...]
    started_at: dt.time | None = None  # when the meeting reached it, if that was recorded
    matters_arising: bool = False  # where the updates given at the meeting are minuted
    id: int = 0  # the agenda item's id (papers hang from it: desktop/exports/pack.py)
    paper_expected: bool = False  # a paper is expected for it ("to follow" until attached)
    # Interests declared at the item, as the minutes print them, and the decisions taken.
    declarations: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateLine:
    """An update given at this meeting on an action of an earlier one (matters arising)."""

    number: int
    raised: dt.date | None
    title: str | None
    text: str  # the action
    owners: tuple[str, ...]
    due: dt.date | None
    update: str
    status: str | None  # the ActionStatus value it set, if it set one
    confidential: bool = False  # raised at a confidential item: left out of a public copy


@dataclass(frozen=True)
class AmendmentLine:
    date: dt.date
    text: str


@dataclass(frozen=True)
class MeetingRecord:
    id: int
    key: str
    board: str
    board_short: str | None
    title: str | None
    kind: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    venue: str | None
    chair: str | None
    status: str  # a MeetingStatus value
    closed_at: dt.time | None
    next_meeting: dt.date | None
    attendance: tuple[AttendanceLine, ...]
    items: tuple[ItemRecord, ...]  # the whole tree, in order, sub-items after their item
    amendments: tuple[AmendmentLine, ...]
    action_updates: tuple[UpdateLine, ...] = ()  # given at this meeting, by action number
    # Actions agreed at the meeting but raised against no item, by number.
    other_actions: tuple[ItemAction, ...] = ()
    # Whether it has minutes: something minuted, or it took place (`has_minutes`); a meeting
    # only planned has none.
    held: bool = True
    other_decisions: tuple[str, ...] = ()  # taken at no item

    @property
    def approved(self) -> bool:
        return self.status == "approved"


def meeting_record(db: Database, meeting: str | int) -> MeetingRecord:
    """The meeting by key or id, with attendance, items, their actions and amendments."""
    with db.session() as s:
        found = _find(s, meeting)
        attendance, initials = _attendance(s, found.id)
        actions = _actions_by_item(s, found.id, initials)
        said = _Said({i: tuple(d.sentence for d in lines)
                      for i, lines in declarations_by_item(s, found.id).items()},
                     {i: tuple(texts) for i, texts in decisions_by_item(s, found.id).items()})
        record = MeetingRecord(
            id=found.id, key=found.key, board=found.board,
            board_short=found.board_short, title=found.title, kind=str(found.kind),
            date=found.date, start=found.start, end=found.end, venue=found.venue,
            chair=_titled(found.chair_title, found.chair_name) if (
                found.chair_name is not None) else None,
            status=str(found.status), closed_at=found.closed_at,
            next_meeting=found.next_meeting,
            attendance=attendance,
            items=tuple(_items(*_item_tree(s, found.id), 0, actions, said)),
            amendments=_amendments(s, found.id),
            action_updates=_updates_given(s, found.id, initials),
            other_actions=tuple(actions.get(None, ())),
            other_decisions=said.decisions.get(None, ()),
        )
    # Only a record that shows nothing minuted asks the database (six more queries).
    return dataclasses.replace(record, held=_shows_minutes(record) or has_minutes(db, record.id))


def _shows_minutes(record: MeetingRecord) -> bool:
    """Whether the record itself shows what `has_minutes` would find: minutes of one of the
    meeting's own items (not blank once spaces are trimmed, as its query trims), an action
    raised, an update given or a decision taken at the meeting. False says nothing: the
    database is asked."""
    return (any(item.depth == 0 and (item.minutes_html or "").strip(" ")
                for item in record.items)
            or any(item.actions for item in record.items)
            or bool(record.other_actions or record.action_updates or record.other_decisions)
            or any(item.decisions for item in record.items))


def _find(s: Session, meeting: str | int) -> Any:
    """The meeting's own fields with its board's names and its chair's."""
    chair = aliased(Person)
    query = (select(Meeting.id, Meeting.key, Meeting.title, Meeting.kind, Meeting.date,
                    Meeting.start, Meeting.end, Meeting.venue, Meeting.status,
                    Meeting.closed_at, Meeting.next_meeting, Board.name.label("board"),
                    Board.short_name.label("board_short"), chair.title.label("chair_title"),
                    chair.name.label("chair_name"))
             .join(Board, Board.id == Meeting.board_id)
             .outerjoin(chair, chair.id == Meeting.chair_id))
    found = s.execute(query.where(Meeting.id == meeting if isinstance(meeting, int)
                                  else Meeting.key == meeting)).first()
    if found is None:
        raise DocumentError(f"There is no meeting {meeting!r}.", "meeting")
    return found


def _amendments(s: Session, meeting_id: int) -> tuple[AmendmentLine, ...]:
    return tuple(AmendmentLine(date, text) for date, text in s.execute(
        select(Amendment.date, Amendment.text).where(Amendment.meeting_id == meeting_id)
        .order_by(Amendment.position, Amendment.id)))


def _full_name(person: object) -> str:
    return _titled(getattr(person, "title", None), getattr(person, "name", ""))


def _titled(title: str | None, name: object) -> str:
    """The name with the person's title before it: "Councillor E Swinglehurst"."""
    return f"{title} {name}" if title else str(name)


def _attendance(s: Session, meeting_id: int) -> tuple[tuple[AttendanceLine, ...],
                                                     dict[int, str]]:
    """The meeting's attendance in order, and each person's initials in it."""
    representing = aliased(Person)
    rows = s.execute(
        select(Attendance.person_id, Attendance.initials, Attendance.role, Attendance.status,
               Attendance.arrived, Attendance.left, Attendance.note, Person.title, Person.name,
               Person.job_title, Agency.name.label("agency"),
               representing.name.label("representing"))
        .join(Person, Person.id == Attendance.person_id)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .outerjoin(representing, representing.id == Attendance.representing_id)
        .where(Attendance.meeting_id == meeting_id)
        .order_by(Attendance.position, Attendance.id)).all()
    return tuple(_attendance_line(row) for row in rows), {
        row.person_id: row.initials for row in rows}


def _attendance_line(row: Any) -> AttendanceLine:
    role = row.role
    if not role:
        role = ", ".join(part for part in (row.job_title, row.agency) if part)
    return AttendanceLine(
        name=_full_name(row), initials=row.initials, role=role, status=str(row.status),
        representing=row.representing, arrived=row.arrived, left=row.left, note=row.note)


def _actions_by_item(s: Session, meeting_id: int,
                     initials: dict[int, str]) -> dict[int | None, list[ItemAction]]:
    """The meeting's actions by the item raising them; None: raised against no item."""
    actions = s.execute(
        select(Action.id, Action.item_id, Action.number, Action.title, Action.text, Action.due)
        .where(Action.meeting_id == meeting_id).order_by(Action.number)).all()
    owners = _owner_labels(s, [action.id for action in actions], initials)
    by_item: dict[int | None, list[ItemAction]] = {}
    for action in actions:
        by_item.setdefault(action.item_id, []).append(ItemAction(
            action.number, action.title, action.text, owners.get(action.id, ()), action.due))
    return by_item


def _owner_labels(s: Session, action_ids: list[int],
                  initials: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """Each action's owners in their order, as the minutes print them."""
    labels: dict[int, list[str]] = {}
    for chunk in _chunks(sorted(set(action_ids))):
        for action_id, group, person_id, name in s.execute(
                select(ActionOwner.action_id, ActionOwner.group_name, ActionOwner.person_id,
                       Person.name)
                .outerjoin(Person, Person.id == ActionOwner.person_id)
                .where(ActionOwner.action_id.in_(chunk))
                .order_by(ActionOwner.action_id, ActionOwner.position, ActionOwner.id)):
            labels.setdefault(action_id, []).append(
                group or initials.get(person_id or 0) or name or "")
    return {action_id: tuple(names) for action_id, names in labels.items()}


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    # SQLite limits the parameters of one statement.
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def _updates_given(s: Session, meeting_id: int,
                   initials: dict[int, str]) -> tuple[UpdateLine, ...]:
    updates = s.execute(
        select(Action.id, Action.number, Action.raised, Action.title, Action.text, Action.due,
               Action.item_id, ActionUpdate.text.label("update"), ActionUpdate.status)
        .join(Action, Action.id == ActionUpdate.action_id)
        .where(ActionUpdate.meeting_id == meeting_id)
        .order_by(Action.number, ActionUpdate.date, ActionUpdate.id)).all()
    owners = _owner_labels(s, [u.id for u in updates], initials)
    confidential = _confidential_items(s, {u.item_id for u in updates} - {None})
    return tuple(
        UpdateLine(u.number, u.raised, u.title, u.text, owners.get(u.id, ()), u.due, u.update,
                   str(u.status) if u.status else None, u.item_id in confidential)
        for u in updates)


def _confidential_items(s: Session, item_ids: set[int]) -> set[int]:
    """Those of the items that are confidential or sit under one that is."""
    found: dict[int, tuple[int | None, bool]] = {}
    wanted, asked = set(item_ids), set(item_ids)
    while wanted:  # the items, then their parents, and so on up
        for chunk in _chunks(sorted(wanted)):
            found.update((item_id, (parent_id, bool(confidential)))
                         for item_id, parent_id, confidential in s.execute(
                             select(AgendaItem.id, AgendaItem.parent_id,
                                    AgendaItem.confidential).where(AgendaItem.id.in_(chunk))))
        wanted = {parent for parent, _ in found.values() if parent is not None} - asked
        asked |= wanted
    return {item_id for item_id in item_ids if _under_confidential(item_id, found)}


def _under_confidential(item_id: int | None,
                        found: dict[int, tuple[int | None, bool]]) -> bool:
    """An item is confidential when it or any item it sits under is."""
    seen: set[int] = set()
    while item_id is not None and item_id in found and item_id not in seen:
        seen.add(item_id)
        parent_id, confidential = found[item_id]
        if confidential:
            return True
        item_id = parent_id
    return False


@dataclass(frozen=True)
class _Said:
    """Declarations and decisions of the meeting, by item."""

    declarations: dict[int, tuple[str, ...]]
    decisions: dict[int | None, tuple[str, ...]]


def _item_tree(s: Session, meeting_id: int) -> tuple[list[Any], dict[int, list[Any]]]:
    """The meeting's items in order, and each item's sub-items in order, every level down,
    with their presenters' names."""
    base = (select(AgendaItem.id, AgendaItem.parent_id, AgendaItem.number, AgendaItem.title,
                   AgendaItem.presenter, AgendaItem.purpose, AgendaItem.confidential,
                   AgendaItem.minutes_html, AgendaItem.started_at, AgendaItem.paper_expected,
                   AgendaItem.standing, Person.name.label("person_name"),
                   Person.key.label("person_key"))
            .outerjoin(Person, Person.id == AgendaItem.presenter_id)
            .order_by(AgendaItem.position, AgendaItem.id))
    top = list(s.execute(base.where(AgendaItem.meeting_id == meeting_id,
                                    AgendaItem.parent_id.is_(None))))
    children: dict[int, list[Any]] = {}
    seen = {row.id for row in top}
    parents = sorted(seen)
    while parents:  # a level at a time: each parent's sub-items come in one query
        found = [row for chunk in _chunks(parents)
                 for row in s.execute(base.where(AgendaItem.parent_id.in_(chunk)))]
        for row in found:
            children.setdefault(row.parent_id, []).append(row)
        parents = sorted({row.id for row in found} - seen)
        seen.update(parents)
    return top, children


def _items(items: list[Any], children: dict[int, list[Any]], depth: int,
           actions: dict[int | None, list[ItemAction]], said: _Said,
           within_confidential: bool = False) -> list[ItemRecord]:
    """The items in order, each followed by its sub-items; a confidential item's sub-items
    are confidential too, so that a public version leaves them out with it."""
    records: list[ItemRecord] = []
    for item in items:
        presenter = item.presenter or item.person_name
        if item.person_key is not None and presenter == item.person_key:
            presenter = item.person_name  # imported as a person's key ("roger-clayton")
        records.append(ItemRecord(
            number=item.number, title=item.title, depth=depth, presenter=presenter,
            purpose=str(item.purpose) if item.purpose else None,
            confidential=item.confidential or within_confidential,
            minutes_html=item.minutes_html, actions=tuple(actions.get(item.id, ())),
            started_at=item.started_at, id=item.id, paper_expected=item.paper_expected,
            matters_arising=shows_matters_arising(
                item.standing.value if item.standing else None, item.title),
            declarations=said.declarations.get(item.id, ()),
            decisions=said.decisions.get(item.id, ())))
        records.extend(_items(children.get(item.id, []), children, depth + 1, actions, said,
                              item.confidential or within_confidential))
    return records
