"""The forward plan of a board or group: the business planned for the months ahead, placed on
meetings, taken into their agendas, and what slipped.

An entry is for a month. It belongs to the meeting it was placed on by hand, else to the
board's first meeting of that month. It is "on the agenda" once an agenda took it, "done"
when that meeting took place, and "slipped" when its month (or its meeting) has passed
without it being taken: slipped entries are offered to the next agenda too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.dates import month_end, month_start
from desktop.models import AgendaItem, Board, ForwardPlanEntry, Meeting, Purpose
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key
from desktop.services.meetings.agenda import ItemFields, add_item_in
from desktop.services.meetings.common import HELD_STATUSES, clean_text, get_meeting

PLANNED, ON_AGENDA, DONE, SLIPPED = "planned", "on the agenda", "done", "slipped"
MAX_REPEATS = 24  # two years of a monthly report


@dataclass(frozen=True)
class PlanFields:
    title: str
    month: dt.date  # any day of the month
    lead: str = ""
    purpose: str | None = None
    notes: str = ""
    meeting_id: int | None = None  # placed on this meeting; None: the month's first


@dataclass(frozen=True)
class PlanEntry:
    id: int
    key: str
    board_id: int
    board: str
    title: str
    month: dt.date
    lead: str
    purpose: str | None
    notes: str
    placed: bool  # on a meeting chosen by hand
    meeting_id: int | None  # the meeting it is for (placed, or the month's first)
    meeting_date: dt.date | None
    item_number: str  # the agenda item it became, "" until taken
    state: str

    @property
    def month_text(self) -> str:
        return f"{self.month:%B %Y}"


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date, months: int) -> dt.date:
    return month_start(day.year, day.month + months)


def _apply(session: Session, entry: ForwardPlanEntry, fields: PlanFields) -> None:
    title = clean_text(fields.title, "The business", "title", required=True)
    assert title is not None
    entry.title = title
    entry.month = first_of_month(fields.month)
    entry.lead = clean_text(fields.lead, "The lead", "lead", limit=200)
    if fields.purpose is not None and fields.purpose not in Purpose.values():
        raise InvalidInput(f"{fields.purpose!r} is not a purpose.", "purpose")
    entry.purpose = Purpose(fields.purpose) if fields.purpose else None
    entry.notes = (fields.notes or "").strip() or None
    if fields.meeting_id is not None:
        meeting = get_meeting(session, fields.meeting_id)
        if meeting.board_id != entry.board_id:
            raise InvalidInput("That meeting is not one of this board's.", "meeting")
        entry.month = first_of_month(meeting.date)
    entry.meeting_id = fields.meeting_id


def add_entries(database: Database, board_id: int, fields: PlanFields,
                repeat_every_months: int = 0, until: dt.date | None = None) -> list[int]:
    """One entry, or one every `repeat_every_months` from its month up to `until` (a
    sub-group's report to the board each quarter): the entries are separate afterwards."""
    months = [first_of_month(fields.month)]
    if repeat_every_months:
        if not 1 <= repeat_every_months <= 12:
            raise InvalidInput("Repeat every 1 to 12 months.", "repeat")
        last = until or _next_month(months[0], 11)
        while (following := _next_month(months[-1], repeat_every_months)) <= last:
            months.append(following)
            if len(months) > MAX_REPEATS:
                raise InvalidInput(f"That would plan more than {MAX_REPEATS} entries: choose "
                                   "an earlier end.", "until")
    with database.transaction() as session:
        board = session.get(Board, board_id)
        if board is None:
            raise InvalidInput("That board or group no longer exists.")
        ids = []
        for index, month in enumerate(months):
            entry = ForwardPlanEntry(board_id=board_id)
            placed = fields.meeting_id if index == 0 else None
            _apply(session, entry, PlanFields(fields.title, month, fields.lead, fields.purpose,
                                              fields.notes, placed))
            entry.key = unique_key(session, ForwardPlanEntry,
                                   f"{board.key} {entry.title} {entry.month:%Y-%m}")
            session.add(entry)
            session.flush()
            ids.append(entry.id)
        return ids


def update_entry(database: Database, entry_id: int, fields: PlanFields) -> None:
    with database.transaction() as session:
        _apply(session, _entry(session, entry_id), fields)


def remove_entry(database: Database, entry_id: int) -> None:
    """The plan's entry only: an agenda item it became stays on its agenda."""
    with database.transaction() as session:
        session.delete(_entry(session, entry_id))


def _entry(session: Session, entry_id: int) -> ForwardPlanEntry:
    entry = session.get(ForwardPlanEntry, entry_id)
    if entry is None:
        raise InvalidInput("That entry of the forward plan no longer exists.")
    return entry


def plan_entries(database: Database, board_id: int | None, today: dt.date) -> list[PlanEntry]:
    """The plan of one board (every board's with None), by month."""
    query = (select(ForwardPlanEntry, Board.name).join(Board, Board.id == ForwardPlanEntry.board_id)
             .order_by(ForwardPlanEntry.month, ForwardPlanEntry.id))
    if board_id is not None:
        query = query.where(ForwardPlanEntry.board_id == board_id)
    with database.session() as session:
        rows = session.execute(query).all()
        meetings = _meetings_of(session, {entry.board_id for entry, _ in rows})
        items = {item.id: item for item in session.scalars(select(AgendaItem).where(
            AgendaItem.id.in_([e.agenda_item_id for e, _ in rows if e.agenda_item_id])))}
        return [_shown(entry, board, meetings, items, today) for entry, board in rows]


def _meetings_of(session: Session, board_ids: set[int]) -> dict[int, Meeting]:
    found = session.scalars(select(Meeting).where(Meeting.board_id.in_(board_ids))
                            .order_by(Meeting.date, Meeting.start, Meeting.id))
    return {meeting.id: meeting for meeting in found}


def _meeting_for(entry: ForwardPlanEntry, meetings: dict[int, Meeting]) -> Meeting | None:
    if entry.meeting_id is not None:
        return meetings.get(entry.meeting_id)
    return next((m for m in meetings.values() if m.board_id == entry.board_id
                 and first_of_month(m.date) == entry.month), None)


def _shown(entry: ForwardPlanEntry, board: str, meetings: dict[int, Meeting],
           items: dict[int, AgendaItem], today: dt.date) -> PlanEntry:
    item = items.get(entry.agenda_item_id) if entry.agenda_item_id else None
    meeting = (meetings.get(item.meeting_id) if item is not None
               else _meeting_for(entry, meetings))
    if item is not None and meeting is not None:
        held = meeting.status in HELD_STATUSES or meeting.date < today
        state = DONE if held else ON_AGENDA
    elif meeting is not None:
        state = SLIPPED if meeting.date < today or meeting.status in HELD_STATUSES else PLANNED
    else:
        state = SLIPPED if month_end(entry.month.year, entry.month.month) < today else PLANNED
    return PlanEntry(
        entry.id, entry.key, entry.board_id, board, entry.title, entry.month, entry.lead or "",
        entry.purpose.value if entry.purpose else None, entry.notes or "",
        entry.meeting_id is not None, meeting.id if meeting else None,
        meeting.date if meeting else None, item.number if item else "", state)


def offered_for(database: Database, meeting_id: int, today: dt.date) -> list[PlanEntry]:
    """What the plan offers this meeting's agenda: its own entries not yet taken, then the
    board's slipped ones (not placed on another meeting still to come)."""
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        board_id = meeting.board_id
    entries = plan_entries(database, board_id, today)
    own = [e for e in entries if e.meeting_id == meeting_id and not e.item_number]
    slipped = [e for e in entries if e.state == SLIPPED and e.meeting_id != meeting_id]
    return own + slipped


def take_planned_in(session: Session, meeting: Meeting) -> list[int]:
    """A new meeting's agenda takes the business planned for its month (or placed on it)
    that no agenda has taken yet: "new agendas take their items from the plan"."""
    session.flush()
    entries = session.scalars(
        select(ForwardPlanEntry).where(
            ForwardPlanEntry.board_id == meeting.board_id,
            ForwardPlanEntry.agenda_item_id.is_(None),
            (ForwardPlanEntry.meeting_id == meeting.id)
            | (ForwardPlanEntry.meeting_id.is_(None)
               & (ForwardPlanEntry.month == first_of_month(meeting.date))))
        .order_by(ForwardPlanEntry.id)).all()
    return [_take(session, meeting, entry) for entry in entries]


def _take(session: Session, meeting: Meeting, entry: ForwardPlanEntry) -> int:
    item_id = add_item_in(session, meeting, ItemFields(
        entry.title, entry.lead or "", entry.purpose.value if entry.purpose else None))
    entry.agenda_item_id = item_id
    entry.meeting_id = meeting.id
    entry.month = first_of_month(meeting.date)
    return item_id


def take_into_agenda(database: Database, meeting_id: int, entry_ids: list[int]) -> list[int]:
    """Each entry becomes an item at the end of the meeting's agenda (its title, lead as
    presenter and purpose), and is marked as taken by it; one transaction."""
    made = []
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        for entry_id in entry_ids:
            entry = _entry(session, entry_id)
            if entry.board_id != meeting.board_id:
                raise InvalidInput("That entry is in another board's plan.")
            if entry.agenda_item_id is not None:
                continue  # already on an agenda: taken once
            made.append(_take(session, meeting, entry))
    return made
