"""Saving a list as an Excel workbook from a training screen: the file dialog opens in the
folder last saved to (kept in the user's settings), and the file is written off the UI
thread, whole or not at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.views.background import run_in_background
from desktop.views.widgets import Feedback

FOLDER_KEY = "exports/lastFolder"


def last_folder() -> Path:
    folder = Path(str(QSettings().value(FOLDER_KEY, "") or Path.home()))
    return folder if folder.is_dir() else Path.home()


def file_name(text: str) -> str:
    """`text` made fit for a file name on Windows too."""
    return re.sub(r"[^\w\-. ]+", "-", text).strip(" .-")[:80] or "export"


def ask_xlsx_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    """The workbook to write, or None if the person cancelled; its folder is remembered."""
    start = last_folder() / f"{file_name(suggested)}.xlsx"
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), "Excel workbook (*.xlsx)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(f"{path.name}.xlsx")
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def write_xlsx(parent: QWidget, feedback: Feedback, path: Path,
               write: Callable[[Path], None]) -> None:
    """Write the workbook in the background; say where it went, or why it could not be."""

    def work() -> Path:
        write(path)
        return path

    def failed(exc: Exception) -> None:
        why = "it could not be written"
        if isinstance(exc, OSError) and exc.strerror:
            why = exc.strerror.lower()
        feedback.problem(f"Could not save {path.name}: {why}.")

    run_in_background(parent, "Writing the workbook…", work,
                      lambda done: feedback.tell(f"Saved {done}."), failed)
