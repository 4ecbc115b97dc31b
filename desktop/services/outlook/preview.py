"""Who a message would go to, before anything is written: the people with an address, those
without one, and when each was last sent this kind of message. Reads only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.dates import show_date
from desktop.models import Booking, MeetingStatus, Person, PreparedMessage
from desktop.models.database import Database
from desktop.services.actions.queries import OwnerRef
from desktop.services.figures import Period, format_pounds
from desktop.services.outlook.board_drafts import action_owners
from desktop.services.outlook.contacts import load_contacts
from desktop.services.outlook.drafts import TRAINING_KINDS, chosen_bookings
from desktop.services.outlook.facts import (
    OutlookError,
    Recipient,
    find_meeting,
    find_session,
    meeting_members,
    meeting_title,
    person_recipient,
)
from desktop.services.training import invoice_list


@dataclass(frozen=True)
class Addressee:
    recipient: Recipient
    status: str  # the booking's status ("booked", "waiting" ...), or a role
    last_prepared: dt.datetime | None  # when this kind was last prepared for them


def _last(s: Session, kind: str, booking_id: int | None = None,
          meeting_id: int | None = None, person_id: int | None = None) -> dt.datetime | None:
    query = select(func.max(PreparedMessage.prepared_at)).where(PreparedMessage.kind == kind)
    if booking_id is not None:
        query = query.where(PreparedMessage.booking_id == booking_id)
    if meeting_id is not None:
        query = query.where(PreparedMessage.meeting_id == meeting_id)
    if person_id is not None:
        query = query.where(PreparedMessage.person_id == person_id)
    return s.scalar(query)


def training_addressees(db: Database, kind: str, session: int | str,
                        everyone: bool = False) -> list[Addressee]:
    """Those the kind is for (with `everyone`, also those already told a once-only kind)."""
    if kind not in TRAINING_KINDS:
        raise OutlookError(f"{kind!r} is not a kind of training message.", "kind")
    with db.session() as s:
        found = find_session(s, session)
        chosen: list[Booking] = chosen_bookings(found, kind, None, s)
        if everyone:
            from desktop.services.outlook.drafts import FOR_STATUS

            chosen = sorted((b for b in found.bookings if b.status in FOR_STATUS[kind]),
                            key=lambda b: b.person.name.casefold())
        return [Addressee(person_recipient(b.person, b), str(b.status),
                          _last(s, kind, booking_id=b.id)) for b in chosen]


def minutes_addressees(db: Database, meeting: int | str, public: bool = False,
                       ) -> tuple[str, list[Addressee]]:
    """The kind ("minutes" to members, "minutes_draft" to the chair) and its addressees."""
    with db.session() as s:
        found = find_meeting(s, meeting)
        if found.status == MeetingStatus.APPROVED or public:
            people = [(p, "member") for p in meeting_members(found)]
            kind = "minutes"
        else:
            people = [(person_recipient(found.chair), "chair")] if found.chair else []
            kind = "minutes_draft"
        return kind, [Addressee(p, role, _last(s, kind, meeting_id=found.id,
                                               person_id=p.person_id)) for p, role in people]


def action_addressees(db: Database, board: str | int | None = None,
                      owner: str | OwnerRef | None = None) -> list[Addressee]:
    found: list[Addressee] = []
    with db.session() as s:
        for ref in action_owners(db, board, owner):
            if ref.person_id is None:
                found.append(Addressee(Recipient(0, f"{ref.group} (a group)", None),
                                       "group", None))
                continue
            person = s.get(Person, ref.person_id)
            if person is not None:
                found.append(Addressee(person_recipient(person), "owner",
                                       _last(s, "actions", person_id=person.id)))
    return sorted(found, key=lambda a: a.recipient.name.casefold())


def meeting_heading(db: Database, meeting: int | str) -> str:
    """ "The minutes of the Local Safeguarding Children Board meeting, 29/03/2026 (draft)". """
    with db.session() as s:
        found = find_meeting(s, meeting)
        state = "approved" if found.status == MeetingStatus.APPROVED else "draft"
        return f"The minutes of {meeting_title(found)}, {show_date(found.date)} ({state})"


def charges_addressees(db: Database, period: Period) -> list[Addressee]:
    """Each agency owed for the period, to its training contact (if it has one)."""
    contacts = load_contacts(db)
    found = []
    for agency in invoice_list(db, period).agencies:
        contact = contacts.get(agency.agency_id) if agency.agency_id is not None else None
        recipient = (Recipient(0, f"{agency.agency}: {contact.name}", contact.email)
                     if contact is not None
                     else Recipient(0, f"{agency.agency} (no training contact)", None))
        found.append(Addressee(recipient, format_pounds(agency.total_pence), None))
    return found
