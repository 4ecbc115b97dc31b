"""The standing register of members' interests: who, what, when declared, when to be
reviewed. Entries due for review (or overdue) come first, shaded."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.meetings import declarations as declared
from desktop.services.meetings import people_choices
from desktop.views.date_field import DateField
from desktop.views.registers.common import chosen_id, fill, register_table
from desktop.views.text import show_date
from desktop.views.widgets import Feedback

HEADERS = ("Member", "Interest", "Declared", "Review due", "Ended", "Due")


class InterestsPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("interestsPanel")
        self.database = database
        self.editing: int | None = None
        self.lines: list[declared.InterestLine] = []
        self.due = QLabel()
        self.due.setObjectName("interestsDue")
        self.due.setWordWrap(True)
        self.table = register_table("interestsTable", "Register of interests", HEADERS)
        self.table.currentCellChanged.connect(lambda *_: self._chosen())
        self.person = QComboBox()
        self.person.setObjectName("interestPerson")
        self.person.setAccessibleName("Member")
        self.description = QLineEdit()
        self.description.setObjectName("interestDescription")
        self.description.setAccessibleName("Interest")
        self.description.setPlaceholderText("e.g. Trustee, Youth Trust (a charity the "
                                            "partnership funds)")
        self.declared_on, self.review_on, self.ended_on = DateField(), DateField(), DateField()
        for field, name in ((self.declared_on, "interestDeclared"),
                            (self.review_on, "interestReview"), (self.ended_on, "interestEnded")):
            field.setObjectName(name)
            field.setAccessibleName(name.removeprefix("interest").replace("Review",
                                                                          "Review due"))
        self.feedback = Feedback("interestsFeedback")
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Member:", self.person)
        form.addRow("I&nterest:", self.description)
        dates = QHBoxLayout()
        for text, field in (("Declared &on:", self.declared_on),
                            ("Review due:", self.review_on), ("Ended:", self.ended_on)):
            label = QLabel(text)
            label.setBuddy(field)
            dates.addWidget(label)
            dates.addWidget(field)
        dates.addStretch(1)
        form.addRow(dates)
        buttons = QHBoxLayout()
        for text, name, slot in (("&Save entry", "saveInterest", self.save),
                                 ("New entry", "newInterest", self.new),
                                 ("&Remove entry", "removeInterest", self.remove)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def refresh(self) -> None:
        chosen = self.person.currentData()
        self.person.clear()
        for choice in people_choices(self.database):
            self.person.addItem(choice.name, choice.id)
        self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.lines = declared.interests(self.database)
        fill(self.table, [(line.id, (line.person, line.description, show_date(line.declared_on),
                                     show_date(line.review_on), show_date(line.ended_on),
                                     "Review due" if line.due else ""), line.due)
                          for line in self.lines])
        due = [line for line in self.lines if line.due]
        self.due.setText(
            f"<b>{len(due)} interest{'s' if len(due) != 1 else ''} due for review</b> "
            f"(review date passed or within {declared.DUE_WITHIN_DAYS} days)." if due else
            "No interest is due for review.")

    def _chosen(self) -> None:
        ident = chosen_id(self.table)
        line = next((x for x in self.lines if x.id == ident), None)
        if line is None:
            return
        self.editing = line.id
        self.person.setCurrentIndex(max(0, self.person.findData(line.person_id)))
        self.description.setText(line.description)
        self.declared_on.set_date(line.declared_on)
        self.review_on.set_date(line.review_on)
        self.ended_on.set_date(line.ended_on)

    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.description.clear()
        for field in (self.declared_on, self.review_on, self.ended_on):
            field.set_date(None)
        self.person.setFocus()

    def save(self) -> None:
        try:
            fields = declared.InterestFields(
                self.person.currentData(), self.description.text(),
                self.declared_on.date_value("Declared on"),
                self.review_on.date_value("Review due"), self.ended_on.date_value("Ended"))
            self.editing = declared.save_interest(self.database, self.editing, fields)
        except ValueError as exc:
            self.feedback.problem(str(exc))
            return
        self.feedback.tell("Saved the entry in the register.")
        self.refresh()
        self.changed.emit()

    def remove(self) -> None:
        ident = chosen_id(self.table)
        if not isinstance(ident, int):
            self.feedback.problem("Choose the entry to remove in the list first.")
            return
        declared.remove_interest(self.database, ident)
        self.new()
        self.feedback.tell("Removed the entry from the register.")
        self.refresh()
        self.changed.emit()
