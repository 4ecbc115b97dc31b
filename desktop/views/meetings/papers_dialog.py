"""Asks for a paper's title, author or agency and the day it was received, before it is
attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.services.meetings import ItemRow
from desktop.views import colours
from desktop.views.date_field import DateField


@dataclass(frozen=True)
class PaperDetails:
    title: str
    author: str
    received: dt.date


class PaperDetailsDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path, item: ItemRow,
                 agencies: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attach a paper")
        self.setMinimumWidth(480)
        what = f"item {item.number}: {item.title}" if item.number else item.title
        about = QLabel(f"{path.name}\nto {what}")
        about.setWordWrap(True)
        self.title = QLineEdit(path.stem)
        self.title.setObjectName("paperTitle")
        self.title.setMaxLength(500)
        self.author = QComboBox()
        self.author.setObjectName("paperAuthor")
        self.author.setEditable(True)
        self.author.addItem("")
        self.author.addItems(agencies)
        self.author.setToolTip("Who wrote it, or the agency it comes from: type or choose.")
        self.received = DateField(dt.date.today())
        self.received.setObjectName("paperReceived")
        self.problem = QLabel()
        self.problem.setObjectName("paperProblem")
        self.problem.setStyleSheet(colours.text_style("error"))
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(about)
        form.addRow("&Title:", self.title)
        form.addRow("&From (author or agency):", self.author)
        form.addRow("&Received:", self.received)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Attach")
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.details: PaperDetails | None = None

    def check(self) -> None:
        title = " ".join(self.title.text().split())
        if not title:
            self.problem.setText("Give the paper a title.")
            self.title.setFocus()
            return
        try:
            received = self.received.date_value("The day it was received")
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.received.setFocus()
            return
        self.details = PaperDetails(title, self.author.currentText().strip(),
                                    received or dt.date.today())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path, item: ItemRow) -> PaperDetails | None:
        """The details typed, or None if cancelled. Tests replace this."""
        from desktop.services.agencies import list_agencies
        from desktop.views.meeting_shared import EditorState

        state = getattr(parent, "state", None)
        names: list[str] = []
        if isinstance(state, EditorState):
            names = [a.name for a in list_agencies(state.database)]
        dialog = cls(parent, path, item, names)
        return dialog.details if dialog.exec() == QDialog.DialogCode.Accepted else None
