"""Places on the chosen training session: book a delegate (or several, an agency's
nominations), substitute a colleague, cancel a booking with its reason and any late
charge.

Separate from sessions.py, which lists the sessions and changes the sessions themselves:
these are the bookings toolbar's commands. `SessionsPanel` takes them in as a mixin, so its
buttons, shortcuts and tests call them on the panel as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from desktop.services.database import USER_FACING_ERRORS
from desktop.services.figures import format_pounds
from desktop.services.training import (
    CANCELLATION_REASONS,
    Cancellation,
    TrainingError,
    book,
    cancel_booking,
    charge_if_cancelled,
    earlier_attendance,
    substitute,
)
from desktop.views.table_models.training_sessions import session_heading
from desktop.views.text import show_date
from desktop.views.training.bulk_dialog import BulkBookingDialog
from desktop.views.training.delegate_dialog import DelegateChoice, DelegateDialog
from desktop.views.training.reason_dialog import ReasonDialog
from desktop.views.widget_mixin import WidgetMixin

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from desktop.services.database import Database
    from desktop.services.training import SessionInfo
    from desktop.views.widgets import Feedback, RowsTable


# What a booking or session change may refuse with: shown in the panel's message line.
PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


class BookingCommands(WidgetMixin):
    """The bookings commands of `SessionsPanel` (sessions.py), which sets what is declared
    here."""

    database: Database
    bookings: RowsTable
    feedback: Feedback
    changed: SignalInstance
    now: Callable[[], dt.datetime]

    if TYPE_CHECKING:
        def current_session(self) -> SessionInfo | None: ...
        def refresh(self) -> None: ...
        def _run(self, action: Callable[[], Any], done: Callable[[Any], str]) -> None: ...

    def _ask_delegate(self, title: str) -> DelegateChoice | None:
        return DelegateDialog.ask(self, self.database, title)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

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
