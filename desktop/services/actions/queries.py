"""Finding actions: one indexed query that returns ids in order, and rows fetched a page at a
time for the ids on screen, so ten years of a board filter as fast as one meeting's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from desktop.models import (
    Action,
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    Agency,
    AgendaItem,
    Attendance,
    Board,
    Person,
)
from desktop.models.base import unindexed
from desktop.models.database import Database
from desktop.services.actions.common import (
    CLOSED_GROUP,
    OPEN_GROUP,
    ActionError,
    ActionRow,
    is_overdue,
    printed_item_label,
    shown_rag,
    shown_rag_sql,
)
from desktop.services.actions.text_index import matching


@dataclass(frozen=True)
class OwnerRef:
    """A person by id, or a group by its name (as written on the actions)."""

    person_id: int | None = None
    group: str | None = None


@dataclass(frozen=True)
class ActionFilter:
    board_id: int | None = None  # None: every board
    statuses: str = "open"  # "open", "closed", "all" or one status value
    owner: OwnerRef | None = None
    agency_id: int | None = None  # actions owned by someone of this agency
    overdue: bool = False
    due_within_days: int | None = None
    raised_from: dt.date | None = None
    raised_to: dt.date | None = None
    text: str = ""
    sort: str = "number"  # one of SORTS
    descending: bool = False
    today: dt.date = field(default_factory=dt.date.today)


STATUS_ORDER = {status.value: i for i, status in enumerate(ActionStatus)}


def _status_condition(statuses: str) -> Any:
    if statuses == "all":
        return None
    if statuses == "open":
        return Action.status.in_(OPEN_GROUP)
    if statuses == "closed":
        return Action.status.in_(CLOSED_GROUP)
    return Action.status == ActionStatus(statuses)


def _owner_condition(owner: OwnerRef) -> Any:
    mine = ActionOwner.action_id == Action.id
    if owner.person_id is not None:
        return exists().where(mine, ActionOwner.person_id == owner.person_id)
    return exists().where(mine, func.lower(ActionOwner.group_name) == (owner.group or "").lower())


def _agency_condition(agency_id: int) -> Any:
    return exists().where(ActionOwner.action_id == Action.id,
                          ActionOwner.person_id == Person.id, Person.agency_id == agency_id)


def open_now() -> Any:
    """Actions still to be done (not closed, and not waiting to be confirmed closed)."""
    return and_(Action.status.in_(OPEN_GROUP), Action.status != ActionStatus.TO_CLOSE)


def overdue(today: dt.date) -> Any:
    """The Overdue filter's rule, also the Overview's: still to be done, due before today."""
    return and_(open_now(), Action.due < today)


def _conditions(f: ActionFilter) -> list[Any]:
    wanted = [
        Action.board_id == f.board_id if f.board_id is not None else None,
        _status_condition(f.statuses),
        _owner_condition(f.owner) if f.owner is not None else None,
        _agency_condition(f.agency_id) if f.agency_id is not None else None,
        overdue(f.today) if f.overdue else None,
        Action.raised >= f.raised_from if f.raised_from else None,
        Action.raised <= f.raised_to if f.raised_to else None,
    ]
    if f.due_within_days is not None:
        last = f.today + dt.timedelta(days=f.due_within_days)
        wanted.append(and_(open_now(), Action.due >= f.today, Action.due <= last))
    return [c for c in wanted if c is not None]


def _sort_key(sort: str, today: dt.date) -> list[Any]:
    # By the first owner as shown: group name, else initials at the raising meeting, else name.
    first_owner = (
        select(func.coalesce(ActionOwner.group_name, Attendance.initials, Person.name))
        .outerjoin(Person, Person.id == ActionOwner.person_id)
        .outerjoin(Attendance, and_(Attendance.meeting_id == Action.meeting_id,
                                    Attendance.person_id == ActionOwner.person_id))
        .where(ActionOwner.action_id == Action.id)
        .order_by(ActionOwner.position)
        .limit(1)
        .scalar_subquery()
    )
    latest = select(func.max(ActionUpdate.date)).where(ActionUpdate.action_id == Action.id)
    keys: dict[str, list[Any]] = {
        "number": [],
        "board": [Board.short_name, Board.name],
        "raised": [Action.raised],
        "item": [Action.raised, Action.meeting_id],
        "title": [func.lower(Action.title)],
        "owners": [func.lower(first_owner)],
        "due": [Action.due],
        "status": [case(STATUS_ORDER, value=Action.status)],
        "rag": [case({"red": 0, "amber": 1, "green": 2}, value=shown_rag_sql(today), else_=3)],
        "latest": [latest.scalar_subquery()],
    }
    if sort not in keys:
        raise ActionError(f"Actions cannot be sorted by {sort!r}.")
    return keys[sort]


SORTS = ("number", "board", "raised", "item", "title", "owners", "due", "status", "rag",
         "latest")


def _ids_query(f: ActionFilter) -> Select[Any]:
    order = [*_sort_key(f.sort, f.today), Action.number, Action.board_id]
    if f.descending:
        order = [column.desc() for column in order]
    query = select(Action.id).join(Board, Board.id == Action.board_id)
    return query.where(*_conditions(f)).order_by(*order)


def find_action_ids(db: Database, f: ActionFilter) -> list[int]:
    """The ids of the actions that pass the filter, in the order asked for: one query, then
    the words typed matched against the texts held in memory (see text_index.py)."""
    with db.session() as s:
        ids = list(s.scalars(_ids_query(f)))
    return matching(db, f.text, ids) if f.text.strip() else ids


def load_rows(s: Session, ids: Sequence[int], today: dt.date) -> list[ActionRow]:
    """The rows of these actions, in the order of `ids`."""
    if not ids:
        return []
    parent = aliased(AgendaItem)
    actions = {
        a.id: (a, board, printed_item_label(label, parent_label))
        for a, board, label, parent_label in s.execute(
            select(Action, func.coalesce(Board.short_name, Board.name), AgendaItem.number,
                   parent.number)
            .join(Board, Board.id == Action.board_id)
            .outerjoin(AgendaItem, AgendaItem.id == Action.item_id)
            .outerjoin(parent, parent.id == AgendaItem.parent_id)
            .where(Action.id.in_(ids))
        )
    }
    owners = owner_labels(s, ids)
    latest = _latest_updates(s, ids)
    rows = []
    for action_id in ids:
        if action_id not in actions:
            continue  # gone since the ids were found
        a, board, label = actions[action_id]
        when, said = latest.get(action_id, (None, None))
        rows.append(ActionRow(
            a.id, a.board_id, board, a.number, a.raised, a.meeting_id, label, a.title, a.text,
            tuple(short for short, _full in owners.get(a.id, [])), a.due, a.status.value,
            shown_rag(a, today), bool(a.rag_manual and a.rag is not None),
            is_overdue(a.status.value, a.due, today), when, said,
            tuple(full for _short, full in owners.get(a.id, [])),
        ))
    return rows


def action_rows(db: Database, ids: Sequence[int], today: dt.date | None = None) -> list[ActionRow]:
    with db.session() as s:
        return load_rows(s, ids, today or dt.date.today())


def owner_labels(s: Session, ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    """Per action, each owner as (short, full): initials as at the raising meeting where the
    person attended it, else their name; a group as it is named."""
    raising = aliased(Action)
    rows = s.execute(
        select(ActionOwner.action_id, ActionOwner.group_name, Person.name, Person.title,
               Attendance.initials)
        .join(raising, raising.id == ActionOwner.action_id)
        .outerjoin(Person, Person.id == ActionOwner.person_id)
        .outerjoin(Attendance, and_(Attendance.meeting_id == raising.meeting_id,
                                    Attendance.person_id == ActionOwner.person_id))
        .where(ActionOwner.action_id.in_(ids))
        .order_by(ActionOwner.action_id, ActionOwner.position, ActionOwner.id)
    )
    labels: dict[int, list[tuple[str, str]]] = {}
    for action_id, group, name, title, initials in rows:
        if group is not None:
            entry = (group, group)
        else:
            full = f"{title} {name}" if title else name
            entry = (initials or full, full)
        labels.setdefault(action_id, []).append(entry)
    return labels


def _latest_updates(s: Session, ids: Sequence[int]) -> dict[int, tuple[dt.date, str]]:
    """Each action's latest update, by (date, id). Its id is found per action from the index
    on (action_id, date) alone, then only those rows are read: reading every update of the
    actions shown (1,681 for the first 100 on the ten-year database) took 15 ms and filled
    SQLCipher's cache with 3 MB of pages (benchmarks/FINDINGS.md, issue 19 session 6)."""
    latest_id = (
        select(ActionUpdate.id).where(ActionUpdate.action_id == Action.id)
        .order_by(ActionUpdate.date.desc(), ActionUpdate.id.desc()).limit(1)
        .scalar_subquery()
    )
    rows = s.execute(
        select(ActionUpdate.action_id, ActionUpdate.date, ActionUpdate.text)
        .where(ActionUpdate.id.in_(select(latest_id).where(Action.id.in_(ids))))
    )
    return {action_id: (when, text) for action_id, when, text in rows}


@dataclass(frozen=True)
class OwnerChoice:
    label: str
    owner: OwnerRef
    actions: int  # how many actions they own (on the board asked for, or on every board)
    open: int = 0  # how many of those are still open: what there is to chase


# Owners' and agencies' counts join each owner to their action's status. Looked up by id,
# every action's row (its title and text) was read for its status: 1.6 MB of pages of the
# 3.1 MB the two queries read on the ten-year database, filling SQLCipher's cache when the
# Actions area opens. `+action.id` makes SQLite start from the actions' status index instead
# (it holds status, board and id), then find their owners by the owners' (action_id, person)
# index: the same counts (tests/test_action_indexes.py), people's 14.6 → 11.5 ms cold
# (benchmarks/FINDINGS.md, issue 19 session 7). A board chosen still starts from its actions.
_BY_ACTION_INDEX = unindexed(Action.id) == ActionOwner.action_id


def owner_choices(db: Database, board_id: int | None = None) -> list[OwnerChoice]:
    """Everyone and every group that owns an action on `board_id` (on any board when None),
    by name, with how many they own and how many are open."""
    is_open = func.sum(case((Action.status.in_(OPEN_GROUP), 1), else_=0))
    on_board = Action.board_id == board_id if board_id is not None else None
    with db.session() as s:
        people = s.execute(
            select(Person.id, Person.name, Person.title, func.count(ActionOwner.id), is_open)
            .join(ActionOwner, ActionOwner.person_id == Person.id)
            .join(Action, _BY_ACTION_INDEX)
            .where(*([on_board] if on_board is not None else []))
            .group_by(Person.id)
        ).all()
        groups = s.execute(
            select(ActionOwner.group_name, func.count(ActionOwner.id), is_open)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(ActionOwner.group_name.is_not(None),
                   *([on_board] if on_board is not None else []))
            .group_by(func.lower(ActionOwner.group_name))
        ).all()
    choices = [OwnerChoice(f"{title} {name}" if title else name, OwnerRef(person_id=pid), n,
                           int(o or 0)) for pid, name, title, n, o in people]
    choices += [OwnerChoice(f"{group} (group)", OwnerRef(group=group), n, int(o or 0))
                for group, n, o in groups]
    return sorted(choices, key=lambda c: c.label.lower())


@dataclass(frozen=True)
class AgencyChoice:
    agency_id: int
    label: str
    open: int  # actions still open owned by its people (each counted once)


def agency_choices(db: Database, board_id: int | None = None) -> list[AgencyChoice]:
    """Every agency whose people own actions on `board_id` (any board when None), by name,
    with how many of those actions are open."""
    is_open = func.count(func.distinct(case((Action.status.in_(OPEN_GROUP), Action.id))))
    with db.session() as s:
        rows = s.execute(
            select(Agency.id, Agency.name, is_open)
            .join(Person, Person.agency_id == Agency.id)
            .join(ActionOwner, ActionOwner.person_id == Person.id)
            .join(Action, _BY_ACTION_INDEX)
            .where(*([Action.board_id == board_id] if board_id is not None else []))
            .group_by(Agency.id)).all()
    return sorted((AgencyChoice(i, name, int(n or 0)) for i, name, n in rows),
                  key=lambda c: c.label.casefold())


def find_owner(db: Database, text: str) -> OwnerRef:
    """An owner named on the command line: a person's key or name, else a group's name."""
    wanted = text.strip().lower()
    with db.session() as s:
        person = s.scalars(
            select(Person.id).where(or_(func.lower(Person.key) == wanted,
                                        func.lower(Person.name) == wanted))
        ).all()
        if len(person) == 1:
            return OwnerRef(person_id=person[0])
        if len(person) > 1:
            raise ActionError(f"More than one person is called {text!r}: give their key.",
                              "owner")
        group = s.scalar(
            select(ActionOwner.group_name).where(func.lower(ActionOwner.group_name) == wanted)
        )
    if group is None:
        raise ActionError(f"Nobody called {text!r} owns an action.", "owner")
    return OwnerRef(group=group)
