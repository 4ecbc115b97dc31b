"""Asking for a reason (cancelling a place, not attending): a short list plus words of one's
own, and the confirmation of the action itself in the same small dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.training import Reason

# Shown first in the list: a reason is asked for, never demanded.
NOT_SAID = "Not given"


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, question: str,
                 reasons: dict[str, str], confirm: str, refuse: str = "Cancel") -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        text = QLabel(question)
        text.setObjectName("reasonQuestion")
        text.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("reasonChoice")
        self.reason.setAccessibleName("Reason")
        self.reason.addItem(NOT_SAID, None)
        for code, label in reasons.items():
            self.reason.addItem(label, code)
        self.note = QLineEdit()
        self.note.setObjectName("reasonNote")
        self.note.setAccessibleName("In your own words")
        self.note.setMaxLength(500)
        self.problem = QLabel()
        self.problem.setObjectName("reasonProblem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        reason_label = QLabel("&Reason:")
        reason_label.setBuddy(self.reason)
        note_label = QLabel("In your &own words:")
        note_label.setBuddy(self.note)
        form.addRow(reason_label, self.reason)
        form.addRow(note_label, self.note)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("reasonConfirm")
        no = buttons.addButton(refuse, QDialogButtonBox.ButtonRole.RejectRole)
        no.setObjectName("reasonRefuse")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.ok.setDefault(True)
        self.resize(460, 180)

    def choice(self) -> Reason | None:
        code = self.reason.currentData()
        note = " ".join(self.note.text().split())
        if code is None:
            # Words without a choice from the list are an "other" reason.
            return Reason("other", note) if note else None
        return Reason(code, note)

    def accept(self) -> None:
        if self.reason.currentData() == "other" and not self.note.text().strip():
            self.problem.setText("Say in a few words what the other reason is.")
            self.note.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, question: str, reasons: dict[str, str],
            confirm: str, refuse: str = "Cancel") -> tuple[bool, Reason | None]:
        """(True, the reason or None) if confirmed; (False, None) if not."""
        dialog = cls(parent, title, question, reasons, confirm, refuse)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False, None
        return True, dialog.choice()
