"""Board figures for the annual report: member attendance ("3/4") and quorum per meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import Attendance, AttendanceStatus, Meeting
from desktop.models.people import Agency, Person
from desktop.services.figures.period import Period


@dataclass(frozen=True)
class MemberAttendance:
    """One membership's row of the attendance table."""

    membership_id: int
    role: str | None  # as printed in the report, e.g. "Lay Member #2 (from September 2015)"
    person: str
    agency: str | None
    from_date: dt.date | None
    to_date: dt.date | None
    attended: int  # present in person at meetings in the period while a member
    meetings_while_member: int  # meetings in the period within the membership's dates
    by_deputy: int  # meetings where someone was present "representing" this member
    meetings_held: int  # all the board's meetings in the period: the paper's denominator

    @property
    def fraction(self) -> str:
        return f"{self.attended}/{self.meetings_held}"

    @property
    def member_all_period(self) -> bool:
        return self.meetings_while_member == self.meetings_held


@dataclass(frozen=True)
class BoardAttendance:
    board_id: int
    board: str
    period: Period
    meetings_held: int
    rows: tuple[MemberAttendance, ...]


@dataclass(frozen=True)
class MeetingQuorum:
    meeting_id: int
    date: dt.date
    title: str | None
    present: int
    quorum: int | None

    @property
    def quorate(self) -> bool | None:
        """None when the board has no quorum set: nothing to be quorate against."""
        return None if self.quorum is None else self.present >= self.quorum


@dataclass(frozen=True)
class _BoardRef:
    id: int
    name: str
    quorum: int | None


def _find_board(s: Session, board: int | str) -> _BoardRef:
    """The board by id, or by its interchange key (what the CLI is given)."""
    where = Board.id == board if isinstance(board, int) else Board.key == board
    row = s.execute(select(Board.id, Board.name, Board.quorum).where(where)).one_or_none()
    if row is None:
        raise LookupError(f"There is no board {board!r}.")
    return _BoardRef(*row)


def _meeting_in(board_id: int, period: Period) -> ColumnElement[bool]:
    return and_(Meeting.board_id == board_id, Meeting.date.between(period.start, period.end))


def _overlaps(period: Period) -> ColumnElement[bool]:
    return and_(
        or_(Membership.from_date.is_(None), Membership.from_date <= period.end),
        or_(Membership.to_date.is_(None), Membership.to_date >= period.start),
    )


def _within_membership() -> ColumnElement[bool]:
    return and_(
        or_(Membership.from_date.is_(None), Meeting.date >= Membership.from_date),
        or_(Membership.to_date.is_(None), Meeting.date <= Membership.to_date),
    )


def board_attendance(db: Database, board: int | str, period: Period) -> BoardAttendance:
    """Attendance of every membership of `board` that overlaps `period`, in membership order.

    Attendance is counted only at meetings within the membership's dates, so a person who
    held two seats on the board in the year has each meeting counted on one row, not both.
    """
    with db.session() as s:
        ref = _find_board(s, board)
        held = s.scalar(select(func.count(Meeting.id)).where(_meeting_in(ref.id, period))) or 0
        stmt = _member_rows(ref.id, period)
        rows = tuple(MemberAttendance(*row, meetings_held=held) for row in s.execute(stmt))
    return BoardAttendance(ref.id, ref.name, period, held, rows)


# membership id, role, person, agency, from, to, attended, meetings while member, by deputy
_MemberSelect = Select[int, str | None, str, str, dt.date | None, dt.date | None, int, int, int]


def _member_rows(board_id: int, period: Period) -> _MemberSelect:
    own = aliased(Attendance)
    deputy = aliased(Attendance)
    return (
        select(
            Membership.id,
            Membership.role,
            Person.name,
            Agency.name,
            Membership.from_date,
            Membership.to_date,
            func.count(distinct(own.id)),
            func.count(distinct(Meeting.id)),
            func.count(distinct(deputy.id)),
        )
        .join(Person, Person.id == Membership.person_id)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .outerjoin(Meeting, and_(_meeting_in(board_id, period), _within_membership()))
        .outerjoin(own, _present(own, own.person_id == Membership.person_id))
        .outerjoin(deputy, _present(deputy, deputy.representing_id == Membership.person_id))
        .where(Membership.board_id == board_id, _overlaps(period))
        .group_by(Membership.id, Person.name, Agency.name)
        .order_by(Membership.id)
    )


def _present(att: type[Attendance], who: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(att.meeting_id == Meeting.id, att.status == AttendanceStatus.PRESENT, who)


def meeting_quorum(db: Database, board: int | str, period: Period) -> tuple[MeetingQuorum, ...]:
    """Each meeting of `board` in `period`, in date order, with the number present."""
    with db.session() as s:
        ref = _find_board(s, board)
        present = func.count(Attendance.id)
        stmt = (
            select(Meeting.id, Meeting.date, Meeting.title, present)
            .outerjoin(
                Attendance,
                and_(
                    Attendance.meeting_id == Meeting.id,
                    Attendance.status == AttendanceStatus.PRESENT,
                ),
            )
            .where(_meeting_in(ref.id, period))
            .group_by(Meeting.id)
            .order_by(Meeting.date, Meeting.start, Meeting.id)
        )
        return tuple(MeetingQuorum(*row, quorum=ref.quorum) for row in s.execute(stmt))
