"""Attendance: filled from the members in one step, edited in place, fast by keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import meetings as svc
from desktop.services.meetings import ATTENDANCE_LABELS, AttendanceRow, PersonChoice
from desktop.views.meeting_shared import ChoiceDelegate, EditorState
from desktop.views.service_call import Problem, call_service
from desktop.views.table_models.meetings import AttendanceTableModel
from desktop.views.text import parse_time, show_time

# One key sets the status of the selected row.
STATUS_KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_I: "in_attendance",
               Qt.Key.Key_A: "apologies", Qt.Key.Key_X: "absent", Qt.Key.Key_E: "expected"}


class AttendanceTable(QTableView):
    """P, I, A, X or E on a row sets present, in attendance, apologies, absent or expected."""

    def __init__(self, tab: MeetingAttendanceTab) -> None:
        super().__init__()
        self.tab = tab

    def keyPressEvent(self, event: QKeyEvent) -> None:
        status = STATUS_KEYS.get(Qt.Key(event.key()))
        if status and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            row = self.tab.selected()
            if row is not None and self.state() != QAbstractItemView.State.EditingState:
                self.tab.edit(row, "status", status)
                return
        super().keyPressEvent(event)


class DeputyQuestion:
    """Offers a member's named deputy when they send apologies. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, member: str, deputy: str) -> bool:
        answer = QMessageBox.question(
            parent, "Deputy", f"{member} has sent apologies. Is their deputy, {deputy}, "
            f"attending in their place?")
        return answer == QMessageBox.StandardButton.Yes


class PersonPicker:
    """Asks for a person by name. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, people: list[PersonChoice]) -> tuple[int | None, str] | None:
        labels = [f"{p.name} — {p.agency}" if p.agency else p.name for p in people]
        text, ok = QInputDialog.getItem(parent, "Add to the attendance",
                                        "Person (type a new name to add someone new):",
                                        labels, 0, True)
        if not ok or not text.strip():
            return None
        match = next((p for p, label in zip(people, labels, strict=True) if label == text), None)
        return (match.id, match.name) if match else (None, text.strip())


class MeetingAttendanceTab(QWidget):
    def __init__(self, state: EditorState) -> None:
        super().__init__()
        self.state = state
        self.people: list[PersonChoice] = []
        self.waiting: tuple[list[AttendanceRow], bool] | None = None  # after a cell edit
        self.model = AttendanceTableModel(self.edit)
        self.table = AttendanceTable(self)
        self.table.setObjectName("attendanceTable")
        self.table.setAccessibleName("Attendance")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setItemDelegateForColumn(AttendanceTableModel.COL_STATUS,
                                            ChoiceDelegate(ATTENDANCE_LABELS, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AttendanceTableModel.COL_ROLE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        buttons = QHBoxLayout()
        for text, name, slot in (
            ("F&ill from members", "fillFromMembers", self.fill_from_members),
            ("&Add person…", "addAttendee", self.add_person),
            ("Add &deputy", "addDeputy", self.add_deputy),
            ("&Remove", "removeAttendee", self.remove),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def set_people(self, people: list[PersonChoice]) -> None:
        """The people the add dialog and the "representing" column offer."""
        self.people = people
        choices: dict[Any, str] = {0: "(nobody)"}
        choices.update((p.id, p.name) for p in people)
        self.table.setItemDelegateForColumn(AttendanceTableModel.COL_REPRESENTING,
                                            ChoiceDelegate(choices, self.table))

    def show_rows(self, rows: list[AttendanceRow], locked: bool) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            # As for the agenda: never reload under a cell editor that is committing.
            self.waiting = (rows, locked)
            QTimer.singleShot(0, self._show_waiting)
            return
        self.waiting = None
        current = self.selected()
        self.model.set_rows(rows)
        self.model.read_only = False  # approved minutes are edited as amendments, with a reason
        if current is not None:
            for index, row in enumerate(rows):
                if row.id == current.id:
                    self.table.selectRow(index)

    def _show_waiting(self) -> None:
        if self.waiting is not None:
            self.show_rows(*self.waiting)

    def selected(self) -> AttendanceRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def edit(self, row: AttendanceRow, field: str, value: Any) -> bool:
        """An edit typed in the table: checked, then saved as an undoable service call."""
        old: Any = getattr(row, field)
        if field == "representing_id":
            value = value or None  # 0 is "(nobody)" in the drop-down
        if field in ("arrived", "left"):
            try:
                value = parse_time(str(value), "Arrived" if field == "arrived" else "Left")
            except ValueError as exc:
                Problem.show(self, str(exc))
                return False
            old_text, new_text = show_time(old), show_time(value)
        else:
            old_text, new_text = str(old), str(value)
        if old_text == new_text:
            return False
        database, row_id = self.state.database, row.id

        def change(new: Any) -> Any:
            return lambda reason: svc.update_attendance(
                database, row_id, reason=reason, **{field: new})

        done = self.state.push(self, f"Change {field} of {row.name}", change(value),
                               change(old))
        if done and field == "status" and value == "apologies":
            self._offer_deputy(row)
        return done

    def _offer_deputy(self, row: AttendanceRow) -> None:
        offer = svc.deputy_offer(self.state.database, row.id)
        if offer is None or not DeputyQuestion.ask(self, row.name, offer.name):
            return
        if call_service(self, lambda _r: svc.add_deputy(self.state.database, row.id, offer.id)):
            self.state.reload()

    def fill_from_members(self) -> None:
        meeting_id = self.state.meeting_id
        if meeting_id is not None and call_service(
                self, lambda _r: svc.fill_from_members(self.state.database, meeting_id)):
            self.state.reload()

    def add_person(self) -> None:
        meeting_id = self.state.meeting_id
        picked = PersonPicker.ask(self, self.people)
        if meeting_id is None or picked is None:
            return
        person_id, name = picked
        new = svc.NewPerson(name) if person_id is None else None
        if call_service(self, lambda reason: svc.add_attendee(
                self.state.database, meeting_id, person_id=person_id, new_person=new,
                reason=reason)):
            self.state.reload()

    def add_deputy(self) -> None:
        row = self.selected()
        if row is None:
            return
        offer = svc.deputy_offer(self.state.database, row.id)
        if offer is None:
            Problem.show(self, f"{row.name} has no named deputy to add (a deputy is offered "
                               "for a member who sent apologies).")
            return
        if call_service(self, lambda _r: svc.add_deputy(self.state.database, row.id, offer.id)):
            self.state.reload()

    def remove(self) -> None:
        row = self.selected()
        if row is not None and call_service(
                self, lambda reason: svc.remove_attendee(self.state.database, row.id, reason)):
            self.state.reload()
