"""When each board's membership and terms of reference were last reviewed and are next due,
and which reviews are due (overdue, or due within DUE_WITHIN_DAYS)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import Board, BoardReview
from desktop.models.database import Database
from desktop.services.errors import InvalidInput

DUE_WITHIN_DAYS = 30


@dataclass(frozen=True)
class ReviewLine:
    board_id: int
    board: str
    membership_reviewed: dt.date | None
    membership_due: dt.date | None
    terms_reviewed: dt.date | None
    terms_due: dt.date | None
    due: tuple[str, ...]  # "membership overdue since 01/03/2026", "terms of reference due …"


@dataclass(frozen=True)
class ReviewDates:
    membership_reviewed: dt.date | None = None
    membership_due: dt.date | None = None
    terms_reviewed: dt.date | None = None
    terms_due: dt.date | None = None


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _due_words(what: str, due: dt.date | None, today: dt.date) -> list[str]:
    if due is None:
        return []
    if due < today:
        return [f"{what} overdue since {due:%d/%m/%Y}"]
    if due <= today + dt.timedelta(days=DUE_WITHIN_DAYS):
        return [f"{what} due {due:%d/%m/%Y}"]
    return []


def board_reviews(database: Database, today: dt.date | None = None) -> list[ReviewLine]:
    """Every board and group, with its review dates (empty when never recorded)."""
    today = today or dt.date.today()
    with database.session() as session:
        kept = {r.board_id: r for r in session.scalars(select(BoardReview))}
        lines = []
        for board in session.scalars(select(Board).order_by(Board.name)):
            r = kept.get(board.id) or BoardReview()
            lines.append(ReviewLine(
                board.id, board.name, r.membership_reviewed, r.membership_due,
                r.terms_reviewed, r.terms_due,
                tuple(_due_words("Membership review", r.membership_due, today)
                      + _due_words("Terms of reference review", r.terms_due, today))))
        return lines


def reviews_due(database: Database, today: dt.date | None = None) -> list[ReviewLine]:
    return [line for line in board_reviews(database, today) if line.due]


def save_review(database: Database, board_id: int, dates: ReviewDates) -> ReviewDates:
    """The board's review dates; a review recorded without its next date is next due a year
    later. Returns the dates as saved."""
    membership_due = dates.membership_due or (
        _a_year_after(dates.membership_reviewed) if dates.membership_reviewed else None)
    terms_due = dates.terms_due or (
        _a_year_after(dates.terms_reviewed) if dates.terms_reviewed else None)
    for reviewed, due, what in ((dates.membership_reviewed, membership_due, "membership"),
                                (dates.terms_reviewed, terms_due, "terms of reference")):
        if reviewed and due and due <= reviewed:
            raise InvalidInput(f"The next review of the {what} must come after the last one.",
                               what)
    saved = ReviewDates(dates.membership_reviewed, membership_due, dates.terms_reviewed,
                        terms_due)
    with database.transaction() as session:
        if session.get(Board, board_id) is None:
            raise InvalidInput("That board or group no longer exists.")
        row = session.scalar(select(BoardReview).where(BoardReview.board_id == board_id))
        if row is None:
            row = BoardReview(board_id=board_id)
            session.add(row)
        row.membership_reviewed, row.membership_due = saved.membership_reviewed, membership_due
        row.terms_reviewed, row.terms_due = saved.terms_reviewed, terms_due
    return saved
