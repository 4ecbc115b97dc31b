"""The File menu's operations on the whole database: import, export, backup.

Each runs in the background: a large import or a backup must not freeze the window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QStackedWidget

from desktop.services import maintenance
from desktop.services.files import write_text_atomically
from desktop.views.areas import AppContext
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.message_bar import SUCCESS, WARNING, report
from desktop.views.notices import EVERYTHING
from desktop.views.service_call import AmendmentReason

if TYPE_CHECKING:
    # The interchange (importer, exporter, their checks and records: 4 MB) is imported when
    # a file is imported or exported, not to build the File menu (benchmarks/FINDINGS.md).
    from desktop.services.interchange import ImportReport


class FileActions:
    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        self.window = window
        self.context = context

    def add_to(self, menu: QMenu, add: Callable[..., Any]) -> None:
        add(menu, "&Import data…", "importData", self.import_data, "Ctrl+I")
        add(menu, "&Export data…", "exportData", self.export_data, "Ctrl+Shift+E")
        add(menu, "&Back up…", "backUp", self.back_up, "Ctrl+Shift+B")

    def import_data(self) -> None:
        """The import wizard: Excel, CSV and Word files as well as Boardwork's own JSON."""
        from desktop.views.importing.wizard import ImportWizard

        ImportWizard(self.context, self.window).exec()

    def import_files(self, files: list[Path], reason: str | None = None) -> None:
        """Import `files`; where they change approved minutes, the user is shown which and
        asked for a reason, and the import is tried again recording amendments with it."""
        database = self.context.database

        def work() -> ImportReport:
            from desktop.services.interchange import import_documents, read_document

            documents = [(f.name, read_document(f)) for f in files]
            return import_documents(database, documents, reason)

        def failed(exc: Exception) -> None:
            from desktop.services.interchange import ApprovedMinutesChanged

            if isinstance(exc, ApprovedMinutesChanged) and reason is None:
                QMessageBox.warning(self.window, "Boardwork", "\n\n".join(exc.errors[:10]))
                asked = AmendmentReason.ask(self.window)
                if asked is not None:
                    self.import_files(files, asked)
                return
            self.show_error(exc)

        def done(report: ImportReport) -> None:
            self.context.notices.announce(*EVERYTHING)
            text = "The data was imported."
            if report.amended:
                text += f"\n\n{sum(report.amended.values())} change(s) to approved minutes were "
                text += "recorded as amendments."
            if report.warnings:
                text += "\n\nPlease check:\n" + "\n".join(report.warnings[:20])
            self.tell(WARNING if report.warnings else SUCCESS, text)

        run_in_background(self.window, "Importing…", work, done, failed)

    def export_data(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Export data", str(Path.home() / "boardwork-data.json"), "JSON (*.json)"
        )
        if not name:
            return
        database = self.context.database

        def work() -> Path:
            from desktop.services.interchange import export_data

            target = Path(name)
            text = json.dumps(export_data(database), ensure_ascii=False, indent=2)
            write_text_atomically(target, text)
            return target

        def done(path: Path) -> None:
            self.tell(SUCCESS, f"Exported to {path}")

        run_in_background(self.window, "Exporting…", work, done, self.show_error)

    def back_up(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Back up to folder",
                                                  str(Path.home()))
        if not folder:
            return
        database = self.context.database

        def done(path: Path) -> None:
            self.tell(SUCCESS, f"Backed up to {path}.")

        run_in_background(
            self.window, "Backing up…",
            lambda: maintenance.backup_database(database, Path(folder)), done, self.show_error,
        )

    def tell(self, kind: str, text: str) -> None:
        """In the message bar of the page shown, as the pages say what their own buttons did;
        in a box where the page has none (the start page)."""
        stack = getattr(self.window, "stack", None)
        page = stack.currentWidget() if isinstance(stack, QStackedWidget) else None
        report(page if page is not None else self.window, kind, text, "Boardwork")

    def show_error(self, exc: Exception) -> None:
        from desktop.services.interchange import ImportRejected

        if isinstance(exc, ImportRejected):
            QMessageBox.warning(self.window, "Boardwork",
                                "Nothing was imported:\n\n" + "\n".join(exc.errors[:30]))
        else:  # in plain words, without the exception's own text
            show_failure(self.window, "Boardwork", exc)
