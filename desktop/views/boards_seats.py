"""The seats of one board or group: who sits on it, in what role, with which named deputy,
from and to when. Ending a seat keeps it (and its attendance) on record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import (
    MembershipInput,
    MembershipRow,
    end_membership,
    list_memberships,
    save_membership,
)
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.views.people_panel import person_choices, stretch_column
from desktop.views.table_models.people import MembershipsTableModel
from desktop.views.text import escape, parse_date, show_date
from desktop.views.widgets import Feedback, RowsTable, button, named


class SeatsEditor(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("seatsEditor")
        self.database = database
        self.board_id: int | None = None
        self.title = QLabel()
        self.model = MembershipsTableModel()
        self.table = RowsTable(self.model, "membershipsTable", "Seats")
        stretch_column(self.table, MembershipsTableModel.COL_ROLE)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.person = named(QComboBox(), "seat_person", "Member")
        self.deputy = named(QComboBox(), "seat_deputy", "Named deputy")
        self.role = named(QLineEdit(), "seat_role", "Role")
        self.from_date = named(QLineEdit(), "seat_from", "From")
        self.to_date = named(QLineEdit(), "seat_to", "To")
        for field in (self.from_date, self.to_date):
            field.setPlaceholderText("dd/mm/yyyy or blank")
        self.feedback = Feedback("seatMessage")
        self.seat_id: int | None = None
        # Typed or chosen since the form was last filled or cleared: "Add seat" saves it first.
        self.dirty = False
        for line in (self.role, self.from_date, self.to_date):
            line.textEdited.connect(self._edited)
        for combo in (self.person, self.deputy):
            combo.activated.connect(self._edited)
        self._lay_out()

    def _edited(self, *_: object) -> None:
        self.dirty = True

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, field in (("&Member:", self.person), ("&Role:", self.role),
                             ("Named deput&y:", self.deputy), ("Fr&om:", self.from_date),
                             ("&To:", self.to_date)):
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(button("&Add seat", "addSeat", self.add, "Ctrl+Shift+N"))
        buttons.addWidget(button("&Save seat", "saveSeat", self.save, "Ctrl+Shift+S"))
        buttons.addWidget(button("End seat (member &leaves)", "endSeat", self.end))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def refresh(self) -> None:
        person_choices(self.person, self.database, "Choose a person")
        person_choices(self.deputy, self.database, "No named deputy")
        self._load()

    def show_board(self, board_id: int | None, name: str) -> None:
        self.board_id = board_id
        # Another group: nothing of the last group's seat may be left in the form, or
        # "Save seat" would put that person on this group.
        self._clear_form()
        self.title.setText(f"<b>Seats on {escape(name)}</b>" if name else "")
        self._load()

    def _load(self) -> None:
        rows = list_memberships(self.database, self.board_id) if self.board_id else []
        self.model.set_rows(rows)
        if self.seat_id is not None:
            self.table.select_where(lambda row: row.id == self.seat_id)
        self.setEnabled(self.board_id is not None)

    def _chosen(self) -> None:
        row: MembershipRow | None = self.table.current()
        if row is None:
            return
        self.seat_id = row.id
        self.person.setCurrentIndex(max(0, self.person.findData(row.person_id)))
        self.deputy.setCurrentIndex(max(0, self.deputy.findData(row.deputy_id)))
        self.role.setText(row.role or "")
        self.from_date.setText(show_date(row.from_date))
        self.to_date.setText(show_date(row.to_date))
        self.dirty = False

    def add(self) -> None:
        """A blank form for the next seat; a seat typed and not yet saved is saved first
        (and stays in the form, with the message, if it cannot be)."""
        if self.dirty and not self.save():
            return
        self._clear_form()
        self.person.setFocus()

    def _clear_form(self) -> None:
        self.seat_id = None
        self.table.clearSelection()
        for field in (self.role, self.from_date, self.to_date):
            field.clear()
        self.person.setCurrentIndex(0)
        self.deputy.setCurrentIndex(0)
        self.dirty = False

    def save(self) -> bool:
        if self.board_id is None:
            return False
        if self.person.currentData() is None:
            self.feedback.problem("Choose the member from the list.")
            self.person.setFocus()
            return False
        try:
            data = MembershipInput(
                self.person.currentData(), self.role.text(),
                parse_date(self.from_date.text(), "From"), parse_date(self.to_date.text(), "To"),
                self.deputy.currentData())
            saved = save_membership(self.database, self.seat_id, self.board_id, data)
        except ValueError as exc:
            self.feedback.problem(exc.message if isinstance(exc, InvalidInput) else str(exc))
            return False
        self._saved(saved, f"{saved.person}'s seat saved.")
        return True

    def end(self) -> None:
        """The member leaves: the seat ends on the To date (today when it is blank)."""
        if self.seat_id is None:
            self.feedback.problem("Choose the seat that ends first.")
            return
        try:
            last_day = parse_date(self.to_date.text(), "To") or dt.date.today()
            saved = end_membership(self.database, self.seat_id, last_day)
        except ValueError as exc:
            self.feedback.problem(exc.message if isinstance(exc, InvalidInput) else str(exc))
            return
        self._saved(saved, f"{saved.person}'s seat ends on {show_date(saved.to_date)}; "
                           "their attendance stays on record.")

    def _saved(self, saved: MembershipRow, message: str) -> None:
        self.seat_id = saved.id
        self.dirty = False
        self._load()
        self.table.select_where(lambda row: row.id == saved.id)
        self.feedback.tell(message)
        self.changed.emit()
