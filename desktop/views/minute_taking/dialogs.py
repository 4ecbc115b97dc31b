"""The small questions the minute-taking view asks. Tests replace each `ask`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.services.action_lines import due_from_words
from desktop.views import colours
from desktop.views.text import show_date


class Ask:
    @staticmethod
    def text(parent: QWidget, title: str, label: str, choices: list[str] | None = None
             ) -> str | None:
        if choices:
            value, ok = QInputDialog.getItem(parent, title, label, choices, 0, True)
        else:
            value, ok = QInputDialog.getText(parent, title, label)
        return value.strip() if ok and value.strip() else None

    @staticmethod
    def yes(parent: QWidget, title: str, question: str) -> bool:
        return QMessageBox.question(parent, title, question) == QMessageBox.StandardButton.Yes


# What the Ctrl+K form holds: the text, the owners as written, the due date.
QuickEntry = tuple[str, tuple[str, ...], dt.date | None]


class QuickActionDialog(QDialog):
    """Text, owners by initials (completed from the attendance), an optional due date read
    as the action lines of the minutes are ("31/03", "31 March", "next Friday")."""

    def __init__(self, parent: QWidget | None, initials: list[str], meeting: dt.date,
                 next_meeting: dt.date | None = None, entry: QuickEntry | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New action")
        self.setMinimumWidth(520)
        self.meeting, self.next_meeting = meeting, next_meeting
        self.entry: QuickEntry | None = None
        self.text, self.owners, self.due = QLineEdit(), QLineEdit(), QLineEdit()
        for field, name, accessible in ((self.text, "quickActionText", "What is to be done"),
                                        (self.owners, "quickActionOwners", "Owners"),
                                        (self.due, "quickActionDue", "Due date")):
            field.setObjectName(name)
            field.setAccessibleName(accessible)
        self.owners.setPlaceholderText("Initials or group names, separated by commas")
        self.owners.setCompleter(QCompleter(initials, self.owners))
        self.due.setPlaceholderText("31/03/2019, 31 March, next Friday (optional)")
        self.due_read = QLabel()
        self.due_read.setObjectName("quickActionDueRead")
        self.due.textChanged.connect(self._show_due)
        self.problem = QLabel()
        self.problem.setObjectName("quickActionProblem")
        self.problem.setStyleSheet(colours.text_style("error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept_entry)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Action:", self.text)
        form.addRow("&Owners:", self.owners)
        form.addRow("&Due:", self.due)
        form.addRow("", self.due_read)
        form.addRow(self.problem)
        form.addRow(buttons)
        if entry is not None:  # back from a question: everything as it was typed
            self.text.setText(entry[0])
            self.owners.setText(", ".join(entry[1]))
            self.due.setText(show_date(entry[2]))

    def read_due(self) -> dt.date | None:
        """The due date typed, None if none; ValueError (a plain message) if unreadable."""
        typed = self.due.text().strip()
        if not typed:
            return None
        day = due_from_words(typed, self.meeting, self.next_meeting)
        if day is None:
            raise ValueError(f"Due: {typed!r} is not a date (write it as 31/03/2019, "
                             "31 March or next Friday).")
        return day

    def _show_due(self) -> None:
        try:
            day = self.read_due()
        except ValueError:
            day = None
        self.due_read.setText(f"{day:%A} {show_date(day)}" if day else "")

    def accept_entry(self) -> None:
        try:
            day = self.read_due()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        names = tuple(n.strip() for n in self.owners.text().split(",") if n.strip())
        self.entry = (self.text.text(), names, day)
        self.accept()


class QuickAction:
    """Ctrl+K. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, initials: list[str], meeting: dt.date,
            next_meeting: dt.date | None = None, entry: QuickEntry | None = None
            ) -> QuickEntry | None:
        dialog = QuickActionDialog(parent, initials, meeting, next_meeting, entry)
        dialog.exec()
        return dialog.entry
