"""Trainers and venues: the tab that keeps them, and the small forms for one of each (also
opened from the session form, to add a venue without leaving it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.training import (
    TrainerDetails,
    TrainerInfo,
    TrainingError,
    VenueDetails,
    VenueInfo,
    delete_trainer,
    delete_venue,
    list_trainers,
    list_venues,
    save_trainer,
    save_venue,
)
from desktop.views.flow_layout import flow_row
from desktop.views.form_dialog import Form
from desktop.views.stacking_splitter import StackingSplitter
from desktop.views.table_models.rows import Column, RowsTableModel
from desktop.views.widgets import Feedback, RowsTable, button, named

PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


class TrainersTableModel(RowsTableModel[TrainerInfo]):
    columns = (
        Column("Trainer", lambda t: t.name, lambda t: t.name.lower()),
        Column("E-mail", lambda t: t.email or "", lambda t: (t.email or "").lower()),
        Column("Telephone", lambda t: t.phone or "", lambda t: t.phone or ""),
        Column("Sessions", lambda t: str(t.sessions), lambda t: t.sessions, align_right=True),
    )


class VenuesTableModel(RowsTableModel[VenueInfo]):
    columns = (
        Column("Venue", lambda v: v.name, lambda v: v.name.lower()),
        Column("Room holds", lambda v: str(v.room_capacity or ""),
               lambda v: v.room_capacity or 0, align_right=True),
        Column("Contact", lambda v: v.contact or "", lambda v: (v.contact or "").lower()),
        Column("Telephone", lambda v: v.phone or "", lambda v: v.phone or ""),
        Column("Sessions", lambda v: str(v.sessions), lambda v: v.sessions, align_right=True),
    )


def _has_id(wanted: int) -> Callable[[Any], bool]:
    return lambda row: bool(row.id == wanted)


class _RecordForm(Form):
    """A trainer's or a venue's form: saved through the service on OK (a refusal stays in the
    form, said in words); `ask` gives the saved record's id, None when cancelled."""

    WHAT = ""  # "trainer", "venue": in the title and the object name

    def __init__(self, parent: QWidget | None, database: Database, record: Any) -> None:
        title = f"{'Change' if record else 'New'} {self.WHAT}"
        super().__init__(parent, title, f"{self.WHAT}Dialog")
        self.database = database
        self.record_id: int | None = record.id if record else None
        self.saved_id: int | None = None

    def save(self) -> int:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.saved_id = self.save()
        except PROBLEMS as exc:
            self.problem.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database,
            record: Any = None) -> int | None:
        dialog = cls(parent, database, record)
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None


class TrainerDialog(_RecordForm):
    WHAT = "trainer"

    def __init__(self, parent: QWidget | None, database: Database,
                 trainer: TrainerInfo | None) -> None:
        super().__init__(parent, database, trainer)
        details = trainer.details if trainer else TrainerDetails("")
        self.name = named(QLineEdit(details.name), "trainerName", "Trainer's name")
        self.email = named(QLineEdit(details.email), "trainerEmail", "E-mail")
        self.phone = named(QLineEdit(details.phone), "trainerPhone", "Telephone")
        self.notes = named(QPlainTextEdit(details.notes), "trainerNotes", "Notes")
        self.notes.setTabChangesFocus(True)
        for text, widget in (("&Name:", self.name), ("&E-mail:", self.email),
                             ("&Telephone:", self.phone), ("N&otes:", self.notes)):
            self.add(text, widget)
        self.resize(460, 300)

    def save(self) -> int:
        details = TrainerDetails(self.name.text(), self.email.text(), self.phone.text(),
                                 self.notes.toPlainText())
        return save_trainer(self.database, details, self.record_id)


class VenueDialog(_RecordForm):
    WHAT = "venue"

    def __init__(self, parent: QWidget | None, database: Database,
                 venue: VenueInfo | None) -> None:
        super().__init__(parent, database, venue)
        details = venue.details if venue else VenueDetails("")
        self.name = named(QLineEdit(details.name), "venueName", "Venue's name")
        self.address = named(QPlainTextEdit(details.address), "venueAddress", "Address")
        self.address.setTabChangesFocus(True)
        self.contact = named(QLineEdit(details.contact), "venueContact", "Contact")
        self.phone = named(QLineEdit(details.phone), "venuePhone", "Telephone")
        self.capacity = named(QSpinBox(), "venueCapacity", "How many the room holds")
        self.capacity.setRange(0, 5000)
        self.capacity.setSpecialValueText("not known")
        self.capacity.setValue(details.room_capacity or 0)
        for text, widget in (("&Name:", self.name), ("&Address:", self.address),
                             ("&Contact:", self.contact), ("&Telephone:", self.phone),
                             ("&Room holds:", self.capacity)):
            self.add(text, widget)
        self.resize(460, 340)

    def save(self) -> int:
        details = VenueDetails(self.name.text(), self.address.toPlainText(),
                               self.contact.text(), self.phone.text(),
                               self.capacity.value() or None)
        return save_venue(self.database, details, self.record_id)


class RecordsPanel(QWidget):
    """Two lists side by side: trainers and venues, each with new, change and remove."""

    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("trainersVenuesPanel")
        self.database = database
        self.trainers = RowsTable(TrainersTableModel(), "trainersTable", "Trainers")
        self.venues = RowsTable(VenuesTableModel(), "venuesTable", "Venues")
        self.trainers.doubleClicked.connect(lambda _index: self.change_trainer())
        self.venues.doubleClicked.connect(lambda _index: self.change_venue())
        self.feedback = Feedback("recordsMessage")
        # The name takes the room left; the other columns keep to their contents.
        for table in (self.trainers, self.venues):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        splitter = StackingSplitter()  # one above the other when narrow
        splitter.addWidget(self._pane("<b>Trainers</b>", self.trainers, (
            ("New &trainer…", "newTrainer", self.new_trainer),
            ("Change tra&iner…", "changeTrainer", self.change_trainer),
            ("Remove trainer", "removeTrainer", self.remove_trainer))))
        splitter.addWidget(self._pane("<b>Venues</b>", self.venues, (
            ("New ven&ue…", "newVenue", self.new_venue),
            ("Change venu&e…", "changeVenue", self.change_venue),
            ("Remove venue", "removeVenue", self.remove_venue))))
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.feedback)

    def _pane(self, title: str, table: RowsTable, actions: tuple[tuple[str, str, object], ...]
              ) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        # The title, then its buttons (wrapping at 200 % rather than scrolling sideways).
        layout.addWidget(flow_row(QLabel(title), *(
            button(text, name, slot) for text, name, slot in actions)))  # type: ignore[arg-type]
        layout.addWidget(table, 1)
        return pane

    def refresh(self) -> None:
        tables: tuple[tuple[RowsTable, Sequence[Any]], ...] = (
            (self.trainers, list_trainers(self.database)),
            (self.venues, list_venues(self.database)))
        for table, rows in tables:
            chosen_id = getattr(table.current(), "id", None)
            table.rows_model.set_rows(rows)
            if chosen_id is None or not table.select_where(_has_id(chosen_id)):
                table.selectRow(0)

    def _done(self, text: str) -> None:
        self.refresh()
        self.feedback.tell(text)
        self.changed.emit()

    def new_trainer(self) -> None:
        if TrainerDialog.ask(self, self.database) is not None:
            self._done("Trainer added.")

    def change_trainer(self) -> None:
        trainer = self.trainers.current()
        if trainer is not None and TrainerDialog.ask(self, self.database, trainer) is not None:
            self._done("Trainer changed.")

    def new_venue(self) -> None:
        if VenueDialog.ask(self, self.database) is not None:
            self._done("Venue added.")

    def change_venue(self) -> None:
        venue = self.venues.current()
        if venue is not None and VenueDialog.ask(self, self.database, venue) is not None:
            self._done("Venue changed.")

    def remove_trainer(self) -> None:
        trainer = self.trainers.current()
        if trainer is not None and self._confirm(f"Remove the trainer {trainer.name}?"):
            self._remove(lambda: delete_trainer(self.database, trainer.id),
                         f"{trainer.name} removed.")

    def remove_venue(self) -> None:
        venue = self.venues.current()
        if venue is not None and self._confirm(f"Remove the venue {venue.name}?"):
            self._remove(lambda: delete_venue(self.database, venue.id), f"{venue.name} removed.")

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Remove", question)
        return answer == QMessageBox.StandardButton.Yes

    def _remove(self, action: object, text: str) -> None:
        try:
            action()  # type: ignore[operator]
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        self._done(text)
