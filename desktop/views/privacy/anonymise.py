"""Anonymising a person from the People area: refused, with what must change first, for
someone whose name is part of a record still kept; otherwise asked for a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.privacy.anonymise import (
    Anonymised,
    Blocker,
    anonymise_person,
    check_anonymise,
)
from desktop.services.privacy.compact import may_hold_deleted_text
from desktop.services.privacy.leftovers import BACKUPS_BEFORE
from desktop.views import message_bar
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
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


def anonymise(parent: QWidget, database: Database, person_id: int, name: str,
              then: Callable[[str], None]) -> None:
    """Check, ask the reason, anonymise; `then` gets the new name once done (not called if
    refused, not asked for, or failed). The check and the step read the whole audit trail
    (about a second on ten years' records), so both run off the UI thread."""

    def checked(found: list[Blocker]) -> None:
        if found:
            Problem.show(parent, "\n\n".join(
                [f"{name} cannot be anonymised: their name is part of records still kept."]
                + [f"{b.reason}\nFirst: {b.change_first}" for b in found]))
            return
        reason = AnonymiseReason.ask(parent, name)
        if reason is not None:
            run_in_background(parent, f"Anonymising {name}…",
                              lambda: (anonymise_person(database, person_id, reason),
                                       may_hold_deleted_text(database)),
                              done, failed)

    def done(outcome: tuple[Anonymised, bool]) -> None:
        result, old_file = outcome
        said = f"{name} is now {result.pseudonym}."
        if parent.isVisible():
            message_bar.report(parent, message_bar.SUCCESS, said, "Anonymised")
        then(result.pseudonym)
        if old_file and parent.isVisible():  # said last: the offer stays on the bar
            from desktop.views.privacy.compact import offer_on_page

            offer_on_page(parent, database, f"{name} is anonymised: now {result.pseudonym}.")

    def failed(exc: Exception) -> None:
        if isinstance(exc, InvalidInput):
            Problem.show(parent, exc.message)
        else:  # in plain words, without the exception's own text
            show_failure(parent, "Anonymise", exc)

    run_in_background(parent, f"Checking what holds {name}'s name…",
                      lambda: check_anonymise(database, person_id), checked, failed)
