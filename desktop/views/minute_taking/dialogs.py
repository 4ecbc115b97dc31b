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

from desktop.views.text import parse_date


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


class QuickAction:
    """Text, owners by initials (completed from the attendance), an optional due date."""

    @staticmethod
    def ask(parent: QWidget, initials: list[str]
            ) -> tuple[str, tuple[str, ...], dt.date | None] | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle("New action")
        dialog.setMinimumWidth(520)
        text, owners, due = QLineEdit(), QLineEdit(), QLineEdit()
        for field, name, accessible in ((text, "quickActionText", "What is to be done"),
                                        (owners, "quickActionOwners", "Owners"),
                                        (due, "quickActionDue", "Due date")):
            field.setObjectName(name)
            field.setAccessibleName(accessible)
        owners.setPlaceholderText("Initials or group names, separated by commas")
        owners.setCompleter(QCompleter(initials, owners))
        due.setPlaceholderText("dd/mm/yyyy (optional)")
        problem = QLabel()
        problem.setStyleSheet("color: #a00000")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(dialog)
        form.addRow("&Action:", text)
        form.addRow("&Owners:", owners)
        form.addRow("&Due:", due)
        form.addRow(problem)
        form.addRow(buttons)
        result: list[tuple[str, tuple[str, ...], dt.date | None]] = []

        def accept() -> None:
            try:
                day = parse_date(due.text(), "Due")
            except ValueError as exc:
                problem.setText(str(exc))
                return
            names = tuple(n.strip() for n in owners.text().split(",") if n.strip())
            result.append((text.text(), names, day))
            dialog.accept()

        buttons.accepted.connect(accept)
        buttons.rejected.connect(dialog.reject)
        dialog.exec()
        return result[0] if result else None
