"""One action in full: its text, owners, and the whole history of updates given on it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import ActionUpdate, Meeting
from desktop.models.database import Database
from desktop.services.actions.common import ActionRow, get_action
from desktop.services.actions.queries import load_rows, owner_labels


@dataclass(frozen=True)
class UpdateRow:
    id: int
    date: dt.date
    meeting: str | None  # "Board Meeting 23/10/2018" when given at a meeting
    text: str
    status: str | None  # the status it set, if any
    rag: str | None  # the RAG it set, if any


@dataclass(frozen=True)
class ActionDetail:
    row: ActionRow
    board_name: str
    meeting: str | None  # the raising meeting
    owner_names: tuple[str, ...]  # "SH (Sally Halls)", "CE Sub Group"
    owner_entries: tuple[str, ...]  # as the editor shows them: initials, key or group name
    updates: tuple[UpdateRow, ...]  # oldest first


def _meeting_label(meeting: Meeting | None) -> str | None:
    if meeting is None:
        return None
    return f"{meeting.title or 'Meeting'} {meeting.date:%d/%m/%Y}"


def action_detail(db: Database, action_id: int, today: dt.date | None = None) -> ActionDetail:
    with db.session() as s:
        action = get_action(s, action_id)
        row = load_rows(s, [action_id], today or dt.date.today())[0]
        labels = owner_labels(s, [action_id]).get(action_id, [])
        names = tuple(full if short == full else f"{short} ({full})" for short, full in labels)
        entries = tuple(
            short if owner.person is None or short != full else owner.person.key
            for (short, full), owner in zip(labels, action.owners, strict=True)
        )
        updates = tuple(
            UpdateRow(u.id, u.date, _meeting_label(u.meeting), u.text,
                      u.status.value if u.status else None, u.rag.value if u.rag else None)
            for u in s.scalars(select(ActionUpdate).where(ActionUpdate.action_id == action_id)
                               .order_by(ActionUpdate.date, ActionUpdate.id))
        )
        return ActionDetail(row, action.board.name, _meeting_label(action.meeting), names,
                            entries, updates)
