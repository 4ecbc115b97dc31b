"""Anonymising a person from the People area: refused, with what must change first, for
someone whose name is part of a record still kept; otherwise asked for a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.privacy.anonymise import anonymise_person, check_anonymise
from desktop.services.privacy.leftovers import BACKUPS_BEFORE
from desktop.views import message_bar
from desktop.views.service_call import Problem


class AnonymiseReason:
    """Asks the reason, saying what will happen. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget | None, name: str) -> str | None:
        text, ok = QInputDialog.getText(
            parent, "Anonymise a person",
            f"{name}'s name, title, job title, e-mail, telephone and notes will be replaced "
            "(\"Former delegate 1234\"); their bookings, charges and attendance stay, so every "
            f"figure stays the same. This cannot be undone.\n\n{BACKUPS_BEFORE}\n\nReason "
            "(kept in the audit trail):", QLineEdit.EchoMode.Normal, "At the person's request")
        return text.strip() if ok and text.strip() else None


def anonymise(parent: QWidget | None, database: Database, person_id: int,
              name: str) -> str | None:
    """The new name once anonymised, None if refused or not asked for."""
    try:
        found = check_anonymise(database, person_id)
    except InvalidInput as exc:
        Problem.show(parent, exc.message)
        return None
    if found:
        Problem.show(parent, "\n\n".join(
            [f"{name} cannot be anonymised: their name is part of records still kept."]
            + [f"{b.reason}\nFirst: {b.change_first}" for b in found]))
        return None
    reason = AnonymiseReason.ask(parent, name)
    if reason is None:
        return None
    try:
        done = anonymise_person(database, person_id, reason)
    except InvalidInput as exc:
        Problem.show(parent, exc.message)
        return None
    if parent is not None and parent.isVisible():
        message_bar.report(parent, message_bar.SUCCESS, f"{name} is now {done.pseudonym}.",
                           "Anonymised")
    return done.pseudonym
