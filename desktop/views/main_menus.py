"""The main window's menu bar (File, Go, Help) and what its own items open: automatic
backups, restore, settings, e-mail templates, search, the database check, the keyboard
shortcuts and About.

Separate from main_window.py, whose frame is painted before the data layer is imported:
this module is imported by `MainWindow.attach`, once the database is open and after the
first paint, so it and the Qt classes it needs (QAction, QKeySequence, QMessageBox) cost
the start nothing (benchmarks/FINDINGS.md, issue 19 session 7, "the start"). The dialogs
themselves are still imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence

from desktop import __version__
from desktop.views.areas import AREAS
from desktop.views.privacy.menu import add_privacy_menu

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from desktop.views.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    add = partial(add_action, window)
    file_menu = window.menuBar().addMenu("&File")
    window.file_actions.add_to(file_menu, add)
    file_menu.addSeparator()
    add(file_menu, "&Automatic backups…", "backupSettings", lambda: open_backup_settings(window))
    add(file_menu, "Restore from a bac&kup…", "restoreBackup", lambda: restore_backup(window))
    add(file_menu, "&Settings…", "settings", window.open_settings, "Ctrl+,")
    add(file_menu, "E-&mail templates…", "emailTemplates", lambda: open_email_templates(window))
    add_privacy_menu(file_menu, window, window.context, add)
    add(file_menu, "&Quit", "quit", window.close, QKeySequence.StandardKey.Quit)
    go_menu = window.menuBar().addMenu("&Go")
    for row, area in enumerate(AREAS):
        add(go_menu, area.title, "go" + area.object_name,
            lambda _=False, r=row: window.navigation.setCurrentRow(r), f"Ctrl+{row + 1}")
    add(go_menu, "&Board or group", "goBoardSelector", window.board_selector.setFocus, "Ctrl+B")
    go_menu.addSeparator()
    add(go_menu, "&Search minutes and actions…", "search", lambda: open_search(window), "Ctrl+F")
    help_menu = window.menuBar().addMenu("&Help")
    add(help_menu, "&Getting started", "startPage", window.show_start_page)
    add(help_menu, "&Check the database…", "checkDatabase", lambda: check_database(window))
    add(help_menu, "&Keyboard shortcuts", "shortcuts", lambda: show_shortcuts(window), "F1")
    add(help_menu, "&About Boardwork", "about", lambda: about(window))


def add_action(window: MainWindow, menu: QMenu, text: str, name: str,
               slot: Callable[..., Any],
               shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
    """One item of a menu, named for tests and the F1 list, owned by the window."""
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def restore_backup(window: MainWindow) -> None:
    from desktop.views.backups.restore_dialog import restore_from_backup

    restore_from_backup(window)


def check_database(window: MainWindow) -> None:
    from desktop.views.backups.check_dialog import CheckDialog

    CheckDialog(window).exec()


def open_search(window: MainWindow) -> None:
    from desktop.views.search_dialog import SearchDialog

    dialog = SearchDialog(window.database, window)
    dialog.open_hit.connect(window.go_to_hit)
    dialog.exec()


def open_email_templates(window: MainWindow) -> None:
    from desktop.views.outlook.templates_dialog import TemplatesDialog

    TemplatesDialog(window.context, window).exec()


def show_shortcuts(window: MainWindow) -> None:
    """F1: every key of the app, from the one list of them (desktop/views/shortcuts.py)."""
    from desktop.views.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog(window).exec()


def about(window: MainWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.text import escape

    QMessageBox.about(
        window,
        "About Boardwork",
        f"<h3>Boardwork {__version__}</h3><p>Your data: {escape(str(window.database.path))}"
        "</p><p>Everything is stored on this computer, encrypted. Nothing is sent over "
        "the network.</p><p>Runs on Windows 10 version 1903 or later, and Windows 11.</p>",
    )


def open_backup_settings(window: MainWindow) -> None:
    from desktop.views.backups.dialog import BackupDialog

    if BackupDialog(window.database, window).exec():
        window.auto_backup.check()  # a first copy at once in the folder just chosen
