"""What needs the business manager this week (the Overview's "Needs attention" list): overdue
actions by owner and by agency, minutes waiting for the next step, coming meetings whose
expected attendance is below quorum, reviews due, business of the forward plan that slipped.
Each line carries what opening it shows.

A board (the selector's choice) narrows every line to its own meetings and actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select

from desktop.models import Action, ActionOwner, Agency, Board, Meeting, Person
from desktop.models.cycle import MinutesEvent
from desktop.models.database import Database
from desktop.models.meetings import Attendance, AttendanceStatus, MeetingStatus
from desktop.services.actions.queries import OwnerRef, overdue
from desktop.services.meetings.common import HELD_STATUSES
from desktop.services.meetings.forward_plan import SLIPPED, plan_entries
from desktop.services.meetings.versions import STATE_BEFORE_STEPS
from desktop.services.reviews import reviews_due

# How far ahead a meeting's expected attendance is checked against its quorum.
QUORUM_LOOKAHEAD_DAYS = 42


@dataclass(frozen=True)
class Attention:
    kind: str  # "overdue by owner", "overdue by agency", "minutes", "quorum"
    text: str
    meeting_id: int | None = None  # opens the meeting
    owner: OwnerRef | None = None  # opens the Actions area: this owner's overdue actions
    agency_id: int | None = None  # opens the Actions area: this agency's overdue actions
    plan_board_id: int | None = None  # opens this board's forward plan
    review_board_id: int | None = None  # opens the review dates (People and groups)


def needs_attention(db: Database, today: dt.date, board_id: int | None = None
                    ) -> list[Attention]:
    return [*overdue_by_owner(db, today, board_id), *overdue_by_agency(db, today, board_id),
            *minutes_waiting(db, today, board_id), *quorum_risks(db, today, board_id),
            *reviews_waiting(db, today, board_id), *slipped_business(db, today, board_id)]


def _overdue(today: dt.date, board_id: int | None) -> list[Any]:
    """As the Actions area's Overdue filter judges it."""
    return [overdue(today), *([Action.board_id == board_id] if board_id else [])]


def overdue_by_owner(db: Database, today: dt.date, board_id: int | None = None
                     ) -> list[Attention]:
    """Each person or group with overdue actions, most first, with the oldest due date."""
    count, oldest = func.count(func.distinct(Action.id)), func.min(Action.due)
    with db.session() as s:
        people = s.execute(
            select(Person.id, Person.name, count, oldest)
            .join(ActionOwner, ActionOwner.person_id == Person.id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(*_overdue(today, board_id)).group_by(Person.id)).all()
        groups = s.execute(
            select(func.min(ActionOwner.group_name), count, oldest)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(ActionOwner.group_name.is_not(None), *_overdue(today, board_id))
            .group_by(func.lower(ActionOwner.group_name))).all()
    found = [(n, name, due, OwnerRef(person_id=pid)) for pid, name, n, due in people]
    found += [(n, f"{group} (group)", due, OwnerRef(group=group)) for group, n, due in groups]
    found.sort(key=lambda f: (-f[0], f[1].casefold()))
    return [Attention("overdue by owner",
                      f"Overdue actions of {name}: {n}, the oldest due {due:%d/%m/%Y}",
                      owner=owner)
            for n, name, due, owner in found]


def overdue_by_agency(db: Database, today: dt.date, board_id: int | None = None
                      ) -> list[Attention]:
    """Each agency whose people own overdue actions (an action owned by two of its people
    counted once), most first."""
    with db.session() as s:
        rows = list(s.execute(
            select(Agency.id, Agency.name, func.count(func.distinct(Action.id)))
            .join(Person, Person.agency_id == Agency.id)
            .join(ActionOwner, ActionOwner.person_id == Person.id)
            .join(Action, Action.id == ActionOwner.action_id)
            .where(*_overdue(today, board_id)).group_by(Agency.id)).all())
    rows.sort(key=lambda r: (-r[2], r[1].casefold()))
    return [Attention("overdue by agency", f"Overdue actions owned by people of {name}: {n}",
                      agency_id=agency_id)
            for agency_id, name, n in rows]


def minutes_waiting(db: Database, today: dt.date, board_id: int | None = None
                    ) -> list[Attention]:
    """Meetings whose minutes wait for someone, by the step they reached: still being taken
    after the day, a draft to send to the chair, with the chair, the chair's changes to
    circulate, circulated and awaiting approval, approved here and not yet published.
    Oldest first. (Minutes approved before these steps were recorded wait for nothing.)"""
    query = (select(Meeting.id, Meeting.date, Meeting.status, Board.name)
             .join(Board, Board.id == Meeting.board_id)
             .where(Meeting.status.in_(HELD_STATUSES), Meeting.date <= today)
             .order_by(Meeting.date, Meeting.id))
    if board_id is not None:
        query = query.where(Meeting.board_id == board_id)
    lines = []
    with db.session() as s:
        steps = _steps_recorded(s, board_id)
        for meeting_id, day, status, board in s.execute(query):
            # Minutes approved before the steps were recorded wait for nothing (no "publish").
            before = STATE_BEFORE_STEPS.get(status)
            state = steps.get(meeting_id) or (before if before != "approved" else None)
            if status == MeetingStatus.IN_PROGRESS:
                state = "in_progress" if day < today else None
            if state in WAITING:
                lines.append(Attention("minutes", f"Minutes of {board}, {day:%d/%m/%Y} "
                                       f"{WAITING[state]}", meeting_id=meeting_id))
    return lines


# What each step of the minutes waits for (desktop/services/meetings/versions.py).
WAITING = {
    "in_progress": "are still being taken: finish them",
    "drafted": "are a draft: send them to the chair",
    "sent_to_chair": "are with the chair: record the chair's changes, or circulate them",
    "chair_changes": "have the chair's changes: circulate them to members",
    "circulated": "are circulated: approve them at the next meeting",
    "approved": "are approved: publish them",
}


def _steps_recorded(s: Any, board_id: int | None) -> dict[int, str]:
    """Each meeting's latest recorded step of its minutes."""
    query = (select(MinutesEvent.meeting_id, MinutesEvent.state)
             .join(Meeting, Meeting.id == MinutesEvent.meeting_id)
             .order_by(MinutesEvent.meeting_id, MinutesEvent.at, MinutesEvent.id))
    if board_id is not None:
        query = query.where(Meeting.board_id == board_id)
    return {meeting_id: str(state) for meeting_id, state in s.execute(query)}


def reviews_waiting(db: Database, today: dt.date, board_id: int | None = None
                    ) -> list[Attention]:
    """Membership and terms-of-reference reviews overdue or due within 30 days."""
    return [Attention("review", f"{line.board}: {'; '.join(line.due)}",
                      review_board_id=line.board_id)
            for line in reviews_due(db, today)
            if board_id is None or line.board_id == board_id]


def quorum_risks(db: Database, today: dt.date, board_id: int | None = None
                 ) -> list[Attention]:
    """Coming meetings (the next six weeks) whose attendance is listed and where fewer are
    expected than the board's quorum: apologies sent ahead show here before the day."""
    expected = func.count(Attendance.id)
    query = (select(Meeting.id, Meeting.date, Board.name, Board.quorum, expected)
             .join(Board, Board.id == Meeting.board_id)
             .outerjoin(Attendance, and_(
                 Attendance.meeting_id == Meeting.id,
                 Attendance.status.in_([AttendanceStatus.EXPECTED, AttendanceStatus.PRESENT])))
             .where(Meeting.date >= today,
                    Meeting.date <= today + dt.timedelta(days=QUORUM_LOOKAHEAD_DAYS),
                    Meeting.status.in_([MeetingStatus.PLANNED, MeetingStatus.AGENDA_ISSUED]),
                    Board.quorum.is_not(None), Board.quorum > 0)
             .group_by(Meeting.id).order_by(Meeting.date, Meeting.id))
    if board_id is not None:
        query = query.where(Meeting.board_id == board_id)
    with db.session() as s:
        rows = s.execute(query).all()
        listed = set(s.scalars(select(Attendance.meeting_id).where(
            Attendance.meeting_id.in_([r[0] for r in rows]))))
    return [Attention("quorum", f"Quorum at risk: {board}, {day:%d/%m/%Y}: {n} expected, "
                      f"quorum {quorum}", meeting_id=meeting_id)
            for meeting_id, day, board, quorum, n in rows
            if meeting_id in listed and n < (quorum or 0)]


def slipped_business(db: Database, today: dt.date, board_id: int | None = None
                     ) -> list[Attention]:
    """Forward plan entries whose month or meeting passed without them on an agenda."""
    return [Attention("forward plan", f"Slipped from the forward plan of {e.board}: {e.title} "
                      f"({e.month_text})", plan_board_id=e.board_id)
            for e in plan_entries(db, board_id, today) if e.state == SLIPPED]
