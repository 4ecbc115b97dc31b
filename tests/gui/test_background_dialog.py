"""Work run in the background: its busy dialog appears soon (not after Qt's 4 s default),
gives the keyboard back to the window under it when it closes, and work that ends after its
window closed tells nobody and raises nothing."""

import threading

from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from desktop.views.background import run_in_background


def _shown_window(qtbot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _held_work(parent: QWidget) -> tuple[QProgressDialog, threading.Event, list[object]]:
    """Work that runs until the event is set, then returns "done"; what it told, in order."""
    release = threading.Event()
    told: list[object] = []
    progress = run_in_background(
        parent, "Working…", lambda: release.wait(10) and "done", told.append, told.append
    )
    return progress, release, told


def test_busy_dialog_shows_soon_and_closes_when_done(qtbot):
    window = _shown_window(qtbot)  # held here: qtbot keeps only a weak reference
    progress, release, told = _held_work(window)
    # Qt's own default would show it only after 4 s; ours says 300 ms.
    qtbot.waitUntil(progress.isVisible, timeout=2500)
    release.set()
    qtbot.waitUntil(lambda: told == ["done"], timeout=5000)
    assert not progress.isVisible()


def test_work_finishing_after_its_window_closed_tells_nobody_and_raises_nothing(qtbot):
    parent = QWidget()  # not given to qtbot: the test deletes it
    parent.show()
    progress, release, told = _held_work(parent)
    job = progress._job  # type: ignore[attr-defined]
    parent.deleteLater()  # the window closes while the work runs, its dialog with it
    qtbot.waitUntil(lambda: not isValid(progress), timeout=5000)
    delivered: list[object] = []
    job.signals.finished.connect(delivered.append)
    release.set()
    qtbot.waitUntil(lambda: delivered == ["done"], timeout=5000)
    assert told == []


def test_the_window_under_the_busy_dialog_has_the_keyboard_again_when_it_closes(qtbot):
    page = _shown_window(qtbot)
    progress, release, told = _held_work(page)
    qtbot.waitUntil(progress.isActiveWindow, timeout=2500)
    release.set()
    qtbot.waitUntil(lambda: told == ["done"], timeout=5000)
    # Esc and the page's other shortcuts work again without a click.
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
