"""One database in one window, with the lock that keeps others off it.

The session is what can let go of the database and take it again while the application runs
(File → Restore from a backup), ask for the recovery key when the keyring has lost it, and
open the sample data in a window and a file of their own, never mixed into the real records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.services.database import (
    USER_FACING_ERRORS,
    Database,
    DatabaseLock,
    DatabaseProblem,
    KeyStore,
    default_database_path,
)
from desktop.services.restore import RestoreResult, restore_database
from desktop.views.background import run_in_background

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow

SAMPLE_NAME = "demo.db"  # the file `boardwork demo` loads too
SAMPLE_TITLE = "SAMPLE DATA — not your records"

# Every session open in this process: a sample window lives beside the real one.
_open_sessions: list[AppSession] = []


def sample_database_path() -> Path:
    """Beside the user's database folder, in a file of its own."""
    return default_database_path().with_name(SAMPLE_NAME)


class AppSession:
    def __init__(self, path: Path, keys: KeyStore, sample: bool = False) -> None:
        self.path = path.expanduser().absolute()
        self.keys = keys
        # `boardwork demo` opens the same sample file: its window is marked as well.
        self.sample = sample or self.path == sample_database_path().absolute()
        self.lock: DatabaseLock | None = None
        self.database: Database | None = None
        self.window: MainWindow | None = None
        self.recovery_key: str | None = None  # of a database made just now, shown once
        self.key_in_keyring = True

    @classmethod
    def adopting(cls, window: MainWindow, keys: KeyStore) -> AppSession:
        """A session for a window opened without one (a script): it holds no lock yet."""
        database = window.database
        assert database.path is not None
        session = cls(database.path, keys)
        session.database = database
        session.window = window
        window.session = session
        return session

    # -- opening --------------------------------------------------------------------------
    def open(self, parent: QWidget | None = None) -> bool:
        """Take the lock and open the database, asking for the recovery key when the
        keyring has none. False (the user has been told why) when it cannot be opened."""
        from desktop.app import lock_for_gui, open_for_gui

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = lock_for_gui(self.path)
        if self.lock is None:
            return False
        if not self._key_at_hand(parent):
            self.release()
            return False
        opened = open_for_gui(self.path, self.keys)
        if opened is None:
            self.release()
            return False
        self.database = opened.database
        self.recovery_key = opened.recovery_key
        self.key_in_keyring = opened.key_in_keyring
        return True

    def _key_at_hand(self, parent: QWidget | None) -> bool:
        """A database whose key is nowhere on this computer is unlocked with its recovery
        key here, in the window, rather than refused."""
        try:
            missing = (self.path.exists() and self.path.stat().st_size > 0
                       and self.keys.find(self.path) is None)
        except USER_FACING_ERRORS:
            return True  # a bad BOARDWORK_DATABASE_KEY: opening says so in words
        if not missing:
            return True
        from desktop.views.start.unlock_dialog import UnlockDialog

        return bool(UnlockDialog(self.path, self.keys, parent).exec())

    def show_window(self, frame: MainWindow | None = None) -> MainWindow:
        """A window on the open database: `frame`, painted before the database was opened
        (desktop/app.py), filled now; else a new one."""
        from desktop.views.main_window import MainWindow

        assert self.database is not None
        if frame is not None:
            window = frame
            window.session = self
            window.attach(self.database)
        else:
            window = MainWindow(self.database)
            window.session = self
        if self.sample:
            window.mark_as_sample(SAMPLE_TITLE)
            # Closing the sample's window lets go of its file: it can be opened again.
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window = window
        if self not in _open_sessions:
            _open_sessions.append(self)
        window.destroyed.connect(lambda *_: self._window_gone(window))
        window.show()
        return window

    def _window_gone(self, window: object) -> None:
        if self.window is window:
            self.window = None
            if self in _open_sessions:
                _open_sessions.remove(self)
            if self.sample:
                self.release()

    def release(self) -> None:
        if self.database is not None:
            self.database.close()
            self.database = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- restoring ------------------------------------------------------------------------
    def restore(self, source: Path, recovery_key: str | None,
                done: Callable[[RestoreResult], None],
                failed: Callable[[Exception], None]) -> None:
        """Let go of the database, put the backup in its place (the service `boardwork
        restore` uses), and open it again in a new window, whatever happened: on failure
        the database is as it was, and is opened again as it was."""
        old = self.window
        assert old is not None
        if old.auto_backup.running:
            # A copy being made reads the database: the restore follows when it is done.
            old.auto_backup.closing = lambda: self.restore(source, recovery_key, done, failed)
            return
        busy = _busy_reason(old)
        if busy:
            failed(DatabaseProblem(busy))
            return
        old.auto_backup.timer.stop()
        old.setEnabled(False)
        _finish_background_reads()
        self.release()
        path, keys = self.path, self.keys

        def reopen() -> bool:
            opened = self.open(old)  # when it cannot, the user has been told why
            new = self.show_window() if opened else None
            if new is not None:
                new.setGeometry(old.geometry())
            old.backed_up_on_closing = True  # the old window's database is let go
            old.close()  # the last window when nothing could be opened: the app ends
            old.deleteLater()
            return opened

        def finished(result: RestoreResult) -> None:
            if reopen():
                done(result)

        def went_wrong(exc: Exception) -> None:
            if reopen():
                failed(exc)

        run_in_background(old, "Restoring the backup…",
                          lambda: restore_database(path, source, keys, recovery_key),
                          finished, went_wrong)


def _finish_background_reads() -> None:
    """Lists and figures being read in the background finish, and their results are shown,
    before the database is let go: a connection still in use then would stay open on the
    file, and the restore would rightly refuse to swap it. They take a moment; the window
    is disabled meanwhile, so nothing new is asked of the database after this."""
    pool = QThreadPool.globalInstance()
    for _ in range(10):
        pool.waitForDone(10_000)
        QApplication.processEvents()  # their results arrive, and may read once more
        if pool.activeThreadCount() == 0:
            return


def _busy_reason(window: MainWindow) -> str | None:
    """What still writes to the database and must finish or close before it is let go."""
    from desktop.views.minute_taking.view import MinuteTakingView

    if any(isinstance(w, MinuteTakingView) and w.isVisible() and w.database is window.database
           for w in QApplication.topLevelWidgets()):
        return ("Close the minute-taking window first, so that nothing being typed is "
                "lost. Nothing was changed.")
    return None


def open_sample(parent: QWidget, keys: KeyStore,
                path: Path | None = None) -> AppSession | None:
    """The sample data in its own file and its own window, marked as such in its title: the
    user's database is never touched. Loading is off the UI thread; a second time it finds
    the records already there (the samples' keys make the import update, not duplicate)."""
    from desktop.resources import sample_documents
    from desktop.services.interchange import import_documents, read_document

    for session in _open_sessions:
        if session.sample and session.window is not None:
            session.window.raise_()
            session.window.activateWindow()
            return session
    session = AppSession(path or sample_database_path(), keys, sample=True)
    if not session.open(parent):
        return None
    database = session.database
    assert database is not None

    def load() -> None:
        documents = [(p.name, read_document(p)) for p in sample_documents()]
        import_documents(database, documents)

    def loaded(_result: object) -> None:
        window = session.show_window()
        window.show_area(0)

    def failed(exc: Exception) -> None:
        from desktop.views.error_dialog import show_failure

        session.release()
        show_failure(parent, "The sample data could not be opened", exc)

    run_in_background(parent, "Opening the sample data…", load, loaded, failed)
    return session


def say_failure(parent: QWidget | None, title: str, exc: Exception) -> None:
    """A user-facing problem in its own words; anything else without its text."""
    if isinstance(exc, USER_FACING_ERRORS):
        QMessageBox.warning(parent, title, str(exc))
    else:
        from desktop.views.error_dialog import show_failure

        show_failure(parent, title, exc)
