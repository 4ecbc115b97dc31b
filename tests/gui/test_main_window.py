"""The main window and the dialogs it opens, driven as a user would."""

from __future__ import annotations

from desktop.services.interchange import import_documents, read_document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.views.background import run_in_background
from desktop.views.main_window import MainWindow
from desktop.views.recovery_key_dialog import RecoveryKeyDialog
from tests.conftest import SAMPLES


def _count(window: MainWindow, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_main_window_shows_what_the_database_holds(qtbot, database):
    path = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(path.name, read_document(path))])
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    assert _count(window, "count_meetings") == "1"
    assert _count(window, "count_people") == "25"
    assert _count(window, "count_open_actions") != "0"
    assert str(database.path) in window.statusBar().currentMessage()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]


def test_overview_refreshes_after_a_background_import(qtbot, database):
    window = MainWindow(database)
    qtbot.addWidget(window)
    assert _count(window, "count_bookings") == "0"
    path = SAMPLES / "hertfordshire-2015-16.json"
    finished: list[object] = []

    def work() -> object:
        return import_documents(database, [(path.name, read_document(path))])

    def done(result: object) -> None:
        window.overview.refresh()
        finished.append(result)

    run_in_background(window, "Importing…", work, done, lambda exc: finished.append(exc))
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    assert not isinstance(finished[0], Exception), finished[0]
    assert _count(window, "count_bookings") == "796"


def test_background_errors_come_back_to_the_ui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("disk full")

    run_in_background(parent, "Working…", fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert str(errors[0]) == "disk full"


def test_recovery_key_dialog_needs_confirmation(qtbot):
    dialog = RecoveryKeyDialog("ABCD-" * 15 + "ABCD", "/tmp/boardwork.db")
    qtbot.addWidget(dialog)
    assert dialog.key_field.text().startswith("ABCD-ABCD")
    assert dialog.key_field.isReadOnly()
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert dialog.ok_button.isEnabled()
