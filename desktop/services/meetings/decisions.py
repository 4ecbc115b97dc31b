"""The decision log: what a meeting decided ("The Board agreed…", "RESOLVED"), recorded per
item apart from actions, printed in the minutes under the item and listed across meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Board, Decision, Meeting
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.common import get_meeting, guard_approved


@dataclass(frozen=True)
class DecisionLine:
    id: int
    meeting_id: int
    board: str
    date: dt.date
    meeting_status: str
    item_id: int | None
    item: str  # "5.1 Section 11 audit", or "" when taken at no item
    text: str
    confidential: bool  # taken at a confidential item: left out of what is published


def _clean(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput("Say what was decided.", "text")
    if len(cleaned) > 4000:
        raise InvalidInput("The decision is too long (at most 4000 characters).", "text")
    return cleaned


def add_decision(database: Database, meeting_id: int, item_id: int | None, text: str,
                 reason: str | None = None) -> int:
    """Record a decision at the item (or at no item, `item_id` None)."""
    cleaned = _clean(text)
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if item_id is not None:
            item = session.get(AgendaItem, item_id)
            if item is None or item.meeting_id != meeting_id:
                raise InvalidInput("That agenda item is no longer in this meeting.")
        guard_approved(session, meeting, "Decision recorded", reason)
        position = len(list(session.scalars(select(Decision.id).where(
            Decision.meeting_id == meeting_id))))
        row = Decision(meeting_id=meeting_id, item_id=item_id, position=position, text=cleaned)
        session.add(row)
        session.flush()
        return row.id


def change_decision(database: Database, decision_id: int, text: str,
                    reason: str | None = None) -> None:
    cleaned = _clean(text)
    with database.transaction() as session:
        row = session.get(Decision, decision_id)
        if row is None:
            raise InvalidInput("That decision is no longer recorded.")
        guard_approved(session, row.meeting, "Decision changed", reason)
        row.text = cleaned


def remove_decision(database: Database, decision_id: int, reason: str | None = None) -> None:
    with database.transaction() as session:
        row = session.get(Decision, decision_id)
        if row is None:
            return
        guard_approved(session, row.meeting, "Decision removed", reason)
        session.delete(row)


def decisions_by_item(session: Session, meeting_id: int) -> dict[int | None, list[str]]:
    """For the minutes: the decisions of the meeting by item (None: at no item)."""
    found: dict[int | None, list[str]] = {}
    for d in session.scalars(select(Decision).where(Decision.meeting_id == meeting_id)
                             .order_by(Decision.position, Decision.id)):
        found.setdefault(d.item_id, []).append(d.text)
    return found


def decision_log(database: Database, board_id: int | None = None, words: str = "",
                 meeting_id: int | None = None) -> list[DecisionLine]:
    """Decisions across meetings, latest meeting first; of one board (and the groups under
    it are not included: each group keeps its own log), one meeting, or words in them."""
    with database.session() as session:
        query = (select(Decision, Meeting, Board.name).join(Meeting, Meeting.id ==
                                                             Decision.meeting_id)
                 .join(Board, Board.id == Meeting.board_id)
                 .order_by(Meeting.date.desc(), Meeting.id, Decision.position, Decision.id))
        if board_id is not None:
            query = query.where(Meeting.board_id == board_id)
        if meeting_id is not None:
            query = query.where(Meeting.id == meeting_id)
        lines = []
        wanted = words.lower().split()
        for d, meeting, board in session.execute(query):
            item = d.item
            label = f"{item.number} {item.title}".strip() if item else ""
            if wanted and not all(w in f"{d.text} {label}".lower() for w in wanted):
                continue
            lines.append(DecisionLine(d.id, meeting.id, board, meeting.date,
                                      str(meeting.status), d.item_id, label, d.text,
                                      _confidential(item)))
        return lines


def _confidential(item: AgendaItem | None) -> bool:
    while item is not None:
        if item.confidential:
            return True
        item = item.parent
    return False
