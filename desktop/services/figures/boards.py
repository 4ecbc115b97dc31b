"""Board figures for the annual report: member attendance ("3/4") and quorum per meeting."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

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
    where = Board.id == board if isinstance(board, int) else Board.key == board
    row = s.execute(select(Board.id, Board.name, Board.quorum).where(where)).one_or_none()
    if row is None:
        raise LookupError(f"There is no board {board!r}.")
    return _BoardRef(*row)


def _meeting_in(board_id: int, period: Period) -> ColumnElement[bool]:
    """The board's meetings in the period that took place: planned dates count for nothing."""
    return and_(Meeting.board_id == board_id, Meeting.date.between(period.start, period.end),
                took_place())


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
    """Each meeting of `board` in `period` that took place, in date order, with the number
    present (a planned meeting has no quorum to meet yet)."""
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
        agencies = dict(s.execute(
            select(Agency.id, Agency.name).where(Agency.id.in_(
                select(Person.agency_id).join(Membership, Membership.person_id == Person.id)
                .where(Membership.board_id.in_(tree), _overlaps(period))))
        ).all())
        rows = s.execute(_expected_and_missed(dt.date.today()), {
            "tree": list(tree), "start": period.start, "end": period.end}).all()
    # The meetings each agency was expected at, and which it missed, come from SQL (one
    # NOT EXISTS per agency and meeting, as the bare query does), not a loop over seats.
    expected: dict[int, int] = {}
    missed: dict[int, list[MissedMeeting]] = {}
    for agency_id, meeting_id, board_id, date, was_missed in rows:
        expected[agency_id] = expected.get(agency_id, 0) + 1
        if was_missed:
            missed.setdefault(agency_id, []).append(MissedMeeting(meeting_id, tree[board_id],
                                                                  date))
    return tuple(
        AgencyNonAttendance(agency_id, name, expected.get(agency_id, 0),
                            tuple(missed.get(agency_id, ())))
        for agency_id, name in sorted(agencies.items(), key=lambda item: item[1].casefold()))


@functools.lru_cache(maxsize=2)  # made once a day: building it took longer than running it
def _expected_and_missed(today: dt.date) -> Select[Any]:
    """(agency, meeting, board, date, missed) for each meeting in the period that took place
    on a group where the agency held a seat that day, by date. Missed: nobody present from
    the agency, in person or standing in for one of its members (a deputy from elsewhere
    still covers the seat)."""
    pairs = (
        select(Person.agency_id.label("agency_id"), Meeting.id.label("meeting_id"),
               Meeting.board_id.label("board_id"), Meeting.date.label("date"))
        .select_from(Membership)
        .join(Person, Person.id == Membership.person_id)
        .join(Meeting, Meeting.board_id == Membership.board_id)
        .where(Membership.board_id.in_(bindparam("tree", expanding=True)),
               Person.agency_id.is_not(None),
               Meeting.date.between(bindparam("start"), bindparam("end")), took_place(today),
               _within_membership())
        .distinct()
        .subquery()
    )
    here, own, represented = aliased(Attendance), aliased(Person), aliased(Person)
    present = (
        select(here.id)
        .join(own, own.id == here.person_id)
        .outerjoin(represented, represented.id == here.representing_id)
        .where(here.meeting_id == pairs.c.meeting_id,
               here.status == AttendanceStatus.PRESENT,
               or_(own.agency_id == pairs.c.agency_id,
                   represented.agency_id == pairs.c.agency_id))
        .exists()
    )
    return (select(pairs.c.agency_id, pairs.c.meeting_id, pairs.c.board_id, pairs.c.date,
                   ~present)
            .order_by(pairs.c.date, pairs.c.meeting_id))


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
