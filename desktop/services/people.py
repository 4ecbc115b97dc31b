"""People: list, search, edit, and everything one person is (member, deputy, action owner,
training delegate) in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.models.actions import Action, ActionOwner
from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import Attendance
from desktop.models.people import Agency, Person
from desktop.models.training import Booking, Course, TrainingSession
from desktop.services import lengths
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key


@dataclass(frozen=True)
class PersonRow:
    id: int
    key: str
    name: str
    title: str | None
    job_title: str | None
    agency_id: int | None
    agency: str | None
    email: str | None
    phone: str | None

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass(frozen=True)
class PersonInput:
    name: str
    title: str | None = None
    job_title: str | None = None
    agency_id: int | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class SeatRow:
    membership_id: int
    board: str
    role: str | None
    from_date: dt.date | None
    to_date: dt.date | None
    as_deputy: bool  # True: this person is the named deputy of the seat, not its holder


@dataclass(frozen=True)
class OwnedAction:
    action_id: int
    board: str
    number: int
    title: str
    status: str


@dataclass(frozen=True)
class BookingRow:
    booking_id: int
    course: str
    start: dt.datetime
    status: str


@dataclass(frozen=True)
class PersonProfile:
    person: PersonRow
    notes: str | None
    meetings_attended: int
    seats: tuple[SeatRow, ...]
    actions: tuple[OwnedAction, ...]
    bookings: tuple[BookingRow, ...]


def list_people(
    database: Database, search: str = "", agency_id: int | None = None
) -> list[PersonRow]:
    """People by name; `search` matches any part of name, job title, e-mail or agency."""
    stmt = _people_select().order_by(func.lower(Person.name), Person.id)
    words = search.split()
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        stmt = stmt.where(or_(*(column.ilike(pattern, escape="\\") for column in (
            Person.name, Person.job_title, Person.email, Agency.name, Agency.short_name))))
    if agency_id is not None:
        stmt = stmt.where(Person.agency_id == agency_id)
    with database.session() as session:
        return [PersonRow(*row) for row in session.execute(stmt)]


def person_profile(database: Database, person_id: int) -> PersonProfile:
    with database.session() as session:
        row = session.execute(_people_select().where(Person.id == person_id)).one_or_none()
        if row is None:
            raise InvalidInput("That person no longer exists; they may have been merged.")
        notes = session.scalar(select(Person.notes).where(Person.id == person_id))
        attended = session.scalar(
            select(func.count(Attendance.id)).where(Attendance.person_id == person_id)) or 0
        return PersonProfile(PersonRow(*row), notes, attended, _seats(session, person_id),
                             _actions(session, person_id), _bookings(session, person_id))


def save_person(database: Database, person_id: int | None, data: PersonInput) -> PersonRow:
    """Add a person (person_id None) or change one; one transaction."""
    name = data.name.strip()
    if not name:
        raise InvalidInput("A person needs a name.", "name")
    for value, limit, label, field in (
            (name, lengths.NAME, "A name", "name"),
            (data.title, lengths.SHORT_NAME, "A title", "title"),
            (data.job_title, lengths.JOB_TITLE, "A job title", "job_title"),
            (data.email, lengths.EMAIL, "An e-mail address", "email"),
            (data.phone, lengths.PHONE, "A telephone number", "phone"),
            (data.notes, lengths.NOTES, "Notes", "notes")):
        lengths.check_length(value, limit, label, field)
    email = _clean(data.email)
    if email and ("@" not in email or " " in email):
        raise InvalidInput(f"{email!r} is not an e-mail address.", "email")
    with database.transaction() as session:
        if data.agency_id is not None and session.get(Agency, data.agency_id) is None:
            raise InvalidInput("That agency no longer exists.", "agency")
        if person_id is None:
            person = Person(key=unique_key(session, Person, name), name=name)
            session.add(person)
        else:
            found = session.get(Person, person_id)
            if found is None:
                raise InvalidInput("That person no longer exists; they may have been merged.")
            person = found
        person.name, person.title = name, _clean(data.title)
        person.job_title, person.agency_id = _clean(data.job_title), data.agency_id
        person.email, person.phone, person.notes = email, _clean(data.phone), _clean(data.notes)
        session.flush()
        return PersonRow(*session.execute(_people_select().where(Person.id == person.id)).one())


# id, key, name, title, job title, agency id, agency, e-mail, phone: a PersonRow's fields
_PersonSelect = Select[
    int, str, str, str | None, str | None, int | None, str, str | None, str | None
]


def _people_select() -> _PersonSelect:
    return select(
        Person.id, Person.key, Person.name, Person.title, Person.job_title, Person.agency_id,
        Agency.name, Person.email, Person.phone,
    ).outerjoin(Agency, Agency.id == Person.agency_id)


def _seats(session: Session, person_id: int) -> tuple[SeatRow, ...]:
    rows = session.execute(
        select(Membership.id, Board.name, Membership.role, Membership.from_date,
               Membership.to_date, Membership.deputy_id == person_id)
        .join(Board, Board.id == Membership.board_id)
        .where(or_(Membership.person_id == person_id, Membership.deputy_id == person_id))
        .order_by(Board.name, Membership.from_date, Membership.id)
    )
    return tuple(SeatRow(*row) for row in rows)


def _actions(session: Session, person_id: int) -> tuple[OwnedAction, ...]:
    rows = session.execute(
        select(Action.id, func.coalesce(Board.short_name, Board.name), Action.number,
               func.coalesce(Action.title, Action.text), Action.status)
        .join(ActionOwner, ActionOwner.action_id == Action.id)
        .join(Board, Board.id == Action.board_id)
        .where(ActionOwner.person_id == person_id)
        .order_by(Board.name, Action.number)
    )
    return tuple(OwnedAction(i, board, number, title, status.value)
                 for i, board, number, title, status in rows)


def _bookings(session: Session, person_id: int) -> tuple[BookingRow, ...]:
    rows = session.execute(
        select(Booking.id, Course.title, TrainingSession.start, Booking.status)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Booking.person_id == person_id)
        .order_by(TrainingSession.start)
    )
    return tuple(BookingRow(i, course, start, status.value) for i, course, start, status in rows)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text else None
