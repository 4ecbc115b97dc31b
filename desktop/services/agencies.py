"""Partner agencies: list and edit, and one agency's people, seats, board attendance and
staff training in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.people import Agency, Person, Sector
from desktop.models.training import Booking, BookingStatus, Course, TrainingSession
from desktop.services import lengths
from desktop.services.errors import InvalidInput
from desktop.services.figures.boards import agency_non_attendance
from desktop.services.figures.period import Period
from desktop.services.keys import unique_key

SECTORS = {
    Sector.LOCAL_AUTHORITY.value: "Local authority",
    Sector.POLICE.value: "Police",
    Sector.HEALTH.value: "Health",
    Sector.EDUCATION.value: "Education",
    Sector.PROBATION.value: "Probation",
    Sector.YOUTH_JUSTICE.value: "Youth justice",
    Sector.VOLUNTARY.value: "Voluntary sector",
    Sector.OTHER.value: "Other",
}


@dataclass(frozen=True)
class AgencyRow:
    id: int
    key: str
    name: str
    short_name: str | None
    sector: str | None  # a key of SECTORS
    people: int

    @property
    def sector_label(self) -> str:
        return SECTORS.get(self.sector or "", "")


@dataclass(frozen=True)
class AgencyInput:
    name: str
    short_name: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class AgencySeat:
    membership_id: int
    board: str
    person: str
    role: str | None
    from_date: dt.date | None
    to_date: dt.date | None


@dataclass(frozen=True)
class AgencyBoardAttendance:
    """Meetings of a board and its groups where the agency held a seat, and those missed."""

    board: str
    expected: int
    attended: int
    missed: tuple[str, ...]  # "Strategic Board 17/09/2015"


@dataclass(frozen=True)
class AgencyTraining:
    course: str
    attended: int
    did_not_attend: int
    cancelled: int


@dataclass(frozen=True)
class AgencyOverview:
    agency: AgencyRow
    period: Period
    people: tuple[tuple[int, str, str | None], ...]  # id, name, job title
    seats: tuple[AgencySeat, ...]
    attendance: tuple[AgencyBoardAttendance, ...]
    training: tuple[AgencyTraining, ...]


def list_agencies(database: Database) -> list[AgencyRow]:
    with database.session() as session:
        return [AgencyRow(*row) for row in session.execute(
            _agency_select().order_by(func.lower(Agency.name)))]


def save_agency(database: Database, agency_id: int | None, data: AgencyInput) -> AgencyRow:
    """Add an agency (agency_id None) or change one; one transaction."""
    name = data.name.strip()
    if not name:
        raise InvalidInput("An agency needs a name.", "name")
    lengths.check_length(name, lengths.NAME, "An agency's name", "name")
    lengths.check_length(data.short_name, lengths.SHORT_NAME, "A short name", "short_name")
    if data.sector and data.sector not in SECTORS:
        raise InvalidInput(f"{data.sector!r} is not a sector.", "sector")
    with database.transaction() as session:
        clash = session.scalar(select(Agency.id).where(
            func.lower(Agency.name) == name.lower(), Agency.id != (agency_id or 0)))
        if clash is not None:
            raise InvalidInput(f"There is already an agency called {name}.", "name")
        if agency_id is None:
            agency = Agency(key=unique_key(session, Agency, data.short_name or name))
            session.add(agency)
        else:
            found = session.get(Agency, agency_id)
            if found is None:
                raise InvalidInput("That agency no longer exists.")
            agency = found
        agency.name = name
        agency.short_name = (data.short_name or "").strip() or None
        agency.sector = Sector(data.sector) if data.sector else None
        session.flush()
        return AgencyRow(*session.execute(_agency_select().where(Agency.id == agency.id)).one())


def agency_overview(database: Database, agency_id: int, period: Period) -> AgencyOverview:
    with database.session() as session:
        row = session.execute(_agency_select().where(Agency.id == agency_id)).one_or_none()
        if row is None:
            raise InvalidInput("That agency no longer exists.")
        people = tuple((i, name, job) for i, name, job in session.execute(
            select(Person.id, Person.name, Person.job_title)
            .where(Person.agency_id == agency_id).order_by(func.lower(Person.name))))
        seats = tuple(AgencySeat(*seat) for seat in session.execute(
            select(Membership.id, Board.name, Person.name, Membership.role,
                   Membership.from_date, Membership.to_date)
            .join(Board, Board.id == Membership.board_id)
            .join(Person, Person.id == Membership.person_id)
            .where(Person.agency_id == agency_id)
            .order_by(Board.name, Membership.id)))
        roots = session.execute(
            select(Board.id, Board.name).where(Board.parent_id.is_(None)).order_by(Board.name)
        ).all()
        training = _training(session, agency_id, period)
    attendance = tuple(
        summary for board_id, name in roots
        if (summary := _board_summary(database, board_id, name, agency_id, period)))
    return AgencyOverview(AgencyRow(*row), period, people, seats, attendance, training)


def _board_summary(database: Database, board_id: int, name: str, agency_id: int,
                   period: Period) -> AgencyBoardAttendance | None:
    for figure in agency_non_attendance(database, board_id, period):
        if figure.agency_id == agency_id:
            missed = tuple(f"{m.board} {m.date:%d/%m/%Y}" for m in figure.missed)
            return AgencyBoardAttendance(name, figure.expected, figure.attended, missed)
    return None


def _training(session: Session, agency_id: int, period: Period) -> tuple[AgencyTraining, ...]:
    def count(status: BookingStatus) -> ColumnElement[int]:
        return func.sum(case((Booking.status == status, 1), else_=0))

    rows = session.execute(
        select(Course.title, count(BookingStatus.ATTENDED), count(BookingStatus.DID_NOT_ATTEND),
               count(BookingStatus.CANCELLED))
        .join(TrainingSession, TrainingSession.course_id == Course.id)
        .join(Booking, Booking.session_id == TrainingSession.id)
        .where(Booking.agency_id == agency_id,
               TrainingSession.start >= period.first_moment,
               TrainingSession.start < period.after_last_moment)
        .group_by(Course.id).order_by(Course.title))
    return tuple(AgencyTraining(*row) for row in rows)


def _agency_select() -> Select[int, str, str, str | None, Sector | None, int]:
    people = (select(func.count(Person.id)).where(Person.agency_id == Agency.id)
              .correlate(Agency).scalar_subquery())
    return select(Agency.id, Agency.key, Agency.name, Agency.short_name, Agency.sector, people)
