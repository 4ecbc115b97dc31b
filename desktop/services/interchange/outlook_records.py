"""The `outlook` object of boardwork/2: the e-mail templates, sender, signature and agency
contacts, the calendar events kept for invitations (UID, sequence, what was last sent) and
the record of e-mails prepared. They travel so that a database restored from a document
keeps updating the same events in people's calendars instead of sending duplicates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    Agency,
    Booking,
    CalendarEvent,
    Meeting,
    Person,
    PreparedMessage,
    Setting,
    TrainingSession,
)
from desktop.services.errors import InvalidInput
from desktop.services.interchange.importer_context import ApplyContext
from desktop.services.interchange.schema import (
    INVALID,
    ImportRejected,
    Record,
    Spec,
    boolean,
    date_time,
    format_date_time,
    integer,
    name,
    opt,
    parse_record,
    records,
    req,
    text,
)
from desktop.services.outlook.contacts import CONTACT, parse_contact
from desktop.services.outlook.templates import (
    BY_NAME,
    KIND_NAMES,
    PREFIX,
    Template,
    check_address,
    check_template,
)

SIMPLE = ("sender_name", "sender_email", "signature")


def _kind(value: Any, path: str, errors: list[str]) -> Any:
    if value not in KIND_NAMES:
        errors.append(f"{path}: {value!r} is not a kind of message (one of "
                      f"{', '.join(KIND_NAMES)})")
        return INVALID
    return value


TEMPLATE: Spec = {"kind": req(_kind), "subject": req(name), "body": opt(text)}
CONTACT_RECORD: Spec = {"agency": req(name), "contact": req(name)}
CALENDAR: Spec = {
    "meeting": opt(name), "session": opt(name), "uid": req(name),
    "sequence": req(integer(0)), "fingerprint": req(name), "cancelled": opt(boolean),
    "sent_at": req(date_time),
}
MESSAGE: Spec = {
    "kind": req(_kind), "prepared_at": req(date_time), "person": opt(name),
    "meeting": opt(name), "session": opt(name),
}
OUTLOOK: Spec = {
    "sender_name": opt(text), "sender_email": opt(text), "signature": opt(text),
    "templates": opt(records(TEMPLATE)), "contacts": opt(records(CONTACT_RECORD)),
    "calendar": opt(records(CALENDAR)), "messages": opt(records(MESSAGE)),
}


def parse_outlook(value: Any, path: str, errors: list[str]) -> Any:
    """The shapes, then the rules the settings screen applies to templates and addresses."""
    record = parse_record(value, path, OUTLOOK, errors)
    if record is None:
        return INVALID
    checks: list[tuple[str, Any]] = [(f"{path}.sender_email",
                                      lambda: check_address(record.get("sender_email", "")))]
    for i, t in enumerate(record.get("templates", [])):
        template = Template(t["kind"], t["subject"], t.get("body", ""))
        checks.append((f"{path}.templates[{i}]", lambda t=template: check_template(t)))
    for i, c in enumerate(record.get("contacts", [])):
        checks.append((f"{path}.contacts[{i}].contact",
                       lambda c=c: parse_contact(c["contact"])))
    for i, event in enumerate(record.get("calendar", [])):
        if ("meeting" in event) == ("session" in event):
            errors.append(f"{path}.calendar[{i}]: names a meeting or a session (one of them)")
    for where, check in checks:
        try:
            check()
        except InvalidInput as exc:
            errors.append(f"{where}: {exc.message}")
    return record


# -- export ------------------------------------------------------------------------------


def export_outlook(session: Session) -> dict[str, Any]:
    stored = dict(session.execute(select(Setting.name, Setting.value)
                                  .where(Setting.name.startswith(PREFIX))).all())
    written: dict[str, Any] = {n: stored[PREFIX + n] for n in SIMPLE if stored.get(PREFIX + n)}
    templates = []
    for kind in KIND_NAMES:
        subject = stored.get(f"{PREFIX}template.{kind}.subject")
        body = stored.get(f"{PREFIX}template.{kind}.body")
        if subject is not None or body is not None:
            templates.append({"kind": kind, "subject": subject or BY_NAME[kind].subject,
                              "body": body if body is not None else BY_NAME[kind].body})
    contacts = [{"agency": key, "contact": stored[CONTACT + key]}
                for key in session.scalars(select(Agency.key).order_by(Agency.id))
                if stored.get(CONTACT + key)]
    meetings = dict(session.execute(select(Meeting.id, Meeting.key)).all())
    sessions = dict(session.execute(select(TrainingSession.id, TrainingSession.key)).all())
    people = dict(session.execute(select(Person.id, Person.key)).all())
    calendar = [
        {**({"meeting": meetings[e.meeting_id]} if e.meeting_id else {}),
         **({"session": sessions[e.session_id]} if e.session_id else {}),
         "uid": e.uid, "sequence": e.sequence, "fingerprint": e.fingerprint,
         **({"cancelled": True} if e.cancelled else {}),
         "sent_at": format_date_time(e.sent_at)}
        for e in session.scalars(select(CalendarEvent).order_by(CalendarEvent.id))]
    messages = []
    for m, booking_session, booking_person in session.execute(
            select(PreparedMessage, Booking.session_id, Booking.person_id)
            .outerjoin(Booking, Booking.id == PreparedMessage.booking_id)
            .order_by(PreparedMessage.id)):
        person_id = m.person_id or booking_person
        messages.append({
            "kind": m.kind, "prepared_at": format_date_time(m.prepared_at),
            **({"person": people[person_id]} if person_id else {}),
            **({"meeting": meetings[m.meeting_id]} if m.meeting_id else {}),
            **({"session": sessions[booking_session]} if booking_session else {})})
    lists = {"templates": templates, "contacts": contacts, "calendar": calendar,
             "messages": messages}
    return written | {k: v for k, v in lists.items() if v}


# -- import ------------------------------------------------------------------------------


def _setting(ctx: ApplyContext, setting_name: str, value: str) -> None:
    row = ctx.session.get(Setting, setting_name)
    if row is None:
        ctx.add("settings", Setting(name=setting_name, value=value))
    elif row.value != value:
        ctx.found("settings", row)
        row.value = value


def apply_outlook(ctx: ApplyContext, record: Record | None) -> None:
    """Templates and contacts as given; calendar events by UID (or their meeting or
    session); messages prepared added unless already recorded. A reference to a meeting,
    session, person or agency the database and documents do not have rejects the import."""
    if record is None:
        return
    errors: list[str] = []
    for field_name in SIMPLE:
        if field_name in record:
            _setting(ctx, PREFIX + field_name, record[field_name])
    for t in record.get("templates", []):
        _setting(ctx, f"{PREFIX}template.{t['kind']}.subject", t["subject"])
        _setting(ctx, f"{PREFIX}template.{t['kind']}.body", t.get("body", ""))
    for i, c in enumerate(record.get("contacts", [])):
        if c["agency"] not in ctx.agencies:
            errors.append(f"outlook.contacts[{i}].agency: no agency {c['agency']!r}")
        else:
            _setting(ctx, CONTACT + c["agency"], c["contact"])
    ctx.session.flush()
    for i, event in enumerate(record.get("calendar", [])):
        errors += _apply_event(ctx, event, f"outlook.calendar[{i}]")
    for i, message in enumerate(record.get("messages", [])):
        errors += _apply_message(ctx, message, f"outlook.messages[{i}]")
    if errors:
        raise ImportRejected([ctx.prefix + e for e in errors])


def _target(ctx: ApplyContext, record: Record, path: str,
            ) -> tuple[Meeting | None, TrainingSession | None, list[str]]:
    meeting = ctx.meetings.get(record["meeting"]) if "meeting" in record else None
    session = ctx.sessions.get(record["session"]) if "session" in record else None
    errors = []
    if "meeting" in record and meeting is None:
        errors.append(f"{path}.meeting: no meeting {record['meeting']!r}")
    if "session" in record and session is None:
        errors.append(f"{path}.session: no training session {record['session']!r}")
    return meeting, session, errors


def _apply_event(ctx: ApplyContext, record: Record, path: str) -> list[str]:
    meeting, session, errors = _target(ctx, record, path)
    if errors:
        return errors
    ctx.session.flush()  # new meetings and sessions get their ids
    s = ctx.session
    event = s.scalar(select(CalendarEvent).where(CalendarEvent.uid == record["uid"]))
    if event is None:
        owner = (CalendarEvent.meeting_id == meeting.id if meeting is not None
                 else CalendarEvent.session_id == (session.id if session else None))
        event = s.scalar(select(CalendarEvent).where(owner))
    if event is None:
        event = ctx.add("calendar events", CalendarEvent(uid=record["uid"]))
    else:
        ctx.found("calendar events", event)
    event.uid = record["uid"]
    event.meeting_id = meeting.id if meeting is not None else None
    event.session_id = session.id if session is not None else None
    event.sequence, event.fingerprint = record["sequence"], record["fingerprint"]
    event.cancelled = bool(record.get("cancelled", False))
    event.sent_at = record["sent_at"]
    s.flush()
    return []


def _apply_message(ctx: ApplyContext, record: Record, path: str) -> list[str]:
    meeting, session, errors = _target(ctx, record, path)
    person = ctx.people.get(record["person"]) if "person" in record else None
    if "person" in record and person is None:
        errors.append(f"{path}.person: no person {record['person']!r}")
    booking: Booking | None = None
    if session is not None:
        booking = ctx.bookings.get((record["session"], record.get("person", "")))
        if booking is None:
            errors.append(f"{path}: no booking of {record.get('person')!r} on "
                          f"{record['session']!r}")
    if errors:
        return errors
    ctx.session.flush()
    prepared_at: dt.datetime = record["prepared_at"]
    query = select(PreparedMessage.id).where(
        PreparedMessage.kind == record["kind"], PreparedMessage.prepared_at == prepared_at,
        PreparedMessage.person_id == (person.id if person else None),
        PreparedMessage.booking_id == (booking.id if booking else None),
        PreparedMessage.meeting_id == (meeting.id if meeting else None))
    if ctx.session.scalar(query) is None:
        ctx.add("messages prepared", PreparedMessage(
            kind=record["kind"], prepared_at=prepared_at,
            person_id=person.id if person else None,
            booking_id=booking.id if booking else None,
            meeting_id=meeting.id if meeting else None))
    return []
