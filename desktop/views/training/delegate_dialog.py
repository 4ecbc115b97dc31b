"""Choosing the delegate for a booking, a substitution or a walk-in: someone already known,
or a new delegate added in the same step, with a warning about a likely duplicate."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.training import (
    NewDelegate,
    PersonMatch,
    list_agencies,
    possible_duplicates,
    search_people,
)
from desktop.views import colours
from desktop.views.text import escape


@dataclass(frozen=True)
class DelegateChoice:
    person_id: int | None = None
    new_delegate: NewDelegate | None = None


def _named(widget: QWidget, name: str, accessible: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)


def _match_text(match: PersonMatch) -> str:
    extra = ", ".join(x for x in (match.agency, match.email) if x)
    return f"{match.name} — {extra}" if extra else match.name


class DelegateDialog(QDialog):
    def __init__(self, parent: QWidget | None, database: Database, title: str) -> None:
        super().__init__(parent)
        self.setObjectName("delegateDialog")
        self.setWindowTitle(title)
        self.database = database
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(self._existing_box())
        layout.addWidget(self._new_box())
        self.problem = QLabel()
        self.problem.setObjectName("delegateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(colours.text_style("error"))
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        _named(buttons, "delegateButtons", "OK or cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setFocus()

    def _existing_box(self) -> QGroupBox:
        box = QGroupBox("Someone already recorded")
        form = QFormLayout(box)
        self.search = QLineEdit()
        _named(self.search, "delegateSearch", "Find a person by name or e-mail")
        self.search.setPlaceholderText("Type part of a name or e-mail")
        self.search.textChanged.connect(self._find)
        self.results = QListWidget()
        _named(self.results, "delegateResults", "People found")
        label = QLabel("&Find:")
        label.setBuddy(self.search)
        form.addRow(label, self.search)
        form.addRow(self.results)
        # Down from the search box goes into the list, as in a browser's address bar.
        self.search.returnPressed.connect(self.results.setFocus)
        return box

    def _new_box(self) -> QGroupBox:
        box = QGroupBox("Or a new delegate")
        form = QFormLayout(box)
        self.name = QLineEdit()
        _named(self.name, "newDelegateName", "New delegate's name")
        self.email = QLineEdit()
        _named(self.email, "newDelegateEmail", "New delegate's e-mail")
        self.agency = QComboBox()
        _named(self.agency, "newDelegateAgency", "New delegate's agency")
        self.agency.addItem("(no agency)", None)
        for choice in list_agencies(self.database):
            self.agency.addItem(choice.name, choice.id)
        self.job_title = QLineEdit()
        _named(self.job_title, "newDelegateJobTitle", "New delegate's job title")
        for text, widget in (("&Name:", self.name), ("&E-mail:", self.email),
                             ("A&gency:", self.agency), ("&Job title:", self.job_title)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.duplicates = QLabel()
        self.duplicates.setObjectName("duplicateWarning")
        self.duplicates.setWordWrap(True)
        self.duplicates.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.duplicates)
        self.name.editingFinished.connect(self._warn_duplicates)
        self.email.editingFinished.connect(self._warn_duplicates)
        return box

    def _find(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            return
        for match in search_people(self.database, text):
            item = QListWidgetItem(_match_text(match))
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _warn_duplicates(self) -> None:
        matches = possible_duplicates(self.database, self.name.text(), self.email.text())
        if not matches:
            self.duplicates.clear()
            return
        names = "".join(f"<li>{escape(_match_text(m))} ({m.reason})</li>" for m in matches[:5])
        self.duplicates.setText(
            "<b>Probably already recorded:</b>"
            f"<ul>{names}</ul>Find them above instead, unless this is someone else."
        )

    def choice(self) -> DelegateChoice | None:
        if self.name.text().strip():
            return DelegateChoice(new_delegate=NewDelegate(
                self.name.text(), self.agency.currentData(), self.job_title.text(),
                self.email.text()))
        item = self.results.currentItem()
        if item is not None:
            return DelegateChoice(person_id=item.data(Qt.ItemDataRole.UserRole))
        return None

    def accept(self) -> None:
        if self.choice() is None:
            self.problem.setText("Choose someone from the list, or type a new delegate's name.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database, title: str,
            ) -> DelegateChoice | None:
        dialog = cls(parent, database, title)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
