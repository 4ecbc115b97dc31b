"""Work run in the background: its busy dialog appears soon (not after Qt's 4 s default),
gives the keyboard back to the window under it when it closes, and work that ends after its
window closed tells nobody and raises nothing."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget
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


def test_esc_and_closing_leave_the_busy_dialog_up_until_the_work_ends(qtbot):
    """Qt's own busy dialog hid on Esc while the work went on: the window under it took input
    again (a compaction's paused writes then froze it with nothing saying why)."""
    window = _shown_window(qtbot)
    progress, release, told = _held_work(window)
    qtbot.waitUntil(progress.isVisible, timeout=2500)
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert not progress.close()
    assert progress.isVisible()
    assert QApplication.activeModalWidget() is progress
    release.set()
    qtbot.waitUntil(lambda: told == ["done"], timeout=5000)
    assert not progress.isVisible()


def test_the_meeting_packs_busy_dialog_stays_up_on_esc(qtbot, monkeypatch, tmp_path):
    from desktop.views.meetings import papers_export

    release = threading.Event()

    def held_pack(*_args: object, **_kwargs: object) -> None:
        release.wait(10)
        raise RuntimeError("stopped")

    monkeypatch.setattr("desktop.exports.pack.build_pack", held_pack)
    monkeypatch.setattr(papers_export, "show_failure", lambda *_args, **_kw: None)
    window = _shown_window(qtbot)
    database: object = None  # never read: the pack's building is held, then fails
    progress = papers_export.build_pack_in_background(
        window, database, 1, False, False, tmp_path / "pack.pdf")  # type: ignore[arg-type]
    progress.show()
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert progress.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=5000)


def test_a_pack_finishing_after_its_window_closed_tells_nobody_and_raises_nothing(
        qtbot, monkeypatch, tmp_path):
    from types import SimpleNamespace

    from desktop.views.meetings import papers_export

    release = threading.Event()
    built = SimpleNamespace(pdf=b"", pages=1)
    monkeypatch.setattr("desktop.exports.pack.build_pack",
                        lambda *_a, **_k: release.wait(10) and built)
    monkeypatch.setattr("desktop.services.files.write_bytes_atomically", lambda *_a: None)
    told: list[object] = []
    monkeypatch.setattr(papers_export.message_bar, "tell", lambda *args: told.append(args))
    parent = QWidget()  # not given to qtbot: the test deletes it
    parent.show()
    database: object = None  # never read: the pack's building is held
    progress = papers_export.build_pack_in_background(
        parent, database, 1, False, False, tmp_path / "pack.pdf")  # type: ignore[arg-type]
    job = progress._job  # type: ignore[attr-defined]
    parent.deleteLater()
    qtbot.waitUntil(lambda: not isValid(progress), timeout=5000)
    delivered: list[object] = []
    job.signals.finished.connect(delivered.append)
    release.set()
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=5000)
    assert told == []
