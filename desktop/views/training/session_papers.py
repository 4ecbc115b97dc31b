"""What goes out about the chosen training session: its register (sign-in sheet), the
attendees' certificates, the delegates list to Excel, and e-mails to the delegates.

Separate from sessions.py, which lists the sessions and changes them: these are the
bookings toolbar's documents and drafts, each one file or dialog away. `SessionsPanel`
takes them in as a mixin, so its buttons and tests call them on the panel as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.services.documents.training_session import issuer_warning
from desktop.views.export_document import export_document, session_writer
from desktop.views.table_models.training_sessions import places, session_heading
from desktop.views.training.excel import ask_xlsx_path, write_xlsx
from desktop.views.widget_mixin import WidgetMixin

if TYPE_CHECKING:

    from desktop.services.database import Database
    from desktop.services.training import SessionInfo
    from desktop.views.widgets import Feedback, RowsTable



class SessionPapers(WidgetMixin):
    """The documents and e-mails of `SessionsPanel` (sessions.py), which sets what is
    declared here."""

    database: Database
    bookings: RowsTable
    feedback: Feedback
    # (session id, kind of e-mail) the last change calls for, offered by Prepare e-mails.
    mail_hint: tuple[int, str] | None

    if TYPE_CHECKING:
        def current_session(self) -> SessionInfo | None: ...

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
