"""After a crash or a flat battery: back to the meeting and item being minuted (the main
window offers it once its page is filled; desktop/app.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.views.minute_taking.session import unfinished_session, what_was_saved

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.views.main_window import MainWindow


def offer_to_resume(window: MainWindow) -> QWidget | None:
    """Ask whether to reopen the minutes where they were left; the view reopened, if so
    (kept as `window.resumed`)."""
    session = unfinished_session()
    if session is None:
        return None  # the usual case: nothing more is loaded at start
    from desktop.services.meetings import meeting_record
    from desktop.views.minute_taking.dialogs import Ask
    from desktop.views.minute_taking.view import MinuteTakingView

    meeting_id, item_id = session
    try:
        record = meeting_record(window.database, meeting_id)
    except LookupError:
        return None
    item = next((i for i in record.items if i.id == item_id), None)
    where = f" at item {item.number}" if item else ""
    if not Ask.yes(window, "Carry on taking minutes?",
                   f"Boardwork closed while you were taking the minutes of "
                   f"{record.details.board}, {record.details.date:%d/%m/%Y}{where}. "
                   f"{what_was_saved()} Open the meeting there again?"):
        return None
    view = MinuteTakingView(window.database, window.context.notices, meeting_id,
                            item.id if item else None)
    window.resumed = view
    view.showMaximized()
    view.activateWindow()  # the keyboard to the minutes, as F10 gives it (meeting_editor.py)
    return view
