"""Board figures for the annual report: member attendance ("3/4") and quorum per meeting."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.models.base import unindexed
from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import Attendance, AttendanceStatus, Meeting
from desktop.models.people import Agency, Person
from desktop.services.figures.period import Period
from desktop.services.meetings.common import took_place


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
    stmt = _board_by_id() if isinstance(board, int) else _board_by_key()
    row = s.execute(stmt, {"board": board}).one_or_none()
    if row is None:
        raise LookupError(f"There is no board {board!r}.")
    return _BoardRef(*row)


# The statements below are built once (a day, where "took place" depends on today) with
# bound parameters: building them with SQLAlchemy cost more than SQLite took to run them.
@functools.lru_cache(maxsize=1)
def _board_by_id() -> Select[int, str, int | None]:
    return select(Board.id, Board.name, Board.quorum).where(Board.id == bindparam("board"))


@functools.lru_cache(maxsize=1)
def _board_by_key() -> Select[int, str, int | None]:
    return select(Board.id, Board.name, Board.quorum).where(Board.key == bindparam("board"))


def _period_params(board_id: int, period: Period) -> dict[str, Any]:
    return {"board": board_id, "start": period.start, "end": period.end}


def _meeting_in(today: dt.date) -> ColumnElement[bool]:
    """The board's meetings in the period that took place: planned dates count for nothing.
    Bound parameters: board, start, end."""
    return and_(Meeting.board_id == bindparam("board"),
                Meeting.date.between(bindparam("start"), bindparam("end")), took_place(today))


def _overlaps() -> ColumnElement[bool]:
    """Memberships overlapping the period (bound parameters start, end)."""
    return and_(
        or_(Membership.from_date.is_(None), Membership.from_date <= bindparam("end")),
        or_(Membership.to_date.is_(None), Membership.to_date >= bindparam("start")),
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
    today = dt.date.today()
    with db.session() as s:
        ref = _find_board(s, board)
        params = _period_params(ref.id, period)
        held = s.scalar(_meetings_held(today), params) or 0
        rows = tuple(MemberAttendance(*row, meetings_held=held)
                     for row in s.execute(_member_rows(today), params))
    return BoardAttendance(ref.id, ref.name, period, held, rows)


@functools.lru_cache(maxsize=2)
def _meetings_held(today: dt.date) -> Select[int]:
    return select(func.count(Meeting.id)).where(_meeting_in(today))


# membership id, role, person, agency, from, to, attended, meetings while member, by deputy
_MemberSelect = Select[int, str | None, str, str, dt.date | None, dt.date | None, int, int, int]


@functools.lru_cache(maxsize=2)
def _member_rows(today: dt.date) -> _MemberSelect:
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
        .outerjoin(Meeting, and_(_meeting_in(today), _within_membership()))
        .outerjoin(own, _present(own, own.person_id == Membership.person_id))
        .outerjoin(deputy, _present(deputy, deputy.representing_id == Membership.person_id))
        .where(Membership.board_id == bindparam("board"), _overlaps())
        .group_by(Membership.id, Person.name, Agency.name)
        .order_by(Membership.id)
    )


def _present(att: type[Attendance], who: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(att.meeting_id == Meeting.id, att.status == AttendanceStatus.PRESENT, who)


def meeting_quorum(db: Database, board: int | str, period: Period) -> tuple[MeetingQuorum, ...]:
    """Each meeting of `board` in `period` that took place, in date order, with the number
    present (a planned meeting has no quorum to meet yet)."""
    with db.session() as s:
        ref = _find_board(s, board)
        rows = s.execute(_meetings_present(dt.date.today()), _period_params(ref.id, period))
        return tuple(MeetingQuorum(*row, quorum=ref.quorum) for row in rows)


@functools.lru_cache(maxsize=2)
def _meetings_present(today: dt.date) -> Select[int, dt.date, str | None, int]:
    present = func.count(Attendance.id)
    return (
        select(Meeting.id, Meeting.date, Meeting.title, present)
        .outerjoin(
            Attendance,
            and_(
                Attendance.meeting_id == Meeting.id,
                Attendance.status == AttendanceStatus.PRESENT,
            ),
        )
        .where(_meeting_in(today))
        .group_by(Meeting.id)
        .order_by(Meeting.date, Meeting.start, Meeting.id)
    )


def attendance_text(row: MemberAttendance) -> str:
    """A row's figure as the annual report prints it, with what the bare fraction hides:
    "3/4", "2/4 — member from 01/09/2015: 2 of 3", "1/4 (+2 by deputy)"."""
    note = attendance_note(row)
    if not note:
        return row.fraction
    return f"{row.fraction}{'' if note.startswith('(') else ' —'} {note}"


def attendance_note(row: MemberAttendance) -> str:
    """What the bare fraction hides, or "": part of the year as a member, deputies sent.
    "member from 01/09/2015: 2 of 3", "(+2 by deputy)"."""
    parts = []
    if not row.member_all_period:
        if row.meetings_while_member:
            parts.append(f"member {_membership_span(row)}: {row.attended} of "
                         f"{row.meetings_while_member}")
        else:
            parts.append(f"member {_membership_span(row)}: no meetings while a member")
    if row.by_deputy:
        parts.append(f"(+{row.by_deputy} by deputy)")
    return " ".join(parts)


def _membership_span(row: MemberAttendance) -> str:
    start = f"{row.from_date:%d/%m/%Y}" if row.from_date else None
    end = f"{row.to_date:%d/%m/%Y}" if row.to_date else None
    if start and end:
        return f"from {start} to {end}"
    return f"from {start}" if start else f"to {end}"


@dataclass(frozen=True)
class MissedMeeting:
    meeting_id: int
    board: str
    date: dt.date


@dataclass(frozen=True)
class AgencyNonAttendance:
    """One agency's record across a board and its sub-groups: the meetings where it held a
    seat, and those where nobody from it was present (in person or as a member's deputy)."""

    agency_id: int
    agency: str
    expected: int
    missed: tuple[MissedMeeting, ...]

    @property
    def attended(self) -> int:
        return self.expected - len(self.missed)


def agency_non_attendance(
    db: Database, board: int | str, period: Period
) -> tuple[AgencyNonAttendance, ...]:
    """For each agency with a member on `board` or any group below it in `period`, each
    meeting of those groups it missed, by agency name. A member without an agency counts
    for no agency: the figure is about partner agencies."""
    with db.session() as s:
        ref = _find_board(s, board)
        tree = _board_tree(s, ref.id)
        params = {"tree": list(tree), "start": period.start, "end": period.end}
        agencies = dict(s.execute(_seated_agencies(), params).all())
        expected_at = s.execute(_expected(dt.date.today()), params).all()
        # Who was there, as (meeting, agency) pairs: a person counts for their own agency
        # and, standing in for a member, for that member's too (a deputy from elsewhere
        # still covers the seat). One read of the period's attendance and a set test per
        # seat, rather than a NOT EXISTS per agency and meeting (twice the time in SQLite).
        present: set[tuple[int, int | None]] = set()
        for meeting_id, own_agency, represented_agency in s.execute(_present_agencies(), params):
            present.add((meeting_id, own_agency))
            present.add((meeting_id, represented_agency))
    expected: dict[int | None, int] = {}  # never None: the query leaves those seats out
    missed: dict[int | None, list[MissedMeeting]] = {}
    for agency_id, meeting_id, board_id, date in expected_at:
        expected[agency_id] = expected.get(agency_id, 0) + 1
        if (meeting_id, agency_id) not in present:
            missed.setdefault(agency_id, []).append(MissedMeeting(meeting_id, tree[board_id],
                                                                  date))
    return tuple(
        AgencyNonAttendance(agency_id, name, expected.get(agency_id, 0),
                            tuple(missed.get(agency_id, ())))
        for agency_id, name in sorted(agencies.items(), key=lambda item: item[1].casefold()))


@functools.lru_cache(maxsize=1)
def _seated_agencies() -> Select[int, str]:
    """The agencies with a seat on the groups `tree` in the period (start, end)."""
    return select(Agency.id, Agency.name).where(Agency.id.in_(
        select(Person.agency_id).join(Membership, Membership.person_id == Person.id)
        .where(Membership.board_id.in_(bindparam("tree", expanding=True)), _overlaps())))


@functools.lru_cache(maxsize=2)  # made once a day: building it took longer than running it
def _expected(today: dt.date) -> Select[int | None, int, int, dt.date]:
    """(agency, meeting, board, date) for each meeting in the period that took place on a
    group of `tree` where the agency held a seat that day, by date."""
    return (
        select(Person.agency_id, Meeting.id, Meeting.board_id, Meeting.date)
        .select_from(Membership)
        .join(Person, Person.id == Membership.person_id)
        .join(Meeting, Meeting.board_id == Membership.board_id)
        # The meetings in the period come first (by the date index), then the seats on
        # their group: `+` keeps SQLite from starting at every meeting of the groups
        # instead (17 ms against 7 ms for a year of the ten-year database).
        .where(unindexed(Membership.board_id).in_(bindparam("tree", expanding=True)),
               Person.agency_id.is_not(None),
               Meeting.date.between(bindparam("start"), bindparam("end")), took_place(today),
               _within_membership())
        .distinct()
        .order_by(Meeting.date, Meeting.id)
    )


@functools.lru_cache(maxsize=1)
def _present_agencies() -> Select[int, int | None, int | None]:
    """(meeting, own agency, agency of the member stood in for) for each person present at
    a meeting of `tree` in the period (start, end)."""
    own, represented = aliased(Person), aliased(Person)
    return (
        select(Attendance.meeting_id, own.agency_id, represented.agency_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(own, own.id == Attendance.person_id)
        .outerjoin(represented, represented.id == Attendance.representing_id)
        .where(Meeting.board_id.in_(bindparam("tree", expanding=True)),
               Meeting.date.between(bindparam("start"), bindparam("end")),
               unindexed(Attendance.status) == AttendanceStatus.PRESENT)
    )


def _board_tree(s: Session, root: int) -> dict[int, str]:
    """The board and every group below it, id -> short name (or name)."""
    # Short names ("HSCB"), as a list of missed meetings is read more easily with them.
    label = func.coalesce(Board.short_name, Board.name)
    boards = s.execute(select(Board.id, Board.parent_id, label)).all()
    names = {board_id: name for board_id, _, name in boards}
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {b for b, parent, _ in boards if parent in frontier} - tree
        tree |= frontier
    return {board_id: names[board_id] for board_id in tree}
