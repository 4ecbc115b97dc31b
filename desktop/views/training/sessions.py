"""The sessions list (what is coming and how full) with the selected session's bookings and
waiting list: book, substitute, cancel a booking, cancel the session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.figures import format_pounds
from desktop.services.training import (
    Cancellation,
    SessionInfo,
    TrainingError,
    book,
    cancel_booking,
    cancel_session,
    list_bookings,
    list_sessions,
    substitute,
)
from desktop.views.export_document import export_document, session_writer
from desktop.views.table_models.training_bookings import BookingsTableModel
from desktop.views.table_models.training_sessions import SessionsTableModel, places
from desktop.views.text import escape, show_date, show_time
from desktop.views.training.delegate_dialog import DelegateChoice, DelegateDialog
from desktop.views.training.forms import SessionDialog
from desktop.views.widgets import Feedback, RowsTable, button

PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


def session_heading(info: SessionInfo) -> str:
    times = show_time(info.start.time()) + (f"–{show_time(info.end.time())}" if info.end else "")
    where = f", {info.venue}" if info.venue else ""
    return f"{info.course}: {show_date(info.start.date())} {times}{where}"


class SessionsPanel(QWidget):
    # Emitted after a change, so the page can announce it to the rest of the application.
    changed = Signal()
    # The session under the cursor (None when there is none), for the register.
    session_chosen = Signal(object)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("sessionsPanel")
        self.database = database
        self.sessions = RowsTable(SessionsTableModel(), "sessionsTable", "Sessions")
        self.bookings = RowsTable(BookingsTableModel(), "bookingsTable",
                                  "Bookings and waiting list")
        self.feedback = Feedback("trainingMessage")
        self.past = QCheckBox("Show &past sessions too")
        self.past.setObjectName("showPastSessions")
        self.past.setAccessibleName("Show past sessions too")
        self.past.toggled.connect(lambda _on: self.refresh())
        self.heading = QLabel()
        self.heading.setObjectName("sessionHeading")
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.past)
        top.addStretch(1)
        top.addWidget(button("&New session…", "newSession", self.new_session, "Ctrl+N"))
        top.addWidget(button("Change sessi&on…", "changeSession", self.change_session,
                             "Ctrl+E"))
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sessions)
        splitter.addWidget(self._bookings_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.feedback)
        self.sessions.selectionModel().currentRowChanged.connect(lambda *_: self._show_session())
        self.sessions.sortByColumn(SessionsTableModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        self.today = dt.date.today
        # (session id, kind of e-mail) its last change calls for, offered by Prepare e-mails.
        self.mail_hint: tuple[int, str] | None = None

    def _bookings_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        for text, name, slot, key in (
            ("&Book delegate…", "bookDelegate", self.book_delegate, "Ctrl+B"),
            ("S&ubstitute…", "substituteDelegate", self.substitute_delegate, "Ctrl+U"),
            ("Cancel boo&king", "cancelBooking", self.cancel_booking, "Ctrl+Del"),
            ("Canc&el session…", "cancelSession", self.cancel_session, ""),
            ("Reg&ister…", "exportRegister", lambda: self.export_papers(False), ""),
            ("Cer&tificates…", "exportCertificates", lambda: self.export_papers(True), ""),
            ("Prepare e-&mails…", "prepareEmails", self.prepare_emails, "Ctrl+Shift+M"),
        ):
            row.addWidget(button(text, name, slot, key))
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.bookings, 1)
        return pane

    def export_papers(self, certificates: bool) -> None:
        """The sign-in sheet of the chosen session, or a certificate for each attendee."""
        info = self.current_session()
        if info is None:
            return
        what = "certificates" if certificates else "register"
        export_document(self, f"Export {what}", f"{what}-{info.start:%Y-%m-%d}",
                        session_writer(self.database, info.id, certificates))

    def prepare_emails(self) -> None:
        """Drafts for the delegates (desktop/views/outlook/): the kind suggested by the
        booking under the cursor."""
        from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog, kind_for

        info = self.current_session()
        if info is None:
            self.feedback.problem("Choose a session to write to its delegates.")
            return
        booking = self.bookings.current()
        kind = kind_for(booking.status if booking else None)
        if self.mail_hint is not None and self.mail_hint[0] == info.id:
            kind = self.mail_hint[1]  # what the last change on this session calls for
        self.mail_hint = None
        PrepareEmailsDialog(self.database, About(session_heading(info), session=info.id),
                            kind, self).exec()

    def current_session(self) -> SessionInfo | None:
        info: SessionInfo | None = self.sessions.current()
        return info

    def refresh(self) -> None:
        chosen = self.current_session()
        start = None if self.past.isChecked() else self.today()
        self.sessions.rows_model.set_rows(list_sessions(self.database, start=start))
        if not (chosen and self.sessions.select_where(lambda i: i.id == chosen.id)):
            self.sessions.selectRow(0)
        self._show_session()

    def _show_session(self) -> None:
        info = self.current_session()
        booking = self.bookings.current()
        if info is None:
            self.heading.setText("No session chosen.")
            self.bookings.rows_model.set_rows(())
        else:
            waiting = f", {info.waiting} waiting" if info.waiting else ""
            self.heading.setText(
                f"<b>{escape(session_heading(info))}</b> — {places(info)} booked{waiting}")
            self.bookings.rows_model.set_rows(list_bookings(self.database, info.id))
            if not (booking and self.bookings.select_where(lambda b: b.id == booking.id)):
                self.bookings.selectRow(0)
        self.session_chosen.emit(info)

    def _run(self, action: Callable[[], Any], done: Callable[[Any], str]) -> None:
        """One service call; its result is told, a broken rule is shown, nothing else."""
        try:
            result = action()
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        self.refresh()
        self.feedback.tell(done(result))
        self.changed.emit()

    def _ask_delegate(self, title: str) -> DelegateChoice | None:
        return DelegateDialog.ask(self, self.database, title)

    def new_session(self) -> None:
        info = self.current_session()
        answer = SessionDialog.ask(self, self.database, info.course_id if info else None)
        if answer is not None:
            self._saved(answer[0], f"Scheduled {session_heading(answer[0])}.")

    def change_session(self) -> None:
        info = self.current_session()
        if info is None:
            return
        answer = SessionDialog.ask(self, self.database, info.course_id, info)
        if answer is not None:
            saved, promoted = answer
            text = f"Changed {session_heading(saved)}."
            if promoted:
                text += (f" Moved up from the waiting list: {', '.join(promoted)}; please let "
                         "them know.")
            self.mail_hint = (saved.id, "change")
            self._saved(saved, text + " Prepare e-mails (Ctrl+Shift+M) to tell the delegates.")

    def _saved(self, saved: SessionInfo, text: str) -> None:
        self.refresh()
        self.sessions.select_where(lambda i: i.id == saved.id)
        self.feedback.tell(text)
        self.changed.emit()

    def book_delegate(self) -> None:
        info = self.current_session()
        if info is None:
            self.feedback.problem("Choose a session to book onto.")
            return
        choice = self._ask_delegate("Book a delegate")
        if choice is None:
            return

        def told(booking: Any) -> str:
            if booking.waiting_position is not None:
                return (f"The session is full: {booking.person} is number "
                        f"{booking.waiting_position} on the waiting list.")
            return f"{booking.person} is booked."

        self._run(lambda: book(self.database, info.id, choice.person_id,
                               choice.new_delegate), told)

    def substitute_delegate(self) -> None:
        booking = self.bookings.current()
        if booking is None:
            self.feedback.problem("Choose the booking a colleague is to take over.")
            return
        choice = self._ask_delegate(f"Substitute for {booking.person}")
        if choice is None:
            return
        self._run(lambda: substitute(self.database, booking.id, choice.person_id,
                                     choice.new_delegate),
                  lambda new: f"{new.person} takes {booking.person}'s place.")

    def cancel_booking(self) -> None:
        booking = self.bookings.current()
        if booking is None:
            self.feedback.problem("Choose the booking to cancel.")
            return
        self._run(lambda: cancel_booking(self.database, booking.id), _cancellation_text)

    def cancel_session(self) -> None:
        info = self.current_session()
        if info is None:
            return
        answer = QMessageBox.question(
            self, "Cancel session",
            f"Cancel {session_heading(info)}?\n\nIts {info.places_taken} booking(s) and "
            f"{info.waiting} on the waiting list are cancelled, without charge.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.mail_hint = (info.id, "cancellation")
        self._run(lambda: cancel_session(self.database, info.id),
                  lambda r: f"Session cancelled, with its {r.bookings_cancelled} booking(s); "
                            "let the delegates know: Prepare e-mails (Ctrl+Shift+M).")


def _cancellation_text(result: Cancellation) -> str:
    text = f"{result.booking.person}'s booking is cancelled"
    if result.booking.charge_pence:
        text += (f" late: a charge of {format_pounds(result.booking.charge_pence)} is raised to "
                 f"{result.booking.agency or 'their agency'}")
    text += "."
    if result.promoted is not None:
        text += (f" {result.promoted.person} moved up from the waiting list into the place:"
                 " please let them know.")
    return text
