"""What the minute-taking view does during a meeting, each one unit of work.

Raising an action from the minutes, updating the actions read out under matters arising,
recording arrivals and departures by initials.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models import Action, ActionOwner, ActionStatus, AgendaItem, Attendance, Board
from desktop.models.database import Database
from desktop.services.action_lines import ActionProposal, parse_action_line
from desktop.services.actions.common import ActionRow
from desktop.services.actions.editing import (
    NewUpdate,
    add_update,
    owner_name_test,
    resolve_owners,
    withdraw_action,
)
from desktop.services.actions.queries import ActionFilter, action_rows, find_action_ids
from desktop.services.errors import InvalidInput
from desktop.services.meetings.agenda import write_minutes
from desktop.services.meetings.attendance import update_attendance
from desktop.services.meetings.common import get_meeting
from desktop.services.meetings.room import record_arrival


@dataclass(frozen=True)
class RaisedAction:
    id: int
    number: int


def propose_action(database: Database, meeting_id: int, line: str) -> ActionProposal | None:
    """An action line of the minutes, read against this meeting's dates."""
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        if parse_action_line(line, meeting.date, meeting.next_meeting) is None:
            return None  # most lines: no need to look up who owners could be
        known = owner_name_test(session, meeting_id)
        return parse_action_line(line, meeting.date, meeting.next_meeting, known)


def raise_action(database: Database, meeting_id: int, item_id: int | None, text: str,
                 owners: tuple[str, ...], due: dt.date | None,
                 groups_confirmed: frozenset[str] = frozenset(),
                 minutes_html: str | None = None) -> RaisedAction:
    """A new action of the meeting's board, numbered on from the board's last number.

    Owners are initials of this meeting's attendance, person keys or names, or group names;
    one that matches nobody raises UnknownOwners until the user confirms it as a group.
    `minutes_html`, when given, is the item's text as it stands (with the "Action: …" line
    the action came from): saved in the same transaction, so after a crash there is never
    an action without its line in the minutes.
    """
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("An action needs its text: what is to be done.", "text")
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if due is not None and due < meeting.date:
            raise InvalidInput(f"The due date {due:%d/%m/%Y} is before this meeting.", "due")
        board = session.get(Board, meeting.board_id)
        assert board is not None
        highest = session.scalar(select(func.max(Action.number))
                                 .where(Action.board_id == board.id)) or 0
        number = max(board.last_action_number, highest) + 1
        item = session.get(AgendaItem, item_id) if item_id is not None else None
        if item is not None and item.meeting_id == meeting.id and minutes_html is not None:
            write_minutes(session, item, minutes_html)
        # Ids set, not only relationships: owners are resolved against this meeting at once.
        action = Action(board=board, board_id=board.id, number=number, meeting=meeting,
                        meeting_id=meeting.id,
                        item=item if item is not None and item.meeting_id == meeting.id else None,
                        raised=meeting.date, text=text, due=due, status=ActionStatus.OPEN)
        resolved = resolve_owners(session, action, owners, groups_confirmed)
        action.owners = [ActionOwner(person=person, group_name=group, position=position)
                         for position, (person, group) in enumerate(resolved)]
        session.add(action)
        board.last_action_number = number
        session.flush()
        return RaisedAction(action.id, number)


def withdraw_raised(database: Database, action_id: int, on: dt.date) -> None:
    """Undoing an action raised by mistake: it is withdrawn and keeps its number."""
    withdraw_action(database, action_id, "Raised in error while minuting; withdrawn.", on)


def item_actions(database: Database, item_id: int) -> list[ActionRow]:
    with database.session() as session:
        ids = list(session.scalars(select(Action.id).where(Action.item_id == item_id)
                                   .order_by(Action.number)))
    return action_rows(database, ids)


def matters_arising(database: Database, meeting_id: int) -> list[ActionRow]:
    """The board's open actions raised before this meeting, with their latest update."""
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        board_id, day = meeting.board_id, meeting.date
    ids = find_action_ids(database, ActionFilter(
        board_id=board_id, statuses="open", raised_to=day - dt.timedelta(days=1), today=day))
    return action_rows(database, ids, day)


def record_update(database: Database, meeting_id: int, action_id: int, text: str,
                  status: str | None = None, rag: str | None = None) -> None:
    """An update given at this meeting: dated by it, and setting status or RAG if given."""
    with database.session() as session:
        day = get_meeting(session, meeting_id).date
    add_update(database, action_id, NewUpdate(text, day, status, rag, meeting_id))


def mark_time(database: Database, meeting_id: int, initials: str, field: str,
              at: dt.time, reason: str | None = None) -> str:
    """Arrived or left at `at`, for the attendee with these initials; returns their name."""
    if field not in ("arrived", "left"):
        raise ValueError(field)
    with database.session() as session:
        row = session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id)
                             .where(func.lower(Attendance.initials) == initials.strip().lower()))
        if row is None:
            raise InvalidInput(f"Nobody at this meeting has the initials {initials.strip()!r}.",
                               "initials")
        row_id, person_id, name = row.id, row.person_id, row.person.display_name
    if field == "arrived":
        # Arriving after sending apologies makes them present (see meetings/room.py).
        record_arrival(database, meeting_id, at, person_id=person_id, reason=reason)
    else:
        update_attendance(database, row_id, left=at, reason=reason)
    return name
