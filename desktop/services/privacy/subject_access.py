"""Subject access: everything held about one person, as plain values a document and a JSON
file are both made from (desktop/exports/subject_access.py writes them).

Minutes are searched through the full-text index for the person's name and their initials
at each meeting they attended; a confidential item found that way is included but flagged
for review before release, since it may name a child, a family or another person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from desktop.models.actions import Action, ActionOwner
from desktop.models.audit import AuditEntry
from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Attendance, Meeting
from desktop.models.people import Person
from desktop.models.search_index import KIND_ITEM, index_text
from desktop.models.training import Booking, Course, TrainingSession
from desktop.services.errors import InvalidInput
from desktop.services.privacy.trail import KINDS, about_row

FORMAT = "boardwork-subject-access/1"


@dataclass(frozen=True)
class MinuteMention:
    meeting: str  # board and date
    meeting_date: dt.date
    item: str  # number and title
    matched: str  # the words found: the name, or the initials used that day
    text: str  # the item's minutes as plain text
    confidential: bool  # flagged: review (and redact others' details) before release


@dataclass(frozen=True)
class SubjectAccess:
    produced: dt.datetime
    person: dict[str, Any]
    agencies: list[str]
    memberships: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    bookings: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    minutes: list[MinuteMention]

    @property
    def flagged(self) -> int:
        return sum(1 for mention in self.minutes if mention.confidential)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = FORMAT
        data["flagged_for_review"] = self.flagged
        return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value


def find_person(database: Database, who: str) -> int:
    """A person by key, or by name when exactly one has it (for the command line)."""
    with database.session() as session:
        found = session.scalar(select(Person.id).where(Person.key == who.strip()))
        if found is not None:
            return found
        ids = session.scalars(select(Person.id).where(Person.name.ilike(who.strip()))).all()
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise InvalidInput(f"{len(ids)} people are called {who!r}: give the person's key.")
    raise InvalidInput(f"No person has the key or name {who!r}.")


def subject_access(database: Database, person_id: int) -> SubjectAccess:
    with database.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise InvalidInput("That person no longer exists; they may have been merged.")
        bookings = _bookings(session, person_id)
        agencies = {person.agency.name} if person.agency else set()
        agencies |= {b["agency"] for b in bookings if b["agency"]}
        return SubjectAccess(
            dt.datetime.now().replace(microsecond=0),
            {"key": person.key, "name": person.name, "title": person.title,
             "job_title": person.job_title,
             "agency": person.agency.name if person.agency else None,
             "email": person.email, "phone": person.phone, "notes": person.notes},
            sorted(agencies), _memberships(session, person_id),
            _attendance(session, person_id), _actions(session, person_id), bookings,
            _audit(session, person_id), _minutes(session, person))


def _memberships(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Board.name, Membership.role, Membership.from_date, Membership.to_date,
               Membership.deputy_id == person_id)
        .join(Board, Board.id == Membership.board_id)
        .where(or_(Membership.person_id == person_id, Membership.deputy_id == person_id))
        .order_by(Membership.from_date))
    return [{"board": board, "role": role, "from": start, "to": end,
             "as": "deputy" if deputy else "member"}
            for board, role, start, end, deputy in rows]


def _attendance(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Meeting.date, Board.name, Meeting.title, Attendance.status, Attendance.initials,
               Attendance.role)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Board, Board.id == Meeting.board_id)
        .where(Attendance.person_id == person_id).order_by(Meeting.date))
    return [{"date": day, "board": board, "meeting": title, "status": status.value,
             "initials": initials, "role": role}
            for day, board, title, status, initials, role in rows]


def _actions(session: Session, person_id: int) -> list[dict[str, Any]]:
    actions = session.scalars(
        select(Action).join(ActionOwner, ActionOwner.action_id == Action.id)
        .where(ActionOwner.person_id == person_id).order_by(Action.board_id, Action.number))
    return [{"board": action.board.short_name or action.board.name, "number": action.number,
             "raised": action.raised, "title": action.title, "text": action.text,
             "due": action.due, "status": action.status.value,
             "updates": [{"date": u.date, "text": u.text,
                          "status": u.status.value if u.status else None}
                         for u in action.updates]}
            for action in actions]


def _bookings(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Booking).join(TrainingSession, TrainingSession.id == Booking.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .where(Booking.person_id == person_id).order_by(TrainingSession.start, Booking.id))
    return [{"course": b.session.course.title, "session": b.session.key,
             "start": b.session.start, "status": b.status.value,
             "agency": b.agency.name if b.agency else None,
             "booked_at": b.booked_at, "cancelled_at": b.cancelled_at,
             "charge_pence": b.charge_pence, "charge_waived_reason": b.charge_waived_reason,
             "reason": b.reason, "reason_note": b.reason_note}
            for b in rows]


def _audit(session: Session, person_id: int) -> list[dict[str, Any]]:
    entries = session.scalars(select(AuditEntry).where(about_row(session, "person", person_id))
                              .order_by(AuditEntry.id))
    return [{"at": e.at, "user": e.user, "record": f"{e.table_name} {e.row_id}",
             "change": KINDS.get(e.operation, e.operation), "field": e.field, "old": e.old,
             "new": e.new} for e in entries]


def _minutes(session: Session, person: Person) -> list[MinuteMention]:
    """Items of meetings they attended whose minutes or title name them (full name or the
    initials they had that day)."""
    found: dict[tuple[dt.date, int], MinuteMention] = {}
    attended = session.execute(
        select(Attendance.meeting_id, Attendance.initials).where(
            Attendance.person_id == person.id)).all()
    for meeting_id, initials in attended:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        for words, label in ((_phrase(person.name), person.name),
                             (_phrase(initials), initials)):
            if words is None:
                continue
            rows = session.execute(text(
                "SELECT ref_id FROM search_index WHERE search_index MATCH :q AND kind = :kind"),
                {"q": words, "kind": KIND_ITEM}).scalars().all()
            for item in session.scalars(select(AgendaItem).where(
                    AgendaItem.id.in_(rows), AgendaItem.meeting_id == meeting_id)
                    .order_by(AgendaItem.position)):
                if (meeting.date, item.id) in found:
                    continue  # found by the name already
                found[(meeting.date, item.id)] = (MinuteMention(
                    f"{meeting.board.name}, {meeting.date:%d %B %Y}", meeting.date,
                    f"{item.number} {item.title}".strip(), label,
                    " ".join(index_text(item.minutes_html).split()),
                    _confidential(item)))
    return [found[place] for place in sorted(found)]  # agenda order: items are made in it


def _phrase(words: str | None) -> str | None:
    tokens = re.findall(r"\w+", words or "")
    return '"' + " ".join(tokens) + '"' if tokens else None


def _confidential(item: AgendaItem) -> bool:
    while item is not None:
        if item.confidential:
            return True
        item = item.parent  # type: ignore[assignment]
    return False
