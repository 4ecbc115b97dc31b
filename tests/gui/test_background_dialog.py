"""Work run in the background: its busy dialog appears soon (not after Qt's 4 s default), and
work that ends after its window closed tells nobody and raises nothing."""

import threading

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.views.background import run_in_background


def test_busy_dialog_shows_soon_and_closes_when_done(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    results: list[object] = []
    progress = run_in_background(
        parent, "Working…", lambda: release.wait(10) and "done", results.append, results.append
    )
    # Qt's own default would show it only after 4 s; ours says 300 ms.
    qtbot.waitUntil(progress.isVisible, timeout=2500)
    release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert not progress.isVisible()


def test_work_finishing_after_its_window_closed_tells_nobody_and_raises_nothing(qtbot):
    parent = QWidget()
    parent.show()
    release = threading.Event()
    told: list[object] = []
    ran: list[bool] = []

    def work() -> str:
        release.wait(10)
        ran.append(True)
        return "done"

    progress = run_in_background(parent, "Working…", work, told.append, told.append)
    job = progress._job  # type: ignore[attr-defined]
    parent.deleteLater()  # the window closes while the work runs, its dialog with it
    qtbot.waitUntil(lambda: not isValid(progress), timeout=5000)
    delivered: list[object] = []
    job.signals.finished.connect(delivered.append)
    release.set()
    qtbot.waitUntil(lambda: delivered == ["done"], timeout=5000)
    assert ran == [True] and told == []


def test_the_window_under_the_busy_dialog_has_the_keyboard_again_when_it_closes(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    release = threading.Event()
    told: list[object] = []
    progress = run_in_background(
        page, "Working…", lambda: release.wait(10) and "done", told.append, told.append
    )
    qtbot.waitUntil(progress.isActiveWindow, timeout=2500)
    release.set()
    qtbot.waitUntil(lambda: told == ["done"], timeout=5000)
    # Esc and the page's other shortcuts work again without a click.
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
