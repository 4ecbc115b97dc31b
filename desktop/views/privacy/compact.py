"""Compact the database… (Data protection menu), and the offer to after an erase or an
anonymisation on a database from before deletes were secure (services/privacy/compact.py).

The compaction runs off the UI thread behind a busy dialog with the time elapsed (VACUUM says
nothing of its progress). The dialog is application-modal: no window of Boardwork takes
input meanwhile, the minute-taking window included. Changes already on their way (the
minutes autosave's thread, a backup's record) wait for it to finish (queued, not refused:
`Database.writes_paused`), and are written afterwards. The result goes to the message bar
of the page shown, in words, with the sizes in MB.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.privacy.compact import (
    Compacted,
    compact_database,
    expected_seconds,
    file_size,
    last_compacted,
    megabytes,
    space_needed,
    upgrade_copies,
    upgrade_copies_note,
)
from desktop.services.privacy.leftovers import BACKUPS_BEFORE
from desktop.views import message_bar
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure

Tell = Callable[[str, str], None]  # (message_bar kind, text)
OFFER = "Compact now…"


def _duration(seconds: float) -> str:
    if seconds < 8:
        return "a few seconds"
    if seconds < 90:
        return f"about {round(seconds / 5) * 5:.0f} seconds"
    return f"about {round(seconds / 60):.0f} minutes"


def _room(path: Path) -> str:
    rooms = space_needed(path)
    if len(rooms) == 1:
        return (f"about {megabytes(rooms[0].needed)} free on its disk for a moment (a "
                "temporary copy and the new file)")
    disk, temp = rooms
    return (f"about {megabytes(disk.needed)} free on its disk and {megabytes(temp.needed)} "
            f"free in the temporary folder ({temp.folder}) for a moment")


class CompactDialog(QDialog):
    """What compacting does, how long it may take and what it needs, before it starts."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compactDialog")
        self.setWindowTitle("Compact the database")
        self.setMinimumWidth(560)
        path = database.path
        assert path is not None
        compacted = last_compacted(database)
        when = (f"It was last compacted, or made, on {compacted:%d %B %Y}: since then "
                "everything deleted has been overwritten at once, so there should be "
                "nothing left to clear." if compacted else
                "It has never been compacted, and was made before deletes were overwritten "
                "at once: it may still hold details deleted or erased before.")
        explain = QLabel(
            "Compacting rewrites the database file from what its records hold now. Details "
            "deleted or erased before this version of Boardwork can still lie in the file's "
            "free space (encrypted, but readable with its key); afterwards none of them can "
            f"be read in it. {when}\n\n"
            f"For this database ({megabytes(file_size(path))}) it takes "
            f"{_duration(expected_seconds(path))} (ten years of records: about 30 seconds), "
            f"and needs {_room(path)}. Nothing can "
            "be changed in Boardwork meanwhile: changes already on their way wait until it "
            "has finished. If it stops part-way (a full disk, the computer switched off), the "
            f"database stays as it was.\n\n{BACKUPS_BEFORE}"
            f"{upgrade_copies_note(upgrade_copies(path))}")
        explain.setObjectName("compactExplanation")
        explain.setWordWrap(True)
        explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                        | Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        start = QPushButton("&Compact now")
        start.setObjectName("compactStart")
        start.setDefault(True)
        buttons.addButton(start, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("compactCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        start.setFocus()


def page_shown(window: QWidget) -> QWidget:
    """The page shown in the main window (its message bar says the result), else `window`."""
    stack = getattr(window, "stack", None)
    page = stack.currentWidget() if isinstance(stack, QStackedWidget) else None
    return page if page is not None else window


def tell_on_page(widget: QWidget) -> Tell:
    """The message bar of the page `widget` is on, or of the page the main window shows."""
    return lambda kind, text: message_bar.report(page_shown(widget), kind, text, "Compact")


def ask_and_compact(window: QWidget, database: Database,
                    then: Callable[[Compacted], None] | None = None) -> None:
    """Data protection → Compact the database…: explained, then run when the user says so."""
    if database.read_only:
        tell_on_page(window)(message_bar.PROBLEM, "The database is open read-only: it cannot "
                             "be compacted.")
        return
    if CompactDialog(database, window).exec() == QDialog.DialogCode.Accepted:
        compact(window, database, tell_on_page(window), then)


def compact(parent: QWidget, database: Database, tell: Tell,
            then: Callable[[Compacted], None] | None = None) -> QDialog:
    """Run the compaction off the UI thread; `tell` gets the result, or the refusal, in
    words. Returns the busy dialog (shown while it runs)."""
    assert database.path is not None
    size = megabytes(file_size(database.path))
    expected = _duration(expected_seconds(database.path))
    started = time.monotonic()

    def elapsed_text() -> str:
        seconds = int(time.monotonic() - started)
        return (f"Compacting the database ({size}): {seconds // 60}:{seconds % 60:02d} so "
                f"far, {expected} in all.\nChanges wait until it has finished.")

    def done(result: Compacted) -> None:
        ticking.stop()
        tell(message_bar.SUCCESS if result.log_emptied else message_bar.WARNING,
             result.message())
        if then is not None:
            then(result)

    def failed(exc: Exception) -> None:
        ticking.stop()
        if isinstance(exc, USER_FACING_ERRORS):
            tell(message_bar.PROBLEM, str(exc))
        else:  # in plain words, without the exception's own text
            show_failure(parent, "Compact", exc)

    progress = run_in_background(parent, elapsed_text(), lambda: compact_database(database),
                                 done, failed)
    progress.setObjectName("compactProgress")
    # Every window: the minute-taking window too, whose changes would only wait.
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setWindowTitle("Compact the database")
    ticking = QTimer(progress)
    ticking.setInterval(1000)
    ticking.timeout.connect(lambda: progress.setLabelText(elapsed_text()))
    ticking.start()
    # At once rather than after run_in_background's 300 ms: the step was asked for just now
    # and stops every window, so the dialog saying why comes with the click.
    progress.show()
    return progress


def offer_text(database: Database) -> str:
    assert database.path is not None
    return (" This database was made before deletes were overwritten at once, so details "
            "deleted before may still lie in its file: compacting it clears them "
            f"({_duration(expected_seconds(database.path))}; nothing can be changed "
            "meanwhile).")


def offer_on_page(widget: QWidget, database: Database, said: str) -> None:
    """After an erase or anonymisation on an old database: the result, and the offer to
    compact it, in the message bar of the page `widget` is on (or in a message box)."""
    bar = message_bar.bar_for(widget)
    window = widget.window()
    if bar is None:
        message_bar.report(widget, message_bar.SUCCESS, said)
        return
    where = window if isinstance(window, QMainWindow) else widget
    bar.show_message(message_bar.SUCCESS, said + offer_text(database),
                     (OFFER, lambda: compact(window, database, tell_on_page(where))))
