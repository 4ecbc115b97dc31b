"""The busy dialog of work run in the background appears soon, not after Qt's 4 s default."""

import threading

from PySide6.QtWidgets import QWidget

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
