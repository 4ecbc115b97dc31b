"""Each agency's training contact: who its charges go to. Often a finance or training
mailbox rather than a person on the database, so it is kept as "Name <address>" text in the
settings (which travel with backups and boardwork/2), by the agency's key."""

from __future__ import annotations

from email.utils import parseaddr

from sqlalchemy import select

from desktop.models import Agency, Setting
from desktop.models.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.outlook.facts import Recipient
from desktop.services.outlook.templates import (
    PREFIX,
    MailSettings,
    apply_mail_settings,
    check_address,
    check_mail_settings,
)

CONTACT = PREFIX + "contact."


def parse_contact(text: str) -> Recipient | None:
    """ "Finance Team <finance@example.org>" or a bare address; empty means none."""
    text = " ".join(text.split())
    if not text:
        return None
    name, address = parseaddr(text)
    if not address or "@" not in address:
        raise InvalidInput(f"{text!r} is not an e-mail address like "
                           "Finance Team <finance@example.org>.", "contact")
    check_address(address)
    return Recipient(0, name or address, address)


def load_contacts(db: Database) -> dict[int, Recipient]:
    """Agency id -> its training contact, for the agencies that have one."""
    with db.session() as s:
        rows = s.execute(select(Agency.id, Setting.value).join(
            Setting, Setting.name == CONTACT + Agency.key)).all()
    found: dict[int, Recipient] = {}
    for agency_id, text in rows:
        try:
            contact = parse_contact(text)
        except InvalidInput:
            continue  # edited by hand into something unusable: as if none
        if contact is not None:
            found[agency_id] = contact
    return found


def contact_texts(db: Database) -> list[tuple[int, str, str]]:
    """Every agency (id, name, its contact as typed), by name, for the settings."""
    with db.session() as s:
        rows = s.execute(select(Agency.id, Agency.name, Setting.value).outerjoin(
            Setting, Setting.name == CONTACT + Agency.key).order_by(Agency.name)).all()
    return [(agency_id, name, text or "") for agency_id, name, text in rows]


def save_contacts(db: Database, contacts: dict[int, str],
                  mail: MailSettings | None = None) -> None:
    """Agency id -> "Name <address>" (empty removes it), and the templates if given; all
    checked, then saved in one transaction."""
    for text in contacts.values():
        parse_contact(text)
    if mail is not None:
        check_mail_settings(mail)
    with db.transaction() as s:
        if mail is not None:
            apply_mail_settings(s, mail)
        for agency_id, text in contacts.items():
            agency = s.get(Agency, agency_id)
            if agency is None:
                raise InvalidInput("An agency has been removed meanwhile.", "contact")
            row = s.get(Setting, CONTACT + agency.key)
            text = " ".join(text.split())
            if not text and row is not None:
                s.delete(row)
            elif text and row is None:
                s.add(Setting(name=CONTACT + agency.key, value=text))
            elif text and row is not None:
                row.value = text
