"""Save a meeting's calendar invitation (.ics) from its Export menu: to the group's members,
with the agenda inside; the people without an e-mail address are named afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.exports.mail_attachments import agenda_pdf
from desktop.services.database import Database
from desktop.services.files import write_atomically
from desktop.services.outlook.invitations import Invitation, meeting_invitation
from desktop.views import message_bar
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure


class AskFile:
    """Where to save; tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, suggested: Path) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Save the calendar invitation",
                                                str(suggested),
                                                "Calendar invitation (*.ics)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")


def invitation_summary(invitation: Invitation, path: Path) -> str:
    what = {"CANCEL": "cancellation"}.get(invitation.method,
                                          "update" if invitation.sequence else "invitation")
    text = (f"Saved the {what} to {len(invitation.attendees)} people as {path.name}. "
            "Open it in Outlook and send it.")
    if invitation.without_address:
        text += ("\n\nNo e-mail address for: "
                 + ", ".join(p.name for p in invitation.without_address) + ".")
    return text


def export_meeting_invitation(parent: QWidget, db: Database, meeting_id: int,
                              suggested: Path | None = None) -> None:
    from desktop.views.export_document import meeting_file_name

    name = meeting_file_name(db, meeting_id, "invitation")
    path = AskFile.ask(parent, suggested or Path.home() / f"{name}.ics")
    if path is None:
        return

    def work() -> Invitation:
        invitation = meeting_invitation(db, meeting_id, agenda_pdf=agenda_pdf(db, meeting_id))
        with write_atomically(path) as temporary:
            temporary.write_bytes(invitation.data)
        return invitation

    def done(invitation: Invitation) -> None:
        message_bar.report(parent, message_bar.SUCCESS, invitation_summary(invitation, path),
                           "Calendar invitation")

    run_in_background(parent, "Writing the calendar invitation…", work, done,
                      lambda exc: show_failure(parent, "Calendar invitation", exc,
                                               lead="Nothing was written. "))
