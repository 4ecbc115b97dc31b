"""E-mail drafts about training: one per delegate, from the editable templates.

Confirmation, waiting list, promotion, cancellation, session change, reminder and
certificate. A draft that carries an invitation (confirmation, promotion, change) or a
cancellation gets the delegate's own .ics, with no other delegate's address on it. Everything
happens in one unit of work: the calendar bookkeeping and the record of what was prepared are
committed only once the caller has written the files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.dates import show_date, show_time
from desktop.models import (
    AuditEntry,
    Booking,
    BookingStatus,
    PreparedMessage,
    SessionStatus,
    TrainingSession,
)
from desktop.models.database import Database
from desktop.services.figures import format_pounds
from desktop.services.outlook.eml import Attachment, Draft
from desktop.services.outlook.facts import (
    EventFacts,
    OutlookError,
    Recipient,
    find_session,
    person_recipient,
    session_end,
    session_facts,
)
from desktop.services.outlook.invitations import delegate_invitation
from desktop.services.outlook.templates import BY_NAME, MailSettings, fill, load_mail_settings
from desktop.services.settings import load_settings

TRAINING_KINDS = ("confirmation", "waiting", "promotion", "cancellation", "change", "reminder",
                  "certificate")
# Who each kind is for, when the caller does not choose the bookings.
FOR_STATUS = {
    "confirmation": (BookingStatus.BOOKED,), "promotion": (BookingStatus.BOOKED,),
    "change": (BookingStatus.BOOKED,), "reminder": (BookingStatus.BOOKED,),
    "waiting": (BookingStatus.WAITING,), "cancellation": (BookingStatus.CANCELLED,),
    "certificate": (BookingStatus.ATTENDED,),
}
# Kinds sent once per booking: by default only those not yet told are chosen.
ONCE = ("promotion", "cancellation", "waiting")
INVITES = ("confirmation", "promotion", "change")


@dataclass(frozen=True)
class Prepared:
    """The drafts made, and the people who could not have one (no e-mail address)."""

    drafts: tuple[Draft, ...]
    without_address: tuple[Recipient, ...]


# Writes the drafts (files, usually); raising undoes the whole preparation.
Writer = Callable[[Sequence[Draft]], None]
# A delegate's certificate as PDF bytes: (session id, delegate's name).
CertificateMaker = Callable[[int, str], bytes]


def organisation_name(db: Database) -> str:
    return load_settings(db).organisation_name


def signed(body: str, mail: MailSettings, organisation: str) -> str:
    # A field left empty (no course description) leaves no gap of blank lines.
    body = re.sub(r"\n{3,}", "\n\n", body.strip())
    return body + "\n\n" + (mail.signature.strip() or organisation or "")


def session_fields(session: TrainingSession) -> dict[str, str]:
    end = session_end(session)
    return {
        "course": session.course.title, "date": show_date(session.start.date()),
        "day": f"{session.start:%A}", "start": show_time(session.start.time()),
        "end": show_time(end.time()), "venue": session.venue_name or "to be confirmed",
        "trainer": session.trainer_name or "to be confirmed",
        "course_description": session.course.description or "",
    }


def _policy(session: TrainingSession, hours: int) -> str:
    course = session.course
    parts = []
    if course.late_cancellation_charge_pence:
        parts.append(f"A place cancelled less than {hours} hours before the start is charged "
                     f"{format_pounds(course.late_cancellation_charge_pence)} to the "
                     "delegate's agency.")
    if course.non_attendance_charge_pence:
        parts.append("Not attending without cancelling is charged "
                     f"{format_pounds(course.non_attendance_charge_pence)}.")
    return " ".join(parts) or "There is no charge for cancelling a place on this course."


def _charge(booking: Booking) -> str:
    if booking.charge_pence and booking.charge_waived_reason is None:
        return (f"As the place was cancelled late, a charge of "
                f"{format_pounds(booking.charge_pence)} will be made to your agency.")
    if booking.charge_pence:
        return "The late-cancellation charge has been waived."
    return "There is no charge for this cancellation."


def _already_told(s: Session, kind: str, booking_ids: list[int]) -> set[int]:
    rows = s.scalars(select(PreparedMessage.booking_id).where(
        PreparedMessage.kind == kind, PreparedMessage.booking_id.in_(booking_ids)))
    return {row for row in rows if row is not None}


def _promoted(s: Session, booking_ids: list[int]) -> set[int]:
    rows = s.scalars(select(AuditEntry.row_id).where(
        AuditEntry.table_name == "booking", AuditEntry.field == "status",
        AuditEntry.old == BookingStatus.WAITING.value,
        AuditEntry.new == BookingStatus.BOOKED.value,
        AuditEntry.row_id.in_([str(i) for i in booking_ids])))
    return {int(row) for row in rows}


def chosen_bookings(session: TrainingSession, kind: str, booking_ids: Sequence[int] | None,
                    s: Session) -> list[Booking]:
    if booking_ids is not None:
        wanted = set(booking_ids)
        return [b for b in session.bookings if b.id in wanted]
    chosen = [b for b in session.bookings if b.status in FOR_STATUS[kind]]
    if kind == "promotion":  # moved up from the waiting list (the audit trail says so)
        promoted = _promoted(s, [b.id for b in chosen])
        chosen = [b for b in chosen if b.id in promoted]
    if kind in ONCE:
        told = _already_told(s, kind, [b.id for b in chosen])
        chosen = [b for b in chosen if b.id not in told]
    return sorted(chosen, key=lambda b: b.person.name.casefold())


def prepare_training(db: Database, kind: str, session: str | int, write: Writer,
                     booking_ids: Sequence[int] | None = None,
                     certificate: CertificateMaker | None = None,
                     now: dt.datetime | None = None) -> Prepared:
    """One draft per chosen delegate with an address (by default everyone the kind is for)."""
    if kind not in TRAINING_KINDS:
        raise OutlookError(f"{kind!r} is not a kind of training message.", "kind")
    now = now or dt.datetime.now()
    mail = load_mail_settings(db)
    organisation = organisation_name(db)
    hours = load_settings(db).late_cancellation_hours
    template = mail.template(kind)
    with db.transaction() as s:
        found = find_session(s, session)
        facts = session_facts(s, found)
        drafts: list[Draft] = []
        missing: list[Recipient] = []
        for booking in chosen_bookings(found, kind, booking_ids, s):
            person = person_recipient(booking.person, booking)
            if not person.email:
                missing.append(person)
                continue
            values = {**session_fields(found), "delegate": person.name,
                      "recipient": person.name, "organisation": organisation,
                      "charge": _charge(booking), "policy": _policy(found, hours)}
            attachments = _attachments(db, s, kind, found, facts, person, booking, certificate)
            drafts.append(Draft(kind, person, fill(template.subject, values),
                                signed(fill(template.body, values), mail, organisation),
                                attachments, booking_id=booking.id))
            s.add(PreparedMessage(kind=kind, prepared_at=now, person_id=person.person_id,
                                  booking_id=booking.id))
        write(drafts)
        return Prepared(tuple(drafts), tuple(missing))


def _attachments(db: Database, s: Session, kind: str, session: TrainingSession,
                 facts: EventFacts, person: Recipient, booking: Booking,
                 certificate: CertificateMaker | None) -> tuple[Attachment, ...]:
    name = f"{session.course.title} {session.start:%Y-%m-%d}"
    if kind in INVITES or kind == "cancellation":
        place_cancelled = (kind == "cancellation"
                           and session.status != SessionStatus.CANCELLED)
        invitation = delegate_invitation(db, s, facts, person, place_cancelled)
        return (Attachment(f"{_safe(name)}.ics", invitation.data,
                           f"text/calendar; method={invitation.method}"),)
    if kind == "certificate":
        if certificate is None:
            raise OutlookError("Certificates cannot be attached here.")
        return (Attachment(f"Certificate {_safe(name)}.pdf",
                           certificate(session.id, booking.person.name), "application/pdf"),)
    return ()


def _safe(text: str) -> str:
    return "".join(" " if c in '\\/:*?"<>|' else c for c in text).strip()


def kind_label(kind: str) -> str:
    return BY_NAME[kind].label
