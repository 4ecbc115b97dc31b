"""The meeting pack from the meeting's Export menu: full, public and supplementary, built off
the UI thread with a progress bar that counts the papers merged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMenu, QWidget
from shiboken6 import isValid

from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.views import message_bar
from desktop.views.background import BusyDialog, close_busy_dialog
from desktop.views.error_dialog import show_failure
from desktop.views.export_document import choose_target, meeting_file_name, refused

PACKS = (  # (menu entry, object name, file name, public, supplement)
    ("Meeting pac&k (agenda and papers)…", "exportPack", "pack", False, False),
    ("Public pack (co&nfidential papers exempt)…", "exportPublicPack", "pack public",
     True, False),
    ("Supp&lementary pack (late papers)…", "exportSupplementPack", "pack supplement",
     False, True),
)


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _PackJob(QRunnable):
    def __init__(self, db: Database, meeting: int, public: bool, supplement: bool,
                 path: Path) -> None:
        super().__init__()
        self.db, self.meeting, self.path = db, meeting, path
        self.public, self.supplement = public, supplement
        self.signals = _Signals()

    def run(self) -> None:
        from desktop.exports.pack import build_pack
        from desktop.services.files import write_bytes_atomically

        try:
            try:
                pack = build_pack(self.db, self.meeting, self.public, self.supplement,
                                  progress=self.signals.progress.emit)
                write_bytes_atomically(self.path, pack.pdf)
            except Exception as exc:  # shown on the UI thread
                self.signals.failed.emit(exc)
            else:
                self.signals.finished.emit(pack)
        except RuntimeError:
            pass  # the window that asked closed meanwhile, its dialog with it: nobody to tell


def add_pack_exports(menu: QMenu, parent: QWidget, db: Database,
                     meeting: Callable[[], int | None]) -> None:
    for label, name, what, public, supplement in PACKS:
        action = menu.addAction(label)
        action.setObjectName(name)

        def triggered(_checked: bool = False, what: str = what, public: bool = public,
                      supplement: bool = supplement) -> None:
            chosen = meeting()
            if chosen is None:
                message_bar.report(parent, message_bar.INFO,
                                   "To export, choose a meeting in the list first.", "Export")
                return
            target = choose_target(parent, f"Export {what}",
                                   meeting_file_name(db, chosen, what), ("pdf",))
            if target is not None:
                build_pack_in_background(parent, db, chosen, public, supplement, target[1])

        action.triggered.connect(triggered)


def build_pack_in_background(parent: QWidget, db: Database, meeting: int, public: bool,
                             supplement: bool, path: Path) -> BusyDialog:
    progress = BusyDialog(f"Building {path.name}…", parent)
    progress.setObjectName("packProgress")
    progress.setWindowTitle("Meeting pack")
    job = _PackJob(db, meeting, public, supplement, path)

    def advanced(done: int, of: int) -> None:
        if not isValid(progress):
            return
        progress.setMaximum(of)
        progress.setValue(done)
        progress.setLabelText(f"Building {path.name}: step {done} of {of}…")

    # As in run_in_background: a window closed meanwhile took its dialog, nobody to tell.
    def finished(pack: object) -> None:
        if not isValid(progress):
            return
        close_busy_dialog(progress)
        pages = getattr(pack, "pages", 0)
        # In the page's message bar, which stays (the status bar's copy goes in 15 s).
        message_bar.tell(parent, message_bar.SUCCESS, f"Saved to {path} ({pages} pages)")

    def failed(exc: Exception) -> None:
        if not isValid(progress):
            return
        close_busy_dialog(progress)
        if isinstance(exc, InvalidInput):
            refused(parent, "Meeting pack", f"Nothing was written: {exc.message}")
        else:
            show_failure(parent, "Meeting pack", exc, lead="Nothing was written. ")

    queued = Qt.ConnectionType.QueuedConnection
    job.signals.progress.connect(advanced, queued)
    job.signals.finished.connect(finished, queued)
    job.signals.failed.connect(failed, queued)
    progress._job = job  # type: ignore[attr-defined]  # alive as long as the dialog
    QThreadPool.globalInstance().start(job)
    return progress
