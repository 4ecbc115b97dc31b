"""The People tab: search, a person's details to edit, everything they are on record as
(seats, deputising, actions, training), and merging a duplicate into them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.agencies import list_agencies
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.people import (
    PersonInput,
    PersonProfile,
    PersonRow,
    list_people,
    person_profile,
    save_person,
)
from desktop.views.page_layout import OverflowToolbar
from desktop.views.people_merge_dialog import MergeDialog
from desktop.views.privacy.people_actions import privacy_buttons
from desktop.views.table_models.people import PeopleTableModel
from desktop.views.text import escape, show_date
from desktop.views.training.navigate import open_bookings_of
from desktop.views.widgets import Feedback, RowsTable, button, named


def stretch_column(table: RowsTable, column: int) -> None:
    """`column` takes the spare width (and wraps); the others fit their contents, so
    figures and short fields are never squeezed by a long role or agency name."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def agency_choices(combo: QComboBox, database: Database) -> None:
    """Fill `combo` with "No agency" and every agency, keeping the one chosen."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem("No agency", None)
    for agency in list_agencies(database):
        combo.addItem(agency.name, agency.id)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


def person_choices(combo: QComboBox, database: Database, none_text: str) -> None:
    """Fill `combo` with `none_text` and every person, keeping the one chosen."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(none_text, None)
    for person in list_people(database):
        agency = f" ({person.agency})" if person.agency else ""
        combo.addItem(person.display_name + agency, person.id)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


class PeoplePanel(QWidget):
    # The notice areas a change touched (a merge reaches meetings, actions and training).
    changed = Signal(object)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("peoplePanel")
        self.database = database
        self.person_id: int | None = None
        self.search = QLineEdit()
        named(self.search, "peopleSearch", "Search people")
        self.search.setPlaceholderText("Name, job title, e-mail or agency")
        self.search.textChanged.connect(self.refresh)
        self.model = PeopleTableModel()
        self.table = RowsTable(self.model, "peopleTable", "People")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.fields = {
            "name": QLineEdit(), "title": QLineEdit(), "job_title": QLineEdit(),
            "email": QLineEdit(), "phone": QLineEdit(),
        }
        self.agency = QComboBox()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on: no trap for keyboard users
        self.profile = QLabel()
        self.profile.setObjectName("personProfile")
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setWordWrap(True)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.feedback = Feedback("peopleMessage")
        self.merge_button = button("&Merge a duplicate…", "mergePerson", self.merge, "Ctrl+M")
        self._lay_out()
        self.refresh()

    def show_bookings(self) -> None:
        """Every training booking of the person chosen, in the Training area."""
        row = self.table.current()
        if row is None:
            self.feedback.problem("Choose the person whose training bookings to see.")
            return
        open_bookings_of(self, person=(row.id, row.name))

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search)
        left_layout.addLayout(row)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addLayout(self._form())
        buttons = OverflowToolbar()  # the shared toolbar: More when narrow
        buttons.add(button("&New person", "newPerson", self.new, "Ctrl+N"))
        buttons.add(button("Sa&ve", "savePerson", self.save, "Ctrl+S"))
        buttons.add(self.merge_button)
        buttons.add(button("T&raining bookings…", "personBookings", self.show_bookings))
        right_layout.addWidget(buttons)
        right_layout.addLayout(privacy_buttons(self))
        right_layout.addWidget(self.feedback)
        right_layout.addWidget(self.profile, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 440])
        QVBoxLayout(self).addWidget(split)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        labels = {"name": ("N&ame:", "Name"), "title": ("&Title:", "Title"),
                  "job_title": ("&Job title:", "Job title"), "email": ("E-mai&l:", "E-mail"),
                  "phone": ("Phon&e:", "Phone")}
        for key, (label, accessible) in labels.items():
            form.addRow(label, named(self.fields[key], f"person_{key}", accessible))
            if key == "job_title":
                form.addRow("Agen&cy:", named(self.agency, "person_agency", "Agency"))
        self.notes.setFixedHeight(60)
        form.addRow("N&otes:", named(self.notes, "person_notes", "Notes"))
        return form

    def refresh(self) -> None:
        agency_choices(self.agency, self.database)
        self.model.set_rows(list_people(self.database, self.search.text()))
        if self.person_id is not None:
            self.table.select_where(lambda row: row.id == self.person_id)

    def _chosen(self) -> None:
        row: PersonRow | None = self.table.current()
        if row is not None and row.id != self.person_id:
            self.show_person(row.id)

    def show_person(self, person_id: int) -> None:
        try:
            profile = person_profile(self.database, person_id)
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            return
        self.person_id = person_id
        person = profile.person
        for key, field in self.fields.items():
            field.setText(getattr(person, key) or "")
        self.agency.setCurrentIndex(max(0, self.agency.findData(person.agency_id)))
        self.notes.setPlainText(profile.notes or "")
        self.profile.setText(_profile_html(profile))
        self.merge_button.setEnabled(True)

    def new(self) -> None:
        self.person_id = None
        for field in self.fields.values():
            field.clear()
        self.notes.clear()
        self.agency.setCurrentIndex(0)
        self.profile.clear()
        self.merge_button.setEnabled(False)
        self.table.clearSelection()
        self.fields["name"].setFocus()

    def save(self) -> None:
        text = {key: field.text() for key, field in self.fields.items()}
        data = PersonInput(text["name"], text["title"], text["job_title"],
                           self.agency.currentData(), text["email"], text["phone"],
                           self.notes.toPlainText())
        try:
            saved = save_person(self.database, self.person_id, data)
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            if exc.field in self.fields:
                self.fields[exc.field].setFocus()
            return
        self.person_id = saved.id
        self.feedback.tell(f"{saved.display_name} saved.")
        self.changed.emit(frozenset({"people"}))
        self.refresh()
        self.show_person(saved.id)

    def merge(self) -> None:
        if self.person_id is None:
            self.feedback.problem("Choose the person to keep first.")
            return
        dialog = MergeDialog(self.database, self.person_id, self)
        if dialog.exec() and dialog.result_of_merge is not None:
            done = dialog.result_of_merge
            self.feedback.tell(f"{done.removed} merged into {done.kept}.")
            self.changed.emit(frozenset({"people", "boards", "meetings", "actions",
                                         "training"}))
            self.refresh()
            self.show_person(done.kept_id)


def _profile_html(profile: PersonProfile) -> str:
    parts = [f"<p>Present or listed at <b>{profile.meetings_attended}</b> meetings.</p>"]
    if profile.seats:
        items = "".join(
            f"<li>{escape(s.board)}{' (deputy)' if s.as_deputy else ''}"
            f"{': ' + escape(s.role) if s.role else ''} {_span(s.from_date, s.to_date)}</li>"
            for s in profile.seats)
        parts.append(f"<p><b>Seats</b></p><ul>{items}</ul>")
    if profile.actions:
        items = "".join(f"<li>{escape(a.board)} {a.number}: {escape(a.title[:80])} "
                        f"({a.status.replace('_', ' ')})</li>" for a in profile.actions)
        parts.append(f"<p><b>Actions owned</b></p><ul>{items}</ul>")
    if profile.bookings:
        items = "".join(f"<li>{escape(b.course)}, {show_date(b.start.date())} "
                        f"({b.status.replace('_', ' ')})</li>" for b in profile.bookings)
        parts.append(f"<p><b>Training</b></p><ul>{items}</ul>")
    return "".join(parts)


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{show_date(start)} to {show_date(end)}"
    return f"from {show_date(start)}" if start else (f"to {show_date(end)}" if end else "")
