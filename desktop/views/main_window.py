"""The main window: the areas of the application, and the file operations on the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.services import maintenance
from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.interchange import (
    ImportRejected,
    export_data,
    import_documents,
    read_document,
)
from desktop.services.overview import database_summary
from desktop.views.background import run_in_background


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OverviewPage(QWidget):
    """What the database holds: counts per area and the next meetings."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self.database = database
        self.heading = QLabel("<h2>Overview</h2>")
        self.grid = QGridLayout()
        self.upcoming = QLabel()
        self.upcoming.setObjectName("upcomingMeetings")
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        layout.addSpacing(12)
        layout.addWidget(self.upcoming)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        summary = database_summary(self.database)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, (label, count) in enumerate(summary.counts.items()):
            name = QLabel(label)
            value = QLabel(f"{count:,}")
            value.setObjectName("count_" + label.lower().replace(" ", "_"))
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
        self.grid.setColumnStretch(2, 1)
        if summary.upcoming:
            lines = "".join(
                f"<li>{m.date:%d/%m/%Y} — {_escape(m.board)}: {_escape(m.title)}</li>"
                for m in summary.upcoming
            )
            self.upcoming.setText(f"<b>Coming meetings</b><ul>{lines}</ul>")
        else:
            self.upcoming.setText("<b>Coming meetings</b><p>None planned.</p>")


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.database = database
        self.setWindowTitle("Boardwork")
        self.overview = OverviewPage(database)
        self.setCentralWidget(self.overview)
        self._build_menus()
        self.statusBar().showMessage(f"Database: {database.path}")
        self._restore_geometry()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add(file_menu, "&Import data…", "importData", self.import_data, "Ctrl+I")
        self._add(file_menu, "&Export data…", "exportData", self.export_data, "Ctrl+Shift+E")
        self._add(file_menu, "&Back up…", "backUp", self.back_up, "Ctrl+Shift+B")
        file_menu.addSeparator()
        self._add(file_menu, "&Quit", "quit", self.close, QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu("&Help")
        self._add(help_menu, "&About Boardwork", "about", self.about)

    def _add(self, menu, text, name, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # File operations run in the background: a large import or backup must not freeze the window.
    def import_data(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import data", str(Path.home()), "Boardwork data (*.json)"
        )
        if not files:
            return

        def work() -> object:
            documents = [(Path(f).name, read_document(Path(f))) for f in files]
            return import_documents(self.database, documents)

        def done(report: object) -> None:
            self.overview.refresh()
            warnings = getattr(report, "warnings", [])
            text = "The data was imported."
            if warnings:
                text += "\n\nWarnings:\n" + "\n".join(warnings[:20])
            QMessageBox.information(self, "Import", text)

        run_in_background(self, "Importing…", work, done, self._show_error)

    def export_data(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export data", str(Path.home() / "boardwork-data.json"), "JSON (*.json)"
        )
        if not name:
            return

        def work() -> Path:
            import json

            target = Path(name)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(
                json.dumps(export_data(self.database), ensure_ascii=False, indent=2),
                encoding="utf-8",
            )
            partial.replace(target)
            return target

        run_in_background(
            self, "Exporting…", work,
            lambda path: self.statusBar().showMessage(f"Exported to {path}", 10_000),
            self._show_error,
        )

    def back_up(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Back up to folder", str(Path.home()))
        if not folder:
            return
        run_in_background(
            self, "Backing up…",
            lambda: maintenance.backup_database(self.database, Path(folder)),
            lambda path: self._tell("Backup", f"Backed up to {path}."),
            self._show_error,
        )

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def _show_error(self, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            text = "Nothing was imported:\n\n" + "\n".join(exc.errors[:30])
        elif isinstance(exc, (*USER_FACING_ERRORS, OSError)):
            text = str(exc)
        else:
            text = f"Something went wrong and nothing was changed: {exc}"
        QMessageBox.warning(self, "Boardwork", text)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Boardwork",
            f"<h3>Boardwork {__version__}</h3><p>Your data: {_escape(str(self.database.path))}"
            "</p><p>Everything is stored on this computer, encrypted. Nothing is sent over "
            "the network.</p>",
        )

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        super().closeEvent(event)
