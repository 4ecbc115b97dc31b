"""A dialog of labelled fields, a line for a problem, and OK / Cancel: the shape of the
small forms (courses, sessions, trainers, venues, interests declared, decisions). A form that
checks what was typed overrides `accept`, says what is wrong on `problem` and returns, or
calls the base `accept`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.views import colours
from desktop.views.widgets import named


class Form(QDialog):
    """A dialog of labelled fields, a line for a problem, and OK / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colours.text_style("error"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        named(buttons, "formButtons", "OK or cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def add(self, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)

    def add_row(self, text: str, buddy: QWidget, row: QLayout) -> None:
        """A labelled row of several widgets; the label's mnemonic goes to `buddy`."""
        label = QLabel(text)
        label.setBuddy(buddy)
        self.form.addRow(label, row)
