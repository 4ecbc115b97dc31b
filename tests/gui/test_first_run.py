"""First run: the start page of an empty database, its three ways to begin, and each area's
word on what to do first (issue 21)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.services.contents import database_contents
from desktop.services.settings import load_settings
from desktop.views.areas import AREAS
from desktop.views.main_window import MainWindow
from desktop.views.settings_dialog import SettingsDialog
from desktop.views.start.empty_states import EmptyState
from desktop.views.start.page import StartPage
from tests.conftest import SAMPLES, import_sample


def _window(qtbot, database) -> MainWindow:
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.resize(1366, 768)
    window.show()
    return window


def _row(name: str) -> int:
    return [area.object_name for area in AREAS].index(name)


def test_an_empty_database_opens_on_the_start_page_not_the_last_area(qtbot, database):
    from PySide6.QtCore import QSettings

    QSettings().setValue("mainWindow/area", _row("actionsArea"))
    window = _window(qtbot, database)
    page = window.stack.currentWidget()
    assert isinstance(page, StartPage)
    assert window.navigation.currentRow() == -1
    assert "This database is empty" in page.intro.text()
    names = {b.objectName() for b in page.findChildren(QPushButton)}
    assert {"startOrganisation", "startImport", "startSample"} <= names
    window.navigation.setCurrentRow(_row("meetingsArea"))  # the user goes on to an area
    assert window.stack.currentWidget() is window.pages[_row("meetingsArea")]


def test_a_database_with_records_opens_on_the_last_area(qtbot, database):
    from PySide6.QtCore import QSettings

    import_sample(database, "herefordshire-board-2018-10-23.json")
    QSettings().setValue("mainWindow/area", _row("actionsArea"))
    window = _window(qtbot, database)
    assert window.navigation.currentRow() == _row("actionsArea")
    assert window.findChild(StartPage) is None


def test_the_start_page_names_the_organisation_through_the_settings(qtbot, database,
                                                                    monkeypatch):
    window = _window(qtbot, database)
    page = window.stack.currentWidget()

    def fill_in(dialog: SettingsDialog) -> int:
        dialog.organisation.setText("Herefordshire Safeguarding Children Board")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(SettingsDialog, "exec", fill_in)
    qtbot.mouseClick(page.organisation_button, qtbot_left())
    assert load_settings(database).organisation_name == \
        "Herefordshire Safeguarding Children Board"
    assert "Herefordshire Safeguarding Children Board" in window.windowTitle()
    assert "Change the &organisation" in page.organisation_button.text()


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_start_page_imports_through_the_file_menus_import(qtbot, database, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.importing.wizard import ImportWizard

    window = _window(qtbot, database)
    page = window.stack.currentWidget()
    opened: list[str] = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append("wizard") or 0)
    qtbot.mouseClick(page.import_button, qtbot_left())
    assert opened == ["wizard"]  # File → Import's wizard (Excel, CSV, Word or JSON)
    # What the wizard's last step does with a Boardwork file: the start page follows it.
    told: list[str] = []
    # The start page has no message bar: what the import did is said in a box.
    for kind in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text: told.append(text))
    window.file_actions.import_files([SAMPLES / "herefordshire-board-2018-10-23.json"])
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert database_contents(database).meetings == 1
    assert "1 meeting(s)" in page.intro.text()


def test_the_sample_data_opens_in_its_own_file_and_window(qtbot, database, tmp_path,
                                                          monkeypatch):
    from desktop.views.start import session as sessions

    sample_path = tmp_path / "sample" / "demo.db"
    monkeypatch.setattr(sessions, "sample_database_path", lambda: sample_path)
    window = _window(qtbot, database)
    page = window.stack.currentWidget()
    qtbot.mouseClick(page.sample_button, qtbot_left())

    def sample_window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w is not window and w.isVisible()), None)

    qtbot.waitUntil(lambda: sample_window() is not None, timeout=60_000)
    shown = sample_window()
    assert shown is not None
    try:
        assert "SAMPLE DATA" in shown.windowTitle()
        assert shown.findChild(QLabel, "sampleDataNote") is not None
        assert shown.database.path == sample_path.absolute()
        assert database_contents(shown.database).meetings >= 3
        assert database_contents(database).empty  # never mixed into the user's records
        assert "SAMPLE" not in window.windowTitle()
    finally:
        session = shown.session
        shown.backed_up_on_closing = True
        shown.close()
        qtbot.waitUntil(lambda: session.lock is None, timeout=10_000)  # the file let go
        session.release()
    assert session.database is None


def test_each_area_says_what_to_do_first_until_it_has_records(qtbot, database):
    window = _window(qtbot, database)
    texts = {}
    for area in AREAS:
        window.show_area(_row(area.object_name))
        banner = window.pages[_row(area.object_name)].findChild(EmptyState)
        assert banner is not None and banner.isVisible(), area.object_name
        texts[area.object_name] = banner.text.text()
        assert banner.buttons, area.object_name
    assert "board or group" in texts["meetingsArea"]
    assert "action log" in texts["actionsArea"]
    assert "New person (Ctrl+N)" in texts["peopleArea"]
    assert "No courses yet" in texts["trainingArea"]
    training = window.pages[_row("trainingArea")]
    banner = training.findChild(EmptyState)
    training.tabs.setCurrentWidget(training.history)
    assert "No bookings yet" in banner.text.text()
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window.context.notices.announce("meetings")
    meetings = window.pages[_row("meetingsArea")].findChild(EmptyState)
    assert not meetings.isVisible()


def test_the_empty_meetings_button_makes_a_board_first(qtbot, database, monkeypatch):
    from desktop.views.boards_panel import BoardsPanel

    made: list[str] = []
    monkeypatch.setattr(BoardsPanel, "new", lambda self: made.append("board"))
    window = _window(qtbot, database)
    window.show_area(_row("meetingsArea"))
    banner = window.pages[_row("meetingsArea")].findChild(EmptyState)
    qtbot.mouseClick(banner.buttons[0], qtbot_left())
    assert window.navigation.currentRow() == _row("peopleArea")
    people = window.pages[_row("peopleArea")]
    assert people.tabs.currentWidget() is people.boards


def test_help_getting_started_brings_the_page_back_with_what_is_held(qtbot, database):
    from PySide6.QtGui import QAction

    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = _window(qtbot, database)
    window.findChild(QAction, "startPage").trigger()
    page = window.stack.currentWidget()
    assert isinstance(page, StartPage)
    assert "25 people" in page.intro.text() and "HSCB, 23/10/2018" in page.intro.text()
    window.findChild(QAction, "goactionsArea").trigger()  # Ctrl+3 leaves it
    assert window.stack.currentWidget() is window.pages[_row("actionsArea")]
    assert window.findChild(QAction, "restoreBackup").text().startswith("Restore from")
    assert window.findChild(QAction, "checkDatabase") is not None
