"""E-mail drafts as .eml files: RFC 5322 messages with `X-Unsent: 1`, which Outlook opens
as a new message ready to check and send (other mail programs open them as messages too).

Names and subjects are UTF-8 (encoded words where headers need them); the body is plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from desktop.services.outlook.facts import Recipient


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str  # "application/pdf", "text/calendar; method=REQUEST"


@dataclass(frozen=True)
class Draft:
    kind: str  # a templates.KINDS name
    to: Recipient
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    booking_id: int | None = None
    meeting_id: int | None = None


def _address(person: Recipient) -> Address:
    local, _, domain = (person.email or "").partition("@")
    return Address(display_name=person.name, username=local, domain=domain)


def eml_bytes(draft: Draft, sender: Recipient | None = None,
              now: dt.datetime | None = None) -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message["X-Unsent"] = "1"  # Outlook: open as a draft with a Send button
    if sender is not None and sender.email:
        message["From"] = _address(sender)
    message["To"] = _address(draft.to)
    message["Subject"] = draft.subject
    message["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    message.set_content(draft.body, charset="utf-8", cte="quoted-printable")
    for attachment in draft.attachments:
        kind, _, params = attachment.mime.partition(";")
        maintype, _, subtype = kind.strip().partition("/")
        extra = dict(p.strip().split("=", 1) for p in params.split(";") if "=" in p)
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype,
                               filename=attachment.filename, params=extra)
    return message.as_bytes()


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(number: int, kind: str, person: str) -> str:
    """A name Windows accepts: "03 confirmation - Zoë Brontë.eml"."""
    cleaned = _UNSAFE.sub(" ", person).strip(" .") or "recipient"
    return f"{number:02d} {kind} - {cleaned[:80]}.eml"
