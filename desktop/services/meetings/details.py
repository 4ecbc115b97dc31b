"""Creating, copying and deleting meetings; their details; their status and approval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Amendment,
    Attendance,
    AttendanceStatus,
    Board,
    Decision,
    Declaration,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
    StandingItem,
)
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key
from desktop.services.meetings.agenda import write_minutes
from desktop.services.meetings.common import (
    clean_text,
    get_meeting,
    guard_approved,
    took_place,
)
from desktop.services.meetings.forward_plan import take_planned_in
from desktop.services.meetings.records import KIND_LABELS, STATUS_ORDER
from desktop.services.meetings.versions import current_state, keep_version, record_step

# Added to every new meeting: the first three at the top, any other business at the end.
STANDING_ITEMS: list[tuple[str, StandingItem]] = [
    ("Welcome and apologies", StandingItem.APOLOGIES),
    ("Minutes of the last meeting and matters arising", StandingItem.PREVIOUS_MINUTES),
    ("Action log", StandingItem.ACTION_LOG),
    ("Any other business", StandingItem.ANY_OTHER_BUSINESS),
]


@dataclass(frozen=True)
class MeetingFields:
    """Everything the details form holds; times and dates already parsed by the view."""

    date: dt.date
    kind: str = "ordinary"
    title: str = ""
    start: dt.time | None = None
    end: dt.time | None = None
    venue: str = ""
    chair_id: int | None = None
    minute_taker_id: int | None = None
    closed_at: dt.time | None = None
    next_meeting: dt.date | None = None


def _check(fields: MeetingFields) -> None:
    if fields.kind not in KIND_LABELS:
        raise InvalidInput(f"{fields.kind!r} is not a kind of meeting.", "kind")
    if fields.start and fields.end and fields.end < fields.start:
        raise InvalidInput(
            f"The meeting cannot end ({fields.end:%H:%M}) before it starts "
            f"({fields.start:%H:%M}).", "end")
    if fields.closed_at and fields.start and fields.closed_at < fields.start:
        raise InvalidInput("The meeting cannot close before it starts.", "closed_at")
    if fields.next_meeting and fields.next_meeting <= fields.date:
        raise InvalidInput("The next meeting must be after this one.", "next_meeting")


def _apply(session: Session, meeting: Meeting, fields: MeetingFields) -> None:
    for person_id in (fields.chair_id, fields.minute_taker_id):
        if person_id is not None and session.get(Person, person_id) is None:
            raise InvalidInput("That person no longer exists.", "chair")
    meeting.date = fields.date
    meeting.kind = MeetingKind(fields.kind)
    meeting.title = clean_text(fields.title, "The title", "title", limit=300)
    meeting.start, meeting.end, meeting.closed_at = fields.start, fields.end, fields.closed_at
    meeting.venue = clean_text(fields.venue, "The venue", "venue", limit=300)
    meeting.chair_id, meeting.minute_taker_id = fields.chair_id, fields.minute_taker_id
    meeting.next_meeting = fields.next_meeting


def create_meeting(database: Database, board_id: int, fields: MeetingFields,
                   standing: list[tuple[str, StandingItem]] | None = None,
                   from_plan: bool = False) -> int:
    """A new meeting of the board, planned, with the standing items on its agenda
    (`standing`: titles and kinds, the house defaults when None); with `from_plan`, then the
    business the forward plan has for it."""
    _check(fields)
    with database.transaction() as session:
        meeting = _new_meeting(session, board_id, fields, standing)
        if from_plan:
            take_planned_in(session, meeting)
        return meeting.id


def _new_meeting(session: Session, board_id: int, fields: MeetingFields,
                 standing: list[tuple[str, StandingItem]] | None) -> Meeting:
    board = session.get(Board, board_id)
    if board is None:
        raise InvalidInput("Choose a board or group for the meeting first.", "board")
    meeting = Meeting(board=board, status=MeetingStatus.PLANNED,
                      key=unique_key(session, Meeting, f"{board.key}-{fields.date}"))
    _apply(session, meeting, fields)
    session.add(meeting)
    session.flush()
    for position, (title, kind) in enumerate(standing or STANDING_ITEMS):
        session.add(AgendaItem(meeting=meeting, position=position,
                               number=str(position + 1), title=title, standing=kind))
    return meeting


def copy_meeting(database: Database, meeting_id: int, day: dt.date,
                 with_attendance: bool = False, from_plan: bool = False) -> int:
    """A new meeting like this one: same board, kind, title, venue, times, and standing
    items as this meeting worded them; with `with_attendance`, the same people listed
    (expected again: times, notes and apologies are not carried over)."""
    with database.transaction() as session:
        source = get_meeting(session, meeting_id)
        fields = MeetingFields(day, source.kind.value, source.title or "", source.start,
                               source.end, source.venue or "", source.chair_id,
                               source.minute_taker_id)
        _check(fields)
        standing = [(item.title, item.standing) for item in session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
            .where(AgendaItem.parent_id.is_(None)).order_by(AgendaItem.position))
            if item.standing is not None]
        meeting = _new_meeting(session, source.board_id, fields, standing or None)
        if with_attendance:
            # Expected, not present: who comes is marked on the day. Marked present, a
            # copy whose day passed without being held would count as held, everyone there.
            for row in sorted(source.attendance, key=lambda a: a.position):
                session.add(Attendance(
                    meeting=meeting, person_id=row.person_id, position=row.position,
                    initials=row.initials, role=row.role, representing_id=row.representing_id,
                    status=AttendanceStatus.EXPECTED))
        if from_plan:
            take_planned_in(session, meeting)
        session.flush()
        return meeting.id


def save_details(database: Database, meeting_id: int, fields: MeetingFields,
                 reason: str | None = None) -> None:
    _check(fields)
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        guard_approved(session, meeting, "Meeting details", reason)
        _apply(session, meeting, fields)


def is_minuted(database: Database, meeting_id: int) -> bool:
    """Anything written at or for the meeting: minutes, actions raised, updates given."""
    with database.session() as session:
        minutes = session.scalar(
            select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
            .where(func.length(func.trim(func.coalesce(AgendaItem.minutes_html, ""))) > 0)
        )
        actions = session.scalar(
            select(func.count()).select_from(Action).where(Action.meeting_id == meeting_id))
        updates = session.scalar(
            select(func.count()).select_from(ActionUpdate)
            .where(ActionUpdate.meeting_id == meeting_id))
        decisions = session.scalar(
            select(func.count()).select_from(Decision).where(Decision.meeting_id == meeting_id))
        declared = session.scalar(
            select(func.count()).select_from(Declaration).join(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id))
        return bool(minutes or actions or updates or decisions or declared)


def has_minutes(database: Database, meeting_id: int) -> bool:
    """Minutes exist: something was minuted, or the meeting took place (see `took_place`:
    attendance recorded at a past meeting is a record of it)."""
    if is_minuted(database, meeting_id):
        return True
    with database.session() as session:
        return session.scalar(
            select(Meeting.id).where(Meeting.id == meeting_id, took_place())) is not None


def delete_meeting(database: Database, meeting_id: int) -> None:
    if is_minuted(database, meeting_id):
        raise InvalidInput("This meeting has minutes or actions, so it cannot be deleted.")
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.APPROVED:
            raise InvalidInput("Approved minutes cannot be deleted.")
        for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                    .order_by(AgendaItem.parent_id.is_(None))):
            session.delete(item)  # sub-items first, then the items they hang from
        session.flush()
        session.delete(meeting)


def set_status(database: Database, meeting_id: int, status: str) -> None:
    """Move along planned → … → circulated; approval has its own step and is final."""
    if status not in STATUS_ORDER:
        raise InvalidInput(f"{status!r} is not a status.")
    if status == MeetingStatus.APPROVED.value:
        raise InvalidInput("Minutes are approved by the board: use Approve.")
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.APPROVED:
            raise InvalidInput("These minutes are approved; they can only be amended.")
        # The minutes' history records the step (and keeps the text) as "Mark as" takes it.
        step = {"draft": "drafted", "circulated": "circulated"}.get(status)
        before = current_state(session, meeting) if step else "approved"
        meeting.status = MeetingStatus(status)
        if (step == "drafted" and before is None) or (
                step == "circulated" and before in (None, "drafted", "sent_to_chair",
                                                    "chair_changes")):
            record_step(session, meeting, step)


@dataclass(frozen=True)
class TextChange:
    """A change to an item's minutes agreed when approving them: the new text, and what was
    changed in words for the record ("'Smith' corrected to 'Smyth'")."""

    item_id: int
    minutes_html: str
    what: str


def approve(database: Database, meeting_id: int, amendments: list[str],
            day: dt.date | None = None, changes: tuple[TextChange, ...] = (),
            approved_at: int | None = None) -> None:
    """Approve the minutes, recording each amendment the board agreed to them, dated `day`:
    the date of the meeting that approves them. Each of `changes` is made to the text and
    recorded as an amendment too, in the same unit of work: the approved minutes read as
    the board agreed them. `approved_at`: the meeting that approved them, for the minutes'
    history (a version is kept before the changes, and another as approved)."""
    if not has_minutes(database, meeting_id):
        # A planned meeting that never took place has no minutes: "approving" it would put
        # a meeting that did not happen on the record as held.
        raise InvalidInput("Nothing has been minuted for that meeting, so there are no minutes "
                           "to approve.")
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.APPROVED:
            raise InvalidInput("These minutes are already approved.")
        day = day or dt.date.today()
        if changes:
            keep_version(session, meeting_id, "Before the amendments agreed at approval")
        for change in changes:
            item = session.get(AgendaItem, change.item_id)
            if item is None or item.meeting_id != meeting_id:
                raise InvalidInput("An item amended is no longer in these minutes.")
            what = " ".join(change.what.split())
            label = item.number or item.title
            if not what:
                raise InvalidInput(f"Say what the board changed in item {label}.", "what")
            write_minutes(session, item, change.minutes_html)
            session.add(Amendment(meeting=meeting, position=len(meeting.amendments),
                                  date=day, text=f"Item {label}: {what}"))
        for text in (" ".join(a.split()) for a in amendments):
            if text:
                session.add(Amendment(meeting=meeting, position=len(meeting.amendments),
                                      date=day, text=text))
        meeting.status = MeetingStatus.APPROVED
        session.flush()
        record_step(session, meeting, "approved", approved_at_id=approved_at)


def approve_previous(database: Database, meeting_id: int, previous_id: int,
                     amendments: list[str], changes: tuple[TextChange, ...] = ()) -> None:
    """At meeting `meeting_id`, approve the minutes of the one before (`previous_id`, as the
    screen showed it): the amendments agreed carry this meeting's date, not the computer's."""
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        day = meeting.date
        earlier = session.scalar(
            select(Meeting.id).where(Meeting.board_id == meeting.board_id,
                                     Meeting.date < meeting.date)
            .order_by(Meeting.date.desc()).limit(1))
    if earlier != previous_id:
        raise InvalidInput("The meetings have changed since this screen was shown: "
                           "please look again before approving.")
    approve(database, previous_id, amendments, day, changes, approved_at=meeting_id)
