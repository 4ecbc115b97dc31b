"""Starts the Qt application: opens the database, then shows the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.services.database import (
    USER_FACING_ERRORS,
    DatabaseLock,
    KeyStore,
    Opened,
    open_database,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def create_application() -> object:
    from PySide6.QtWidgets import QApplication

    # The minutes writer thread may hold the interpreter for the default 5 ms switch
    # interval, long enough to be felt between keystrokes (benchmarks/FINDINGS.md).
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("Boardwork")
    app.setApplicationName("Boardwork")
    return app


def open_for_gui(path: Path, keys: KeyStore) -> Opened | None:
    """Open the database, or say why not in a message box and return None."""
    from PySide6.QtWidgets import QMessageBox

    try:
        return open_database(path, keys)
    except USER_FACING_ERRORS as exc:
        QMessageBox.critical(None, "Boardwork cannot open its database", str(exc))
        return None
    except Exception as exc:  # a full disk during an upgrade …: said here, where it is seen
        from desktop.views.error_dialog import show_failure

        show_failure(None, "Boardwork cannot open its database", exc)
        return None


def lock_for_gui(path: Path) -> DatabaseLock | None:
    """One window per database: two would save over each other's minutes. The same lock
    keeps `boardwork restore` from swapping the file while this window saves into it.

    The operating system drops the lock when the process ends, so a crash leaves none.
    """
    from PySide6.QtWidgets import QMessageBox

    lock = DatabaseLock(path)
    try:
        if lock.try_acquire():
            return lock
    except OSError:
        # A folder nobody can write to: nothing can replace the file there either.
        return lock
    QMessageBox.warning(None, "Boardwork is already open",
                        f"Boardwork already has {path} open in another window, or a "
                        "Boardwork command (such as a restore) is working on it. Switch to "
                        "that window, or wait for the command to finish: two windows on one "
                        "database could overwrite each other's minutes.")
    return None


def run_gui(path: Path, keys: KeyStore) -> int:
    from desktop.views.error_dialog import install_excepthook
    from desktop.views.main_window import MainWindow
    from desktop.views.recovery_key_dialog import RecoveryKeyDialog

    app = create_application()
    install_excepthook()
    path.expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    lock = lock_for_gui(path)
    if lock is None:
        return 1
    opened = open_for_gui(path, keys)
    if opened is None:
        return 1
    if opened.recovery_key:
        RecoveryKeyDialog(opened.recovery_key, str(path.resolve()),
                          opened.key_in_keyring).exec()
    window = MainWindow(opened.database)
    window.show()
    window.offer_to_resume()
    quit_soon_for_smoke_test(app, window)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        opened.database.close()
        lock.release()


def quit_soon_for_smoke_test(app: object, window: QWidget) -> None:
    """installer/smoke.sh sets BOARDWORK_SMOKE_QUIT_MS: the frozen app shows its window, says
    so on stdout, and quits after that many milliseconds, proving the whole start-up works."""
    delay = os.environ.get("BOARDWORK_SMOKE_QUIT_MS", "")
    if not delay.isdigit():
        return
    from PySide6.QtCore import QTimer

    def report_and_quit() -> None:
        line = f"smoke: window shown: {window.windowTitle()}"
        print(line, flush=True)
        # Boardwork.exe has no console on Windows (its sys.stdout is None), so the Windows
        # check (installer/windows-check.sh) reads the same line, and a picture of the
        # window, from files; the report comes last, so once it exists the picture is whole.
        picture = os.environ.get("BOARDWORK_SMOKE_SCREENSHOT", "")
        if picture:
            window.grab().save(picture)
        report = os.environ.get("BOARDWORK_SMOKE_REPORT", "")
        if report:
            from PySide6.QtGui import QGuiApplication

            platform = QGuiApplication.platformName()  # "windows", "offscreen", "xcb"…
            Path(report).write_text(f"{line}\nplatform: {platform}\n", encoding="utf-8")
        app.quit()  # type: ignore[attr-defined]

    QTimer.singleShot(int(delay), report_and_quit)
