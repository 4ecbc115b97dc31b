"""Running slow work (imports, exports, backups) off the UI thread, with progress shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            try:
                result = self.work()
            except Exception as exc:  # handed to the UI thread, which shows it
                self.signals.failed.emit(exc)
            else:
                self.signals.finished.emit(result)
        except RuntimeError:
            pass  # whoever asked is gone (the window closed meanwhile): nobody to tell


class BusyDialog(QProgressDialog):
    """A busy dialog for work that cannot be stopped: Esc and the window's close button leave
    it up until the work ends (`close_busy_dialog`). Qt's own would hide on Esc while the work
    went on, and the window under it took input again: a compaction's paused writes then held
    the window frozen with nothing saying why, and a second export could start over the first."""

    def __init__(self, label: str, parent: QWidget | None) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.setCancelButton(None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.work_ended = False

    def reject(self) -> None:  # Esc
        if self.work_ended:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # the title bar's close, Alt+F4
        if self.work_ended:
            super().closeEvent(event)
        else:
            event.ignore()


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> BusyDialog:
    """Run `work` on the thread pool; a busy dialog is shown while it runs.

    `on_done` and `on_error` are called on the UI thread (queued signal delivery).
    """
    progress = BusyDialog(label, parent)
    progress.setObjectName("backgroundProgress")
    progress.setWindowTitle("Boardwork")
    # The delay only starts counting at a first value: without it Qt shows a busy dialog
    # (range 0..0, never updated) after its own default of 4 s, so a 3-second step looked frozen.
    progress.setValue(0)
    job = _Job(work)

    # The window that asked may have closed while the work ran (its dialog deleted with it):
    # then there is nobody to tell, and touching the dialog would raise in Qt's event loop.
    def finished(result: Any) -> None:
        if isValid(progress):
            close_busy_dialog(progress)
            on_done(result)

    def failed(exc: Exception) -> None:
        if isValid(progress):
            close_busy_dialog(progress)
            on_error(exc)

    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    # Keep the job and its signals alive as long as the dialog, whatever the pool does.
    progress._job = job  # type: ignore[attr-defined]
    QThreadPool.globalInstance().start(job)
    return progress


def close_busy_dialog(progress: BusyDialog) -> None:
    """Close the busy dialog and give the keyboard back to the window it covered.

    Window managers do that themselves, but not every platform does (Qt's offscreen one
    leaves no window active): then Esc and the other shortcuts of the page would do nothing
    until the user clicked it. Only when the dialog was active, so never taking the keyboard
    from another program the user has turned to meanwhile."""
    was_active = progress.isActiveWindow()
    progress.work_ended = True
    progress.close()
    parent = progress.parentWidget()
    if was_active and parent is not None and parent.window().isVisible():
        parent.window().activateWindow()


def run_quietly(
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Run `work` on the thread pool with nothing shown: work the user did not ask for just
    now (an automatic backup) must never get between them and their typing."""
    job = _Job(work)
    job.signals.finished.connect(on_done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(on_error, Qt.ConnectionType.QueuedConnection)
    jobs: list[_Job] = owner.__dict__.setdefault("_quiet_jobs", [])
    jobs.append(job)  # alive until its signal is delivered

    def forget(_result: object) -> None:
        if job in jobs:
            jobs.remove(job)

    job.signals.finished.connect(forget, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(forget, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)
