"""Anonymising a person: who they were goes, what they did stays.

Name, title, job title, e-mail, telephone and notes are replaced ("Former delegate 1234"), and
so is the key (it is made from the name). Bookings, charges, attendance and seats keep
pointing at the same row, so every count and total stays as it was. The audit trail's copies
of the old values are overwritten too: an anonymised name kept in the trail would not be
anonymised. Refused while the person is part of a record still within its retention
period (a board member, an action owner, a name written in minutes), saying what would
have to change first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.orm import Session

from desktop.models.actions import OPEN_STATUSES, Action, ActionOwner, ActionUpdate
from desktop.models.audit import AuditEntry
from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Attendance, Meeting
from desktop.models.people import Person
from desktop.models.training import Booking
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key
from desktop.services.privacy.schedule import PERMANENT, Schedule, load_schedule
from desktop.services.privacy.trail import about_row, record_note
from desktop.services.search import fts_query

REMOVED = "[anonymised]"
PERSONAL_FIELDS = ("name", "key", "title", "job_title", "email", "phone", "notes")


@dataclass(frozen=True)
class Blocker:
    reason: str  # what record the person is part of
    change_first: str  # what would need to change before they can be anonymised


class AnonymiseRefused(InvalidInput):
    def __init__(self, name: str, blockers: list[Blocker]) -> None:
        lines = [f"{name} cannot be anonymised: their name is part of records still kept."]
        lines += [f"- {b.reason} {b.change_first}" for b in blockers]
        super().__init__("\n".join(lines))
        self.blockers = blockers


@dataclass(frozen=True)
class Anonymised:
    person_id: int
    pseudonym: str
    bookings_kept: int


def pseudonym_for(session: Session, person: Person) -> str:
    has_bookings = session.scalar(select(func.count(Booking.id))
                                  .where(Booking.person_id == person.id))
    return f"Former {'delegate' if has_bookings else 'contact'} {person.id}"


def _kept(day: dt.date | None, years: int, today: dt.date) -> bool:
    """Whether a record dated `day` is still within a period of `years` (0: for ever)."""
    if years == PERMANENT or day is None:
        return True
    try:
        until = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        until = day.replace(year=day.year + years, day=28)
    return until > today


def blockers(session: Session, person_id: int, schedule: Schedule,
             today: dt.date) -> list[Blocker]:
    minutes, actions = schedule.of("minutes"), schedule.of("actions")
    kept_for = schedule.kept("minutes")
    found: list[Blocker] = []
    for board, role, _start, end in session.execute(
            select(Board.name, Membership.role, Membership.from_date, Membership.to_date)
            .join(Board, Board.id == Membership.board_id)
            .where(or_(Membership.person_id == person_id, Membership.deputy_id == person_id))):
        if end is None or _kept(end, minutes, today):
            found.append(Blocker(
                f"They hold (or held) a seat on {board}{f' as {role}' if role else ''}"
                f"{f' until {end:%d %B %Y}' if end else ''}; the board's membership is "
                f"{kept_for}.",
                "End the seat and wait for the retention period to pass, or remove the seat "
                "if it was entered by mistake (People and groups, Boards and groups)."))
    chaired = session.scalar(select(func.count(Board.id)).where(Board.chair_id == person_id))
    if chaired:
        found.append(Blocker("They are the chair of a board or group.",
                             "Name another chair first (People and groups, Boards and groups)."))
    meetings = session.execute(
        select(Meeting.date, Board.name).join(Board, Board.id == Meeting.board_id)
        .where(or_(Meeting.chair_id == person_id, Meeting.minute_taker_id == person_id,
                   Meeting.id.in_(select(Attendance.meeting_id)
                                  .where(Attendance.person_id == person_id)),
                   Meeting.id.in_(select(AgendaItem.meeting_id)
                                  .where(AgendaItem.presenter_id == person_id))))
        .order_by(Meeting.date.desc())).all()
    within = [(day, board) for day, board in meetings if _kept(day, minutes, today)]
    if within:
        day, board = within[0]
        found.append(Blocker(
            f"They are named in the minutes of {len(within)} meeting(s) (the latest: "
            f"{board}, {day:%d %B %Y}); minutes and attendance are {kept_for}.",
            "Wait until those minutes' retention period has passed (Data protection, "
            "Retention schedule)."))
    owned = session.execute(
        select(Action.number, Board.short_name, Board.name, Action.status,
               func.coalesce(func.max(ActionUpdate.date), Action.raised))
        .join(ActionOwner, ActionOwner.action_id == Action.id)
        .join(Board, Board.id == Action.board_id)
        .outerjoin(ActionUpdate, ActionUpdate.action_id == Action.id)
        .where(ActionOwner.person_id == person_id).group_by(Action.id)
        .order_by(Action.number)).all()
    live = [f"{short or board} {number}" for number, short, board, status, last in owned
            if status in OPEN_STATUSES or _kept(last, actions, today)]
    if live:
        found.append(Blocker(
            f"They own action(s) {', '.join(live)}; action logs are "
            f"{schedule.kept('actions')}.",
            "Give those actions another owner, or wait until the actions are closed and "
            "their retention period has passed."))
    return found


def named_in_text(session: Session, name: str) -> list[str]:
    """Where the person's full name is written in minutes, actions or updates."""
    query = fts_query(name)
    if query is None:
        return []
    phrase = '"' + " ".join(re.findall(r"\w+", name)) + '"'
    rows = session.execute(text("SELECT kind, ref_id FROM search_index WHERE search_index "
                                "MATCH :q LIMIT 20"), {"q": phrase}).all()
    places = []
    for kind, ref_id in rows:
        if kind == 0:
            item = session.get(AgendaItem, ref_id)
            if item is not None:
                places.append(f"item {item.number or item.title} of the meeting of "
                              f"{item.meeting.date:%d %B %Y}")
        else:
            places.append("an action or its update" if kind == 1 else "an action's update")
    return places


def check_anonymise(database: Database, person_id: int,
                    today: dt.date | None = None) -> list[Blocker]:
    """What stands in the way of anonymising the person (nothing: an empty list)."""
    schedule = load_schedule(database)
    with database.session() as session:
        person = _person(session, person_id)
        return _all_blockers(session, person, schedule, today or dt.date.today())


def _all_blockers(session: Session, person: Person, schedule: Schedule,
                  today: dt.date) -> list[Blocker]:
    found = blockers(session, person.id, schedule, today)
    places = named_in_text(session, person.name)
    if places:
        found.append(Blocker(f"Their name is written in {'; '.join(places[:5])}.",
                             "Edit those minutes or actions first (approved minutes: as an "
                             "amendment with its reason)."))
    return found


def anonymise_person(database: Database, person_id: int, reason: str,
                     today: dt.date | None = None) -> Anonymised:
    """Anonymise one person, in one transaction, with the reason in the audit trail."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("Give the reason for anonymising: it is kept in the audit trail.",
                           "reason")
    schedule = load_schedule(database)
    with database.transaction() as session:
        person = _person(session, person_id)
        found = _all_blockers(session, person, schedule, today or dt.date.today())
        if found:
            raise AnonymiseRefused(person.name, found)
        return anonymise_in(session, person, reason)


def anonymise_in(session: Session, person: Person, reason: str) -> Anonymised:
    """Anonymise within a unit of work already open (the retention review's step)."""
    old = {"name": person.name, "email": person.email, "phone": person.phone}
    pseudonym = pseudonym_for(session, person)
    person.name = pseudonym
    person.key = unique_key(session, Person, pseudonym)
    person.title = person.job_title = person.email = person.phone = person.notes = None
    bookings = session.scalars(select(Booking).where(Booking.person_id == person.id)).all()
    for booking in bookings:  # their own words may name them
        booking.reason_note = _scrub(booking.reason_note, old, pseudonym)
        booking.charge_waived_reason = _scrub(booking.charge_waived_reason, old, pseudonym)
    session.flush()  # the hook writes its entries (with the old values) now: scrubbed below
    _scrub_trail(session, person.id, old, pseudonym)
    record_note(session, "person", person.id, "anonymise", reason)
    return Anonymised(person.id, pseudonym, len(bookings))


def _scrub(value: str | None, old: dict[str, str | None], pseudonym: str) -> str | None:
    if not value:
        return value
    for field, before in old.items():
        if before and len(before) > 2:
            value = re.sub(re.escape(before), pseudonym if field == "name" else REMOVED,
                           value, flags=re.IGNORECASE)
    return value


def _scrub_trail(session: Session, person_id: int, old: dict[str, str | None],
                 pseudonym: str) -> None:
    connection = session.connection()
    entries = connection.execute(select(AuditEntry.id, AuditEntry.table_name, AuditEntry.field,
                                        AuditEntry.old, AuditEntry.new)
                                 .where(about_row(session, "person", person_id))).all()
    for entry_id, table, field, before, after in entries:
        if table == "person" and field in PERSONAL_FIELDS:
            values = {"old": REMOVED if before else before, "new": REMOVED if after else after}
        else:
            values = {"old": _scrub_json(before, old, pseudonym, table == "person"),
                      "new": _scrub_json(after, old, pseudonym, table == "person")}
        connection.execute(update(AuditEntry).where(AuditEntry.id == entry_id).values(**values))


def _scrub_json(value: str | None, old: dict[str, str | None], pseudonym: str,
                whole_row: bool) -> str | None:
    if value and whole_row:  # an inserted or deleted person: every personal field
        for field in PERSONAL_FIELDS:
            value = re.sub(rf'"{field}": "(?:[^"\\]|\\.)*"', f'"{field}": "{REMOVED}"', value)
    return _scrub(value, old, pseudonym)


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InvalidInput("That person no longer exists; they may have been merged.")
    return person
