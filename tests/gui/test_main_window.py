"""The main window and the dialogs it opens, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.services.interchange import import_documents, read_document
from desktop.services.settings import load_settings
from desktop.views.background import run_in_background
from desktop.views.main_window import MainWindow
from desktop.views.notices import EVERYTHING
from desktop.views.recovery_key_dialog import RecoveryKeyDialog
from desktop.views.settings_dialog import SettingsDialog
from tests.conftest import SAMPLES

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"


def _import(database, path=HEREFORDSHIRE):
    return import_documents(database, [(path.name, read_document(path))])


def _count(window: MainWindow, name: str) -> str:
    label = window.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def test_main_window_shows_what_the_database_holds(qtbot, database):
    _import(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    assert _count(window, "count_meetings") == "1"
    assert _count(window, "count_people") == "25"
    assert _count(window, "count_open_actions") != "0"
    assert str(database.path) in window.statusBar().currentMessage()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Go", "&Help"]
    selector = window.findChild(QComboBox, "boardSelector")
    labels = [selector.itemText(i) for i in range(selector.count())]
    assert labels == ["All boards and groups", "Herefordshire Safeguarding Children Board (HSCB)"]


def test_overview_refreshes_after_a_background_import(qtbot, database):
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show_area(0)  # an empty database opens on the start page; the user picks Overview
    assert _count(window, "count_bookings") == "0"
    finished: list[object] = []

    def done(result: object) -> None:
        window.context.notices.announce(*EVERYTHING)
        finished.append(result)

    path = SAMPLES / "hertfordshire-2015-16.json"
    run_in_background(window, "Importing…", lambda: _import(database, path), done,
                      finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    assert not isinstance(finished[0], Exception), finished[0]
    assert _count(window, "count_bookings") == "796"
    assert window.board_selector.count() == 2  # the new board is offered at once


def test_window_remembers_its_place(qtbot, database):
    _import(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.board_selector.setCurrentIndex(1)
    window.resize(760, 540)  # the offscreen screen is 800x600
    window.close()
    again = MainWindow(database)
    qtbot.addWidget(again)
    again.show()
    assert again.board_selector.currentIndex() == 1
    assert again.size().width() == 760


def test_background_errors_come_back_to_the_ui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("disk full")

    run_in_background(parent, "Working…", fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert str(errors[0]) == "disk full"


def test_settings_dialog_saves_by_keyboard_and_retitles_the_window(qtbot, database):
    _import(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    name = dialog.findChild(QLineEdit, "organisationName")
    name.clear()
    qtbot.keyClicks(name, "Herefordshire SCB")
    dialog.findChild(QComboBox, "numbering_hscb").setCurrentIndex(1)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert load_settings(database).organisation_name == "Herefordshire SCB"
    assert window.windowTitle() == "Boardwork — Herefordshire SCB"


def test_recovery_key_dialog_needs_confirmation(qtbot):
    dialog = RecoveryKeyDialog("ABCD-" * 15 + "ABCD", "/tmp/boardwork.db")
    qtbot.addWidget(dialog)
    lines = dialog.key_label.text().splitlines()
    assert lines == ["ABCD-" * 8, "ABCD-" * 7 + "ABCD"]
    assert not dialog.ok_button.isEnabled()
    dialog.show()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.ok_button.isEnabled()


def test_search_opens_the_meeting_at_its_item(qtbot, database):
    from desktop.views.search_dialog import SearchDialog

    _import(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    dialog = SearchDialog(database, window)
    qtbot.addWidget(dialog)
    dialog.open_hit.connect(window.go_to_hit)
    dialog.show()
    qtbot.keyClicks(dialog.query, "County Lines")
    assert dialog.results.count() >= 2
    assert "found" in dialog.count.text()
    hits = [dialog.results.item(i).data(Qt.ItemDataRole.UserRole + 1)
            for i in range(dialog.results.count())]
    row = next(i for i, hit in enumerate(hits) if hit.item_number == "2")
    dialog.results.setFocus()
    for _ in range(row):
        qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert page.objectName() == "meetingsPage"
    assert page.editor.tabs.currentWidget() is page.editor.agenda
    assert page.editor.agenda.selected().number == "2"


def test_a_second_window_on_the_same_database_is_refused(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app import lock_for_gui

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    first = lock_for_gui(tmp_path / "boardwork.db")
    assert first is not None
    assert lock_for_gui(tmp_path / "boardwork.db") is None
    assert "already has" in warnings[0]
    first.release()
    assert lock_for_gui(tmp_path / "boardwork.db") is not None


def test_search_shows_a_page_at_a_time_and_more_on_request(qtbot, database):
    from desktop.services.search import search
    from desktop.views.search_dialog import SearchDialog

    _import(database)
    every = search(database, "board", limit=10_000)
    assert len(every) > 6
    dialog = SearchDialog(database)
    qtbot.addWidget(dialog)
    dialog.page_size = 3
    dialog.resize(760, 200)  # lower than 3 rows: a taller list would be filled at once
    dialog.show()
    qtbot.keyClicks(dialog.query, "board")
    assert dialog.results.count() == 3 and dialog.more.isVisible()
    assert f"{len(every)} found" in dialog.count.text() and "3 shown" in dialog.count.text()
    while dialog.more.isVisible():
        qtbot.mouseClick(dialog.more, Qt.MouseButton.LeftButton)
    shown = [dialog.results.item(i).data(Qt.ItemDataRole.UserRole + 1)
             for i in range(dialog.results.count())]
    assert shown == every  # the same matches, in the same order, nothing twice
    assert dialog.count.text() == f"{len(every)} found, best matches first"


def test_the_actions_area_is_imported_on_a_turn_after_the_window_is_filled(tmp_path):
    """Its modules are imported once the window is filled and the event loop turns, not
    inside the first click on Actions (benchmarks/FINDINGS.md, issue 19 session 7, 8c)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.models.keystore import ENV_VAR, KeyStore\n"
        "from desktop.models.opening import open_database\n"
        "from desktop.views.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"db = open_database(Path({str(tmp_path / 'w.db')!r}),\n"
        "                   KeyStore(environ={ENV_VAR: '5b' * 32})).database\n"
        "window = MainWindow(db)\n"
        "print('before', 'desktop.views.actions.page' in sys.modules)\n"
        "for _ in range(3):\n"
        "    app.processEvents()\n"
        "print('after', 'desktop.views.actions.page' in sys.modules)\n"
        "window.close()\n"
        "db.close()\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.split() == ["before", "False", "after", "True"]
