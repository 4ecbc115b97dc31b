"""Changing actions: text, due date and owners; updates with status and RAG; withdrawal; and
the board's confirmation of "to close". Each call is one transaction; bad input changes
nothing. Actions are never deleted: every change is audited by the flush hook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Action,
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    Agency,
    Attendance,
    Board,
    Person,
)
from desktop.models.database import Database
from desktop.services.actions.common import (
    RAG_NAMES,
    STATUS_NAMES,
    ActionError,
    UnknownOwners,
    get_action,
    get_meeting,
    parse_rag,
    parse_status,
)

# A status change to one of these needs words saying what was done.
NEEDS_WORDS = frozenset({ActionStatus.COMPLETED, ActionStatus.CLOSED})
SUGGESTED = "suggested"  # the RAG value that hands the rating back to the rules


@dataclass(frozen=True)
class ActionEdit:
    title: str
    text: str
    due: dt.date | None
    owners: tuple[str, ...]  # initials, person keys or names, or group names


def edit_action(db: Database, action_id: int, edit: ActionEdit,
                groups_confirmed: frozenset[str] = frozenset()) -> None:
    """Save the title, text, due date and owners. An owner matching no person raises
    `UnknownOwners` unless the user confirmed keeping it as a group name."""
    text = edit.text.strip()
    if not text:
        raise ActionError("An action needs its text: what is to be done.", "text")
    with db.transaction() as s:
        action = get_action(s, action_id)
        if edit.due is not None and action.raised is not None and edit.due < action.raised:
            raise ActionError(
                f"The due date {edit.due:%d/%m/%Y} is before the action was raised on "
                f"{action.raised:%d/%m/%Y}.", "due")
        owners = resolve_owners(s, action, edit.owners, groups_confirmed)
        action.title = edit.title.strip() or None
        action.text = text
        action.due = edit.due
        _set_owners(action, owners)


Owner = tuple[Person | None, str | None]


def resolve_owners(s: Session, action: Action, entries: tuple[str, ...],
                   groups_confirmed: frozenset[str]) -> list[Owner]:
    names = [" ".join(e.split()) for e in entries if e.strip()]
    if not names:
        raise ActionError("An action needs at least one owner: a person or a group.", "owners")
    owners: list[Owner] = []
    unknown: list[str] = []
    for name in names:
        person = _person(s, action, name)
        if person is not None:
            owners.append((person, None))
        elif name in groups_confirmed or _known_group(s, name):
            owners.append((None, _known_group(s, name) or name))
        else:
            unknown.append(name)
    if unknown:
        raise UnknownOwners(tuple(unknown))
    return owners


def _person(s: Session, action: Action, name: str) -> Person | None:
    """By initials in the raising meeting's attendance, then key, then the one person with
    that name."""
    if action.meeting_id is not None:
        person = s.scalar(
            select(Person).join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.meeting_id == action.meeting_id, Attendance.initials == name))
        if person is not None:
            return person
    person = s.scalar(select(Person).where(Person.key == name))
    if person is not None:
        return person
    found = s.scalars(select(Person).where(func.lower(Person.name) == name.lower())).all()
    if len(found) > 1:
        raise ActionError(f"More than one person is called {name}: give their key.", "owners")
    return found[0] if found else None


def _known_group(s: Session, name: str) -> str | None:
    """A group already owning some action, as it was written there."""
    return s.scalar(select(ActionOwner.group_name)
                    .where(func.lower(ActionOwner.group_name) == name.lower()).limit(1))


def owner_name_test(s: Session, meeting_id: int) -> Callable[[str], bool]:
    """Whether a name is one an action owner can be known by at this meeting: initials in
    its attendance, a person's key or name, a group that already owns actions, a board or
    group, an agency (each by name or short name). Used to keep "L&I Sub-group" whole."""
    initials = set(s.scalars(select(Attendance.initials).where(
        Attendance.meeting_id == meeting_id, Attendance.initials.is_not(None))))
    names: set[str] = set()
    for column in (Person.key, Person.name, ActionOwner.group_name, Board.name,
                   Board.short_name, Agency.name, Agency.short_name):
        names.update(n.casefold() for n in s.scalars(select(column).distinct()) if n)
    return lambda name: name in initials or " ".join(name.split()).casefold() in names


def _set_owners(action: Action, owners: list[Owner]) -> None:
    """Keeps unchanged owner rows (each person or group owns an action once, so replacing all
    of them in one flush could clash), drops the rest, adds the new ones in order."""
    def identity(person: Person | None, group: str | None) -> tuple[str, str]:
        return ("p", str(person.id)) if person is not None else ("g", (group or "").lower())

    existing = {identity(o.person, o.group_name): o for o in action.owners}
    kept: list[ActionOwner] = []
    seen: set[tuple[str, str]] = set()
    for person, group in owners:
        key = identity(person, group)
        if key in seen:
            continue
        seen.add(key)
        owner = existing.pop(key, None) or ActionOwner(person=person, group_name=group)
        owner.position = len(kept)
        kept.append(owner)
    action.owners = kept


@dataclass(frozen=True)
class NewUpdate:
    text: str
    date: dt.date
    status: str | None = None  # None: unchanged
    rag: str | None = None  # None: unchanged; "suggested": back to the rules; else manual
    meeting_id: int | None = None


def add_update(db: Database, action_id: int, update: NewUpdate) -> None:
    """An update on an action, outside a meeting or at one, with the status and RAG it sets."""
    with db.transaction() as s:
        action = get_action(s, action_id)
        _apply_update(s, action, update)


def _apply_update(s: Session, action: Action, update: NewUpdate) -> ActionUpdate:
    text = update.text.strip()
    status = parse_status(update.status) if update.status else None
    if status == ActionStatus.WITHDRAWN:
        raise ActionError("Withdraw an action with Withdraw, saying why.", "status")
    if status in NEEDS_WORDS and not text:
        raise ActionError(f"Say what was done before marking the action "
                          f"{STATUS_NAMES[status].lower()}.", "text")
    rag = parse_rag(update.rag) if update.rag and update.rag != SUGGESTED else None
    if not text:
        text = _describe(status, update.rag)
    if action.raised is not None and update.date < action.raised:
        raise ActionError(f"The update is dated before the action was raised on "
                          f"{action.raised:%d/%m/%Y}.", "date")
    if status is not None:
        action.status = status
    if update.rag == SUGGESTED:
        action.rag, action.rag_manual = None, False
    elif rag is not None:
        action.rag, action.rag_manual = rag, True
    row = ActionUpdate(action=action, date=update.date, text=text, status=status, rag=rag,
                       meeting_id=update.meeting_id)
    s.add(row)
    s.flush()
    return row


def _describe(status: ActionStatus | None, rag: str | None) -> str:
    said = []
    if status is not None:
        said.append(f"Status set to {STATUS_NAMES[status].lower()}.")
    if rag == SUGGESTED:
        said.append("RAG rating left to the rules.")
    elif rag is not None:
        said.append(f"RAG rating set to {RAG_NAMES[rag].lower()}.")
    if not said:
        raise ActionError("Write the update, or change the status or RAG rating.", "text")
    return " ".join(said)


def withdraw_action(db: Database, action_id: int, reason: str, on: dt.date) -> None:
    """Raised in error: the action keeps its number, and an update says why."""
    if not reason.strip():
        raise ActionError("Say why the action is withdrawn.", "reason")
    with db.transaction() as s:
        action = get_action(s, action_id)
        if action.status == ActionStatus.WITHDRAWN:
            raise ActionError(f"Action {action.number} is already withdrawn.")
        action.status = ActionStatus.WITHDRAWN
        s.add(ActionUpdate(action=action, date=on, text="Withdrawn: " + reason.strip(),
                           status=ActionStatus.WITHDRAWN))


CONFIRMED = "Closure confirmed by the board."


def confirm_to_close(db: Database, meeting_key_or_id: str | int) -> list[int]:
    """At a meeting, the board confirms every "to close" action of its board: each becomes
    closed, by an update of that meeting. Returns the numbers closed."""
    with db.transaction() as s:
        meeting = get_meeting(s, meeting_key_or_id)
        proposed = s.scalars(
            select(Action).where(Action.board_id == meeting.board_id,
                                 Action.status == ActionStatus.TO_CLOSE)
            .order_by(Action.number))
        closed = []
        for action in proposed:
            if _proposed_on(action) >= meeting.date:
                continue  # proposed at this meeting (or later): the next one confirms it
            action.status = ActionStatus.CLOSED
            s.add(ActionUpdate(action=action, date=meeting.date, meeting_id=meeting.id,
                               text=CONFIRMED, status=ActionStatus.CLOSED))
            closed.append(action.number)
        return closed


def _proposed_on(action: Action) -> dt.date:
    """When "to close" was proposed: the latest update that set it; an action brought in with
    that status and no such update counts as proposed long ago."""
    dates = [u.date for u in action.updates if u.status == ActionStatus.TO_CLOSE]
    return max(dates, default=dt.date.min)
