"""What the database holds, in numbers a person recognises: the main window's first page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models import (
    OPEN_STATUSES,
    Action,
    Agency,
    Board,
    Booking,
    Course,
    Meeting,
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
    upcoming = [UpcomingMeeting(d, board, title or "Meeting", meeting_id)
                for d, board, title, meeting_id in rows]
    return Summary(counts, upcoming)
