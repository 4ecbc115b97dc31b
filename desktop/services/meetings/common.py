"""What every meeting service needs: loading a meeting, and guarding approved minutes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlalchemy.orm import Session, aliased

from desktop.models import Amendment, Attendance, AttendanceStatus, Meeting, MeetingStatus
from desktop.services.errors import InvalidInput


class AmendmentNeeded(InvalidInput):
    """The minutes are approved: the change must be given a reason and is then recorded."""

    def __init__(self) -> None:
        super().__init__(
            "These minutes have been approved. A change to them is recorded as an amendment: "
            "please give the reason for it.",
            field="reason",
        )


# A meeting the minute-taker has started, or whose minutes exist, has taken place.
HELD_STATUSES = (MeetingStatus.IN_PROGRESS, MeetingStatus.DRAFT, MeetingStatus.CIRCULATED,
                 MeetingStatus.APPROVED)


# A meeting in these states has not begun: who comes is not known yet.
NOT_STARTED = (MeetingStatus.PLANNED, MeetingStatus.AGENDA_ISSUED)


def took_place(today: dt.date | None = None) -> ColumnElement[bool]:
    """Meetings that happened: started or minuted, or past with attendance recorded (papers
    imported from before Boardwork keep the status "planned" but have who came). A meeting
    only planned never counts as held, nor as missed by anyone."""
    # An alias, correlated to the meeting only: queries that also join attendance keep theirs.
    anyone = aliased(Attendance)
    recorded = exists().where(anyone.meeting_id == Meeting.id,
                              anyone.status != AttendanceStatus.EXPECTED).correlate(Meeting)
    return or_(Meeting.status.in_(HELD_STATUSES),
               and_(Meeting.date < (today or dt.date.today()), recorded))


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput("That meeting no longer exists.")
    return meeting


def guard_approved(
    session: Session, meeting: Meeting, what: str, reason: str | None, today: dt.date | None = None
) -> None:
    """Let a change to approved minutes through only as a recorded amendment."""
    if meeting.status is not MeetingStatus.APPROVED:
        return
    reason = (reason or "").strip()
    if not reason:
        raise AmendmentNeeded()
    position = len(meeting.amendments)
    session.add(
        Amendment(meeting=meeting, position=position, date=today or dt.date.today(),
                  text=f"{what}: {reason}")
    )


def clean_text(value: str | None, label: str, field: str, required: bool = False,
               limit: int = 500) -> str | None:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(f"{label} cannot be empty.", field)
    if len(text) > limit:
        raise InvalidInput(f"{label} is too long (at most {limit} characters).", field)
    return text or None
