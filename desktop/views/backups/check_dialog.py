"""Help → Check the database…: the same check as `boardwork check`, said in plain words.

Reading every page of a large database takes a while: the check runs off the UI thread, and
the window stays usable behind the dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.services.contents import database_contents
from desktop.services.database import KeyStore
from desktop.services.maintenance import CheckReport, check_database
from desktop.views.background import run_quietly
from desktop.views.text import escape

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow


class CheckDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("checkDialog")
        self.setWindowTitle("Check the database")
        self.setMinimumWidth(600)
        self.report: CheckReport | None = None
        database = window.database
        assert database.path is not None
        self.path = database.path
        keys = window.session.keys if window.session is not None else KeyStore()
        self.outcome = QLabel(f"Checking {escape(str(self.path))}: every page is read and its "
                             "encryption, structure and links between records are "
                             "checked…")
        self.outcome.setObjectName("checkResult")
        self.outcome.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # a check cannot say how far it has got
        self.busy.setAccessibleName("Checking")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.outcome)
        layout.addWidget(self.busy)
        layout.addWidget(buttons)
        summary = database_contents(database).summary()
        path = self.path
        run_quietly(self, lambda: check_database(path, keys),
                    lambda report: self._show(report, summary), self._failed)

    def _show(self, report: CheckReport, summary: str) -> None:
        self.report = report
        self.busy.hide()
        if report.ok:
            self.outcome.setText(
                f"<p><b>No problems found.</b></p><p>{escape(str(self.path))} opens with its "
                "key, every page is whole, and every record refers to records that exist "
                f"(schema {escape(report.schema or '')}).</p><p>It holds "
                f"{escape(summary)}</p>")
        else:
            items = "".join(f"<li>{escape(p)}</li>" for p in report.problems)
            self.outcome.setText(
                f"<p><b>{len(report.problems)} problem(s) found</b> in "
                f"{escape(str(self.path))}:</p><ul>{items}</ul><p>Your work so far is still "
                "in the database. Restore a recent backup (File → Restore from a backup…) "
                "or ask your IT support before going on.</p>")
        self.close_button.setFocus()
        self.adjustSize()  # the result is longer than "Checking…": all of it in sight

    def _failed(self, _exc: Exception) -> None:
        self.busy.hide()
        self.outcome.setText("The check could not be run: the database file could not be "
                            "read. Nothing was changed.")
        self.adjustSize()
