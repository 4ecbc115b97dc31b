"""Erasing a meeting, a training session or a person created by mistake, with its reason.
Refused, saying what is attached, for anything that is more than a mistake."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.privacy.compact import may_hold_deleted_text
from desktop.services.privacy.erase import erase_check, erase_record
from desktop.services.privacy.leftovers import BACKUPS_BEFORE
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.privacy.compact_offer import CompactOffer
from desktop.views.privacy.retention_dialog import Confirm
from desktop.views.widgets import Feedback, button


class EraseDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle("Erase a record created by mistake")
        self.setMinimumWidth(620)
        self.database = database
        self.erased = False
        self.kind = QComboBox()
        self.kind.setObjectName("eraseKind")
        self.kind.setAccessibleName("Kind of record")
        for label, kind in (("Meeting", "meeting"), ("Training session", "session"),
                            ("Person", "person")):
            self.kind.addItem(label, kind)
        self.key = QLineEdit()
        self.key.setObjectName("eraseKey")
        self.key.setAccessibleName("Key")
        self.key.setPlaceholderText("the record's key, e.g. hscb-2019-01-15")
        self.reason = QLineEdit()
        self.reason.setObjectName("eraseReason")
        self.reason.setAccessibleName("Reason")
        self.feedback = Feedback("eraseFeedback")
        note = QLabel("Only a record with nothing attached can be erased: a meeting without "
                      "minutes or actions, a session without bookings, a person who is in "
                      "no record. The reason is kept in the audit trail (write no name in "
                      "it); what the record held is gone from the database file. "
                      + BACKUPS_BEFORE)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Kind:", self.kind)
        form.addRow("K&ey:", self.key)
        form.addRow("&Reason:", self.reason)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button("&Check", "eraseCheck", self.check))
        row.addWidget(button("Er&ase…", "eraseRecord", self.erase))
        # Offered after an erase on a database from before deletes were secure.
        self.compact_button = CompactOffer(database, self.feedback, "eraseCompact")
        row.addWidget(self.compact_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def check(self) -> str | None:
        try:
            what = erase_check(self.database, self.kind.currentData(), self.key.text())
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            return None
        self.feedback.tell(f"It can be erased: {what}.")
        return what

    def erase(self) -> None:
        what = self.check()
        if what is None:
            return
        if not self.reason.text().strip():
            self.feedback.problem("Give the reason for erasing: it is kept in the audit trail.")
            self.reason.setFocus()
            return
        if not Confirm.ask(self, f"Erase {what}? This cannot be undone.\n\n{BACKUPS_BEFORE}"):
            return
        kind, key, reason = self.kind.currentData(), self.key.text(), self.reason.text()

        def done(outcome: tuple[object, bool]) -> None:
            _erased, old_file = outcome
            self.erased = True
            self.compact_button.say(f"Erased {what}; the reason is in the audit trail.",
                                    old_file)
            self.key.clear()

        def failed(exc: Exception) -> None:
            if isinstance(exc, InvalidInput):
                self.feedback.problem(exc.message)
            else:
                show_failure(self, "Boardwork", exc)

        # Off the UI thread: on the ten-year database the checks and the audit trail's
        # copies take about a second (benchmarks/FINDINGS.md, issue 19 session 7).
        run_in_background(self, f"Erasing {what}…",
                          lambda: (erase_record(self.database, kind, key, reason),
                                   may_hold_deleted_text(self.database)), done, failed)
