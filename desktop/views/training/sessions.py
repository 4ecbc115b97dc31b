"""The sessions list (what is coming and how full) with the selected session's bookings and
waiting list: book, substitute, cancel a booking, cancel the session."""

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

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.documents.training_session import issuer_warning
from desktop.services.figures import format_pounds
from desktop.services.training import (
    CANCELLATION_REASONS,
    Cancellation,
    SessionInfo,
    TrainingError,
    book,
    cancel_booking,
    cancel_session,
    charge_if_cancelled,
    earlier_attendance,
    list_bookings,
    list_sessions,
    substitute,
)
from desktop.views.export_document import export_document, session_writer
from desktop.views.page_layout import OverflowToolbar
from desktop.views.table_models.training_bookings import BookingsTableModel
from desktop.views.table_models.training_sessions import SessionsTableModel, places
from desktop.views.text import escape, show_date, show_time
from desktop.views.training.bulk_dialog import BulkBookingDialog
from desktop.views.training.calendar import SessionCalendar
from desktop.views.training.delegate_dialog import DelegateChoice, DelegateDialog
from desktop.views.training.excel import ask_xlsx_path, write_xlsx
from desktop.views.training.filters import SessionFilters, follow
from desktop.views.training.reason_dialog import ReasonDialog
from desktop.views.training.session_form import SessionDialog
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

    def export_papers(self, certificates: bool) -> None:
        """The sign-in sheet of the chosen session, or a certificate for each attendee."""
        info = self.current_session()
        if info is None:
            return
        what = "certificates" if certificates else "register"
        if certificates and not self._issuer_confirmed():
            return
        export_document(self, f"Export {what}", f"{what}-{info.start:%Y-%m-%d}",
                        session_writer(self.database, info.id, certificates))

    def _issuer_confirmed(self) -> bool:
        """Certificates that would not say who issued them: say so, and let the person go
        on (the settings can wait) or stop and fill them in."""
        warning = issuer_warning(self.database)
        if warning is None:
            return True
        answer = QMessageBox.warning(
            self, "Export certificates", f"{warning}\n\nExport the certificates anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def export_delegates(self) -> None:
        """The chosen session's bookings and waiting list, as listed, to Excel."""
        info = self.current_session()
        if info is None:
            self.feedback.problem("Choose a session whose delegates to export.")
            return
        path = ask_xlsx_path(self, "Export delegates",
                             f"{info.course} {info.start:%Y-%m-%d} delegates")
        if path is None:
            return
        from desktop.exports.bookings_xlsx import write_delegates_xlsx

        bookings = self.bookings.rows_model.rows
        title = session_heading(info)
        subtitle = f"{places(info)} booked" + (f", {info.waiting} waiting" if info.waiting
                                                else "")
        write_xlsx(self, self.feedback, path,
                   lambda target: write_delegates_xlsx(title, subtitle, bookings, target))

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

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

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
        if choice.person_id is not None:
            attended = earlier_attendance(self.database, info.id, choice.person_id)
            if attended and not self.confirm("Attended before", (
                    f"They attended {info.course} on "
                    f"{', '.join(show_date(day.date()) for day in attended)}. Book again?")):
                return

        def told(booking: Any) -> str:
            if booking.waiting_position is not None:
                return (f"The session is full: {booking.person} is number "
                        f"{booking.waiting_position} on the waiting list.")
            return f"{booking.person} is booked."

        self._run(lambda: book(self.database, info.id, choice.person_id,
                               choice.new_delegate, now=self.now()), told)

    def book_several(self) -> None:
        """An agency's nominations, booked in one go; the message says who went where."""
        info = self.current_session()
        if info is None:
            self.feedback.problem("Choose a session to book onto.")
            return
        result = BulkBookingDialog.ask(self, self.database, info.id, session_heading(info))
        if result is not None:
            self.refresh()
            self.feedback.tell(result.describe())
            self.changed.emit()

    def substitute_delegate(self) -> None:
        booking = self.bookings.current()
        if booking is None:
            self.feedback.problem("Choose the booking a colleague is to take over.")
            return
        choice = self._ask_delegate(f"Substitute for {booking.person}")
        if choice is None:
            return
        self._run(lambda: substitute(self.database, booking.id, choice.person_id,
                                     choice.new_delegate, now=self.now()),
                  lambda new: f"{new.person} takes {booking.person}'s place.")

    def cancel_booking(self) -> None:
        booking = self.bookings.current()
        if booking is None:
            self.feedback.problem("Choose the booking to cancel.")
            return
        info = self.current_session()
        where = f" on {session_heading(info)}" if info else ""
        question = (f"Take {booking.person} off the waiting list{where}?"
                    if booking.status == "waiting" else f"Cancel {booking.person}'s place{where}?")
        try:
            charge = charge_if_cancelled(self.database, booking.id, self.now())
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        if charge:
            question += (f" This is a late cancellation: a charge of {format_pounds(charge)} "
                         f"is raised to {booking.agency or 'their agency'}.")
        confirmed, reason = self.ask_cancel_reason(question)
        if not confirmed:
            return
        self._run(lambda: cancel_booking(self.database, booking.id, now=self.now(),
                                         reason=reason), _cancellation_text)

    def ask_cancel_reason(self, question: str) -> tuple[bool, Any]:
        return ReasonDialog.ask(self, "Cancel a place", question, CANCELLATION_REASONS,
                                "&Cancel the place", "&Keep the place")

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
