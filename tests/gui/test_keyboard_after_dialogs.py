"""After a dialog closes, the window under it has the keyboard again, where no window manager
hands it back (X without one, as under Xvfb; Qt's offscreen platform): found by driving the
app by keyboard alone under Xvfb at 1366x768, where after the first dialog closed (Book a
delegate, Esc) every later key went nowhere until a click."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QWidget,
)

from desktop.views import appearance


def _active_window(qtbot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLineEdit())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _closed_by(qtbot, window: QWidget, key: Qt.Key) -> None:
    dialog = QDialog(window)
    QLineEdit(dialog)
    ok = QPushButton("OK", dialog)
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)

    def answer() -> None:
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or dialog, key)

    QTimer.singleShot(0, answer)
    dialog.exec()


def test_esc_on_a_dialog_gives_the_keyboard_back_to_its_window(qtbot, qapp):
    appearance.fit_every_window(qapp)  # as desktop/app.py does; removed after by conftest
    window = _active_window(qtbot)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Escape):
        _closed_by(qtbot, window, key)
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def test_a_dialog_left_for_another_window_takes_nothing_back(qtbot, qapp):
    appearance.fit_every_window(qapp)
    window = _active_window(qtbot)
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    other = QMainWindow()  # the user turned to another window meanwhile
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    dialog.close()
    qtbot.wait(50)
    assert other.isActiveWindow()


def test_f10_gives_the_keyboard_to_the_minutes(qtbot, database):
    """The minute-taking window opened by F10 was shown but not made active where no window
    manager does it: the keys typed next went to the meetings list, not the minutes."""
    import datetime as dt

    from desktop.services import meetings as svc
    from desktop.views.minute_taking.view import MinuteTakingView
    from tests.gui.test_meetings_keys import _board, _close_minute_taking
    from tests.gui.test_meetings_page import _page, _press

    board = _board(database)
    svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    page.table.setFocus()
    _press(qtbot, page.table, Qt.Key.Key_F10)
    view = page.editor.minute_taking
    assert isinstance(view, MinuteTakingView)
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "Welcome")
    assert "Welcome" in view.editor.toPlainText()
    _close_minute_taking(page)
