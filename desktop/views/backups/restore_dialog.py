"""File → Restore from a backup…: choose a copy, see its date and what it holds, confirm.

The restore itself is the service `boardwork restore` uses (services/restore.py): the backup
is checked, the database it replaces is kept beside it under a dated name, and the window
opens the restored database again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import backups
from desktop.services.contents import BackupContents, backup_contents, database_contents
from desktop.services.database import USER_FACING_ERRORS, CannotOpen, KeyStore
from desktop.services.restore import RestoreResult
from desktop.views.background import run_in_background
from desktop.views.text import escape

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow

BACKUP_FILES = "Boardwork backups (*.db);;All files (*)"
CHOOSE = "Choose a backup to see its date and what it holds."


class RestoreDialog(QDialog):
    """Accepted once a backup has been read and the user has confirmed replacing."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from a backup")
        self.setMinimumWidth(640)
        self.window_ = window
        self.database = window.database
        self.read: BackupContents | None = None
        self.reading = 0  # which reading of a chosen file is the latest
        plan = backups.load_plan(self.database)
        assert self.database.path is not None
        self.start_folder = plan.folder if plan.folder else self.database.path.parent
        intro = QLabel("The backup you choose takes the place of the database you are "
                       "working in. The database it replaces is kept beside it under a dated "
                       "name, so nothing is lost if you chose the wrong copy.")
        intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setObjectName("restoreFile")
        self.file.setAccessibleName("Backup file")
        self.file.setPlaceholderText("Choose the backup file…")
        self.file.editingFinished.connect(self.read_backup)
        browse = QPushButton("Bro&wse…")  # Alt+R is Restore
        browse.setObjectName("restoreBrowse")
        browse.clicked.connect(self.browse)
        self.key = QLineEdit()
        self.key.setObjectName("restoreRecoveryKey")
        self.key.setAccessibleName("Recovery key of the backup")
        self.key.setPlaceholderText("Only for a backup made on another computer")
        self.key.editingFinished.connect(self.read_backup)
        where = QHBoxLayout()
        where.addWidget(self.file, 1)
        where.addWidget(browse)
        form = QFormLayout()
        file_label = QLabel("&Backup:")
        file_label.setBuddy(self.file)
        form.addRow(file_label, where)
        form.addRow("Recovery &key:", self.key)
        self.summary = QLabel(CHOOSE)
        self.summary.setObjectName("restoreSummary")
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(70)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setMargin(6)
        current = QLabel(f"<b>Now in use:</b> {escape(str(self.database.path))}<br>"
                         f"{escape(database_contents(self.database).summary())}")
        current.setObjectName("restoreCurrent")
        current.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore this backup…",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(current)
        layout.addWidget(buttons)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a backup", str(self.start_folder),
                                              BACKUP_FILES)
        if name:
            self.file.setText(name)
            self.read_backup()

    def source(self) -> Path | None:
        text = self.file.text().strip()
        return Path(text).expanduser() if text else None

    def recovery_key(self) -> str | None:
        return self.key.text().strip() or None

    def read_backup(self) -> None:
        """Off the UI thread: a backup on a network drive may take a while to read."""
        source = self.source()
        self.read = None
        self.restore_button.setEnabled(False)
        # Only the latest reading is shown: an earlier one may finish after it.
        self.reading += 1
        reading = self.reading
        if source is None:
            self.summary.setText(CHOOSE)
            return
        assert self.database.key is not None
        key, recovery_key = self.database.key, self.recovery_key()
        self.summary.setText("Reading the backup…")

        def show(read: BackupContents) -> None:
            if reading == self.reading:
                self._show(read)

        def not_read(exc: Exception) -> None:
            if reading == self.reading:
                self._not_read(exc)

        run_in_background(self, "Reading the backup…",
                          lambda: backup_contents(source, key, recovery_key), show, not_read)

    def _show(self, read: BackupContents) -> None:
        self.read = read
        self.summary.setText(
            f"<b>Backup made</b> {read.written:%A %d %B %Y at %H:%M}<br>"
            f"<b>It holds</b> {escape(read.contents.summary())}")
        self.restore_button.setEnabled(True)

    def _not_read(self, exc: Exception) -> None:
        if isinstance(exc, CannotOpen):
            text = ("This file does not open with this database's key: it is not a Boardwork "
                    "backup, it is damaged, or it was made on another computer (then type "
                    "that database's recovery key above).")
        elif isinstance(exc, USER_FACING_ERRORS):
            text = str(exc)
        else:
            text = "This file cannot be read as a Boardwork backup."
        self.summary.setText(text)

    def confirm(self) -> None:
        if self.read is None:
            return
        answer = QMessageBox.question(
            self, "Replace the database?",
            f"Replace the database with the backup made {self.read.written:%d/%m/%Y %H:%M}?"
            "\n\nEverything entered since that backup will not be in the restored database. "
            "The database now in use is kept beside it, under a name with today's date.")
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()


def restore_from_backup(window: MainWindow) -> None:
    """The whole of File → Restore: choose, confirm, restore, reopen, say what happened."""
    from desktop.views.start.session import AppSession, say_failure

    dialog = RestoreDialog(window)
    if not dialog.exec():
        return
    source = dialog.source()
    assert source is not None
    session = window.session
    if session is None:  # a window opened without a session (a script): adopt it
        session = AppSession.adopting(window, KeyStore())

    def done(result: RestoreResult) -> None:
        new = session.window
        kept = (f"\n\nThe database it replaced is kept at {result.replaced_copy}."
                if result.replaced_copy else "")
        QMessageBox.information(new, "Restored", f"The backup {result.restored_from.name} "
                                f"is now the database.{kept}\n\n{result.key_note}")

    def failed(exc: Exception) -> None:
        say_failure(session.window, "Not restored", exc)

    session.restore(source, dialog.recovery_key(), done, failed)
