"""No two things of one window answer the same Alt+letter, on any screen of the app."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QLabel, QTableView, QWidget

from desktop.services import meetings as svc
from desktop.services.actions.detail import action_detail
from desktop.services.meetings import list_meetings
from desktop.views.actions.detail import EditDialog, UpdateDialog, WithdrawDialog
from desktop.views.areas import AREAS, AppContext
from desktop.views.main_window import MainWindow
from desktop.views.meetings_page import MeetingDateDialog
from desktop.views.minute_taking.dialogs import QuickActionDialog
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.notices import Notices
from desktop.views.people_merge_dialog import MergeDialog
from desktop.views.recovery_key_dialog import RecoveryKeyDialog
from desktop.views.search_dialog import SearchDialog
from desktop.views.settings_dialog import SettingsDialog
from desktop.views.training.delegate_dialog import DelegateDialog
from desktop.views.training.forms import CourseDialog
from desktop.views.training.session_form import SessionDialog
from tests.conftest import import_sample
from tests.support.mnemonics import every_page, mnemonic, problems


def test_the_walker_sees_a_clash_and_a_literal_ampersand(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    first, second = QLabel("&Status:", window), QLabel("&Save", window)
    QLabel("&Time:", window)
    first.setBuddy(second)
    second.setBuddy(first)
    found = problems(window, "test")
    assert any("Alt+S" in line for line in found)
    assert any("'&Time:' shows a literal" in line for line in found)
    assert mnemonic("Tom && Jerry") is None and mnemonic("a &amp; b") is None


def test_every_area_of_the_main_window(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    found: list[str] = []
    for row, area in enumerate(AREAS):
        window.show_area(row)
        found += every_page(window, area.title)
    assert not found, "\n".join(found)
    # Tab moves between fields, never from cell to cell of a table.
    tabbing = [t.objectName() for t in window.findChildren(QTableView) if t.tabKeyNavigation()]
    assert not tabbing


def test_the_minute_taking_view_with_every_panel(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    meeting = list_meetings(database)[0].id
    view = MinuteTakingView(database, Notices(), meeting)
    qtbot.addWidget(view)
    view.show()
    view.find_bar.open(replace=True)
    view.go_to(next(i.id for i in view.record.items if i.number == "2"))  # matters arising
    assert view.matters.isVisible()
    assert not every_page(view, "taking minutes")
    view.saver.close()


def test_every_dialog(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json", "hertfordshire-2015-16.json")
    context = AppContext(database, Notices())
    person = svc.people_choices(database)[0].id
    action = action_detail(database, 1)
    dialogs: list[QDialog] = [
        QuickActionDialog(None, ["LB"], dt.date(2018, 10, 23)),
        MeetingDateDialog(None, "New meeting like this one", dt.date(2019, 1, 15), True),
        SettingsDialog(context), SearchDialog(database), MergeDialog(database, person),
        RecoveryKeyDialog("ABCD-EFGH", "/tmp/boardwork.db"),
        DelegateDialog(None, database, "Book a delegate"),
        CourseDialog(None, database, None), SessionDialog(None, database, None),
        UpdateDialog(None, "Action 1", lambda _u: None),
        EditDialog(None, action, lambda *_: None),
        WithdrawDialog(None, "Action 1", lambda *_: None),
    ]
    found: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        found += every_page(dialog, type(dialog).__name__)
    assert not found, "\n".join(found)
