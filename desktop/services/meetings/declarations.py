"""Declarations of interest made at agenda items, and the standing register of members'
interests with its review dates.

A declaration at an item says who declared, what the interest is and whether they withdrew
for the item; it prints in the minutes under the item. The register lists each member's
standing interests, when declared and when next to be reviewed: what is due shows first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Attendance, Declaration, Interest, Person
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.meetings.common import clean_text, guard_approved

# An interest is "due" for review this many days before its review date.
DUE_WITHIN_DAYS = 30


@dataclass(frozen=True)
class DeclarationLine:
    id: int
    item_id: int
    person_id: int | None
    who: str
    interest: str
    withdrew: bool

    @property
    def sentence(self) -> str:
        """As the minutes print it."""
        text = f"{self.who} declared an interest: {self.interest.rstrip('.')}."
        if self.withdrew:
            text += " They withdrew from the meeting for this item."
        return text


@dataclass(frozen=True)
class InterestLine:
    id: int
    person_id: int
    person: str
    description: str
    declared_on: dt.date | None
    review_on: dt.date | None
    ended_on: dt.date | None
    due: bool  # open, and its review date has come or is within DUE_WITHIN_DAYS


# -- at an item ---------------------------------------------------------------------------


def _item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise InvalidInput("That agenda item no longer exists.")
    return item


def _who(session: Session, item: AgendaItem, who: str, person_id: int | None,
         ) -> tuple[str, int | None]:
    """The name as minuted: a person on record, else initials of someone at the meeting,
    else the words typed (a visitor, a group)."""
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise InvalidInput("That person no longer exists.", "who")
        return person.name, person.id
    typed = clean_text(who, "Who declared", "who", required=True, limit=300)
    assert typed is not None
    at_meeting = session.scalar(select(Attendance).where(
        Attendance.meeting_id == item.meeting_id, Attendance.initials == typed))
    if at_meeting is not None:
        return at_meeting.person.name, at_meeting.person_id
    named = session.scalar(select(Person).where(Person.name == typed))
    return typed, named.id if named else None


def add_declaration(database: Database, item_id: int, who: str, interest: str,
                    withdrew: bool = False, person_id: int | None = None,
                    reason: str | None = None) -> int:
    """Record an interest declared at the item; `who` a name or initials at the meeting."""
    described = clean_text(interest, "The interest", "interest", required=True, limit=2000)
    with database.transaction() as session:
        item = _item(session, item_id)
        guard_approved(session, item.meeting, f"Declaration of interest at item "
                       f"{item.number or item.title}", reason)
        name, person = _who(session, item, who, person_id)
        position = len(list(session.scalars(select(Declaration.id).where(
            Declaration.item_id == item_id))))
        row = Declaration(item_id=item_id, position=position, person_id=person, who=name,
                          interest=described, withdrew=withdrew)
        session.add(row)
        session.flush()
        return row.id


def remove_declaration(database: Database, declaration_id: int,
                       reason: str | None = None) -> None:
    with database.transaction() as session:
        row = session.get(Declaration, declaration_id)
        if row is None:
            return
        guard_approved(session, row.item.meeting, "Declaration of interest removed", reason)
        session.delete(row)


def item_declarations(database: Database, item_id: int) -> list[DeclarationLine]:
    with database.session() as session:
        return [_line(d) for d in session.scalars(
            select(Declaration).where(Declaration.item_id == item_id)
            .order_by(Declaration.position, Declaration.id))]


def declarations_by_item(session: Session, meeting_id: int) -> dict[int, list[DeclarationLine]]:
    """For the minutes: every declaration at the meeting's items, by item."""
    found: dict[int, list[DeclarationLine]] = {}
    for d in session.scalars(select(Declaration).join(AgendaItem)
                             .where(AgendaItem.meeting_id == meeting_id)
                             .order_by(Declaration.position, Declaration.id)):
        found.setdefault(d.item_id, []).append(_line(d))
    return found


def _line(d: Declaration) -> DeclarationLine:
    return DeclarationLine(d.id, d.item_id, d.person_id, d.who, d.interest, d.withdrew)


# -- the register -------------------------------------------------------------------------


def interests(database: Database, today: dt.date | None = None,
              person_id: int | None = None) -> list[InterestLine]:
    """The register: what is due for review first, then by person."""
    today = today or dt.date.today()
    with database.session() as session:
        query = select(Interest, Person.name).join(Person, Person.id == Interest.person_id)
        if person_id is not None:
            query = query.where(Interest.person_id == person_id)
        lines = [InterestLine(i.id, i.person_id, name, i.description, i.declared_on,
                              i.review_on, i.ended_on, _due(i, today))
                 for i, name in session.execute(query)]
    return sorted(lines, key=lambda line: (not line.due, line.ended_on is not None,
                                           line.person.lower(), line.id))


def _due(interest: Interest, today: dt.date) -> bool:
    return interest.ended_on is None and interest.review_on is not None and (
        interest.review_on <= today + dt.timedelta(days=DUE_WITHIN_DAYS))


def interests_due(database: Database, today: dt.date | None = None) -> list[InterestLine]:
    return [line for line in interests(database, today) if line.due]


@dataclass(frozen=True)
class InterestFields:
    person_id: int | None
    description: str
    declared_on: dt.date | None = None
    review_on: dt.date | None = None
    ended_on: dt.date | None = None


def save_interest(database: Database, interest_id: int | None, fields: InterestFields) -> int:
    """A new entry in the register (`interest_id` None) or the entry changed."""
    if fields.person_id is None:
        raise InvalidInput("Choose whose interest it is.", "person")
    described = clean_text(fields.description, "The interest", "description", required=True,
                           limit=2000)
    if fields.declared_on and fields.ended_on and fields.ended_on < fields.declared_on:
        raise InvalidInput("An interest cannot end before it was declared.", "ended_on")
    if fields.declared_on and fields.review_on and fields.review_on < fields.declared_on:
        raise InvalidInput("The review cannot be due before the interest was declared.",
                           "review_on")
    with database.transaction() as session:
        if session.get(Person, fields.person_id) is None:
            raise InvalidInput("That person no longer exists.", "person")
        row = Interest() if interest_id is None else session.get(Interest, interest_id)
        if row is None:
            raise InvalidInput("That entry of the register no longer exists.")
        row.person_id, row.description = fields.person_id, described or ""
        row.declared_on, row.review_on = fields.declared_on, fields.review_on
        row.ended_on = fields.ended_on
        session.add(row)
        session.flush()
        return row.id


def remove_interest(database: Database, interest_id: int) -> None:
    with database.transaction() as session:
        row = session.get(Interest, interest_id)
        if row is not None:
            session.delete(row)
