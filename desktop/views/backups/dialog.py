"""File → Automatic backups…: where copies go, how often, how many are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services import backups
from desktop.services.backups import BackupPlan
from desktop.services.database import Database
from desktop.services.errors import InvalidInput


def _spin(name: str, accessible: str, value: int, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class BackupDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle("Automatic backups")
        self.database = database
        plan = backups.load_plan(database)
        self.folder = QLineEdit(str(plan.folder) if plan.folder else "")
        self.folder.setObjectName("backupFolder")
        self.folder.setAccessibleName("Backup folder")
        self.folder.setPlaceholderText("None: automatic backups are off")
        self.browse = QPushButton("B&rowse…")
        self.browse.setObjectName("backupBrowse")
        self.browse.clicked.connect(self._browse)
        low, high = backups.LIMITS["every_hours"]
        self.every = _spin("backupEvery", "Back up every, hours", plan.every_hours, low, high,
                           " hours")
        low, high = backups.LIMITS["keep_daily"]
        self.daily = _spin("backupDaily", "Daily copies kept", plan.keep_daily, low, high, "")
        low, high = backups.LIMITS["keep_weekly"]
        self.weekly = _spin("backupWeekly", "Weekly copies kept", plan.keep_weekly, low, high,
                            "")
        self.message = QLabel()
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        self._lay_out()
        self._show_status()

    def _lay_out(self) -> None:
        intro = QLabel("A copy of the database, encrypted as it is, is made in this folder "
                       "when Boardwork closes and every few hours while it runs. Choose a "
                       "network drive or a synced folder, so that a lost or broken laptop "
                       "does not take the records with it.")
        intro.setWordWrap(True)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        label = QLabel("&Folder:")
        label.setBuddy(self.folder)  # a row holding a layout gets no buddy of its own
        form.addRow(label, where)
        form.addRow("Back up &every:", self.every)
        form.addRow("&Daily copies kept:", self.daily)
        form.addRow("&Weekly copies kept:", self.weekly)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _browse(self) -> None:
        start = self.folder.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Backup folder", start)
        if chosen:
            self.folder.setText(chosen)

    def plan(self) -> BackupPlan:
        text = self.folder.text().strip()
        return BackupPlan(Path(text) if text else None, self.every.value(),
                          self.daily.value(), self.weekly.value())

    def _show_status(self) -> None:
        status = backups.backup_status(backups.load_plan(self.database), dt.datetime.now())
        self.message.setText(status.text)

    def save(self) -> None:
        try:
            backups.save_plan(self.database, self.plan())
        except InvalidInput as exc:
            self.message.setText(exc.message)
            (self.folder if exc.field == "folder" else self.every).setFocus()
            return
        self.accept()
