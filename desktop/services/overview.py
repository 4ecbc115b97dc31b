"""What the database holds, in numbers a person recognises: the main window's first page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop.models import (
    OPEN_STATUSES,
    Action,
    Agency,
    AgendaItem,
    Board,
    Booking,
    Course,
    Meeting,
    Paper,
    Person,
    TrainingSession,
)
from desktop.models.database import Database


@dataclass(frozen=True)
class UpcomingMeeting:
    date: dt.date
    board: str
    title: str
    meeting_id: int = 0  # what opening the line shows
    # Items marked "paper expected" still without one, and the first of them (in agenda
    # order), which opening the line shows.
    papers_missing: int = 0
    first_missing_item: int | None = None


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    upcoming: list[UpcomingMeeting]


def database_summary(database: Database, today: dt.date | None = None,
                     board_id: int | None = None) -> Summary:
    """Counts of what the database holds, and the next five meetings. With `board_id` (the
    board selector's choice) meetings, open actions and the coming meetings are that board's;
    people, agencies and training belong to no board and stay whole."""
    today = today or dt.date.today()
    with database.session() as session:

        def count(*criteria: object, model: type) -> int:
            statement = select(func.count()).select_from(model)
            for criterion in criteria:
                if criterion is not None:
                    statement = statement.where(criterion)  # type: ignore[arg-type]
            return int(session.scalar(statement) or 0)

        of_meeting = Meeting.board_id == board_id if board_id is not None else None
        of_action = Action.board_id == board_id if board_id is not None else None
        counts = {
            "Boards and groups": count(model=Board),
            "Meetings": count(of_meeting, model=Meeting),
            "Open actions": count(Action.status.in_(OPEN_STATUSES), of_action, model=Action),
            "People": count(model=Person),
            "Agencies": count(model=Agency),
            "Courses": count(model=Course),
            "Training sessions": count(model=TrainingSession),
            "Bookings": count(model=Booking),
        }
        query = (select(Meeting.date, Board.name, Meeting.title, Meeting.id)
                 .join(Board, Meeting.board_id == Board.id)
                 .where(Meeting.date >= today)
                 .order_by(Meeting.date, Meeting.start, Meeting.id)
                 .limit(5))
        if of_meeting is not None:
            query = query.where(of_meeting)
        rows = session.execute(query).all()
        missing = _papers_missing(session, [row[3] for row in rows])
    upcoming = [UpcomingMeeting(d, board, title or "Meeting", meeting_id,
                                *missing.get(meeting_id, (0, None)))
                for d, board, title, meeting_id in rows]
    return Summary(counts, upcoming)


def _papers_missing(session: Session, meeting_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(how many, the first item) of the papers expected and not yet attached, by meeting."""
    if not meeting_ids:
        return {}
    rows = session.execute(
        select(AgendaItem.meeting_id, AgendaItem.id)
        .where(AgendaItem.meeting_id.in_(meeting_ids), AgendaItem.paper_expected,
               ~exists().where(Paper.item_id == AgendaItem.id))
        .order_by(AgendaItem.meeting_id, AgendaItem.parent_id.is_not(None),
                  AgendaItem.position, AgendaItem.id)).all()
    found: dict[int, tuple[int, int]] = {}
    for meeting_id, item_id in rows:
        count, first = found.get(meeting_id, (0, item_id))
        found[meeting_id] = (count + 1, first)
    return found
