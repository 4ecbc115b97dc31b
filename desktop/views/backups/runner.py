"""Automatic backups while the app runs and when it closes, with their state in the status
bar: in words, and marked when the user should act."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from desktop.services import backups, structure_check
from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.views.background import run_in_background, run_quietly

CHECK_EVERY_MS = 10 * 60 * 1000  # whether a backup is due; the status's wording too


class AutoBackup(QObject):
    def __init__(self, window: QMainWindow, database: Database,
                 clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.clock = clock
        self.running = False
        self.closing: Callable[[], None] | None = None  # closing waits for a backup running
        self.failure: str | None = None  # the last automatic backup's failure, in words
        self.label = QLabel()
        self.label.setObjectName("backupStatus")
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        # The daily structure check waits for the timer: never in the minutes after start.
        self.timer.timeout.connect(lambda: self.check(structure=True))
        self.timer.start()
        self.label.setText("Backup: checking…")
        # After the window is painted: the folder may be a slow or absent network drive.
        QTimer.singleShot(0, self, self.check)

    def check(self, structure: bool = False) -> None:
        """Off the UI thread: a backup when one is due, and the folder read for the status
        (a network drive that is not connected can take seconds to say so). With
        `structure`, the database's daily structure check too, when it is due."""
        if self.running:
            return
        self.running = True
        plan = backups.load_plan(self.database)
        read_only = self.database.read_only

        def work() -> backups.BackupStatus:
            if not read_only and backups.is_due(plan, self.clock()):
                backups.make_backup(self.database, plan, self.clock())
            # At most once a day: the structure check that no longer slows every backup.
            if structure and structure_check.is_due(self.database, self.clock()):
                structure_check.check_structure(self.database, self.clock())
            return backups.backup_status(plan, self.clock(),
                                         structure_check.last_check(self.database))

        run_quietly(self, work, self._done, self._failed)

    def _done(self, status: backups.BackupStatus) -> None:
        self.running = False
        self.failure = None
        self._show(status)
        self._go_on_closing()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.failure = describe(error)
        self._show(backups.BackupStatus("", True))
        self._go_on_closing()

    def _show(self, status: backups.BackupStatus) -> None:
        text = status.text if self.failure is None else f"Backup failed: {self.failure}"
        warning = status.warning or self.failure is not None
        self.label.setText(f"⚠ {text}" if warning else text)
        self.label.setAccessibleName(f"Backup: {text}")
        self.label.setToolTip("File → Automatic backups… sets the folder and how often.")

    def _go_on_closing(self) -> None:
        if self.closing is not None:
            then, self.closing = self.closing, None
            then()

    def show_status(self) -> None:
        status = backups.backup_status(backups.load_plan(self.database), self.clock(),
                                       structure_check.last_check(self.database))
        text = status.text if self.failure is None else f"Backup failed: {self.failure}"
        warning = status.warning or self.failure is not None
        self.label.setText(f"⚠ {text}" if warning else text)
        self.label.setAccessibleName(f"Backup: {text}")
        self.label.setToolTip("File → Automatic backups… sets the folder and how often.")

    def before_closing(self, then: Callable[[], None]) -> bool:
        """On closing: a backup of the day's work first, with progress shown, then `then`
        (after a failure is shown). False when there is nothing to do: close at once."""
        plan = backups.load_plan(self.database)
        if plan.folder is None or self.database.read_only or not plan.folder.is_dir():
            return False  # off, or a drive not connected: the status bar has said so all day
        self.timer.stop()
        if self.running:  # a backup already on its way: closing waits for it
            structure_check.interrupt()  # but not for the daily check: it runs another day
            self.closing = then
            return True

        def failed(error: Exception) -> None:
            QMessageBox.warning(self.window, "Backup", "No backup was made on closing: "
                                f"{describe(error)}\n\nYour data is safe in the database; "
                                "check the backup folder (File → Automatic backups…).")
            then()

        run_in_background(self.window, "Backing up before closing…",
                          lambda: backups.make_backup(self.database, plan, self.clock()),
                          lambda _path: then(), failed)
        return True


def describe(error: Exception) -> str:
    """The failure in words: it names the folder and the cause, never anything recorded."""
    if isinstance(error, (ValueError, *USER_FACING_ERRORS)):
        return str(error)
    return "the copy could not be written."
