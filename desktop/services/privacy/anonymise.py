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

from sqlalchemy import bindparam, func, or_, select, text, update
from sqlalchemy.orm import Session

from desktop.models.actions import OPEN_STATUSES, Action, ActionOwner, ActionUpdate
from desktop.models.audit import AuditEntry
from desktop.models.base import Base
from desktop.models.boards import Board, Membership
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Attendance, Meeting
from desktop.models.people import Person
from desktop.models.training import Booking
from desktop.services.errors import InvalidInput
from desktop.services.keys import slugify
from desktop.services.privacy.leftovers import clear_log
from desktop.services.privacy.schedule import PERMANENT, Schedule, load_schedule
from desktop.services.privacy.trail import record_note
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


def involved_people(session: Session) -> set[int]:
    """Everyone who could be held by `blockers`: in a seat, a chair, an attendance, a
    presenter, an action owner. Anyone else is held only by their name in the minutes."""
    found: set[int] = set()
    for column in (Membership.person_id, Membership.deputy_id, Board.chair_id,
                   Meeting.chair_id, Meeting.minute_taker_id, Attendance.person_id,
                   AgendaItem.presenter_id, ActionOwner.person_id):
        found.update(session.scalars(select(column).where(column.is_not(None)).distinct()))
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
                  today: dt.date, involved: set[int] | None = None) -> list[Blocker]:
    found = (blockers(session, person.id, schedule, today)
             if involved is None or person.id in involved else [])
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
        done = anonymise_in(session, person, reason)
    clear_log(database)  # the old values' pages, still in the write-ahead log
    return done


def anonymise_in(session: Session, person: Person, reason: str) -> Anonymised:
    """Anonymise within a unit of work already open."""
    return anonymise_many(session, [person], reason)[0]


def anonymise_many(session: Session, people: list[Person], reason: str) -> list[Anonymised]:
    """Anonymise several people in the unit of work open (the retention review's step):
    the bookings and the audit trail are read once for all of them, not once each."""
    ids = [person.id for person in people]
    bookings: dict[int, list[Booking]] = {}
    for booking in session.scalars(select(Booking).where(Booking.person_id.in_(ids))):
        bookings.setdefault(booking.person_id, []).append(booking)
    taken = set(session.scalars(select(Person.key).where(Person.key.like("former-%"))))
    done: list[Anonymised] = []
    replaced: list[tuple[int, dict[str, str | None], str]] = []
    with session.no_autoflush:
        for person in people:
            old = {"name": person.name, "email": person.email, "phone": person.phone}
            own = bookings.get(person.id, [])
            pseudonym = f"Former {'delegate' if own else 'contact'} {person.id}"
            person.name = pseudonym
            person.key = _free_key(slugify(pseudonym), taken)
            person.title = person.job_title = person.email = person.phone = None
            person.notes = None
            for booking in own:  # their own words may name them
                booking.reason_note = _scrub(booking.reason_note, old, pseudonym)
                booking.charge_waived_reason = _scrub(booking.charge_waived_reason, old,
                                                      pseudonym)
            replaced.append((person.id, old, pseudonym))
            done.append(Anonymised(person.id, pseudonym, len(own)))
    session.flush()  # the hook writes its entries (with the old values): scrubbed below
    _scrub_trail(session, replaced)
    record_note(session, "person", [person.id for person in people], "anonymise", reason)
    return done


def _free_key(slug: str, taken: set[str]) -> str:
    key, n = slug, 2
    while key in taken:
        key, n = f"{slug}-{n}", n + 1
    taken.add(key)
    return key


def _words(before: str) -> str:
    return rf"(?<!\w){re.escape(before)}(?!\w)"


def _scrub(value: str | None, old: dict[str, str | None], pseudonym: str) -> str | None:
    if not value:
        return value
    for field, before in old.items():
        if before and len(before) > 2:
            value = re.sub(_words(before), pseudonym if field == "name" else REMOVED,
                           value, flags=re.IGNORECASE)
    return value


def _scrub_trail(session: Session, replaced: list[tuple[int, dict[str, str | None], str]]
                 ) -> None:
    """Every entry of the person rows, and of the rows that point at people, with the old
    name, e-mail and telephone replaced wherever they are written."""
    if not replaced:
        return
    swaps = Swaps()
    for _id, old, pseudonym in replaced:
        for what, value in old.items():
            if value and len(value) > 2:
                swaps.add(value, pseudonym if what == "name" else REMOVED)
    ids = {str(person_id) for person_id, _old, _p in replaced}
    tables = {"person"} | {t.name for t in Base.metadata.sorted_tables
                           for fk in t.foreign_keys if fk.column.table.name == "person"}
    connection = session.connection()
    rows = connection.execute(select(AuditEntry.id, AuditEntry.table_name, AuditEntry.row_id,
                                     AuditEntry.field, AuditEntry.old, AuditEntry.new)
                              .where(AuditEntry.table_name.in_(tables))).all()
    changed: list[dict[str, object]] = []
    for entry_id, table, row_id, field, before, after in rows:
        own = table == "person" and row_id in ids
        if own and field in PERSONAL_FIELDS:
            was, now = (REMOVED if before else before), (REMOVED if after else after)
        else:
            was, now = _scrub_text(before, swaps, own), _scrub_text(after, swaps, own)
        if (was, now) != (before, after):
            changed.append({"entry": entry_id, "scrubbed_old": was, "scrubbed_new": now})
    if changed:  # one statement, run for every entry changed
        connection.execute(update(AuditEntry).where(AuditEntry.id == bindparam("entry"))
                           .values(old=bindparam("scrubbed_old"),
                                   new=bindparam("scrubbed_new")), changed)


_WORD = re.compile(r"\w+")
FEW_FIRST_WORDS = 16


class Swaps:
    """Whole-word, case-blind replacement of many phrases at once: each phrase is looked
    up by its first word, so a text is read once whatever the number of people."""

    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[str, int, str]]] = {}

    def add(self, phrase: str, replacement: str) -> None:
        lower = phrase.lower()
        first = _WORD.search(lower)
        if first is None or len(lower) != len(phrase):
            return
        entries = self.by_first.setdefault(first.group(0), [])
        entries.append((lower, first.start(), replacement))
        entries.sort(key=lambda entry: -len(entry[0]))

    def apply(self, text: str) -> str:
        lower = text.lower()
        if len(lower) != len(text):
            return text
        # Most texts name nobody being anonymised: for a few people, a phrase's first word
        # missing from the text (one search in C each) settles it without reading it word by
        # word in Python (anonymising one person read the whole trail so: 8 s of 9 on the
        # ten-year database). With many people (the retention review) the word-by-word
        # reading is the cheaper one.
        if len(self.by_first) <= FEW_FIRST_WORDS and not any(
                first in lower for first in self.by_first):
            return text
        out: list[str] = []
        last = 0
        for word in _WORD.finditer(lower):
            for phrase, offset, replacement in self.by_first.get(word.group(0), ()):
                start = word.start() - offset
                end = start + len(phrase)
                if start >= last and lower.startswith(phrase, start) and _edge(lower, start,
                                                                               end):
                    out += [text[last:start], replacement]
                    last = end
                    break
        return "".join(out) + text[last:] if out else text


def _edge(text: str, start: int, end: int) -> bool:
    def word(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")

    return not word(start - 1) and not word(end)


def _scrub_text(given: str | None, swaps: Swaps, whole_row: bool) -> str | None:
    if not given:
        return given
    value = given
    if whole_row:  # an inserted or deleted person: every personal field
        for field in PERSONAL_FIELDS:
            value = re.sub(rf'"{field}": "(?:[^"\\]|\\.)*"', f'"{field}": "{REMOVED}"', value)
    return swaps.apply(value)


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise InvalidInput("That person no longer exists; they may have been merged.")
    return person
