"""In the room, as it happens: who is here and whether they are a quorum, people arriving
late, when the meeting reached each item and when it closed. Each change is one unit of work.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    Meeting,
    MeetingStatus,
    Person,
)
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key
from desktop.services.meetings.attendance import _add, _role_as_printed, current_members
from desktop.services.meetings.common import clean_text, get_meeting, guard_approved
from desktop.services.meetings.records import PersonChoice

# Someone expected, or who sent apologies or was marked absent, and then walks in is present.
_NOT_HERE = (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT, AttendanceStatus.EXPECTED)


@dataclass(frozen=True)
class RoomCount:
    """Members present and still in the room, against the group's quorum (None: none set)."""

    present: int
    quorum: int | None

    @property
    def quorate(self) -> bool | None:
        return None if self.quorum is None else self.present >= self.quorum

    @property
    def text(self) -> str:
        """Said in words as well as by colour: "7 present — not quorate (quorum 8)"."""
        if self.quorum is None:
            return f"{self.present} present"
        state = "quorate" if self.quorate else "NOT quorate"
        return f"{self.present} present — {state} (quorum {self.quorum})"


@dataclass(frozen=True)
class Arrival:
    """Who has just been recorded as arriving, and whether a new person was made for them."""

    name: str
    initials: str
    created: bool
    was_listed: bool


def count_in_room(rows: Iterable[tuple[str, dt.time | None]], quorum: int | None) -> RoomCount:
    """Rows of (attendance status, time left): present and not yet gone count."""
    present = sum(1 for status, left in rows if status == "present" and left is None)
    return RoomCount(present, quorum)


def room_count(database: Database, meeting_id: int) -> RoomCount:
    with database.session() as session:
        meeting = get_meeting(session, meeting_id)
        quorum = session.scalar(select(Board.quorum).where(Board.id == meeting.board_id))
        rows = session.execute(select(Attendance.status, Attendance.left)
                               .where(Attendance.meeting_id == meeting_id)).all()
    return count_in_room(((str(status), left) for status, left in rows), quorum)


def arrival_status(status: AttendanceStatus) -> AttendanceStatus:
    """The status of someone who arrives: present if they were not expected to be here."""
    return AttendanceStatus.PRESENT if status in _NOT_HERE else status


# -- late arrivals ----------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    """Lower-case words without accents or punctuation: "Zoë  O'Neil" -> ["zoe", "oneil"]."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9 ]+", "", ascii_text.lower().replace("-", " ")).split()


def _same_name(typed: str, person: Person) -> bool:
    wanted = _words(typed)
    return bool(wanted) and wanted in (_words(person.name), _words(person.display_name))


def _like(typed: str, person: Person) -> bool:
    """Every typed word begins a word of the name: "jan g" finds Jan Gavin."""
    words = _words(person.display_name)
    wanted = _words(typed)
    return bool(wanted) and all(any(w.startswith(t) for w in words) for t in wanted)


@dataclass(frozen=True)
class ArrivalMatch:
    """The recorded person of exactly the typed name, if any, and others whose name fits."""

    same: PersonChoice | None
    similar: list[PersonChoice]


def match_arrival(database: Database, typed: str) -> ArrivalMatch:
    """Who "Jan Gavin", "jan  gavin", "Dr Jan Gavin" or "ja ga" may be among the people
    already recorded: F8 offers them before it ever makes someone new."""
    wanted = _words(typed)
    with database.session() as session:
        people = [p for p in session.scalars(select(Person).order_by(Person.name))
                  if _like(typed, p)]
        choices = {p.id: PersonChoice(p.id, p.display_name, p.agency.name if p.agency else "")
                   for p in people}
        same = next((choices[p.id] for p in people if wanted and _same_name(typed, p)), None)
    return ArrivalMatch(same, [c for c in choices.values() if c != same])


def record_arrival(database: Database, meeting_id: int, at: dt.time, *,
                   person_id: int | None = None, new_name: str | None = None,
                   reason: str | None = None) -> Arrival:
    """Someone arrives at `at`: a listed attendee becomes present with the time; a recorded
    person not listed is added, present; `new_name` makes a new person, unless a person of
    exactly that name is already recorded (then it is them: never a second Jan Gavin)."""
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        guard_approved(session, meeting, "Attendance", reason)
        person, created = _person(session, person_id, new_name)
        row = next((a for a in meeting.attendance if a.person_id == person.id), None)
        was_listed = row is not None
        if row is None:
            membership = next((m for m in current_members(session, meeting)
                               if m.person_id == person.id), None)
            row_id = _add(session, meeting, [person], [_role_as_printed(membership, person)],
                          AttendanceStatus.PRESENT)[0]
            row = session.get(Attendance, row_id)
            assert row is not None
        row.status = arrival_status(row.status)
        if row.left is not None and row.left < at:
            row.left = None  # back after leaving: in the room again from now
        row.arrived = at
        return Arrival(person.display_name, row.initials, created, was_listed)


def _person(session: Session, person_id: int | None, new_name: str | None
            ) -> tuple[Person, bool]:
    if person_id is not None:
        found = session.get(Person, person_id)
        if found is None:
            raise InvalidInput("That person no longer exists.", "person")
        return found, False
    name = clean_text(new_name, "The name", "name", required=True, limit=200)
    assert name is not None
    same = next((p for p in session.scalars(select(Person)) if _same_name(name, p)), None)
    if same is not None:
        return same, False
    person = Person(key=unique_key(session, Person, name), name=name)
    session.add(person)
    session.flush()
    return person, True


# -- the clock of the meeting -----------------------------------------------------------------


def stamp_item(database: Database, item_id: int, at: dt.time, *, again: bool = False
               ) -> dt.time | None:
    """When the meeting reached the item: the first visit while it is in progress counts;
    `again` moves it to `at` (the minute-taker looked ahead, then the meeting got there).
    Returns the time the item now has."""
    in_progress = select(Meeting.id).where(Meeting.status == MeetingStatus.IN_PROGRESS)
    stamp = update(AgendaItem).where(AgendaItem.id == item_id,
                                     AgendaItem.meeting_id.in_(in_progress))
    if not again:
        stamp = stamp.where(AgendaItem.started_at.is_(None))
    with database.transaction() as session:
        # Written before anything is read: this runs as the writer thread saves the text just
        # left, and a transaction that read first could not then wait its turn to write.
        session.execute(stamp.values(started_at=at),
                        execution_options={"synchronize_session": False})
        found = session.execute(select(AgendaItem.started_at)
                                .where(AgendaItem.id == item_id)).first()
    if found is None:
        raise InvalidInput("That agenda item no longer exists.")
    return found[0]


def close_meeting(database: Database, meeting_id: int, at: dt.time,
                  reason: str | None = None) -> dt.time:
    """Record the time the meeting closed (what the minutes print at their end)."""
    with database.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        guard_approved(session, meeting, "Time the meeting closed", reason)
        if meeting.start is not None and at < meeting.start:
            raise InvalidInput(f"The meeting cannot close ({at:%H:%M}) before it starts "
                               f"({meeting.start:%H:%M}).", "closed_at")
        meeting.closed_at = at
        return at


def item_times(database: Database, meeting_id: int) -> dict[int, dt.time]:
    with database.session() as session:
        rows = session.execute(select(AgendaItem.id, AgendaItem.started_at)
                               .where(AgendaItem.meeting_id == meeting_id)
                               .where(AgendaItem.started_at.is_not(None))).all()
    return {item_id: at for item_id, at in rows if at is not None}


def closed_at(database: Database, meeting_id: int) -> dt.time | None:
    with database.session() as session:
        return session.scalar(select(Meeting.closed_at).where(Meeting.id == meeting_id))
