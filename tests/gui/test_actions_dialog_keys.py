"""The Actions area's update, edit and withdraw dialogs by keyboard: Ctrl+U and typing puts
the words in the update, Tab ends on OK and Cancel. Their buttons were made before their
fields, so each opened on OK (the words typed went nowhere) and Tab reached OK and Cancel
before the fields; found driving the app by keyboard alone under Xvfb at 1366x768."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit

from desktop.services.actions.detail import action_detail
from desktop.views.actions.detail import EditDialog, UpdateDialog, WithdrawDialog
from tests.conftest import import_sample


def _opened(qtbot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _tab_order(qtbot) -> list[str]:
    """Each stop once, in order, over one round (a date field takes a Tab per part)."""
    visited: list[str] = []
    for _ in range(12):
        widget = QApplication.focusWidget()
        name = widget.objectName() or widget.text()
        if visited and name == visited[0]:
            break
        if name not in visited:
            visited.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return visited


def test_typing_at_once_writes_the_update(qtbot):
    saved: list[object] = []
    dialog = UpdateDialog(None, "Action 1", saved.append)
    _opened(qtbot, dialog)
    qtbot.keyClicks(QApplication.focusWidget(), "Report received")
    assert dialog.findChild(QPlainTextEdit, "updateText").toPlainText() == "Report received"


def test_each_dialog_opens_in_its_first_field_and_ends_on_ok_and_cancel(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    action = action_detail(database, 1)
    for dialog, first in ((UpdateDialog(None, "Action 1", lambda _u: None), "updateText"),
                          (EditDialog(None, action, lambda *_: None), "editTitle"),
                          (WithdrawDialog(None, "Action 1", lambda *_: None),
                           "withdrawReason")):
        _opened(qtbot, dialog)
        order = _tab_order(qtbot)
        assert order[0] == first
        assert order[-2:] == ["OK", "Cancel"]
        dialog.close()
