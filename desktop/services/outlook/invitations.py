"""Calendar invitations (.ics, RFC 5545/5546) for meetings and training sessions.

One UID per meeting or session, made once and stored (CalendarEvent), so every export
replaces the same event in the recipients' calendars: a changed date, time or venue raises
SEQUENCE with METHOD:REQUEST; a cancelled meeting or session, or one cancelled place, is a
METHOD:CANCEL. Times are Europe/London wall-clock times with the VTIMEZONE, so a session on
the day the clocks change lands at the right hour in any calendar.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vText,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CalendarEvent
from desktop.models.database import Database
from desktop.services.outlook.facts import (
    EventFacts,
    Recipient,
    find_meeting,
    find_session,
    meeting_facts,
    session_facts,
)
from desktop.services.outlook.templates import load_mail_settings

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Boardwork//Boardwork calendar//EN"


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    method: str  # "REQUEST" or "CANCEL"
    changed: bool  # True when the event differs from what was last prepared
    data: bytes  # the .ics file
    attendees: tuple[Recipient, ...]  # those with an address, on the invitation
    without_address: tuple[Recipient, ...]  # invited, but no e-mail address is recorded


def _fingerprint(facts: EventFacts) -> str:
    return hashlib.sha256(facts.fingerprint_source.encode("utf-8")).hexdigest()


def _event_row(s: Session, facts: EventFacts) -> CalendarEvent | None:
    if facts.meeting_id is not None:
        return s.scalar(select(CalendarEvent).where(CalendarEvent.meeting_id == facts.meeting_id))
    return s.scalar(select(CalendarEvent).where(CalendarEvent.session_id == facts.session_id))


def bookkeep(s: Session, facts: EventFacts, place_cancelled: bool = False,
             now: dt.datetime | None = None) -> tuple[str, int, str, bool]:
    """The UID, sequence and method to send, recorded as what was last sent.

    A re-export of an unchanged event keeps its sequence; a change of date, times or venue,
    a cancellation or a reinstatement raises it. A cancelled place raises it too: the
    delegate's calendar must see the cancellation as newer than the invitation it holds.
    """
    now = now or dt.datetime.now()
    fingerprint = _fingerprint(facts)
    row = _event_row(s, facts)
    if row is None:
        row = CalendarEvent(uid=f"{uuid.uuid4()}@boardwork", meeting_id=facts.meeting_id,
                            session_id=facts.session_id, sequence=0, fingerprint=fingerprint,
                            cancelled=facts.cancelled, sent_at=now)
        s.add(row)
        s.flush()
        return row.uid, 0, "CANCEL" if facts.cancelled or place_cancelled else "REQUEST", True
    changed = (row.fingerprint != fingerprint or row.cancelled != facts.cancelled
               or place_cancelled)
    if changed:
        row.sequence += 1
    if not place_cancelled:
        row.fingerprint, row.cancelled = fingerprint, facts.cancelled
    row.sent_at = now
    method = "CANCEL" if facts.cancelled or place_cancelled else "REQUEST"
    return row.uid, row.sequence, method, changed


def _when(moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
    if isinstance(moment, dt.datetime):
        return moment.replace(tzinfo=LONDON)
    return moment


def _address(person: Recipient, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("TRUE")
    return address


def calendar_bytes(facts: EventFacts, uid: str, sequence: int, method: str,
                   organiser: Recipient | None, attendees: tuple[Recipient, ...],
                   attachment: tuple[str, bytes] | None = None,
                   stamp: dt.datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp or dt.datetime.now(dt.UTC))
    event.add("dtstart", _when(facts.start))
    event.add("dtend", _when(facts.end))
    event.add("summary", facts.summary)
    if facts.venue:
        event.add("location", facts.venue)
    event.add("description", facts.description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if organiser is not None and organiser.email:
        event.add("organizer", _address(organiser))
    for person in attendees:
        event.add("attendee", _address(person, "REQ-PARTICIPANT"), encode=False)
    if attachment is not None:
        name, content = attachment
        event.add("attach", content, parameters={
            "FMTTYPE": "application/pdf", "ENCODING": "BASE64", "VALUE": "BINARY",
            "X-FILENAME": name})
    if isinstance(facts.start, dt.datetime):
        calendar.add_component(london_timezone())
    calendar.add_component(event)
    return calendar.to_ical()


def london_timezone() -> Timezone:
    """Europe/London as Outlook writes it: two yearly rules (the last Sundays of March and
    October, the rules since 1996), not a list of every change that stops in 2038."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    for kind, name, start, month, before, after in (
            (TimezoneDaylight, "BST", dt.datetime(1981, 3, 29, 1, 0), 3, 0, 1),
            (TimezoneStandard, "GMT", dt.datetime(1996, 10, 27, 2, 0), 10, 1, 0)):
        part = kind()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=before))
        part.add("tzoffsetto", dt.timedelta(hours=after))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def organiser_of(db: Database) -> Recipient | None:
    mail = load_mail_settings(db)
    if not mail.sender_email:
        return None
    return Recipient(0, mail.sender_name or mail.sender_email, mail.sender_email)


def _invite(db: Database, s: Session, facts: EventFacts, place_cancelled: bool = False,
            only: Recipient | None = None,
            attachment: tuple[str, bytes] | None = None) -> Invitation:
    uid, sequence, method, changed = bookkeep(s, facts, place_cancelled)
    invited = facts.attendees if only is None else (only,)
    with_address = tuple(p for p in invited if p.email)
    data = calendar_bytes(facts, uid, sequence, method, organiser_of(db), with_address,
                          attachment)
    return Invitation(uid, sequence, method, changed, data, with_address,
                      tuple(p for p in invited if not p.email))


def meeting_invitation(db: Database, meeting: str | int, cancelled: bool = False,
                       agenda_pdf: bytes | None = None) -> Invitation:
    """The meeting's invitation to the group's members; the agenda PDF, if given, goes
    inside it (its items are listed in the description either way)."""
    with db.transaction() as s:
        found = find_meeting(s, meeting)
        facts = meeting_facts(s, found, cancelled)
        attachment = (f"Agenda {found.date:%Y-%m-%d}.pdf", agenda_pdf) if agenda_pdf else None
        return _invite(db, s, facts, attachment=attachment)


def session_invitation(db: Database, session: str | int, cancelled: bool = False) -> Invitation:
    """The session's invitation to every booked delegate (a cancellation, once cancelled)."""
    with db.transaction() as s:
        return _invite(db, s, session_facts(s, find_session(s, session), cancelled))


def delegate_invitation(db: Database, s: Session, facts: EventFacts, delegate: Recipient,
                        place_cancelled: bool = False) -> Invitation:
    """One delegate's own copy (no other delegate's address on it), inside the caller's
    unit of work."""
    if delegate not in facts.attendees:
        facts = replace(facts, attendees=(*facts.attendees, delegate))
    return _invite(db, s, facts, place_cancelled, only=delegate)
