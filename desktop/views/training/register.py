"""The register of the chosen session, taken by keyboard: A attended, D did not attend,
N not marked yet; the cursor then moves down, and the arrow keys move it too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.figures import format_pounds
from desktop.services.training import (
    ABSENCE_REASONS,
    DecisionNeeded,
    Reason,
    SessionInfo,
    TrainingError,
    add_walk_in,
    mark,
    mark_completed,
    register,
)
from desktop.views.table_models.training_bookings import RegisterTableModel
from desktop.views.table_models.training_sessions import session_heading
from desktop.views.text import escape
from desktop.views.training.delegate_dialog import DelegateChoice, DelegateDialog
from desktop.views.training.filters import FilterBar, follow
from desktop.views.training.reason_dialog import ReasonDialog
from desktop.views.widgets import Feedback, RowsTable, button

KEYS = {Qt.Key.Key_A: "attended", Qt.Key.Key_D: "did_not_attend", Qt.Key.Key_N: "booked"}
PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


class RegisterTable(RowsTable):
    marked = Signal(int, str)  # booking id, mark

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        row = self.current()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.ShiftModifier)
        if key in KEYS and row is not None and plain:
            self.marked.emit(row.id, KEYS[key])
            return
        super().keyPressEvent(event)


class RegisterPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("registerPanel")
        self.database = database
        self.session: SessionInfo | None = None
        # The clock the register is judged by (a test sets its own).
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now().replace(microsecond=0)
        self.table = RegisterTable(RegisterTableModel(), "registerTable", "Register")
        self.table.marked.connect(self.mark)
        self.filters = FilterBar("registerFilters", "register")
        self.apply_filters = follow(self.filters, self.table)
        self.heading = QLabel()
        self.heading.setObjectName("registerHeading")
        self.heading.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("registerCounts")
        self.feedback = Feedback("registerMessage")
        help_text = QLabel("Keys: <b>A</b> attended, <b>D</b> did not attend, <b>N</b> not "
                           "marked; <b>↑ ↓</b> move.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(help_text)
        row = QHBoxLayout()
        row.addWidget(button("Add &walk-in…", "addWalkIn", self.add_walk_in, "Ctrl+W"))
        row.addWidget(button("&Mark session as run", "markSessionRun", self.mark_run))
        row.addStretch(1)
        row.addWidget(self.counts)
        layout.addLayout(row)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        self.show_session(None)

    def show_session(self, session: SessionInfo | None) -> None:
        """Follow the session chosen on the Sessions tab (re-sent after every refresh)."""
        if (session and session.id) != (self.session and self.session.id):
            self.feedback.clear()
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        chosen = self.table.current()
        if self.session is None:
            self.heading.setText("<b>Register</b>: choose a session on the Sessions tab.")
            self.table.rows_model.set_rows(())
            self.counts.clear()
            return
        self.heading.setText(f"<b>Register</b>: {escape(session_heading(self.session))}")
        rows = register(self.database, self.session.id)
        self.table.rows_model.set_rows(rows)
        self.apply_filters()
        if not (chosen and self.table.select_where(lambda b: b.id == chosen.id)):
            self.table.selectRow(0)
        attended = sum(1 for b in rows if b.status == "attended")
        absent = sum(1 for b in rows if b.status == "did_not_attend")
        unmarked = len(rows) - attended - absent
        self.counts.setText(f"{attended} attended, {absent} did not attend, "
                            f"{unmarked} not marked")

    def mark(self, booking_id: int, status: str) -> None:
        reason: Reason | None = None
        if status == "did_not_attend":
            person = next((b.person for b in self.table.rows_model.rows if b.id == booking_id),
                          "The delegate")
            confirmed, reason = self.ask_absence_reason(person)
            if not confirmed:
                return
        keep: bool | None = None
        while True:
            try:
                booking = mark(self.database, booking_id, status, reason=reason,
                               keep_waiver=keep, now=self.now())
                break
            except DecisionNeeded as question:
                keep = self.ask_waiver(str(question))
                if keep is None:
                    return
            except PROBLEMS as exc:
                self.feedback.problem(str(exc))
                return
        row = self.table.currentIndex().row()
        self.refresh()
        # On to the next delegate: a register is taken top to bottom.
        self.table.selectRow(min(row + 1, self.table.proxy.rowCount() - 1))
        text = f"{booking.person}: " + {"attended": "attended", "booked": "not marked",
                                       "did_not_attend": "did not attend"}[booking.status]
        if booking.charge_pence:
            text += f" (charge {format_pounds(booking.charge_pence)})"
        self.feedback.tell(text + ".")
        self.changed.emit()

    def ask_absence_reason(self, person: str) -> tuple[bool, Reason | None]:
        return ReasonDialog.ask(self, "Did not attend", f"{person} did not attend: why, if known?",
                                ABSENCE_REASONS, "&Mark did not attend")

    def ask_waiver(self, question: str) -> bool | None:
        """True: keep the waiver; False: charge again; None: leave the mark as it was."""
        box = QMessageBox(QMessageBox.Icon.Question, "A waiver was given", question,
                          QMessageBox.StandardButton.Cancel, self)
        keep = box.addButton("&Keep the waiver", QMessageBox.ButtonRole.AcceptRole)
        charge = box.addButton("C&harge again", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is keep else False if clicked is charge else None

    def confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes

    def _ask_delegate(self) -> DelegateChoice | None:
        return DelegateDialog.ask(self, self.database, "Add a walk-in")

    def add_walk_in(self) -> None:
        if self.session is None:
            self.feedback.problem("Choose a session on the Sessions tab first.")
            return
        choice = self._ask_delegate()
        if choice is None:
            return
        try:
            booking = add_walk_in(self.database, self.session.id, choice.person_id,
                                  choice.new_delegate, now=self.now())
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        self.refresh()
        self.table.select_where(lambda b: b.id == booking.id)
        self.feedback.tell(f"{booking.person} added as attended (walk-in).")
        self.changed.emit()

    def mark_run(self) -> None:
        if self.session is None:
            return
        session_id, cancel_waiting = self.session.id, False
        while True:
            try:
                self.session = mark_completed(self.database, session_id, cancel_waiting,
                                              now=self.now())
                break
            except DecisionNeeded as question:
                if cancel_waiting or not self.confirm(
                        "Mark session as run", f"{question} Mark it as run?"):
                    return
                cancel_waiting = True
            except PROBLEMS as exc:
                self.feedback.problem(str(exc))
                return
        self.feedback.tell("The session is marked as run." + (
            " The waiting list's places are cancelled, free of charge." if cancel_waiting
            else ""))
        self.changed.emit()
