"""Reading meetings: the list of a board's meetings and one meeting's whole record."""

from __future__ import annotations

from sqlalchemy import extract, select
from sqlalchemy.orm import Session, selectinload

from desktop.models import (
    Agency,
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    MeetingStatus,
    Person,
)
from desktop.models.database import Database
from desktop.services.meetings.records import (
    AmendmentRow,
    AttendanceRow,
    ItemRow,
    MeetingDetails,
    MeetingRecord,
    MeetingRow,
    PersonChoice,
)


def list_meetings(
    database: Database,
    board_id: int | None = None,
    year: int | None = None,
    status: str | None = None,
) -> list[MeetingRow]:
    """Newest first; `None` filters mean "any"."""
    statement = (
        select(Meeting, Board.name)
        .join(Board, Meeting.board_id == Board.id)
        .order_by(Meeting.date.desc(), Meeting.start.desc(), Meeting.id.desc())
    )
    if board_id is not None:
        statement = statement.where(Meeting.board_id == board_id)
    if year is not None:
        statement = statement.where(extract("year", Meeting.date) == year)
    if status is not None:
        statement = statement.where(Meeting.status == MeetingStatus(status))
    with database.session() as session:
        rows = session.execute(statement).all()
    return [
        MeetingRow(m.id, m.key, m.board_id, board, m.title or "Meeting", m.kind.value, m.date,
                   m.start, m.venue or "", m.status.value)
        for m, board in rows
    ]


def meeting_years(database: Database, board_id: int | None = None) -> list[int]:
    statement = select(extract("year", Meeting.date)).distinct()
    if board_id is not None:
        statement = statement.where(Meeting.board_id == board_id)
    with database.session() as session:
        return sorted((int(y) for y in session.scalars(statement)), reverse=True)


def _details(meeting: Meeting) -> MeetingDetails:
    return MeetingDetails(
        meeting.id, meeting.key, meeting.board_id, meeting.board.name, meeting.title or "",
        meeting.kind.value, meeting.date, meeting.start, meeting.end, meeting.venue or "",
        meeting.chair_id, meeting.minute_taker_id, meeting.closed_at, meeting.next_meeting,
        meeting.status.value,
    )


def _attendance_row(row: Attendance) -> AttendanceRow:
    person = row.person
    return AttendanceRow(
        row.id, person.id, person.display_name, row.initials, row.status.value, row.role or "",
        person.agency.name if person.agency else "", row.representing_id,
        row.representing.display_name if row.representing else "", row.arrived, row.left,
        row.note or "",
    )


def items_in_order(session: Session, meeting_id: int) -> list[tuple[AgendaItem, int]]:
    """Every item of the meeting with its depth, depth-first in agenda order."""
    items = session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    children: dict[int | None, list[AgendaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[tuple[AgendaItem, int]] = []

    def visit(parent: int | None, depth: int) -> None:
        for item in children.get(parent, []):
            ordered.append((item, depth))
            visit(item.id, depth + 1)

    visit(None, 0)
    return ordered


def _item_row(item: AgendaItem, depth: int) -> ItemRow:
    return ItemRow(
        item.id, item.parent_id, depth, item.number, item.number_fixed, item.title,
        item.presenter or "", item.purpose.value if item.purpose else None, item.confidential,
        item.standing.value if item.standing else None, item.minutes_html or "",
        item.started_at, item.paper_expected,
    )


def meeting_record(database: Database, meeting_id: int) -> MeetingRecord:
    with database.session() as session:
        meeting = session.scalars(
            select(Meeting).where(Meeting.id == meeting_id).options(
                selectinload(Meeting.attendance).selectinload(Attendance.person)
                .selectinload(Person.agency),
                selectinload(Meeting.attendance).selectinload(Attendance.representing),
                selectinload(Meeting.amendments),
                selectinload(Meeting.board),
            )
        ).one_or_none()
        if meeting is None:
            raise LookupError("That meeting no longer exists.")
        return MeetingRecord(
            _details(meeting),
            [_attendance_row(a) for a in meeting.attendance],
            [_item_row(item, depth) for item, depth in items_in_order(session, meeting_id)],
            [AmendmentRow(a.date, a.text) for a in meeting.amendments],
        )


def people_choices(database: Database) -> list[PersonChoice]:
    """Everyone, by name, for pickers (chair, minute-taker, attendees, representing)."""
    with database.session() as session:
        rows = session.execute(
            select(Person.id, Person.name, Person.title, Agency.name)
            .outerjoin(Agency, Person.agency_id == Agency.id)
            .order_by(Person.name)
        ).all()
    return [
        PersonChoice(pid, f"{title} {name}" if title else name, agency or "")
        for pid, name, title, agency in rows
    ]


def previous_meeting(database: Database, meeting_id: int) -> MeetingDetails | None:
    """The board's meeting before this one: whose minutes this one approves."""
    with database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return None
        earlier = session.scalars(
            select(Meeting).where(Meeting.board_id == meeting.board_id)
            .where(Meeting.date < meeting.date).order_by(Meeting.date.desc()).limit(1)
        ).first()
        return _details(earlier) if earlier is not None else None
