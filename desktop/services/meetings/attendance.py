"""Who was at a meeting: filled from the group's members, edited row by row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Attendance, AttendanceStatus, Meeting, Membership, Person
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.initials import assign_initials
from desktop.services.keys import unique_key
from desktop.services.meetings.common import (
    NOT_STARTED,
    clean_text,
    get_meeting,
    guard_approved,
)
from desktop.services.meetings.records import PersonChoice

_UNSET = object()


@dataclass(frozen=True)
class NewPerson:
    """Someone not yet in the system, added from the attendance table."""

    name: str
    job_title: str = ""
    agency_id: int | None = None


def _role_as_printed(membership: Membership | None, person: Person) -> str | None:
    role = (membership.role if membership else None) or person.job_title or ""
    agency = person.agency.name if person.agency else ""
    if agency and agency not in role:
        role = f"{role}, {agency}" if role else agency
    return role or None


def _next_position(session: Session, meeting: Meeting) -> int:
    last = session.scalar(select(func.max(Attendance.position))
                          .where(Attendance.meeting_id == meeting.id))
    return (last if last is not None else -1) + 1


def _new_initials(meeting: Meeting, people: list[Person]) -> list[str]:
    """Made with the clash rule over the whole list, existing initials kept as they are."""
    listed: list[tuple[str, str | None]] = [(a.person.name, a.initials) for a in meeting.attendance]
    listed += [(p.name, None) for p in people]
    return assign_initials(listed)[len(meeting.attendance):]


def _add(session: Session, meeting: Meeting, people: list[Person],
         roles: list[str | None], status: AttendanceStatus) -> list[int]:
    position = _next_position(session, meeting)
    rows = []
    for offset, (person, initials, role) in enumerate(
        zip(people, _new_initials(meeting, people), roles, strict=True)
    ):
        row = Attendance(meeting=meeting, person=person, position=position + offset,
                         status=status, initials=initials, role=role)
        session.add(row)
        rows.append(row)
    session.flush()
    return [row.id for row in rows]


def current_members(session: Session, meeting: Meeting) -> list[Membership]:
    day = meeting.date
    return list(session.scalars(
        select(Membership).where(Membership.board_id == meeting.board_id)
        .where((Membership.from_date.is_(None)) | (Membership.from_date <= day))
        .where((Membership.to_date.is_(None)) | (Membership.to_date >= day))
        .order_by(Membership.id)))


def fill_from_members(database: Database, meeting_id: int) -> int:
    """Add every member of the group on the meeting's date not listed yet (the number added):
    as expected before the meeting starts (the minute-taker marks who is present on the
    day), as present once it has. A group with no members on record is refused, with a
    message saying so, rather than "filled" with nobody."""
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        guard_approved(session, meeting, "Attendance", None)
        listed = {a.person_id for a in meeting.attendance}
        everyone = current_members(session, meeting)
        if not everyone:
            raise InvalidInput(
                f"This board or group has no members on record on {meeting.date:%d/%m/%Y}, so "
                "there is nobody to fill in: add its members under People and groups, or add "
                "each person here with Add person.", "board")
        members = [m for m in everyone if m.person_id not in listed]
        unique = list({m.person_id: m for m in members}.values())
        ids = _add(session, meeting, [m.person for m in unique],
                   [_role_as_printed(m, m.person) for m in unique],
                   AttendanceStatus.EXPECTED if meeting.status in NOT_STARTED
                   else AttendanceStatus.PRESENT)
        return len(ids)


def add_attendee(database: Database, meeting_id: int, person_id: int | None = None,
                 new_person: NewPerson | None = None, status: str = "present",
                 reason: str | None = None) -> int:
    """Add a known person, or create one on the spot; returns the attendance row's id."""
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        guard_approved(session, meeting, "Attendance", reason)
        if new_person is not None:
            name = clean_text(new_person.name, "The name", "name", required=True, limit=200)
            assert name is not None
            person = Person(key=unique_key(session, Person, name), name=name,
                            job_title=clean_text(new_person.job_title, "The job title",
                                                 "job_title", limit=300),
                            agency_id=new_person.agency_id)
            session.add(person)
        else:
            found = session.get(Person, person_id) if person_id is not None else None
            if found is None:
                raise InvalidInput("Choose a person to add.", "person")
            person = found
        if any(a.person_id == person.id for a in meeting.attendance if person.id is not None):
            raise InvalidInput(f"{person.display_name} is already in this meeting's attendance.",
                               "person")
        session.flush()
        membership = next((m for m in current_members(session, meeting)
                           if m.person_id == person.id), None)
        return _add(session, meeting, [person], [_role_as_printed(membership, person)],
                    AttendanceStatus(status))[0]


def update_attendance(database: Database, attendance_id: int, *, status: str | None = None,
                      initials: str | None = None, role: str | None = None,
                      representing_id: object = _UNSET, arrived: object = _UNSET,
                      left: object = _UNSET, note: str | None = None,
                      reason: str | None = None) -> None:
    """Change any of the given fields of one row; the others stay as they are."""
    with database.transaction() as session:
        row = session.get(Attendance, attendance_id)
        if row is None:
            raise InvalidInput("That attendance row no longer exists.")
        guard_approved(session, row.meeting, f"Attendance of {row.person.name}", reason)
        if status is not None:
            if status not in AttendanceStatus.values():
                raise InvalidInput(f"{status!r} is not an attendance status.", "status")
            row.status = AttendanceStatus(status)
        if initials is not None:
            _set_initials(row, initials)
        if role is not None:
            row.role = clean_text(role, "The role", "role", limit=400)
        if note is not None:
            row.note = clean_text(note, "The note", "note", limit=1000)
        if representing_id is not _UNSET:
            _set_representing(session, row, representing_id)  # type: ignore[arg-type]
        if arrived is not _UNSET:
            row.arrived = arrived  # type: ignore[assignment]
        if left is not _UNSET:
            row.left = left  # type: ignore[assignment]
        if row.arrived and row.left and row.left < row.arrived:
            raise InvalidInput(f"{row.person.name} cannot leave ({row.left:%H:%M}) before "
                               f"arriving ({row.arrived:%H:%M}).", "left")


def _set_initials(row: Attendance, initials: str) -> None:
    text = "".join(initials.split())
    if not text:
        raise InvalidInput("Initials cannot be empty.", "initials")
    if len(text) > 12:
        raise InvalidInput("Initials are at most 12 letters.", "initials")
    clash = next((a for a in row.meeting.attendance if a.initials == text and a.id != row.id),
                 None)
    if clash is not None:
        raise InvalidInput(f"{text} are already the initials of {clash.person.display_name} "
                           "in this meeting.", "initials")
    row.initials = text


def _set_representing(session: Session, row: Attendance, person_id: int | None) -> None:
    if person_id is None:
        row.representing_id = None
        return
    if person_id == row.person_id:
        raise InvalidInput("Someone cannot represent themselves.", "representing")
    represented = next((a for a in row.meeting.attendance if a.person_id == person_id), None)
    if represented is not None and represented.status is AttendanceStatus.PRESENT:
        raise InvalidInput(f"{represented.person.display_name} is present: nobody needs to "
                           "represent them.", "representing")
    if session.get(Person, person_id) is None:
        raise InvalidInput("That person no longer exists.", "representing")
    row.representing_id = person_id


def deputy_offer(database: Database, attendance_id: int) -> PersonChoice | None:
    """The named deputy of a member who sent apologies, when not already listed."""
    with database.session() as session:
        row = session.get(Attendance, attendance_id)
        if row is None or row.status is not AttendanceStatus.APOLOGIES:
            return None
        listed = {a.person_id for a in row.meeting.attendance}
        for membership in current_members(session, row.meeting):
            deputy = membership.deputy
            if membership.person_id == row.person_id and deputy and deputy.id not in listed:
                agency = deputy.agency.name if deputy.agency else ""
                return PersonChoice(deputy.id, deputy.display_name, agency)
    return None


def add_deputy(database: Database, attendance_id: int, deputy_id: int) -> int:
    """The deputy attends, present, representing the member who sent apologies."""
    with database.transaction() as session:
        row = session.get(Attendance, attendance_id)
        deputy = session.get(Person, deputy_id)
        if row is None or deputy is None:
            raise InvalidInput("That member or deputy no longer exists.")
        meeting = row.meeting
        guard_approved(session, meeting, "Attendance", None)
        if any(a.person_id == deputy_id for a in meeting.attendance):
            raise InvalidInput(f"{deputy.display_name} is already listed.", "person")
        new_id = _add(session, meeting, [deputy], [_role_as_printed(None, deputy)],
                      AttendanceStatus.PRESENT)[0]
        added = session.get(Attendance, new_id)
        assert added is not None
        added.representing_id = row.person_id
        return new_id


def remove_attendee(database: Database, attendance_id: int, reason: str | None = None) -> None:
    with database.transaction() as session:
        row = session.get(Attendance, attendance_id)
        if row is None:
            return
        guard_approved(session, row.meeting, f"Attendance of {row.person.name}", reason)
        session.delete(row)


def now_minute() -> dt.time:
    """The current time to the minute, as arrivals and departures are minuted."""
    return dt.datetime.now().time().replace(second=0, microsecond=0)
