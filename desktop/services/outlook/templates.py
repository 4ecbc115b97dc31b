"""The wording of every e-mail the application drafts, editable in the settings.

Each message is a subject and a body with fields in braces ({delegate}, {course}, {start},
{venue} ...) filled in when the draft is made. A template is checked when saved: a field the
message does not know is refused in plain words, so a typing slip never reaches a delegate as
"{delgate}". The sender, reply address and signature are stored beside the templates; all are
settings rows, so they travel with backups and boardwork/2.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Setting
from desktop.models.database import Database
from desktop.services.errors import InvalidInput

PREFIX = "outlook."
COMMON = ("organisation", "recipient")
SESSION = ("delegate", "course", "date", "day", "start", "end", "venue", "trainer",
           "course_description")


@dataclass(frozen=True)
class Kind:
    name: str  # as the command line spells it
    label: str  # as the settings list it
    fields: tuple[str, ...]
    subject: str
    body: str


KINDS: tuple[Kind, ...] = (
    Kind("confirmation", "Booking confirmation", SESSION,
         "Booking confirmed: {course}, {date}",
         "Dear {delegate},\n\nYour place on {course} is confirmed.\n\n{course_description}\n\n"
         "When: {day} {date}, {start} to {end}\nWhere: {venue}\nTrainer: {trainer}\n\n"
         "Joining instructions: please arrive ten minutes before the start. Bring a pen, "
         "your ID badge and any pre-course reading you were sent.\n\n"
         "The invitation is attached: open it to add the session to your calendar.\n\n"
         "If you can no longer attend, please tell us as soon as you can so the place can "
         "go to someone on the waiting list."),
    Kind("waiting", "Waiting-list place", SESSION,
         "Waiting list: {course}, {date}",
         "Dear {delegate},\n\n{course} on {day} {date} at {venue} is full, so you are on "
         "the waiting list. We will write to you as soon as a place becomes free."),
    Kind("promotion", "Promotion from the waiting list", SESSION,
         "A place is now free for you: {course}, {date}",
         "Dear {delegate},\n\nA place has become free on {course} and it is yours.\n\n"
         "When: {day} {date}, {start} to {end}\nWhere: {venue}\n\n"
         "The invitation is attached. If you can no longer attend, please tell us straight "
         "away so the place can go to the next person waiting."),
    Kind("cancellation", "Cancellation of a place", (*SESSION, "charge", "policy"),
         "Booking cancelled: {course}, {date}",
         "Dear {delegate},\n\nYour place on {course} on {day} {date} has been cancelled.\n\n"
         "{charge}\n\n{policy}\n\nThe attached cancellation removes the session from your "
         "calendar."),
    Kind("change", "Session changed", SESSION,
         "Change to your training: {course}",
         "Dear {delegate},\n\nThe details of {course} have changed. It now takes place on "
         "{day} {date}, {start} to {end}, at {venue}.\n\nThe attached invitation updates "
         "your calendar. If you can no longer attend, please tell us."),
    Kind("reminder", "Reminder before a session", SESSION,
         "Reminder: {course} on {day} {date}",
         "Dear {delegate},\n\nThis is a reminder that you are booked on {course}.\n\n"
         "When: {day} {date}, {start} to {end}\nWhere: {venue}\n\n"
         "If you can no longer attend, please tell us as soon as you can."),
    Kind("certificate", "Certificate after attendance", SESSION,
         "Certificate of attendance: {course}",
         "Dear {delegate},\n\nThank you for attending {course} on {date}. Your certificate "
         "of attendance is attached."),
    Kind("charges", "Charges to an agency", ("agency", "period", "total", "count"),
         "Training charges for {period}: {agency}",
         "Dear {recipient},\n\nThe attached list shows the training charges to {agency} "
         "for {period}: {count} charge(s), {total} in all, for places not used or "
         "cancelled late. Please raise a purchase order or tell us of any you dispute."),
    Kind("minutes_draft", "Draft minutes to the chair",
         ("chair", "board", "meeting", "date"),
         "Draft minutes for your review: {meeting}, {date}",
         "Dear {chair},\n\nPlease find attached the draft minutes of the {meeting} held on "
         "{date}, for your review. Any corrections would be welcome before they are "
         "circulated to members."),
    Kind("minutes", "Minutes to the members", ("member", "board", "meeting", "date"),
         "Minutes: {meeting}, {date}",
         "Dear {member},\n\nPlease find attached the minutes of the {meeting} held on "
         "{date}."),
    Kind("actions", "Open actions to their owner", ("owner", "count", "overdue", "actions"),
         "Your open actions: {count}, {overdue} overdue",
         "Dear {owner},\n\nThese actions are recorded against you and are still open, "
         "those due and overdue first:\n\n{actions}\n\nPlease send an update before the next "
         "meeting."),
)
KIND_NAMES = tuple(kind.name for kind in KINDS)
BY_NAME = {kind.name: kind for kind in KINDS}


@dataclass(frozen=True)
class Template:
    kind: str
    subject: str
    body: str


@dataclass(frozen=True)
class MailSettings:
    sender_name: str = ""  # the business unit: "LSCB Business Unit"
    sender_email: str = ""  # its shared mailbox, the organiser of invitations
    signature: str = ""
    templates: tuple[Template, ...] = ()

    def template(self, kind: str) -> Template:
        return next(t for t in self.templates if t.kind == kind)


def _name(kind: str, part: str) -> str:
    return f"{PREFIX}template.{kind}.{part}"


def load_mail_settings(db: Database) -> MailSettings:
    with db.session() as s:
        stored = dict(s.execute(select(Setting.name, Setting.value)
                                .where(Setting.name.startswith(PREFIX))).all())
    templates = tuple(
        Template(k.name, stored.get(_name(k.name, "subject"), k.subject),
                 stored.get(_name(k.name, "body"), k.body)) for k in KINDS)
    return MailSettings(stored.get(PREFIX + "sender_name", ""),
                        stored.get(PREFIX + "sender_email", ""),
                        stored.get(PREFIX + "signature", ""), templates)


def fields_used(text: str) -> list[str]:
    """The field names in a template; a stray brace is an error in plain words."""
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise InvalidInput("A brace { or } is not closed. Write fields as {course}; to show "
                           "a brace itself, write it twice: {{ or }}.") from None


def check_template(template: Template) -> None:
    kind = BY_NAME.get(template.kind)
    if kind is None:
        raise InvalidInput(f"There is no kind of message called {template.kind!r}.")
    if not template.subject.strip():
        raise InvalidInput(f"The {kind.label.lower()} needs a subject.", "subject")
    known = (*COMMON, *kind.fields)
    for part, text in (("subject", template.subject), ("body", template.body)):
        for name in fields_used(text):
            if name not in known:
                shown = "{" + name + "}" if name else "{}"
                raise InvalidInput(
                    f"The {kind.label.lower()} uses {shown}, which it cannot fill in. "
                    f"It can use: {', '.join('{' + f + '}' for f in known)}.", part)


def check_address(text: str) -> None:
    text = text.strip()
    if text and ("@" not in text or " " in text or text.startswith("@")
                 or text.endswith("@")):
        raise InvalidInput(f"{text!r} is not an e-mail address like unit@example.gov.uk.",
                           "sender_email")


def check_mail_settings(settings: MailSettings) -> None:
    check_address(settings.sender_email)
    for template in settings.templates:
        check_template(template)


def save_mail_settings(db: Database, settings: MailSettings) -> MailSettings:
    """Check everything, then save it all in one transaction (or nothing)."""
    check_mail_settings(settings)
    with db.transaction() as s:
        apply_mail_settings(s, settings)
    return load_mail_settings(db)


def apply_mail_settings(s: Session, settings: MailSettings) -> None:
    """Only what differs from the defaults is stored (an empty sender or signature, or a
    template as shipped, leaves no row), so improved wording in a later version reaches
    every message nobody has edited."""
    values: dict[str, str | None] = {
        PREFIX + "sender_name": settings.sender_name.strip() or None,
        PREFIX + "sender_email": settings.sender_email.strip() or None,
        PREFIX + "signature": settings.signature.rstrip() or None}
    for template in settings.templates:
        kind = BY_NAME[template.kind]
        subject, body = template.subject.strip(), template.body.rstrip()
        edited = (subject, body) != (kind.subject, kind.body)
        values[_name(template.kind, "subject")] = subject if edited else None
        values[_name(template.kind, "body")] = body if edited else None
    for name, value in values.items():
        row = s.get(Setting, name)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(Setting(name=name, value=value))
        else:
            row.value = value


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:  # an older template's field: left visible
        return "{" + key + "}"


def fill(text: str, values: dict[str, str]) -> str:
    try:
        return string.Formatter().vformat(text, (), _Fields(values))
    except (ValueError, IndexError):
        return text  # a template saved before checking existed: sent as written
