"""The sessions list (what is coming and how full) with the selected session's bookings and
waiting list: schedule, change or cancel a session here; book, substitute and cancel a
booking in session_bookings.py; its papers and e-mails in session_papers.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.training import (
    SessionInfo,
    cancel_session,
    list_bookings,
    list_sessions,
)
from desktop.views.page_layout import OverflowToolbar
from desktop.views.table_models.training_bookings import BookingsTableModel
from desktop.views.table_models.training_sessions import (
    SessionsTableModel,
    places,
    session_heading,
)
from desktop.views.text import escape, show_date, show_time
from desktop.views.training.calendar import SessionCalendar
from desktop.views.training.filters import SessionFilters, follow
from desktop.views.training.session_bookings import PROBLEMS, BookingCommands
from desktop.views.training.session_form import SessionDialog
from desktop.views.training.session_papers import SessionPapers
from desktop.views.widgets import Feedback, RowsTable, button


class SessionsPanel(BookingCommands, SessionPapers, QWidget):
    """The sessions list and calendar, the chosen session's bookings, and the changes to a
    session itself; the bookings commands are in session_bookings.py, its documents and
    e-mails in session_papers.py."""

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
        self.filters = SessionFilters()
        # While a filter is typed, the chosen session's bookings and the calendar follow the
        # list's cursor after a pause (they read the database), not on every keystroke.
        self.typing = False
        self.filters.changed.connect(self._typing)  # before follow(): told first
        self.details = QTimer(self)
        self.details.setSingleShot(True)
        self.details.setInterval(150)
        self.details.timeout.connect(self._show_session)
        self.apply_filters = follow(self.filters, self.sessions, self.filters.test,
                                    self._filtered, self.filters.fields)
        self._shown_id: int | None = None
        self.calendar = SessionCalendar(self._calendar_sessions)
        self.calendar.day_opened.connect(self.open_from_calendar)
        self.heading = QLabel()
        self.heading.setObjectName("sessionHeading")
        self.heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        # The shared toolbar (desktop/views/page_layout.py): what does not fit goes into More.
        top = OverflowToolbar()
        top.setObjectName("sessionsToolbar")
        top.add(self.past, overflow=False)
        top.add(button("&New session…", "newSession", self.new_session, "Ctrl+N"))
        top.add(button("Change sessi&on…", "changeSession", self.change_session, "Ctrl+E"))
        layout.addWidget(top)
        layout.addWidget(self.filters)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._list_and_calendar())
        splitter.addWidget(self._bookings_pane())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.feedback)
        self.sessions.selectionModel().currentRowChanged.connect(lambda *_: self._cursor_moved())
        self.sessions.sortByColumn(SessionsTableModel.COL_DATE, Qt.SortOrder.AscendingOrder)
        self.today = dt.date.today
        # The clock the booking rules are judged by (a test sets its own).
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now().replace(microsecond=0)
        # (session id, kind of e-mail) its last change calls for, offered by Prepare e-mails.
        self.mail_hint: tuple[int, str] | None = None

    def _list_and_calendar(self) -> QWidget:
        beside = QSplitter(Qt.Orientation.Horizontal)
        beside.setObjectName("sessionsAndCalendar")
        beside.addWidget(self.sessions)
        beside.addWidget(self.calendar)
        beside.setStretchFactor(0, 1)
        beside.setStretchFactor(1, 1)
        return beside

    def _calendar_sessions(self, first: dt.date, last: dt.date) -> tuple[SessionInfo, ...]:
        return list_sessions(self.database, first, last)

    def _typing(self) -> None:
        self.typing = True

    def _cursor_moved(self) -> None:
        if self.typing:
            self.details.start()
        else:
            self._show_session()

    def _filtered(self) -> None:
        # A date from before today asks for past sessions, which the list leaves out unless
        # told: tick the box (its refresh filters again) rather than show nothing.
        first = self.filters.date_of(self.filters.first)
        if first is not None and first < self.today() and not self.past.isChecked():
            self.past.setChecked(True)
            return
        # The calendar shows what the list would, past or not: the same choices apply.
        self.calendar.set_test(self.filters.calendar_test())
        if self.typing:
            self.typing = False
            self.details.start()
        else:
            self._show_session()

    def open_from_calendar(self, day_sessions: list[SessionInfo]) -> None:
        """Enter on a day: its session in the list (the next of that day on each Enter)."""
        chosen = self.current_session()
        ids = [s.id for s in day_sessions]
        at = ids.index(chosen.id) + 1 if chosen is not None and chosen.id in ids else 0
        self.open_session(day_sessions[at % len(ids)].id)
        self.sessions.setFocus()

    def open_session(self, session_id: int) -> bool:
        """Put the cursor on a session, past or filtered out as it may be."""
        if self.sessions.select_where(lambda i: i.id == session_id):
            return True
        self.filters.clear()
        if not self.past.isChecked():
            self.past.setChecked(True)
        return self.sessions.select_where(lambda i: i.id == session_id)

    def _bookings_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        row = OverflowToolbar()
        row.setObjectName("bookingsToolbar")
        for text, name, slot, key in (
            ("&Book delegate…", "bookDelegate", self.book_delegate, "Ctrl+D"),
            # No Alt letter free on this page (Alt+L is the filter): Ctrl+Shift+K.
            ("Book several…", "bookSeveral", self.book_several, "Ctrl+Shift+K"),
            ("S&ubstitute…", "substituteDelegate", self.substitute_delegate, "Ctrl+U"),
            ("Cancel boo&king", "cancelBooking", self.cancel_booking, "Ctrl+Del"),
            ("Canc&el session…", "cancelSession", self.cancel_session, ""),
            ("Reg&ister…", "exportRegister", lambda: self.export_papers(False), ""),
            ("Cer&tificates…", "exportCertificates", lambda: self.export_papers(True), ""),
            ("E&xport delegates…", "exportDelegates", self.export_delegates, ""),
            # No Alt letter free on this page (Alt+M is From:): Ctrl+Shift+M.
            ("Prepare e-mails…", "prepareEmails", self.prepare_emails, "Ctrl+Shift+M"),
        ):
            row.add(button(text, name, slot, key))
        layout.addWidget(row)
        layout.addWidget(self.bookings, 1)
        return pane

    def current_session(self) -> SessionInfo | None:
        info: SessionInfo | None = self.sessions.current()
        return info

    def refresh(self) -> None:
        chosen = self.current_session()
        start = None if self.past.isChecked() else self.today()
        rows = list_sessions(self.database, start=start)
        self.filters.set_courses(rows)
        self.sessions.rows_model.set_rows(rows)
        self.apply_filters()
        if not (chosen and self.sessions.select_where(lambda i: i.id == chosen.id)):
            self.sessions.selectRow(0)
        self.calendar.reload()
        self._show_session(force=True)

    def _show_session(self, force: bool = False) -> None:
        self.details.stop()
        info = self.current_session()
        # While a filter is typed the cursor mostly stays on the same session: its bookings
        # are read again only when it moves, or after a change (a refresh forces it).
        if not force and (info.id if info else None) == self._shown_id:
            return
        self._shown_id = info.id if info else None
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
        self.calendar.show_session(info)
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
            self._saved(saved, text)
            if saved.start != info.start:
                self.mail_hint = (saved.id, "change")  # what Prepare e-mails offers next
                self._tell_of_move(info, saved)

    def _tell_of_move(self, before: SessionInfo, after: SessionInfo) -> None:
        """A session moved with people booked: who to tell, with their e-mail addresses."""
        people = [b for b in list_bookings(self.database, after.id)
                  if b.status in ("booked", "waiting")]
        if not people:
            return
        lines = [f"{b.person}" + (f" <{b.email}>" if b.email else " (no e-mail recorded)")
                 + (" — on the waiting list" if b.status == "waiting" else "")
                 for b in people]
        self.show_to_tell(
            f"The session moved from {show_date(before.start.date())} "
            f"{show_time(before.start.time())} to {show_date(after.start.date())} "
            f"{show_time(after.start.time())}. Please tell the {len(people)} "
            f"{'person' if len(people) == 1 else 'people'} booked or waiting:\n\n"
            + "\n".join(lines))
        self.feedback.tell(f"Moved: please tell the {len(people)} booked or waiting "
                           f"({', '.join(b.person for b in people)}): Prepare e-mails "
                           "(Ctrl+Shift+M) writes them a draft each.")

    def show_to_tell(self, text: str) -> None:
        QMessageBox.information(self, "Tell those booked", text)

    def _saved(self, saved: SessionInfo, text: str) -> None:
        self.refresh()
        self.sessions.select_where(lambda i: i.id == saved.id)
        self.feedback.tell(text)
        self.changed.emit()

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
