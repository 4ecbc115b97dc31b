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


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    upcoming: list[UpcomingMeeting]


def database_summary(database: Database, today: dt.date | None = None) -> Summary:
    today = today or dt.date.today()
    with database.session() as session:

        def count(*criteria: object, model: type) -> int:
            statement = select(func.count()).select_from(model)
            for criterion in criteria:
                statement = statement.where(criterion)  # type: ignore[arg-type]
            return int(session.scalar(statement) or 0)

        counts = {
            "Boards and groups": count(model=Board),
            "Meetings": count(model=Meeting),
            "Open actions": count(Action.status.in_(OPEN_STATUSES), model=Action),
            "People": count(model=Person),
            "Agencies": count(model=Agency),
            "Courses": count(model=Course),
            "Training sessions": count(model=TrainingSession),
            "Bookings": count(model=Booking),
        }
        rows = session.execute(
            select(Meeting.date, Board.name, Meeting.title)
            .join(Board, Meeting.board_id == Board.id)
            .where(Meeting.date >= today)
            .order_by(Meeting.date)
            .limit(5)
        ).all()
    upcoming = [UpcomingMeeting(d, board, title or "Meeting") for d, board, title in rows]
    return Summary(counts, upcoming)
