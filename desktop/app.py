"""Starts the Qt application: paints the main window's frame, then opens the database.

The frame (navigation, an empty page, the database's name) is painted before the data layer
(SQLAlchemy, the models, SQLCipher) is imported: that import alone takes several times as
long as painting a bare window (benchmarks/FINDINGS.md). The database is opened, and the
page filled, on the turn of the event loop after that first paint.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.services.database import DatabaseLock, KeyStore, Opened
    from desktop.views.main_window import MainWindow
    from desktop.views.start.session import AppSession


# The minutes writer thread may hold the interpreter for the default 5 ms switch interval,
# long enough to be felt between keystrokes (benchmarks/FINDINGS.md); the typing benchmark
# runs with the same.
SWITCH_INTERVAL = 0.001


def create_application() -> object:
    import gc

    if "PySide6.QtWidgets" not in sys.modules:  # a new process starting the app
        # No cycle collection while starting: almost nothing made to start is garbage, yet
        # each collection walked the growing heap of modules and classes (some 10 before
        # the frame was painted, two full ones before the page was filled). Turned on
        # again once the window is filled or the start failed (keep_start_objects,
        # start_window).
        gc.disable()
    from PySide6.QtWidgets import QApplication

    _skip_pyside_source_reading()
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName("Boardwork")
    app.setApplicationName("Boardwork")
    from desktop.views import appearance

    # A visible focus ring, readable placeholders and selected rows. Windows are fitted to
    # the screen from start_window: the main window as it is shown, every other one once
    # the frame is painted (appearance.fit_every_window says why).
    appearance.apply(app, fit_windows=False)  # type: ignore[arg-type]
    return app


def _skip_pyside_source_reading() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6's import hook asks, of each new module, whether its source mentions "PySide6"
    (`inspect.getsource`, which keeps every line read in `linecache`), only to know which
    modules its optional `from __feature__ import ...` switches apply to. Boardwork uses no
    such switch; reading SQLAlchemy's and our own sources kept 23 MB of text in memory
    (benchmarks/FINDINGS.md, issue 19, row 7). The same answer comes from the names the
    module holds. (A frozen build has no source to read, so never paid this.)"""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _holds_pyside  # type: ignore[attr-defined]


def _holds_pyside(module: object) -> bool:
    """Whether a module holds anything from PySide6 (a class, a function or the module)."""
    try:
        for value in list(vars(module).values()):
            name = (value.__name__ if isinstance(value, ModuleType)
                    else getattr(value, "__module__", None))
            if isinstance(name, str) and name.startswith(("PySide6", "shiboken6")):
                return True
    except Exception:  # an odd module (no __dict__, a lazy attribute): as if without source
        return False
    return False


def open_for_gui(path: Path, keys: KeyStore) -> Opened | None:
    """Open the database, or say why not in a message box and return None."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.services.database import USER_FACING_ERRORS, open_database

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

    from desktop.services.database import DatabaseLock

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


def run_gui(path: Path | None, keys: KeyStore | Callable[[], KeyStore]) -> int:
    """The application on `path` (None: the default database). `keys` may be a function
    making the key store, so that it too is imported after the window is painted."""
    app = create_application()
    sessions: list[AppSession] = []
    start_window(app, path, keys, sessions.append)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        for session in sessions:
            session.release()


def start_window(app: object, path: Path | None, keys: KeyStore | Callable[[], KeyStore],
                 opened: Callable[[AppSession], None]) -> MainWindow:
    """Show the main window's frame now; once it is painted, open the database through a
    session (desktop/views/start/session.py: the lock, the recovery key asked for when the
    keyring lost it, letting go of it for a restore) and fill the window (`opened` is then
    told), or say why not and end the event loop with 1. `keys` may be a function making
    the key store, so that it too is imported after the paint."""
    import gc

    from desktop.views import appearance
    from desktop.views.main_window import MainWindow

    window = MainWindow(opening=str(path) if path is not None else "the database")
    appearance.fit_when_shown(window)
    window.show()

    def open_now() -> None:
        # Every window from now on (the messages opening may show among them) fitted to
        # the screen.
        appearance.fit_every_window(app)  # type: ignore[arg-type]
        try:
            open_and_fill()
        finally:
            gc.enable()  # in every case: a failed start, a dialog's own event loop

    def open_and_fill() -> None:
        from desktop.services.database import default_database_path
        from desktop.views.error_dialog import install_excepthook, show_failure
        from desktop.views.recovery_key_dialog import RecoveryKeyDialog
        from desktop.views.start.session import AppSession

        install_excepthook()
        where = path if path is not None else default_database_path()
        session = AppSession(where, keys() if callable(keys) else keys)
        try:
            ready = session.open(window)
        except OSError as exc:  # the database's folder cannot be made
            show_failure(window, "Boardwork cannot open its database", exc)
            ready = False
        if not ready:
            window.hide()
            app.exit(1)  # type: ignore[attr-defined]
            return
        if session.recovery_key:
            RecoveryKeyDialog(session.recovery_key, str(session.path),
                              session.key_in_keyring).exec()
        session.show_window(window)
        keep_start_objects()
        opened(session)
        window.offer_to_resume()
        quit_soon_for_smoke_test(app, window)

    after_first_paint(window, open_now)
    return window


def keep_start_objects() -> None:
    """Move every object made so far (modules, classes, SQLAlchemy's mappings, the filled
    window) out of the cycle collector's generations (`gc.freeze`). They live as long as the
    process, yet each full collection walked them all: one fell inside the first click on
    Actions and held the UI thread 60-90 ms (benchmarks/FINDINGS.md, 8c after the merges).
    Later full collections walk only what was made since. The garbage of the start is
    collected first, and collection is turned back on (start_window turns it off)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.enable()


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run `then` on the turn of the event loop after the window's first paint (or, should
    the window not be painted at all, minimised say, half a second after it was shown)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            window.removeEventFilter(watch)
            then()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, once)
            return False

    watch = FirstPaint(window)
    window.installEventFilter(watch)
    QTimer.singleShot(500, once)


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
