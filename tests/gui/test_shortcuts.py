"""One list of shortcuts (desktop/views/shortcuts.py): F1 shows it whole, no key is given to
two things alive at once, and every key a screen answers is in it."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from desktop.services.meetings import list_meetings
from desktop.views.areas import AREAS
from desktop.views.main_window import MainWindow
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.notices import Notices
from desktop.views.shortcuts import SHORTCUTS, TAKING_MINUTES, Shortcut, clashes, same_keys
from desktop.views.shortcuts_dialog import ShortcutsDialog
from tests.conftest import import_sample
from tests.support.accessibility import live_shortcuts, shortcut_clashes
from tests.support.mnemonics import on_screen_with


def test_no_key_is_given_twice_where_both_work():
    assert not clashes()
    # The clash the audit found: Ctrl+B for the board selector and for booking a delegate.
    assert clashes((Shortcut("Ctrl+B", "Board or group"),
                    Shortcut("Ctrl+B", "Book delegate", "Training: sessions")))
    assert not clashes((Shortcut("Ctrl+N", "New person", "People and groups: people"),
                        Shortcut("Ctrl+N", "New agency", "People and groups: agencies")))
    assert not clashes((Shortcut("Ctrl+F", "Search"),
                        Shortcut("Ctrl+F", "Find in the minutes", TAKING_MINUTES)))


def test_f1_lists_every_shortcut(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    listed = dialog.listed()
    assert len(listed) == len(SHORTCUTS)
    assert [(s.keys, s.what, s.where) for s in SHORTCUTS] == listed  # in the list's order
    assert ("Ctrl+D", "Book a delegate", "Training: sessions") in listed
    assert any(keys == "Alt+Up" for keys, _w, _p in listed)
    assert not dialog.table.tabKeyNavigation()


def _unlisted(found: list[tuple[str, str]], window: str) -> list[str]:
    listed = [s for s in SHORTCUTS if (s.where == TAKING_MINUTES) == (window == TAKING_MINUTES)]
    return [f"{keys} ({what}) is not in desktop/views/shortcuts.py" for keys, what in found
            if not any(same_keys(keys, s.keys) for s in listed)]


def test_every_key_of_the_main_window_is_listed_and_none_clash(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    found: list[str] = []
    for row, area in enumerate(AREAS):
        window.show_area(row)
        found += _unlisted(live_shortcuts(window), "main") + shortcut_clashes(window, area.title)
        for stack in window.findChildren(QStackedWidget):
            if stack is window.stack or not on_screen_with(stack, window):
                continue
            for index in range(stack.count()):
                stack.setCurrentIndex(index)
                where = f"{area.title} / tab {index}"
                found += _unlisted(live_shortcuts(window), "main")
                found += shortcut_clashes(window, where)
    assert not found, "\n".join(sorted(set(found)))


def test_every_key_of_the_minute_taking_view_is_listed(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    view = MinuteTakingView(database, Notices(), list_meetings(database)[0].id)
    qtbot.addWidget(view)
    view.show()
    found = _unlisted(live_shortcuts(view), TAKING_MINUTES) + shortcut_clashes(view, "minutes")
    view.saver.close()
    assert not found, "\n".join(found)
