"""What the database already holds, for finding the records a file's rows are.

People are found by e-mail, then by name; a name shared by several people, or a name found
with another e-mail, is listed as a likely duplicate for the user, never merged silently.
Courses are found by title, sessions by course and day, agencies by name or short name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    Action,
    ActionUpdate,
    Agency,
    Board,
    Course,
    Meeting,
    MeetingStatus,
    Person,
    TrainingSession,
)


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())[:60] or "x"


def folded(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class Existing:
    """Keys of existing records by what identifies them in a file; grows as rows are read, so
    that two rows of the same new person make one person."""

    people_by_email: dict[str, str] = field(default_factory=dict)
    people_by_name: dict[str, list[str]] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)  # key -> name
    # The fields each existing person has: a file does not overwrite them (a booking
    # system's "Organisation" typed by the delegate is no better than what People holds).
    filled: dict[str, set[str]] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)  # folded name or short name -> key
    boards: dict[str, str] = field(default_factory=dict)  # folded key, name, short name -> key
    courses: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded -> key, title
    # (course key, day) -> session key and start
    sessions: dict[tuple[str, dt.date], tuple[str, dt.datetime]] = field(default_factory=dict)
    meetings: set[str] = field(default_factory=set)
    # (board key, date) -> the key of the board's meeting that day
    meeting_on: dict[tuple[str, dt.date], str] = field(default_factory=dict)
    meeting_status: dict[str, MeetingStatus] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)  # every key taken, of any list
    # (board key, folded text) -> number; board key -> highest number.
    actions: dict[tuple[str, str], int] = field(default_factory=dict)
    last_number: dict[str, int] = field(default_factory=dict)
    updates: dict[tuple[str, int, str], dt.date] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> Existing:
        known = cls()
        for key, name, email, agency, job, phone, title in session.execute(select(
            Person.key, Person.name, Person.email, Person.agency_id, Person.job_title,
            Person.phone, Person.title,
        )):
            known.add_person(key, name, email)
            known.filled[key] = {field for field, value in (
                ("email", email), ("agency", agency), ("job_title", job), ("phone", phone),
                ("title", title)) if value}
        for key, name, short in session.execute(
            select(Agency.key, Agency.name, Agency.short_name)
        ):
            known.agencies[folded(name)] = key
            if short:
                known.agencies.setdefault(folded(short), key)
        for key, name, short, last in session.execute(
            select(Board.key, Board.name, Board.short_name, Board.last_action_number)
        ):
            for word in (key, name, short):
                if word:
                    known.boards.setdefault(folded(word), key)
            known.last_number[key] = last or 0
        for key, title in session.execute(select(Course.key, Course.title)):
            known.courses.setdefault(folded(title), (key, title))
            known.keys.add(key)
        for key, course_key, start in session.execute(
            select(TrainingSession.key, Course.key, TrainingSession.start).join(Course)
        ):
            known.sessions.setdefault((course_key, start.date()), (key, start))
            known.keys.add(key)
        for key, board_key, date, status in session.execute(
            select(Meeting.key, Board.key, Meeting.date, Meeting.status)
            .join(Board, Meeting.board_id == Board.id)
        ):
            known.meetings.add(key)
            known.meeting_status[key] = status
            known.meeting_on.setdefault((board_key, date), key)
        for board_key, number, text in session.execute(
            select(Board.key, Action.number, Action.text).join(Board)
        ):
            known.actions.setdefault((board_key, folded(text)), number)
            known.last_number[board_key] = max(known.last_number.get(board_key, 0), number)
        for board_key, number, date, text in session.execute(
            select(Board.key, Action.number, ActionUpdate.date, ActionUpdate.text)
            .join(Action, ActionUpdate.action_id == Action.id).join(Board)
            .where(ActionUpdate.meeting_id.is_(None))
        ):
            known.updates[(board_key, number, folded(text))] = date
        known.keys |= set(known.agencies.values()) | known.meetings
        return known

    def add_person(self, key: str, name: str, email: str | None) -> None:
        if email:
            self.people_by_email.setdefault(email.strip().casefold(), key)
        self.people_by_name.setdefault(folded(name), []).append(key)
        self.person_names[key] = name
        self.keys.add(key)

    def new_key(self, prefix: str, words: str) -> str:
        base = f"{prefix}-{slug(words)}" if prefix else slug(words)
        key, n = base, 2
        while key in self.keys:
            key, n = f"{base}-{n}", n + 1
        self.keys.add(key)
        return key


@dataclass
class PersonMatch:
    key: str
    new: bool
    note: str | None = None


def match_person(known: Existing, name: str, email: str | None) -> PersonMatch:
    """The person a row names: by e-mail, else by name; a new key otherwise."""
    address = (email or "").strip().casefold()
    if address and address in known.people_by_email:
        return PersonMatch(known.people_by_email[address], False)
    same_name = known.people_by_name.get(folded(name), [])
    if same_name and not address:
        note = None
        if len(same_name) > 1:
            note = (f"{len(same_name)} people are called {name!r}: the first is taken; merge "
                    "them in People if they are the same person")
        return PersonMatch(same_name[0], False, note)
    note = None
    if same_name:  # the name is known, but with another or no e-mail: perhaps the same person
        note = (f"{name!r} is already in People with another e-mail: imported as a new person; "
                "merge the two in People if they are the same")
    key = known.new_key("", name)
    known.add_person(key, name, email)
    return PersonMatch(key, True, note)
