"""When a board usually meets next: the date offered for "New meeting like this one"."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import statistics

from sqlalchemy import select

from desktop.models import Meeting
from desktop.models.database import Database
from desktop.services.meetings.common import get_meeting

# A board with no rhythm yet: most boards and their groups meet quarterly.
DEFAULT_GAP_MONTHS = 3


def _same_weekday_of_month(day: dt.date, months: int) -> dt.date:
    """The same weekday in the same week of the month, `months` later ("the second Tuesday");
    the last such weekday when the month has no fifth one."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    nth = (day.day - 1) // 7
    first = dt.date(year, month, 1)
    first_match = 1 + (day.weekday() - first.weekday()) % 7
    wanted = first_match + 7 * nth
    if wanted > calendar.monthrange(year, month)[1]:
        wanted -= 7
    return dt.date(year, month, wanted)


def usual_next_date(database: Database, meeting_id: int) -> dt.date:
    """The next meeting's date as the board usually goes: the date recorded as "next
    meeting" if there is one; else the board's rhythm (the usual number of months between
    its meetings, on the same weekday of the month); else a quarter on."""
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.next_meeting is not None and meeting.next_meeting > meeting.date:
            return meeting.next_meeting
        dates = sorted(set(session.scalars(
            select(Meeting.date).where(Meeting.board_id == meeting.board_id)
            .where(Meeting.date <= meeting.date))))
    recent = dates[-5:]
    gaps = [(b.year * 12 + b.month) - (a.year * 12 + a.month)
            for a, b in itertools.pairwise(recent)]
    months = round(statistics.median(gaps)) if gaps else DEFAULT_GAP_MONTHS
    if months < 1:  # more often than monthly: the usual number of days
        days = statistics.median((b - a).days for a, b in itertools.pairwise(recent))
        return meeting.date + dt.timedelta(days=max(1, round(days)))
    return _same_weekday_of_month(meeting.date, months)
